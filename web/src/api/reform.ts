import { http } from './http'
import type { ReformOverview } from './types'

/** GET /reform/summary：本辖区全部县级执法局与乡镇执法办公室的改革指标，一次请求。 */
export function getReformSummary(): Promise<ReformOverview> {
  return http.get<ReformOverview>('/reform/summary')
}
