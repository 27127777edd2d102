import { describe, expect, it } from 'vitest'
import type { Condition, Standard, Tier, TierLevel } from '@/api/types'
import {
  describeCondition,
  describeConditions,
  describeRange,
  describeStandard,
  emptyFactForm,
  factFieldAlias,
  factsToRequest,
  noteCircumstances,
  sortTiers,
  yuanWords,
  tierTitle,
  chineseNumeral,
  describeParties,
  factNeeds,
  factsToForm,
  penaltyFacts,
  describeFacts,
  HARM_NAMES,
} from '@/utils/discretion'

const std = (s: Partial<Standard>): Standard => ({
  kind: 'range',
  minFen: 0,
  maxFen: 0,
  multipleMinPct: 0,
  multipleMaxPct: 0,
  perUnitMinFen: 0,
  perUnitMaxFen: 0,
  measures: [],
  ...s,
})

describe('factsToRequest (裁量计算表单 → POST /discretion/evaluate)', () => {
  it('maps a repeat offence with amounts in yuan to fen by base, and the quantity as typed', () => {
    const form = {
      ...emptyFactForm('2026-05-01'),
      priorCount: 2,
      harm: 'general' as const,
      partyType: 'legal',
      partyKey: ' 91371521MA3C000001 ',
      orderIgnored: 'yes' as const,
      bases: { 货值金额: '8,000', 违法所得: '1200.5', 赔偿额: '' },
      units: '2.555',
    }
    const r = factsToRequest('item-1', form, '', '平方米')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.request).toEqual({
      itemId: 'item-1',
      actDate: '2026-05-01',
      regionCode: '',
      facts: {
        partyType: 'legal',
        partyKey: '91371521MA3C000001',
        orderIgnored: true,
        firstOffence: false,
        priorCount: 2,
        lookback: { n: 1, unit: 'year' },
        harm: 'general',
        correctedPromptly: false,
        refusedCorrection: false,
        threatenedStaff: false,
        seriousConsequences: false,
        bases: { 货值金额: 800000, 违法所得: 120050 },
        units: 2.555,
        unit: '平方米',
      },
    })
  })

  it('forces the prior count to 0 for a first offence and omits empty amounts', () => {
    const form = { ...emptyFactForm('2026-05-01'), firstOffence: true, priorCount: 3, correctedPromptly: true, harm: 'minor' as const }
    const r = factsToRequest('i', form, '371521112000')
    expect(r.ok && r.request.facts.priorCount).toBe(0)
    expect(r.ok && r.request.regionCode).toBe('371521112000')
    if (r.ok) {
      expect(r.request.facts).not.toHaveProperty('bases')
      expect(r.request.facts).not.toHaveProperty('units')
      expect(r.request.facts).not.toHaveProperty('recurrenceDays')
      expect(r.request.facts).not.toHaveProperty('partyType')
      expect(r.request.facts).not.toHaveProperty('orderIgnored')
    }
  })

  it('sends the recurrence days, the window and confirmed circumstances once each', () => {
    const form = { ...emptyFactForm('2026-05-01'), recurrenceDays: 20, lookbackN: 6, lookbackUnit: 'month', orderIgnored: 'no' as const, circumstances: ['主动消除危害后果', ' 主动消除危害后果 ', ''] }
    const r = factsToRequest('i', form)
    expect(r.ok && r.request.facts.recurrenceDays).toBe(20)
    expect(r.ok && r.request.facts.lookback).toEqual({ n: 6, unit: 'month' })
    expect(r.ok && r.request.facts.orderIgnored).toBe(false)
    expect(r.ok && r.request.facts.circumstances).toEqual(['主动消除危害后果'])
  })

  it('reports invalid amounts, quantities and dates next to their fields', () => {
    const r = factsToRequest('i', { ...emptyFactForm(''), bases: { 货值金额: '十万', 违法所得: '1.234' }, units: '1.0000001' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.fieldErrors).sort()).toEqual(['actDate', 'bases.货值金额', 'bases.违法所得', 'units'].sort())
  })

  it('maps the API fact fields back to the form fields', () => {
    expect(factFieldAlias('facts.bases.赔偿额')).toBe('bases.赔偿额')
    expect(factFieldAlias('facts.goodsValueFen')).toBe('bases.货值金额')
    expect(factFieldAlias('facts.priorCount')).toBe('priorCount')
    expect(factFieldAlias('facts.orderIgnored')).toBe('orderIgnored')
    expect(factFieldAlias('facts.unit')).toBe('units')
    expect(factFieldAlias('facts.harm')).toBe('harm')
    expect(factFieldAlias('itemId')).toBe('itemId')
  })
})

describe('describeCondition (as the backend words it)', () => {
  it.each<[Condition, string]>([
    [{ kind: 'first_offence', lookbackDays: 365 }, '初次违法（违法行为发生前一年内未因同一违法行为受过行政处罚）'],
    [{ kind: 'prior_count', minCount: 1, lookback: { n: 1, unit: 'year' } }, '违法行为发生前一年内因同一违法行为受过行政处罚1次以上'],
    [{ kind: 'prior_count', minCount: 2, maxCount: 2, lookback: { n: 6, unit: 'month' } }, '违法行为发生前六个月内因同一违法行为受过行政处罚2次'],
    [{ kind: 'first_offence', lookbackDays: 730 }, '初次违法（违法行为发生前七百三十日内未因同一违法行为受过行政处罚）'],
    [{ kind: 'amount', base: '赔偿额', minFen: 1000000 }, '赔偿额1万元以上'],
    [{ kind: 'party_type', partyTypes: ['legal', 'other'] }, '当事人为单位'],
    [{ kind: 'party_type', partyTypes: ['natural'] }, '当事人为个人'],
    [{ kind: 'harm', harm: ['none', 'minor'] }, '危害后果：没有造成危害后果或危害后果轻微'],
    [{ kind: 'refused_correction', withinDays: 30 }, '拒不改正（经责令改正后30日内再次实施同一违法行为的，视为拒不改正）'],
    [{ kind: 'goods_value', maxFen: 1000000 }, '货值金额不足1万元'],
    [{ kind: 'illegal_gains', minFen: 50000, maxFen: 1234500 }, '违法所得500元以上、不足12,345元'],
    [{ kind: 'units', minUnits: 50 }, '数量50以上'],
    [{ kind: 'note', text: '主动消除或者减轻违法行为危害后果', not: true }, '不属于以下情形：主动消除或者减轻违法行为危害后果'],
  ])('%j', (c, text) => {
    expect(describeCondition(c)).toBe(text)
  })

  it('joins conditions by match mode and names the fallback tier', () => {
    expect(describeConditions([])).toBe('不具有其他档次情形的（兜底）')
    expect(describeConditions([{ kind: 'corrected_promptly' }, { kind: 'threatened_staff' }], 'any')).toMatch(/^有下列情形之一：及时改正违法行为；/)
  })
})

describe('describeStandard', () => {
  it('writes ranges, warnings, multiples and per-unit fines with caps', () => {
    expect(describeStandard(std({ minFen: 3600000, maxFen: 5000000, measures: [{ kind: 'other', text: '责令停业整治' }] }))).toBe('罚款3.6万元至5万元；责令停业整治')
    expect(
      describeStandard(std({ minFen: 50000, maxFen: 600000, measures: [{ kind: 'confiscate_property', text: '烧烤工具' }, { kind: 'confiscate_gains' }] })),
    ).toBe('罚款500元至6,000元；没收非法财物（烧烤工具）；没收违法所得')
    expect(describeStandard(std({ kind: 'per_unit', unit: '平方米', perUnitMinFen: 100000, perUnitMaxFen: 100000 }))).toBe('按每平方米1,000元计算罚款')
    expect(describeStandard(std({ minFen: 0, maxFen: 10000 }))).toBe('罚款100元以下')
    expect(describeStandard(std({ kind: 'warning' }))).toBe('警告')
    expect(describeStandard(std({ kind: 'fixed', minFen: 5000, maxFen: 5000, warning: true }))).toBe('警告，并处罚款50元')
    expect(describeStandard(std({ kind: 'multiple', multipleMinPct: 1000, multipleMaxPct: 1300, base: '货值金额' }))).toBe('处货值金额10倍至13倍的罚款')
    expect(describeStandard(std({ kind: 'percent', multipleMinPct: 5, multipleMaxPct: 10, base: '建设工程造价' }))).toBe('处建设工程造价5%至10%的罚款')
    expect(describeStandard(std({ kind: 'per_unit', unit: '平方米·日', perUnitMinFen: 500, perUnitMaxFen: 1000, maxFen: 400000 }))).toBe(
      '按每平方米·日5元至10元计算罚款（最高不超过4,000元）',
    )
  })

  it('says 不予处罚 for a tier without a standard', () => {
    expect(describeStandard(std({ kind: '' }))).toBe('不予处罚')
  })

  it('describes statutory ranges', () => {
    const r = { fineMinFen: 0, fineMaxFen: 0, multipleMinPct: 0, multipleMaxPct: 0, multipleBase: '', perUnitMinFen: 0, perUnitMaxFen: 0 }
    expect(describeRange({ ...r, fineMinFen: 500000, fineMaxFen: 5000000 })).toBe('5,000元至5万元')
    expect(describeRange({ ...r, multipleMinPct: 1000, multipleMaxPct: 2000, multipleBase: '货值金额' })).toBe('货值金额10倍至20倍')
    expect(describeRange({ ...r, unit: '处', perUnitMinFen: 500000, perUnitMaxFen: 2000000 })).toBe('每处5,000元至2万元')
    expect(describeRange({ ...r, unit: '处', perUnitMinFen: 500000, perUnitMaxFen: 2000000, fineMaxFen: 2000000 })).toBe('每处5,000元至2万元，总额不超过2万元')
    expect(yuanWords(3600000)).toBe('3.6万元')
    expect(yuanWords(3650000)).toBe('36,500元')
  })
})

describe('tiers', () => {
  it('titles a rule by its label and level', () => {
    expect(tierTitle({ level: 'heavier', label: '情节严重' })).toBe('情节严重（从重处罚）')
    expect(tierTitle({ level: 'general' })).toBe('一般')
    expect(chineseNumeral(30)).toBe('三十')
    expect(chineseNumeral(118)).toBe('一百一十八')
    expect(describeParties(['unit'])).toBe('单位')
  })

  it('sorts from the most lenient to the most severe, keeping the order within a level', () => {
    const tiers: { level: TierLevel; n: number }[] = [{ level: 'heavier', n: 1 }, { level: 'general', n: 2 }, { level: 'lighter', n: 3 }, { level: 'heavier', n: 4 }, { level: 'mitigated', n: 5 }]
    expect(sortTiers(tiers).map((t) => t.n)).toEqual([5, 3, 2, 1, 4])
  })

  it('collects the note circumstances an officer must confirm', () => {
    const tiers: Tier[] = [
      { level: 'mitigated', conditions: [{ kind: 'note', text: 'A' }, { kind: 'first_offence' }], standard: std({}) },
      { level: 'lighter', conditions: [{ kind: 'note', text: 'A', not: true }], standard: std({}) },
    ]
    expect(noteCircumstances({ tiers, noPenalty: [{ conditions: [{ kind: 'note', text: 'B' }] }] })).toEqual(['A', 'B'])
  })
})

describe('facts recorded with a penalty on a case', () => {
  const tier = (t: Partial<Tier>): Tier => ({ level: 'general', conditions: [], standard: std({}), ...t }) as Tier
  it('asks only what the benchmark uses', () => {
    const needs = factNeeds({
      precondition: { kind: 'order_ignored', text: '经责令限期改正逾期不改正' },
      provisions: [],
      tiers: [
        tier({ standard: std({ kind: 'per_unit', unit: '平方米', perUnitMinFen: 100000, perUnitMaxFen: 100000 }) }),
        tier({ level: 'heavier', conditions: [{ kind: 'amount', base: '赔偿额' }, { kind: 'note', text: '位于主干道' }] as Condition[] }),
      ],
      noPenalty: [],
    })
    expect(needs.unit).toBe('平方米')
    expect(needs.order).toBe(true)
    expect(needs.orderText).toBe('经责令限期改正逾期不改正')
    expect(needs.bases).toEqual(['赔偿额'])
    expect(needs.circumstances).toEqual(['位于主干道'])
    expect(factNeeds(null).bases).toEqual(['违法所得', '货值金额'])
  })

  it('brings the facts of the step before back into the form and sends them without the party', () => {
    const form = factsToForm(
      {
        partyType: 'legal',
        firstOffence: false,
        priorCount: 0,
        harm: 'general',
        correctedPromptly: true,
        refusedCorrection: false,
        threatenedStaff: false,
        seriousConsequences: false,
        orderIgnored: true,
        bases: { 违法所得: 120050 },
        units: 2.555,
      },
      '2026-10-01',
    )
    expect(form.harm).toBe('general')
    expect(form.orderIgnored).toBe('yes')
    expect(form.bases['违法所得']).toBe('1200.5')
    expect(form.units).toBe('2.555')
    const out = penaltyFacts(form, '平方米')
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.facts.partyType).toBeUndefined()
    expect(out.facts.partyKey).toBeUndefined()
    expect(out.facts.bases).toEqual({ 违法所得: 120050 })
    expect(out.facts.units).toBe(2.555)
    expect(out.facts.unit).toBe('平方米')
    expect(out.facts.correctedPromptly).toBe(true)
    form.units = '2,5a'
    const bad = penaltyFacts(form)
    expect(bad.ok).toBe(false)
    expect(describeFacts(out.facts)).toEqual(['经责令改正拒不改正', HARM_NAMES.general, '及时改正', '数量2.555平方米', '违法所得1,200.50元'])
    expect(describeFacts(null)).toEqual([])
  })
})
