import { describe, expect, it } from 'vitest'
import type { EventCategory } from '@/api/events'
import { formatKm2, townshipCounts, townshipsOf, workerNames } from '@/utils/grids'
import { categoryTree, newSubclass, nextSubclassCode, parseItemCodes, rowLabel, toEditable, toInput } from '@/utils/eventCategories'

describe('grids', () => {
  it('shows areas in km² with two decimals', () => {
    expect(formatKm2(1234567)).toBe('1.23')
    expect(formatKm2(0)).toBe('0.00')
    expect(formatKm2(5_000)).toBe('0.01')
    expect(formatKm2(undefined)).toBe('')
    expect(formatKm2(Number.NaN)).toBe('')
  })

  it('joins the workers by name, falling back to the username', () => {
    expect(workerNames([{ name: '张三', username: 'zs' }, { name: '', username: 'grid' }])).toBe('张三、grid')
    expect(workerNames([])).toBe('')
    expect(workerNames(null)).toBe('')
  })

  it('lists the townships of an import result and of a grid layer', () => {
    expect(townshipCounts({ 张秋镇: 3, 博济桥街道: 5 })).toEqual([
      { name: '博济桥街道', count: 5 },
      { name: '张秋镇', count: 3 },
    ])
    expect(townshipCounts({ '': 1 })).toEqual([{ name: '（未识别）', count: 1 }])
    expect(townshipCounts(undefined)).toEqual([])
    const f = (townshipCode: string, townshipName: string) => ({
      type: 'Feature' as const,
      geometry: null,
      properties: { code: '', name: '', kind: 'basic', kindName: '', purpose: '', townshipCode, townshipName, villageName: '', teamName: '' },
    })
    expect(townshipsOf({ features: [f('371521112000', '张秋镇'), f('371521001000', '博济桥街道'), f('371521112000', '张秋镇'), f('', '')] })).toEqual([
      { code: '371521001000', name: '博济桥街道' },
      { code: '371521112000', name: '张秋镇' },
    ])
  })
})

const cat = (code: string, parentCode: string, name: string, extra: Partial<EventCategory> = {}): EventCategory => ({
  code,
  parentCode,
  name,
  kind: code.startsWith('BJ') ? 'part' : 'event',
  itemCodes: [],
  ownerOrgId: '',
  ownerName: '',
  registerMinutes: parentCode ? 30 : 0,
  handleAmount: parentCode ? 4 : 0,
  handleUnit: parentCode ? 'hours' : '',
  sort: 0,
  ...extra,
})

describe('event categories', () => {
  const national = [
    cat('SJ05', '', '街面秩序'),
    cat('SJ0501', 'SJ05', '占道经营', { itemCodes: ['A01', 'A02'] }),
    cat('SJ0502', 'SJ05', '店外经营'),
    cat('SJ06', '', '其他事件'),
    cat('SJ0601', 'SJ06', '其他事件', { handleAmount: 5, handleUnit: 'days' }),
  ]

  it('builds the tree of major classes and their subclasses', () => {
    const rows = national.map(toEditable)
    const tree = categoryTree(rows)
    expect(tree.map((n) => [n.cat.code, n.children?.map((c) => c.cat.code)])).toEqual([
      ['SJ05', ['SJ0501', 'SJ0502']],
      ['SJ06', ['SJ0601']],
    ])
    expect(rows[1]!.itemCodesText).toBe('A01, A02')
  })

  it('submits every row in tree order with the fields the server takes', () => {
    const rows = national.map(toEditable)
    rows[1]!.handleAmount = 6
    rows[1]!.itemCodesText = 'A01，A03、 A01'
    rows[1]!.name = ' 占道经营 '
    // 新增的小类放在最后也按大类提交
    rows.push(newSubclass(rows[0]!, rows))
    const input = toInput(rows)
    expect(input.map((c) => c.code)).toEqual(['SJ05', 'SJ0501', 'SJ0502', 'SJ0503', 'SJ06', 'SJ0601'])
    expect(input[1]).toEqual({
      code: 'SJ0501',
      parentCode: 'SJ05',
      name: '占道经营',
      kind: 'event',
      itemCodes: ['A01', 'A03'],
      ownerOrgId: '',
      registerMinutes: 30,
      handleAmount: 6,
      handleUnit: 'hours',
    })
    expect(input[0]).toMatchObject({ itemCodes: [], registerMinutes: 0, handleAmount: 0, handleUnit: '' })
    expect(input[3]).toMatchObject({ parentCode: 'SJ05', kind: 'event', registerMinutes: 30, handleAmount: 1, handleUnit: 'days' })
    expect(Object.keys(input[0]!).sort()).toEqual(
      ['code', 'parentCode', 'name', 'kind', 'itemCodes', 'ownerOrgId', 'registerMinutes', 'handleAmount', 'handleUnit'].sort(),
    )
  })

  it('numbers a new subclass after the largest one of its major class', () => {
    expect(nextSubclassCode('SJ05', national)).toBe('SJ0503')
    expect(nextSubclassCode('SJ07', national)).toBe('SJ0701')
    const a = newSubclass(national[0]!, national.map(toEditable))
    const b = newSubclass(national[0]!, national.map(toEditable))
    expect(a.key).not.toBe(b.key)
    expect(a.isNew).toBe(true)
  })

  it('parses item codes and names the row of an error', () => {
    expect(parseItemCodes(' a, b；c  d,,a ')).toEqual(['a', 'b', 'c', 'd'])
    expect(parseItemCodes('')).toEqual([])
    const payload = toInput(national.map(toEditable))
    expect(rowLabel(payload, 2)).toBe('SJ0501 占道经营')
    expect(rowLabel(payload, 99)).toBe('第99项')
  })
})
