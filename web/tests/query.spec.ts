import { describe, expect, it } from 'vitest'
import {
  buildListQuery,
  clampPageSize,
  parseTableState,
  tableStateToRoute,
  toQueryString,
  toSearchParams,
  toSortOrder,
  type TableState,
} from '@/utils/query'

const defaults: TableState<{ certStatus: string; orgId: string; subtree: string }> = {
  page: 1,
  pageSize: 20,
  sort: '',
  order: '',
  q: '',
  filters: { certStatus: '', orgId: '', subtree: 'true' },
}

describe('toSearchParams', () => {
  it('drops empty values and serialises booleans and numbers', () => {
    const s = toSearchParams({ page: 2, q: '  张 ', frontline: false, orgId: '', x: undefined, y: null, n: Number.NaN })
    expect(s.toString()).toBe('page=2&q=%E5%BC%A0&frontline=false')
  })

  it('keeps parent= when asked (region roots)', () => {
    expect(toQueryString({ parent: '', page: 1 }, { keepEmpty: ['parent'] })).toBe('?parent=&page=1')
    expect(toQueryString({ parent: '' })).toBe('')
  })
})

describe('buildListQuery', () => {
  it('builds page, size, sort and non-empty filters', () => {
    const q = buildListQuery({ ...defaults, page: 3, sort: 'name', order: 'desc', q: ' 王 ', filters: { certStatus: 'expiring', orgId: '', subtree: 'true' } })
    expect(q).toEqual({ page: 3, pageSize: 20, sort: 'name', order: 'desc', q: '王', certStatus: 'expiring', subtree: 'true' })
  })

  it('omits sort without an order and clamps page size', () => {
    const q = buildListQuery({ ...defaults, sort: 'name', order: '', pageSize: 9999, page: 0 })
    expect(q).toEqual({ page: 1, pageSize: 500, subtree: 'true' })
  })
})

describe('clampPageSize', () => {
  it.each([
    [20, 20],
    [0, 20],
    [-1, 20],
    [501, 500],
    [Number.NaN, 20],
  ])('%s → %s', (input, out) => expect(clampPageSize(input)).toBe(out))
})

describe('parseTableState / tableStateToRoute', () => {
  it('restores state from the address bar', () => {
    const s = parseTableState({ page: '2', pageSize: '50', sort: 'name', order: 'asc', q: '李', certStatus: 'expired', other: 'x' }, defaults)
    expect(s).toEqual({ page: 2, pageSize: 50, sort: 'name', order: 'asc', q: '李', filters: { certStatus: 'expired', orgId: '', subtree: 'true' } })
  })

  it('ignores invalid values', () => {
    const s = parseTableState({ page: '-3', pageSize: '37', order: 'sideways' }, defaults)
    expect(s.page).toBe(1)
    expect(s.pageSize).toBe(20)
    expect(s.order).toBe('')
  })

  it('round-trips and omits defaults', () => {
    const state = { ...defaults, page: 4, q: '赵', filters: { certStatus: 'expiring', orgId: '7', subtree: 'true' } }
    const route = tableStateToRoute(state, defaults)
    expect(route).toEqual({ page: '4', q: '赵', certStatus: 'expiring', orgId: '7' })
    expect(parseTableState(route as Record<string, string>, defaults)).toEqual(state)
  })
})

describe('toSortOrder', () => {
  it('maps el-table orders', () => {
    expect(toSortOrder('ascending')).toBe('asc')
    expect(toSortOrder('descending')).toBe('desc')
    expect(toSortOrder(null)).toBe('')
  })
})
