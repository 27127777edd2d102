import { describe, expect, it } from 'vitest'
import { safeRedirect } from '@/utils/redirect'
import { staffingRows, staffingTotals, subtreeStaffingRows, vacancyText } from '@/utils/staffing'
import { checkDefinitions, formatCheckThreshold, formatCheckValue, formatDate, formatDateTime, formatPercent } from '@/utils/format'
import { isValidIdNumber, idNumberCheckChar } from '@/utils/idnumber'
import { mapLimit, single } from '@/utils/async'
import { countFailing, toReformRow } from '@/services/reform'
import { buildBreadcrumbs } from '@/router/breadcrumbs'
import { roleName } from '@/utils/roles'
import { dayRangeToIso } from '@/utils/dates'
import type { ReformCheck } from '@/api/types'

describe('safeRedirect', () => {
  it.each([
    ['/people?certStatus=expiring', '/people?certStatus=expiring'],
    ['/orgs/12', '/orgs/12'],
    ['//evil.example.com', '/'],
    ['https://evil.example.com', '/'],
    ['/\\evil', '/'],
    ['/login?redirect=/x', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/audit'], '/audit'],
  ])('%s → %s', (raw, expected) => expect(safeRedirect(raw)).toBe(expected))
})

describe('staffing', () => {
  it.each([
    [null, '—'],
    [0, '空缺 0'],
    [3, '空缺 3'],
    [-2, '超编 2'],
  ])('vacancy %s reads %s', (v, text) => expect(vacancyText(v)).toBe(text))

  it('flags over-quota rows and computes vacancy', () => {
    const rows = staffingRows({ admin: 10, civil: 5, institution: 0 }, { admin: 12, civil: 3, institution: 0, other: 4 })
    expect(rows.map((r) => [r.label, r.quota, r.filled, r.vacancy, r.over])).toEqual([
      ['行政编', 10, 12, -2, true],
      ['参公事业编', 5, 3, 2, false],
      ['事业编', 0, 0, 0, false],
      ['其他（编外）', null, 4, null, false],
    ])
    expect(staffingTotals({ admin: 10, civil: 5, institution: 0 }, { admin: 12, civil: 3, institution: 0, other: 4 })).toEqual({
      quota: 15,
      filled: 15,
      over: false,
    })
  })

  it('does not flag orgs without their own quota (局队合一的大队、中队)', () => {
    const rows = staffingRows({ admin: 0, civil: 0, institution: 0 }, { admin: 0, civil: 10, institution: 0, other: 2 })
    expect(rows.every((r) => r.quota === null && !r.over)).toBe(true)
    expect(staffingTotals({ admin: 0, civil: 0, institution: 0 }, { admin: 0, civil: 10, institution: 0, other: 2 })).toEqual({
      quota: null,
      filled: 10,
      over: false,
    })
  })
})

describe('staffing of a bureau with its brigades and squadrons (局队合一)', () => {
  // The demo bureau: its own row holds the whole quota against 40 people in the bureau itself;
  // the body as a whole has 334 people in post and 12 编外 assistants.
  const own = { quota: { admin: 25, civil: 300, institution: 40 }, filled: { admin: 22, civil: 18, institution: 0, other: 0 } }
  const subtree = { orgCount: 18, quota: { admin: 25, civil: 300, institution: 40 }, filled: { admin: 22, civil: 276, institution: 36, other: 12 } }

  it('shows its own row and the subtree, with vacancies against the subtree', () => {
    const rows = subtreeStaffingRows(own.quota, own.filled, subtree)
    expect(rows.map((r) => [r.label, r.ownQuota, r.ownFilled, r.quota, r.filled, r.vacancy, r.over])).toEqual([
      ['行政编', 25, 22, 25, 22, 3, false],
      ['参公事业编', 300, 18, 300, 276, 24, false],
      ['事业编', 40, 0, 40, 36, 4, false],
      ['其他（编外）', null, 0, null, 12, null, false],
    ])
    expect(staffingTotals(subtree.quota, subtree.filled)).toEqual({ quota: 365, filled: 334, over: false })
  })

  it('flags over-quota against the subtree only', () => {
    const rows = subtreeStaffingRows({ admin: 2, civil: 0, institution: 0 }, { admin: 1, civil: 0, institution: 0, other: 0 }, {
      quota: { admin: 2, civil: 0, institution: 0 },
      filled: { admin: 3, civil: 0, institution: 0, other: 0 },
    })
    expect(rows[0]).toMatchObject({ ownFilled: 1, filled: 3, vacancy: -1, over: true })
  })
})

describe('reform formatting', () => {
  const ratio: ReformCheck = {
    key: 'frontline_share',
    title: '一线执法人员占比',
    value: 0.8683,
    numerator: 290,
    denominator: 334,
    threshold: 0.85,
    unit: 'ratio',
    pass: true,
    rule: '绍兴：县级执法局一线人员不低于编制总数的85%',
    applies: true,
  }
  const count: ReformCheck = { ...ratio, key: 'township_minimum', unit: 'count', value: 5, threshold: 8, pass: false }

  it('formats ratios and counts', () => {
    expect(formatCheckValue(ratio)).toBe('86.8%')
    expect(formatCheckThreshold(ratio)).toBe('≥ 85%')
    expect(formatCheckValue(count)).toBe('5 人')
    expect(formatCheckThreshold(count)).toBe('≥ 8 人')
    expect(formatPercent(Number.NaN)).toBe('—')
  })

  it('counts only applicable failing checks', () => {
    expect(countFailing([ratio, count, { ...count, applies: false }])).toBe(1)
  })

  it('states what numerator and denominator count', () => {
    expect(checkDefinitions(ratio)).toBe('')
    expect(checkDefinitions({ ...ratio, numerator: 294, denominator: 365, numeratorLabel: '一线编制内人员', denominatorLabel: '核定编制总数' })).toBe(
      '分子 294：一线编制内人员\n分母 365：核定编制总数',
    )
    expect(checkDefinitions({ ...count, numeratorLabel: '持证执法人员' })).toBe('计数 5：持证执法人员')
  })

  it('turns a summary report into a table row', () => {
    const row = toReformRow({
      orgId: 'b1',
      orgName: '阳谷县综合行政执法局',
      kind: 'bureau',
      kindName: '综合行政执法局',
      regionCode: '371521000000',
      regionName: '阳谷县',
      checks: [{ ...ratio, pass: false }, count],
      failing: 2,
    })
    expect(row.org).toEqual({ id: 'b1', name: '阳谷县综合行政执法局', kind: 'bureau', kindName: '综合行政执法局', regionName: '阳谷县' })
    expect(row.failing).toBe(2)
  })
})

describe('idNumber (GB 11643)', () => {
  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X')
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('11010519490231002X')).toBe(false)
  })
})

describe('mapLimit', () => {
  it('keeps order and bounds concurrency', async () => {
    let running = 0
    let peak = 0
    const out = await mapLimit([5, 1, 3, 2, 4], 2, async (n) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, n))
      running--
      return n * 10
    })
    expect(out).toEqual([50, 10, 30, 20, 40])
    expect(peak).toBe(2)
  })
})

describe('formatDate / formatDateTime', () => {
  it('shows local dates and times, a dash for none, and unreadable values as they are', () => {
    const at = new Date(2026, 0, 5, 8, 3, 9).toISOString()
    expect(formatDateTime(at)).toBe('2026-01-05 08:03:09')
    expect(formatDate(at)).toBe('2026-01-05')
    expect(formatDate('2026-12-31')).toBe('2026-12-31')
    expect(formatDate(null)).toBe('—')
    expect(formatDateTime('')).toBe('—')
    expect(formatDateTime('不是时间')).toBe('不是时间')
  })
})

describe('single', () => {
  it('shares the call in progress and calls again once it has settled', async () => {
    let calls = 0
    let fail = false
    const once = single(async () => {
      calls++
      await new Promise((r) => setTimeout(r, 1))
      if (fail) throw new Error('x')
      return calls
    })
    const [a, b] = await Promise.all([once(), once()])
    expect([a, b, calls]).toEqual([1, 1, 1])
    fail = true
    await expect(once()).rejects.toThrow('x')
    fail = false
    expect(await once()).toBe(3)
  })
})

describe('buildBreadcrumbs', () => {
  const find = (name: string) => (name === 'people' ? { path: '/people', meta: { title: '执法人员' } } : undefined)
  it('builds 工作台 / parent / current', () => {
    expect(buildBreadcrumbs({ name: 'person-detail', meta: { title: '人员详情', parent: 'people' } }, find)).toEqual([
      { title: '工作台', to: '/' },
      { title: '执法人员', to: '/people' },
      { title: '人员详情' },
    ])
    expect(buildBreadcrumbs({ name: 'workbench', meta: { title: '工作台' } }, find)).toEqual([{ title: '工作台' }])
  })
})

describe('roleName', () => {
  it('takes the names /meta publishes, else shows the code', () => {
    expect(roleName('grid', [{ code: 'grid', name: '网格管理员', permissions: [] }])).toBe('网格管理员')
    expect(roleName('auditor')).toBe('auditor')
    expect(roleName('x')).toBe('x')
  })
})

describe('dayRangeToIso', () => {
  it('makes an inclusive local-day range into [from, nextDay)', () => {
    const r = dayRangeToIso('2026-03-01', '2026-03-02')
    expect(r.from).toBe(new Date(2026, 2, 1).toISOString())
    expect(r.to).toBe(new Date(2026, 2, 3).toISOString())
    expect(dayRangeToIso('', 'bad')).toEqual({})
  })
})
