import { http, path } from './http'
import type { Page, Region, RegionDetail, RegionListParams } from './types'

/** GET /regions；parent 为空字符串时返回本人辖区的根节点。 */
export function listRegions(params: RegionListParams): Promise<Page<Region>> {
  const { parent, ...rest } = params
  return http.get<Page<Region>>('/regions', {
    query: { ...rest, parent },
    queryOptions: { keepEmpty: parent === undefined ? [] : ['parent'] },
  })
}

export function getRegion(code: string): Promise<RegionDetail> {
  return http.get<RegionDetail>(path`/regions/${code}`)
}
