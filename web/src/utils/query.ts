// 列表查询参数的构造与解析（服务端分页、排序、筛选）。

import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { SortOrder } from '@/api/types'

export type QueryValue = string | number | boolean | null | undefined

export interface ToQueryOptions {
  /** 即使为空字符串也要发送的参数名，例如区划的 parent= 表示辖区根节点。 */
  keepEmpty?: readonly string[]
}

/**
 * 把参数对象转成 URLSearchParams：丢弃 undefined / null / 空字符串（keepEmpty 中的除外），
 * 布尔值写成 true/false，数字写成十进制。键按原顺序输出。
 */
export function toSearchParams(
  params: Record<string, QueryValue>,
  options: ToQueryOptions = {},
): URLSearchParams {
  const out = new URLSearchParams()
  const keep = new Set(options.keepEmpty ?? [])
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) {
      if (keep.has(key)) out.append(key, '')
      continue
    }
    if (typeof value === 'string') {
      const trimmed = value.trim()
      if (trimmed === '' && !keep.has(key)) continue
      out.append(key, trimmed)
      continue
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) continue
      out.append(key, String(value))
      continue
    }
    out.append(key, value ? 'true' : 'false')
  }
  return out
}

export function toQueryString(
  params: Record<string, QueryValue>,
  options: ToQueryOptions = {},
): string {
  const s = toSearchParams(params, options).toString()
  return s ? `?${s}` : ''
}

/** 表格状态：筛选值统一为字符串（'' 表示不筛选），方便与地址栏同步。 */
export interface TableState<F extends Record<string, string>> {
  page: number
  pageSize: number
  sort: string
  order: SortOrder | ''
  q: string
  filters: F
}

export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 500

/** 由表格状态构造发给后端的列表参数。 */
export function buildListQuery<F extends Record<string, string>>(
  state: TableState<F>,
): Record<string, string | number> {
  const query: Record<string, string | number> = {
    page: Math.max(1, Math.floor(state.page) || 1),
    pageSize: clampPageSize(state.pageSize),
  }
  if (state.sort && state.order) {
    query.sort = state.sort
    query.order = state.order
  }
  const q = state.q.trim()
  if (q) query.q = q
  for (const [key, value] of Object.entries(state.filters)) {
    const v = value.trim()
    if (v !== '') query[key] = v
  }
  return query
}

export function clampPageSize(size: number): number {
  const n = Math.floor(Number(size))
  if (!Number.isFinite(n) || n < 1) return DEFAULT_PAGE_SIZE
  return Math.min(n, MAX_PAGE_SIZE)
}

function firstString(v: LocationQuery[string] | undefined): string {
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : ''
  return typeof v === 'string' ? v : ''
}

/** 从地址栏恢复表格状态（深链接、刷新后保持筛选）。未知或非法值回落到默认值。 */
export function parseTableState<F extends Record<string, string>>(
  query: LocationQuery,
  defaults: TableState<F>,
): TableState<F> {
  const page = Number.parseInt(firstString(query.page), 10)
  const pageSize = Number.parseInt(firstString(query.pageSize), 10)
  const order = firstString(query.order)
  const filters = { ...defaults.filters }
  for (const key of Object.keys(filters) as (keyof F & string)[]) {
    if (key in query) filters[key] = firstString(query[key]) as F[typeof key]
  }
  return {
    page: Number.isFinite(page) && page > 0 ? page : defaults.page,
    pageSize: PAGE_SIZES.includes(pageSize as (typeof PAGE_SIZES)[number])
      ? pageSize
      : defaults.pageSize,
    sort: firstString(query.sort) || defaults.sort,
    order: order === 'asc' || order === 'desc' ? order : defaults.order,
    q: firstString(query.q) || defaults.q,
    filters,
  }
}

/** 写回地址栏的查询参数：省略默认值，保持链接简短。 */
export function tableStateToRoute<F extends Record<string, string>>(
  state: TableState<F>,
  defaults: TableState<F>,
): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (state.page !== defaults.page) out.page = String(state.page)
  if (state.pageSize !== defaults.pageSize) out.pageSize = String(state.pageSize)
  if (state.sort && state.order && (state.sort !== defaults.sort || state.order !== defaults.order)) {
    out.sort = state.sort
    out.order = state.order
  }
  if (state.q.trim()) out.q = state.q.trim()
  for (const [key, value] of Object.entries(state.filters)) {
    if (value !== '' && value !== defaults.filters[key]) out[key] = value
  }
  return out
}

/** el-table 的 sort-change 事件顺序值转成接口的 asc/desc。 */
export function toSortOrder(order: string | null | undefined): SortOrder | '' {
  if (order === 'ascending') return 'asc'
  if (order === 'descending') return 'desc'
  return ''
}

export function toTableOrder(order: SortOrder | ''): 'ascending' | 'descending' | null {
  if (order === 'asc') return 'ascending'
  if (order === 'desc') return 'descending'
  return null
}
