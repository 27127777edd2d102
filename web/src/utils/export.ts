// “导出当前视图到 Excel”：按当前筛选拉取全部分页，在浏览器端生成 .xlsx。

import type { Page } from '@/api/types'
import { MAX_PAGE_SIZE } from './query'

export type CellValue = string | number | boolean | Date | null

export interface ExportColumn<T> {
  header: string
  value: (row: T) => CellValue | undefined
  width?: number
}

/** 导出最多行数，避免一次拉取过量数据。 */
export const EXPORT_ROW_LIMIT = 20000

/** 行对象 → 二维表（首行为表头）。undefined 记为空单元格。 */
export function toSheetRows<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): CellValue[][] {
  const out: CellValue[][] = [columns.map((c) => c.header)]
  for (const row of rows) {
    out.push(
      columns.map((c) => {
        const v = c.value(row)
        if (v === undefined) return null
        if (typeof v === 'number' && !Number.isFinite(v)) return null
        return v
      }),
    )
  }
  return out
}

/** 依次拉取所有分页（pageSize 最大 500），直到取满 total 或遇到空页。 */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
  pageSize = MAX_PAGE_SIZE,
  limit = EXPORT_ROW_LIMIT,
): Promise<{ items: T[]; total: number; truncated: boolean }> {
  const size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE)
  const items: T[] = []
  let total = 0
  for (let page = 1; ; page++) {
    const res = await fetchPage(page, size)
    total = res.total
    items.push(...res.items)
    if (res.items.length === 0 || items.length >= res.total || items.length >= limit) break
  }
  const truncated = items.length > limit || total > limit
  return { items: items.slice(0, limit), total, truncated }
}

export function exportFileName(title: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`
  return `${title.replace(/[\\/:*?"<>|]/g, '_')}-${stamp}.xlsx`
}

/** 写出 .xlsx；write-excel-file 按需动态加载，不进入首屏包。 */
export async function writeXlsx<T>(
  fileName: string,
  sheetName: string,
  rows: readonly T[],
  columns: readonly ExportColumn<T>[],
): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser')
  const data = toSheetRows(rows, columns).map((r, i) =>
    r.map((value) => (value === null ? null : i === 0 ? { value, fontWeight: 'bold' as const } : value)),
  )
  await writeXlsxFile(data, {
    sheet: sheetName.slice(0, 31),
    columns: columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 4) })),
    stickyRowsCount: 1,
  }).toFile(fileName)
}
