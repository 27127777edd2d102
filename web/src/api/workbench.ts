import { http } from './http'
import type { WorkbenchSummary } from './types'

/** GET /workbench/summary：工作台的全部计数，一次请求，只含计数、不记审计。 */
export function getWorkbenchSummary(): Promise<WorkbenchSummary> {
  return http.get<WorkbenchSummary>('/workbench/summary')
}
