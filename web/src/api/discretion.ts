// 裁量基准接口（internal/discretion/http.go，docs/discretion.md）。
import { http } from './http'
import type {
  Benchmark,
  BenchmarkDetail,
  BenchmarkInput,
  BenchmarkListParams,
  BenchmarkSummary,
  BenchmarkUpdateInput,
  DiscretionVocabulary,
  EvaluateRequest,
  EvaluateResult,
  Page,
  Proposal,
  PublishInput,
  RepealInput,
} from './types'

const seg = (id: string) => encodeURIComponent(id)

export function getDiscretionVocabulary(): Promise<DiscretionVocabulary> {
  return http.get<DiscretionVocabulary>('/discretion/vocabulary')
}

export function listBenchmarks(params: BenchmarkListParams): Promise<Page<BenchmarkSummary>> {
  return http.get<Page<BenchmarkSummary>>('/discretion/benchmarks', { query: { ...params } })
}

export function getBenchmark(id: string): Promise<BenchmarkDetail> {
  return http.get<BenchmarkDetail>(`/discretion/benchmarks/${seg(id)}`)
}

export function createBenchmark(input: BenchmarkInput): Promise<Benchmark> {
  return http.post<Benchmark>('/discretion/benchmarks', input)
}

/** 修改草稿；revision 为读取时草稿的 revision，他人已改动时答 409 STALE。 */
export function updateBenchmark(id: string, input: BenchmarkUpdateInput): Promise<Benchmark> {
  return http.put<Benchmark>(`/discretion/benchmarks/${seg(id)}`, input)
}

export function deleteBenchmark(id: string): Promise<void> {
  return http.del(`/discretion/benchmarks/${seg(id)}`)
}

export function reviseBenchmark(id: string): Promise<Benchmark> {
  return http.post<Benchmark>(`/discretion/benchmarks/${seg(id)}/revise`)
}

export function publishBenchmark(id: string, input: PublishInput): Promise<Benchmark> {
  return http.post<Benchmark>(`/discretion/benchmarks/${seg(id)}/publish`, input)
}

export function repealBenchmark(id: string, input: RepealInput): Promise<Benchmark> {
  return http.post<Benchmark>(`/discretion/benchmarks/${seg(id)}/repeal`, input)
}

/** 按辖区划分规则生成档次建议（不保存）。 */
export function proposeTiers(input: { itemId: string; date?: string; regionCode?: string }): Promise<Proposal> {
  return http.post<Proposal>('/discretion/propose', input)
}

export function evaluateDiscretion(input: EvaluateRequest): Promise<EvaluateResult> {
  return http.post<EvaluateResult>('/discretion/evaluate', input)
}
