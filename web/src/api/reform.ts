import { http } from './http'
import type { EffectiveReformRules, ReformOverview, ReformRules } from './types'

/** GET /reform-rules：regionCode 为空时取本辖区根节点适用的阈值。 */
export function getReformRules(regionCode?: string): Promise<EffectiveReformRules> {
  return http.get<EffectiveReformRules>('/reform-rules', { query: { regionCode } })
}

export function setReformRules(regionCode: string, rules: ReformRules): Promise<EffectiveReformRules> {
  return http.put<EffectiveReformRules>(`/reform-rules/${encodeURIComponent(regionCode)}`, rules)
}

/** GET /reform/summary：本辖区全部县级执法局与乡镇执法办公室的改革指标，一次请求。 */
export function getReformSummary(): Promise<ReformOverview> {
  return http.get<ReformOverview>('/reform/summary')
}
