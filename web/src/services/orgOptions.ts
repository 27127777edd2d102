// 按机构类型取机构（业务主管部门、综合行政执法局、乡镇执法办公室），同一类型只取一次。
import { listOrgs } from '@/api/orgs'
import type { Org } from '@/api/types'
import { fetchAllPages } from '@/utils/export'

const cache = new Map<string, Promise<Org[]>>()

export function orgsOfKind(kind: string): Promise<Org[]> {
  let p = cache.get(kind)
  if (!p) {
    p = fetchAllPages((page, pageSize) => listOrgs({ kind, page, pageSize, sort: 'name', order: 'asc' }))
      .then((r) => r.items)
      .catch((e: unknown) => {
        cache.delete(kind)
        throw e
      })
    cache.set(kind, p)
  }
  return p
}
