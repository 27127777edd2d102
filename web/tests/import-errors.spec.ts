import { describe, expect, it } from 'vitest'
import { groupByRow, rowsWithErrors } from '@/utils/importErrors'

describe('groupByRow', () => {
  const details = [
    { row: 5, field: 'name', code: 'A', message: '第5行：a' },
    { row: 3, field: 'code', code: 'B', message: '第3行：b' },
    { row: 5, field: 'phone', code: 'C', message: '第5行：c' },
    { row: 3, field: 'name', code: 'D', message: '第3行：d' },
    { row: 3, field: 'postType', code: 'E', message: '第3行：e' },
    { code: 'F', message: '整体错误' },
  ]

  it('puts the errors of one row together, in row order, keeping their order within the row', () => {
    const g = groupByRow(details)
    expect(g.map((x) => x.detail.code)).toEqual(['F', 'B', 'D', 'E', 'A', 'C'])
    expect(g.map((x) => x.span)).toEqual([1, 3, 0, 0, 2, 0])
    expect(g.map((x) => x.count)).toEqual([1, 3, 3, 3, 2, 2])
    expect(g.map((x) => x.group)).toEqual([0, 1, 1, 1, 2, 2])
  })

  it('counts the rows with errors', () => {
    expect(rowsWithErrors(details)).toBe(2)
    expect(rowsWithErrors([])).toBe(0)
  })
})
