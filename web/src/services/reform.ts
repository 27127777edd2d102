// 改革指标总览：取县级综合行政执法局与乡镇（街道）综合行政执法办公室，逐个获取指标。

import { getOrgReform, listOrgs } from '@/api/orgs'
import type { Org, ReformCheck } from '@/api/types'
import { fetchAllPages } from '@/utils/export'
import { mapLimit } from '@/utils/async'
import { isNotFound } from '@/utils/errors'

export const REFORM_ORG_KINDS = ['bureau', 'township_office'] as const

export interface ReformRow {
  org: Org
  checks: ReformCheck[]
  /** 适用且未达标的指标数。 */
  failing: number
}

export async function loadReformOverview(): Promise<ReformRow[]> {
  const lists = await Promise.all(
    REFORM_ORG_KINDS.map((kind) =>
      fetchAllPages((page, pageSize) => listOrgs({ kind, page, pageSize })),
    ),
  )
  const orgs = lists.flatMap((l) => l.items)
  return mapLimit(orgs, 4, async (org) => {
    try {
      const report = await getOrgReform(org.id)
      const checks = report.checks ?? []
      return { org, checks, failing: countFailing(checks) }
    } catch (e) {
      if (isNotFound(e)) return { org, checks: [], failing: 0 }
      throw e
    }
  })
}

export function countFailing(checks: readonly ReformCheck[]): number {
  return checks.filter((c) => c.applies && !c.pass).length
}
