import { http } from './http'
import type { PublicSummary } from './types'

export function fetchPublicSummary(): Promise<PublicSummary> {
  return http.get<PublicSummary>('/public/summary', { silent401: true })
}
