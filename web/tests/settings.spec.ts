import { describe, expect, it } from 'vitest'
import type { SettingChange, SettingEntry, SettingKind, SettingLevel, SettingView } from '@/api/types'
import {
  describeSettingChange,
  fieldRange,
  formatSettingValue,
  fromSettingForm,
  inheritedSourceText,
  numeric,
  settingSourceText,
  settingSourceWithBasis,
  toSettingForm,
} from '@/utils/settings'

const kind: SettingKind = {
  key: 'test.limits',
  name: '测试期限',
  description: '',
  read: 'catalog.read',
  write: 'catalog.write',
  national: { days: 30, ratio: 5, fine: 1000000, header: '决定书', hearing: true },
  nationalBasis: '全国默认',
  fields: [
    { name: 'days', label: '办理期限', type: 'integer', unit: '天', min: 5, max: 90 },
    { name: 'ratio', label: '抽查比例', type: 'percent', min: 0, max: 100 },
    { name: 'fine', label: '听证金额', type: 'yuan', min: 0, max: 100000000 },
    { name: 'header', label: '文书抬头', type: 'text', min: 0, max: 20 },
    { name: 'hearing', label: '告知听证', type: 'boolean', min: 0, max: 0 },
  ],
}

const national: SettingEntry = { regionCode: '', regionName: '全国默认', value: kind.national, basis: '全国默认' }
const county: SettingEntry = {
  regionCode: '371521000000',
  regionName: '阳谷县',
  value: { ...(kind.national as object), days: 45 },
  basis: '阳政办发〔2024〕3号',
}

function view(regionCode: string, levels: SettingLevel[]): SettingView {
  const set = levels.filter((l) => l.own)
  const effective = set[set.length - 1]?.own ?? national
  const last = levels[levels.length - 1]
  return {
    kind,
    regionCode,
    regionName: last?.regionName ?? '',
    effective,
    own: last?.regionCode === regionCode ? (last.own ?? null) : null,
    chain: levels,
    writable: true,
  }
}

describe('formatSettingValue', () => {
  it.each([
    ['days', 45, '45 天'],
    ['ratio', 20, '20%'],
    ['fine', 300000, '3,000元'],
    ['header', '阳谷县', '阳谷县'],
    ['header', '', '（空）'],
    ['hearing', true, '是'],
    ['hearing', false, '否'],
    ['days', undefined, '—'],
  ])('%s = %s → %s', (name, value, text) => {
    const f = kind.fields.find((x) => x.name === name)!
    expect(formatSettingValue(f, value)).toBe(text)
  })

  it('shows a choice by its label and gives ranges to numbers only', () => {
    const mode = {
      name: 'midpoint',
      label: '中间值检查',
      type: 'choice',
      min: 0,
      max: 0,
      options: [
        { value: 'off', label: '不检查' },
        { value: 'warning', label: '提醒' },
      ],
    } as SettingKind['fields'][number]
    expect(formatSettingValue(mode, 'warning')).toBe('提醒')
    expect(formatSettingValue(mode, 'strange')).toBe('strange')
    expect(numeric(mode)).toBe(false)
    expect(numeric(kind.fields.find((x) => x.name === 'header')!)).toBe(false)
    expect(numeric(kind.fields.find((x) => x.name === 'fine')!)).toBe(true)
  })
})

describe('where a value comes from', () => {
  const chain: SettingLevel[] = [
    { regionCode: '', regionName: '全国默认', own: national },
    { regionCode: '370000000000', regionName: '山东省', own: null },
    { regionCode: '371521000000', regionName: '阳谷县', own: county },
    { regionCode: '371521100000', regionName: '阿城镇', own: null },
  ]

  it('names the county a township inherits from, with its basis', () => {
    const v = view('371521100000', chain)
    expect(settingSourceText(v)).toBe('采用 阳谷县 的设置')
    expect(settingSourceWithBasis(v)).toBe('采用 阳谷县 的设置，依据 阳政办发〔2024〕3号')
  })

  it('names the national default and the region’s own value', () => {
    expect(settingSourceText(view('371521100000', [chain[0]!, chain[1]!, { ...chain[2]!, own: null }, chain[3]!]))).toBe('全国默认值')
    expect(settingSourceText(view('371521000000', chain.slice(0, 3)))).toBe('本级（阳谷县）的设置')
  })

  it('says what a region uses once it withdraws its own value', () => {
    expect(inheritedSourceText(view('371521000000', chain.slice(0, 3)))).toBe('全国默认值')
    const town = { ...chain[3]!, own: { ...county, regionCode: '371521100000', regionName: '阿城镇' } }
    expect(inheritedSourceText(view('371521100000', [...chain.slice(0, 3), town]))).toBe('阳谷县 的设置')
  })
})

describe('form values', () => {
  it('edits money in yuan and sends it in fen; trims text', () => {
    const form = toSettingForm(kind, { days: 45, ratio: 20, fine: 300050, header: '阳谷县', hearing: false })
    expect(form).toEqual({ days: 45, ratio: 20, fine: 3000.5, header: '阳谷县', hearing: false })
    expect(fromSettingForm(kind, { ...form, header: '  阳谷县 ', fine: 12.345 })).toEqual({
      days: 45,
      ratio: 20,
      fine: 1235,
      header: '阳谷县',
      hearing: false,
    })
    expect(fieldRange(kind.fields[2]!)).toEqual({ min: 0, max: 1000000 })
    expect(fieldRange(kind.fields[0]!)).toEqual({ min: 5, max: 90 })
  })
})

describe('describeSettingChange', () => {
  const base: SettingChange = {
    id: '1', kind: 'test.limits', regionCode: '371521000000', action: 'set', before: null, after: null,
    basisBefore: '', basis: '', reason: '', changedAt: '', changedBy: '', changedByName: '',
  }
  it('lists every value of a first setting', () => {
    expect(describeSettingChange(kind, { ...base, after: kind.national })).toEqual([
      '办理期限 30 天', '抽查比例 5%', '听证金额 10,000元', '文书抬头 决定书', '告知听证 是',
    ])
  })
  it('lists only what changed', () => {
    const before = kind.national as Record<string, unknown>
    expect(describeSettingChange(kind, { ...base, before, after: { ...before, days: 60 } })).toEqual(['办理期限：30 天 → 60 天'])
    expect(describeSettingChange(kind, { ...base, before, after: before })).toEqual(['取值未变'])
  })
  it('says a withdrawal falls back to the levels above', () => {
    expect(describeSettingChange(kind, { ...base, action: 'clear', before: kind.national })).toEqual(['撤销本级设置，改用上级设置或全国默认值'])
  })
})
