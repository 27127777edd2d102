// 导入错误清单：服务端逐行、逐列报告全部错误；同一行的错误在表格中排在一起。

import type { ApiErrorDetail } from '@/api/types'

export interface GroupedDetail {
  detail: ApiErrorDetail
  /** 行号单元格向下合并的行数：组内第一条为该行错误数，其余为 0。 */
  span: number
  /** 该行共有几处错误。 */
  count: number
  /** 第几组（从 0 起），用于相邻组的底色区分。 */
  group: number
}

/** 按行号排序（无行号的整体错误在前，同一行内保持服务端给出的顺序）并分组。 */
export function groupByRow(details: readonly ApiErrorDetail[]): GroupedDetail[] {
  const sorted = details
    .map((detail, i) => ({ detail, i }))
    .sort((a, b) => (a.detail.row ?? 0) - (b.detail.row ?? 0) || a.i - b.i)
    .map((x) => x.detail)
  const out: GroupedDetail[] = []
  let group = -1
  for (let i = 0; i < sorted.length; ) {
    const row = sorted[i]!.row
    let j = i
    while (j < sorted.length && sorted[j]!.row === row) j++
    group++
    for (let k = i; k < j; k++) out.push({ detail: sorted[k]!, span: k === i ? j - i : 0, count: j - i, group })
    i = j
  }
  return out
}

/** 有错误的行数（无行号的整体错误不计）。 */
export function rowsWithErrors(details: readonly ApiErrorDetail[]): number {
  return new Set(details.flatMap((d) => (d.row === undefined ? [] : [d.row]))).size
}
