import { describe, expect, it } from 'vitest'
import type { BenchmarkContent } from '@/api/types'
import { fromEditContent, groupProblems, problemPlace, toEditContent } from '@/utils/benchmarkForm'

const content: BenchmarkContent = {
  precondition: { kind: 'order_ignored', text: '经责令限期改正，逾期不改正的' },
  provisions: [
    {
      key: 'lt10k',
      label: '货值金额不足一万元的',
      when: [{ kind: 'goods_value', maxFen: 1000000 }],
      range: { fineMinFen: 5000000, fineMaxFen: 10000000, multipleMinPct: 0, multipleMaxPct: 0, multipleBase: '', perUnitMinFen: 0, perUnitMaxFen: 0 },
    },
    {
      key: 'ge10k',
      label: '货值金额一万元以上的',
      when: [{ kind: 'goods_value', minFen: 1000000 }],
      range: { fineMinFen: 0, fineMaxFen: 0, multipleMinPct: 1000, multipleMaxPct: 2000, multipleBase: '货值金额', perUnitMinFen: 0, perUnitMaxFen: 0 },
    },
    {
      key: 'facility',
      label: '按每处设施',
      when: [{ kind: 'amount', base: '赔偿额', minFen: 100 }],
      range: { fineMinFen: 0, fineMaxFen: 2000000, multipleMinPct: 0, multipleMaxPct: 0, multipleBase: '', unit: '处', perUnitMinFen: 500000, perUnitMaxFen: 2000000 },
    },
  ],
  tiers: [
    {
      level: 'lighter',
      provision: 'lt10k',
      match: 'all',
      conditions: [{ kind: 'first_offence', lookback: { n: 1, unit: 'year' } }, { kind: 'corrected_promptly' }],
      standard: {
        kind: 'range',
        minFen: 5000000,
        maxFen: 6500000,
        multipleMinPct: 0,
        multipleMaxPct: 0,
        perUnitMinFen: 0,
        perUnitMaxFen: 0,
        measures: [{ kind: 'confiscate_gains' }, { kind: 'confiscate_property', text: '烧烤工具' }],
      },
      description: '初次违法且及时改正的',
      label: '情节较轻',
      partyTypes: ['natural'],
    },
    {
      level: 'general',
      provision: 'ge10k',
      match: 'all',
      conditions: [],
      standard: { kind: 'multiple', minFen: 0, maxFen: 0, multipleMinPct: 1300, multipleMaxPct: 1700, base: '货值金额', perUnitMinFen: 0, perUnitMaxFen: 0, measures: [] },
    },
    {
      level: 'heavier',
      match: 'any',
      conditions: [{ kind: 'prior_count', minCount: 1, lookback: { n: 6, unit: 'month' } }, { kind: 'refused_correction', withinDays: 30 }, { kind: 'party_type', partyTypes: ['unit'] }],
      standard: { kind: 'per_unit', minFen: 0, maxFen: 2000000, multipleMinPct: 0, multipleMaxPct: 0, unit: '平方米·日', perUnitMinFen: 2000, perUnitMaxFen: 5000, measures: [] },
    },
    {
      level: 'lighter',
      match: 'all',
      conditions: [{ kind: 'harm', harm: ['none'] }, { kind: 'note', text: '经劝阻当场改正', not: true }],
      standard: { kind: 'percent', minFen: 0, maxFen: 0, multipleMinPct: 5, multipleMaxPct: 8, base: '建设工程造价', perUnitMinFen: 0, perUnitMaxFen: 0, measures: [] },
    },
  ],
  noPenalty: [
    {
      kind: 'first',
      conditions: [{ kind: 'first_offence', lookback: { n: 1, unit: 'year' } }, { kind: 'harm', harm: ['none', 'minor'] }, { kind: 'corrected_promptly' }],
      education: '对当事人进行批评教育，责令改正违法行为',
      basis: '行政处罚法 第三十三条第一款',
    },
  ],
}

describe('benchmark editor model', () => {
  it('round-trips content through the yuan-based editor', () => {
    expect(fromEditContent(toEditContent(content))).toEqual(content)
  })

  it('edits amounts in yuan and multiples in 倍 (percent standards in %)', () => {
    const e = toEditContent(content)
    expect(e.tiers[0]?.standard.minYuan).toBe(50000)
    expect(e.tiers[1]?.standard.multipleMin).toBe(13)
    expect(e.tiers[3]?.standard.multipleMax).toBe(8)
    expect(e.provisions[1]?.multipleMax).toBe(20)
    expect(e.tiers[0]?.conditions[0]).toMatchObject({ lookbackN: 1, lookbackUnit: 'year' })
    expect(e.provisions[2]).toMatchObject({ unit: '处', perUnitMinYuan: 5000, perUnitMaxYuan: 20000, fineMaxYuan: 20000 })
    expect(e.tiers[0]?.standard.measures).toEqual([
      { kind: 'confiscate_gains', text: '' },
      { kind: 'confiscate_property', text: '烧烤工具' },
    ])
    expect(e.precondition).toEqual({ enabled: true, text: '经责令限期改正，逾期不改正的' })
  })

  it('sends only the fields a condition kind uses and no standard for 不予处罚', () => {
    const e = toEditContent(content)
    e.tiers[0]!.conditions[0]!.minYuan = 10
    e.tiers.push({ ...e.tiers[1]!, level: 'no_penalty', provision: '', conditions: [] })
    const out = fromEditContent(e)
    expect(out.tiers[0]?.conditions[0]).toEqual({ kind: 'first_offence', lookback: { n: 1, unit: 'year' } })
    expect(out.tiers[4]?.standard).toMatchObject({ kind: '', minFen: 0, maxFen: 0, multipleMinPct: 0 })
    expect(out.tiers[4]).not.toHaveProperty('provision')
  })

  it('reads windows kept in days, shows 单位 as one choice and drops the precondition when unticked', () => {
    const e = toEditContent({
      provisions: [],
      noPenalty: [],
      tiers: [
        {
          level: 'heavier',
          partyTypes: ['legal', 'other'],
          conditions: [{ kind: 'prior_count', minCount: 1, lookbackDays: 365 }, { kind: 'first_offence', lookbackDays: 180, not: true }],
          standard: { kind: 'fixed', minFen: 100, maxFen: 100, multipleMinPct: 0, multipleMaxPct: 0, perUnitMinFen: 0, perUnitMaxFen: 0, measures: [] },
        },
      ],
    })
    expect(e.tiers[0]?.partyTypes).toEqual(['unit'])
    expect(e.tiers[0]?.conditions.map((c) => [c.lookbackN, c.lookbackUnit])).toEqual([
      [1, 'year'],
      [180, 'day'],
    ])
    e.tiers[0]!.standard.measures.push({ kind: 'other', text: ' ' }, { kind: 'revoke_licence', text: '' })
    const out = fromEditContent(e)
    expect(out.precondition).toBeUndefined()
    expect(out.tiers[0]?.partyTypes).toEqual(['unit'])
    expect(out.tiers[0]?.conditions[1]).toEqual({ kind: 'first_offence', not: true, lookback: { n: 180, unit: 'day' } })
    expect(out.tiers[0]?.standard.measures).toEqual([{ kind: 'revoke_licence' }])
  })

  it('groups validation problems by tier, provision and no-penalty entry', () => {
    const g = groupProblems([
      { code: 'X', field: 'tiers[2].standard.minFen', message: 'a' },
      { code: 'X', field: 'tiers[2].conditions[0]', message: 'b' },
      { code: 'X', field: 'noPenalty[0].conditions', message: 'c' },
      { code: 'X', field: 'itemId', message: 'd' },
    ])
    expect(g.get('tiers[2]')).toEqual(['a', 'b'])
    expect(g.get('noPenalty[0]')).toEqual(['c'])
    expect(g.get('')).toEqual(['d'])
    expect(problemPlace('tiers[2].standard')).toBe('第3个档次')
    expect(problemPlace('provisions[0].range')).toBe('第1个处罚条款')
    expect(problemPlace('title')).toBe('')
  })
})
