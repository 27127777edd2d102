// 改革指标总览：一次请求取本辖区县级综合行政执法局与乡镇（街道）综合行政执法办公室的全部指标。

import { getReformSummary } from '@/api/reform'
import type { Id, ReformCheck, ReformReport } from '@/api/types'

export interface ReformRow {
  org: { id: Id; name: string; kind: string; kindName: string; regionName: string }
  checks: ReformCheck[]
  /** 适用且未达标的指标数。 */
  failing: number
}

export function toReformRow(r: ReformReport): ReformRow {
  const checks = r.checks ?? []
  return {
    org: { id: r.orgId, name: r.orgName, kind: r.kind, kindName: r.kindName, regionName: r.regionName },
    checks,
    failing: countFailing(checks),
  }
}

export async function loadReformOverview(): Promise<ReformRow[]> {
  const ov = await getReformSummary()
  return (ov.reports ?? []).map(toReformRow)
}

export function countFailing(checks: readonly ReformCheck[]): number {
  return checks.filter((c) => c.applies && !c.pass).length
}
