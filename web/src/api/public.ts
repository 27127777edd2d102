import { http } from './http'
import type {
  Page,
  PublicCatalogDetail,
  PublicCatalogItem,
  PublicCatalogParams,
  PublicSummary,
  PublishedBenchmark,
} from './types'

export function fetchPublicSummary(): Promise<PublicSummary> {
  return http.get<PublicSummary>('/public/summary', { silent401: true })
}

/** 公开的权责清单：今日施行的已发布事项及行使主体（无需登录）。 */
export function listPublicCatalog(params: PublicCatalogParams): Promise<Page<PublicCatalogItem>> {
  return http.get<Page<PublicCatalogItem>>('/public/catalog', { query: { ...params }, silent401: true })
}

export function getPublicCatalogItem(id: string): Promise<PublicCatalogDetail> {
  return http.get<PublicCatalogDetail>(`/public/catalog/${encodeURIComponent(id)}`, { silent401: true })
}

/** 今日施行的裁量基准（行政处罚法第三十四条）。 */
export function listPublicDiscretion(params: { itemId?: string; itemCode?: string; q?: string; page?: number; pageSize?: number }): Promise<Page<PublishedBenchmark>> {
  return http.get<Page<PublishedBenchmark>>('/public/discretion', { query: { ...params }, silent401: true })
}
