import { describe, expect, it } from 'vitest'
import type { PublicCatalogItem } from '@/api/types'
import { delegatedSample, publicFacets, townshipOptions } from '@/utils/publicFacets'

const item = (id: string, domain: string, body: string, delegatedTo = 0): PublicCatalogItem => ({
  id,
  code: id,
  name: id,
  type: 'penalty',
  typeName: '行政处罚',
  domain,
  category: 'general',
  categoryName: '一般性',
  level: 'county',
  levelName: '县级',
  body: { id: body, name: `${body}局`, kind: 'bureau' },
  workingBody: null,
  mode: 'transfer',
  modeName: '划转',
  partial: false,
  delegatedTo,
  owner: { id: 'o', name: 'o', kind: 'department' },
  effectiveFrom: '2021-01-01',
  docNo: '',
})

describe('public portal facets', () => {
  it('counts domains and bodies, most items first', () => {
    const f = publicFacets([item('1', '城市管理', 'a'), item('2', '城市管理', 'a'), item('3', '市场监管', 'b')])
    expect(f.domains).toEqual([
      { value: '城市管理', label: '城市管理', count: 2 },
      { value: '市场监管', label: '市场监管', count: 1 },
    ])
    expect(f.bodies.map((b) => [b.label, b.count])).toEqual([['a局', 2], ['b局', 1]])
  })

  it('derives townships from delegations, by region code', () => {
    const body = (code: string, name: string) => ({
      subject: { id: code, name, kind: 'government' },
      workingBody: { id: `${code}-o`, name: name.replace(/(人民政府|办事处)$/, '') + '综合行政执法办公室', kind: 'township_office' },
      placeCode: code,
      docNo: '',
      effectiveFrom: '',
    })
    const t = townshipOptions([
      { delegations: [body('371521112000', '张秋镇人民政府'), body('371521001000', '博济桥街道办事处')] },
      { delegations: [body('371521112000', '张秋镇人民政府')] },
    ])
    expect(t.map((o) => o.label)).toEqual(['博济桥街道', '张秋镇'])
    expect(t[1]?.count).toBe(2)
  })

  it('samples the most widely delegated items', () => {
    const s = delegatedSample([item('1', 'x', 'a', 0), item('2', 'x', 'a', 18), item('3', 'x', 'a', 3)], 2)
    expect(s.map((i) => i.id)).toEqual(['2', '3'])
  })
})
