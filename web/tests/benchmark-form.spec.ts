import { describe, expect, it } from 'vitest'
import type { BenchmarkContent } from '@/api/types'
import { fromEditContent, groupProblems, problemPlace, toEditContent } from '@/utils/benchmarkForm'

const content: BenchmarkContent = {
  provisions: [
    {
      key: 'lt10k',
      label: '货值金额不足一万元的',
      when: [{ kind: 'goods_value', maxFen: 1000000 }],
      range: { fineMinFen: 5000000, fineMaxFen: 10000000, multipleMinPct: 0, multipleMaxPct: 0, multipleBase: '' },
    },
    {
      key: 'ge10k',
      label: '货值金额一万元以上的',
      when: [{ kind: 'goods_value', minFen: 1000000 }],
      range: { fineMinFen: 0, fineMaxFen: 0, multipleMinPct: 1000, multipleMaxPct: 2000, multipleBase: '货值金额' },
    },
  ],
  tiers: [
    {
      level: 'lighter',
      provision: 'lt10k',
      match: 'all',
      conditions: [{ kind: 'first_offence', lookbackDays: 365 }, { kind: 'corrected_promptly' }],
      standard: { kind: 'range', minFen: 5000000, maxFen: 6500000, multipleMinPct: 0, multipleMaxPct: 0, perUnitMinFen: 0, perUnitMaxFen: 0, measures: ['没收违法所得'] },
      description: '初次违法且及时改正的',
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
      conditions: [{ kind: 'prior_count', minCount: 1, lookbackDays: 365 }, { kind: 'refused_correction', withinDays: 30 }],
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
      conditions: [{ kind: 'first_offence', lookbackDays: 365 }, { kind: 'harm', harm: ['none', 'minor'] }, { kind: 'corrected_promptly' }],
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
    expect(e.tiers[0]?.conditions[0]?.lookbackDays).toBe(365)
  })

  it('sends only the fields a condition kind uses and no standard for 不予处罚', () => {
    const e = toEditContent(content)
    e.tiers[0]!.conditions[0]!.minYuan = 10
    e.tiers.push({ ...e.tiers[1]!, level: 'no_penalty', provision: '', conditions: [] })
    const out = fromEditContent(e)
    expect(out.tiers[0]?.conditions[0]).toEqual({ kind: 'first_offence', lookbackDays: 365 })
    expect(out.tiers[4]?.standard).toMatchObject({ kind: '', minFen: 0, maxFen: 0, multipleMinPct: 0 })
    expect(out.tiers[4]).not.toHaveProperty('provision')
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
