import { reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Sort } from 'element-plus'
import type { Page } from '@/api/types'
import {
  DEFAULT_PAGE_SIZE,
  buildListQuery,
  parseTableState,
  tableStateToRoute,
  toSortOrder,
  toTableOrder,
  type TableState,
} from '@/utils/query'
import { exportFileName, fetchAllPages, writeXlsx, type ExportColumn } from '@/utils/export'
import { showError, showSuccess, showWarning } from './feedback'

export interface ServerTableOptions<T, F extends Record<string, string>> {
  fetch: (query: Record<string, string | number>) => Promise<Page<T>>
  filters: F
  sort?: string
  order?: 'asc' | 'desc'
  pageSize?: number
  /** 把分页、排序与筛选同步到地址栏（刷新与深链接保持状态）。 */
  syncUrl?: boolean
}

/** 服务端分页、排序、筛选的表格状态，以及“导出当前视图”。 */
export function useServerTable<T, F extends Record<string, string>>(options: ServerTableOptions<T, F>) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name
  const defaults: TableState<F> = {
    page: 1,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    sort: options.sort ?? '',
    order: options.order ?? '',
    q: '',
    filters: { ...options.filters },
  }
  const initial = options.syncUrl ? parseTableState(route.query, defaults) : { ...defaults, filters: { ...defaults.filters } }

  const page = ref(initial.page)
  const pageSize = ref(initial.pageSize)
  const sort = ref(initial.sort)
  const order = ref(initial.order)
  const q = ref(initial.q)
  const filters = reactive({ ...initial.filters }) as F
  const rows = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const exporting = ref(false)
  const loaded = ref(false)
  let seq = 0

  function state(): TableState<F> {
    return { page: page.value, pageSize: pageSize.value, sort: sort.value, order: order.value, q: q.value, filters: { ...filters } }
  }

  async function load(): Promise<void> {
    const current = state()
    if (options.syncUrl) {
      const query = tableStateToRoute(current, defaults)
      if (JSON.stringify(query) !== JSON.stringify(route.query)) void router.replace({ query })
    }
    const mySeq = ++seq
    loading.value = true
    try {
      const res = await options.fetch(buildListQuery(current))
      if (mySeq !== seq) return
      rows.value = res.items ?? []
      total.value = res.total ?? 0
      // 删除或筛选后当前页越界时回到最后一页。
      if (rows.value.length === 0 && total.value > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(total.value / pageSize.value))
        await load()
      }
    } catch (e) {
      if (mySeq === seq) {
        rows.value = []
        total.value = 0
        showError(e)
      }
    } finally {
      if (mySeq === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }

  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function reset(): Promise<void> {
    q.value = ''
    Object.assign(filters, defaults.filters)
    sort.value = defaults.sort
    order.value = defaults.order
    return search()
  }

  function onSortChange(e: { prop: string | null; order: string | null }): void {
    const o = toSortOrder(e.order)
    sort.value = o && e.prop ? e.prop : ''
    order.value = o
    void search()
  }

  function onPageChange(p: number): void {
    page.value = p
    void load()
  }

  function onSizeChange(size: number): void {
    pageSize.value = size
    page.value = 1
    void load()
  }

  /** 按当前筛选与排序拉取全部页并导出为 .xlsx。 */
  async function exportAll(title: string, columns: readonly ExportColumn<T>[]): Promise<void> {
    exporting.value = true
    try {
      const base = buildListQuery(state())
      const { items, total: all, truncated } = await fetchAllPages((p, size) =>
        options.fetch({ ...base, page: p, pageSize: size }),
      )
      if (items.length === 0) {
        showWarning('当前筛选条件下没有可导出的数据')
        return
      }
      await writeXlsx(exportFileName(title), title, items, columns)
      if (truncated) showWarning(`数据量较大，仅导出前 ${items.length} 条（共 ${all} 条），请缩小筛选范围`)
      else showSuccess(`已导出 ${items.length} 条记录`)
    } catch (e) {
      showError(e)
    } finally {
      exporting.value = false
    }
  }

  const defaultSort = (): Sort | undefined => {
    const o = toTableOrder(order.value)
    return sort.value && o ? { prop: sort.value, order: o } : undefined
  }

  // 同一路由内地址栏被外部修改（如工作台跳转带筛选）时重新载入。
  if (options.syncUrl) {
    watch(
      () => route.query,
      (query) => {
        if (route.name !== routeName) return
        const next = parseTableState(query, defaults)
        const cur = state()
        const expected = tableStateToRoute(cur, defaults)
        if (JSON.stringify(expected) === JSON.stringify(tableStateToRoute(next, defaults))) return
        page.value = next.page
        pageSize.value = next.pageSize
        sort.value = next.sort
        order.value = next.order
        q.value = next.q
        Object.assign(filters, next.filters)
        void load()
      },
    )
  }

  return {
    rows,
    total,
    loading,
    loaded,
    exporting,
    page,
    pageSize,
    sort,
    order,
    q,
    filters,
    load,
    search,
    reset,
    onSortChange,
    onPageChange,
    onSizeChange,
    exportAll,
    defaultSort,
  }
}

/** useServerTable 的返回值（列表页组件 FilterBar、PagedTable 以它为参数）。 */
export type ServerTable<T, F extends Record<string, string> = Record<string, string>> = ReturnType<typeof useServerTable<T, F>>
