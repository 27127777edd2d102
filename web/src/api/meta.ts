import { http } from './http'
import type { Meta } from './types'

export function fetchMeta(): Promise<Meta> {
  return http.get<Meta>('/meta')
}
