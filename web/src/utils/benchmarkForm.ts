// 裁量基准编辑器的表单模型：金额以元、倍数以“倍”（百分比标准以 %）录入，提交时换算为分与百分数。

import type {
  ApiErrorDetail,
  BenchmarkContent,
  Condition,
  Measure,
  NoPenaltyEntry,
  Provision,
  Standard,
  Tier,
  TierLevel,
} from '@/api/types'

export interface EditCondition {
  kind: string
  not: boolean
  minCount: number | null
  maxCount: number | null
  /** 回溯期：数目与单位（year 年、month 个月、day 日）。 */
  lookbackN: number | null
  lookbackUnit: string
  harm: string[]
  withinDays: number | null
  /** 基数金额条件（amount）的计算基数。 */
  base: string
  minYuan: number | null
  maxYuan: number | null
  minUnits: number | null
  maxUnits: number | null
  partyTypes: string[]
  text: string
}

export interface EditMeasure {
  kind: string
  text: string
}

export interface EditStandard {
  kind: string
  warning: boolean
  /** 数额（元）；倍数、按单位计算时为封顶与保底。 */
  minYuan: number | null
  maxYuan: number | null
  /** 倍数标准为“倍”，百分比标准为“%”。 */
  multipleMin: number | null
  multipleMax: number | null
  base: string
  unit: string
  perUnitMinYuan: number | null
  perUnitMaxYuan: number | null
  measures: EditMeasure[]
}

export interface EditTier {
  level: TierLevel
  /** 情节名称（本辖区裁量情节用语之一；空则用阶次名称）。 */
  label: string
  /** 适用的当事人类型：空为全部；unit 为单位（法人和其他组织）。 */
  partyTypes: string[]
  provision: string
  match: string
  conditions: EditCondition[]
  standard: EditStandard
  description: string
}

export interface EditProvision {
  key: string
  label: string
  when: EditCondition[]
  fineMinYuan: number | null
  fineMaxYuan: number | null
  multipleMin: number | null
  multipleMax: number | null
  multipleBase: string
  /** 按单位计算的法定幅度：单位与每单位金额（元）。 */
  unit: string
  perUnitMinYuan: number | null
  perUnitMaxYuan: number | null
}

export interface EditNoPenalty {
  kind: string
  conditions: EditCondition[]
  education: string
  basis: string
}

export interface EditPrecondition {
  /** 违法行为以“经责令改正拒不改正（逾期不改正）”为要件。 */
  enabled: boolean
  text: string
}

export interface EditContent {
  precondition: EditPrecondition
  provisions: EditProvision[]
  tiers: EditTier[]
  noPenalty: EditNoPenalty[]
}

const y = (fen: number | undefined | null) => (fen === undefined || fen === null ? null : fen / 100)
const f = (yuan: number | null) => (yuan === null || !Number.isFinite(yuan) ? undefined : Math.round(yuan * 100))
const opt = <T>(v: T | undefined | null) => (v === undefined ? null : v)

export const DEFAULT_PRECONDITION = '经责令改正，拒不改正的'

/** 单位 = 法人 + 其他组织：编辑时合并显示为 unit。 */
export function toEditParties(ps: readonly string[] | undefined): string[] {
  const list = [...(ps ?? [])]
  if (list.includes('legal') && list.includes('other')) return [...list.filter((p) => p !== 'legal' && p !== 'other'), 'unit']
  return list
}

export function emptyCondition(kind = 'first_offence'): EditCondition {
  const counts = kind === 'first_offence' || kind === 'prior_count'
  return {
    kind,
    not: false,
    minCount: kind === 'prior_count' ? 1 : null,
    maxCount: null,
    lookbackN: counts ? 1 : null,
    lookbackUnit: counts ? 'year' : '',
    harm: [],
    withinDays: null,
    base: '',
    minYuan: null,
    maxYuan: null,
    minUnits: null,
    maxUnits: null,
    partyTypes: [],
    text: '',
  }
}

export function toEditCondition(c: Condition): EditCondition {
  const counts = c.kind === 'first_offence' || c.kind === 'prior_count'
  // 旧数据以日数保存回溯期：365 日即一年。
  const lb = c.lookback ?? (counts ? (c.lookbackDays && c.lookbackDays !== 365 ? { n: c.lookbackDays, unit: 'day' } : { n: 1, unit: 'year' }) : null)
  return {
    kind: c.kind,
    not: Boolean(c.not),
    minCount: opt(c.minCount),
    maxCount: opt(c.maxCount),
    lookbackN: lb ? lb.n : null,
    lookbackUnit: lb ? lb.unit : '',
    harm: [...(c.harm ?? [])],
    withinDays: opt(c.withinDays),
    base: c.base ?? '',
    minYuan: y(c.minFen),
    maxYuan: y(c.maxFen),
    minUnits: opt(c.minUnits),
    maxUnits: opt(c.maxUnits),
    partyTypes: toEditParties(c.partyTypes),
    text: c.text ?? '',
  }
}

/** 只发送该类条件用到的字段。 */
export function fromEditCondition(c: EditCondition): Condition {
  const out: Condition = { kind: c.kind }
  if (c.not) out.not = true
  const n = (v: number | null) => (v === null || !Number.isFinite(v) ? undefined : Math.trunc(v))
  const lookback = () => {
    const count = n(c.lookbackN)
    if (count !== undefined && c.lookbackUnit) out.lookback = { n: count, unit: c.lookbackUnit }
  }
  switch (c.kind) {
    case 'first_offence':
      lookback()
      break
    case 'prior_count':
      if (n(c.minCount) !== undefined) out.minCount = n(c.minCount)
      if (n(c.maxCount) !== undefined) out.maxCount = n(c.maxCount)
      lookback()
      break
    case 'harm':
      out.harm = [...c.harm]
      break
    case 'refused_correction':
      if (n(c.withinDays)) out.withinDays = n(c.withinDays)
      break
    case 'amount':
    case 'illegal_gains':
    case 'goods_value':
      if (c.kind === 'amount') out.base = c.base
      if (f(c.minYuan) !== undefined) out.minFen = f(c.minYuan)
      if (f(c.maxYuan) !== undefined) out.maxFen = f(c.maxYuan)
      break
    case 'units':
      if (c.minUnits !== null) out.minUnits = c.minUnits
      if (c.maxUnits !== null) out.maxUnits = c.maxUnits
      break
    case 'party_type':
      out.partyTypes = [...c.partyTypes]
      break
    case 'note':
      out.text = c.text.trim()
      break
  }
  return out
}

export function emptyStandard(kind = 'range'): EditStandard {
  return {
    kind,
    warning: false,
    minYuan: null,
    maxYuan: null,
    multipleMin: null,
    multipleMax: null,
    base: '',
    unit: '',
    perUnitMinYuan: null,
    perUnitMaxYuan: null,
    measures: [],
  }
}

export function toEditStandard(s: Standard | null | undefined): EditStandard {
  if (!s || !s.kind) return { ...emptyStandard(''), measures: (s?.measures ?? []).map((m) => ({ kind: m.kind, text: m.text ?? '' })) }
  const multiple = s.kind === 'multiple' || s.kind === 'percent'
  const times = (pct: number) => (s.kind === 'percent' ? pct : pct / 100)
  const yuanOrNull = (fen: number) => (fen ? fen / 100 : null)
  return {
    kind: s.kind,
    warning: Boolean(s.warning),
    minYuan: s.kind === 'range' ? s.minFen / 100 : yuanOrNull(s.minFen),
    maxYuan: yuanOrNull(s.maxFen),
    multipleMin: multiple ? times(s.multipleMinPct) : null,
    multipleMax: multiple ? times(s.multipleMaxPct) : null,
    base: s.base ?? '',
    unit: s.unit ?? '',
    perUnitMinYuan: s.kind === 'per_unit' ? s.perUnitMinFen / 100 : null,
    perUnitMaxYuan: s.kind === 'per_unit' ? s.perUnitMaxFen / 100 : null,
    measures: (s.measures ?? []).map((m) => ({ kind: m.kind, text: m.text ?? '' })),
  }
}

function fromEditMeasures(ms: readonly EditMeasure[]): Measure[] {
  return ms
    .filter((m) => m.kind && (m.kind !== 'other' || m.text.trim()))
    .map((m) => (m.text.trim() ? { kind: m.kind, text: m.text.trim() } : { kind: m.kind }))
}

/** 不予处罚档次没有处罚标准（kind 为空）。 */
export function fromEditStandard(s: EditStandard): Standard {
  const percent = s.kind === 'percent'
  const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? 0 : Math.round(percent ? v : v * 100))
  const out: Standard = {
    kind: s.kind,
    minFen: f(s.minYuan) ?? 0,
    maxFen: f(s.maxYuan) ?? 0,
    multipleMinPct: 0,
    multipleMaxPct: 0,
    perUnitMinFen: 0,
    perUnitMaxFen: 0,
    measures: fromEditMeasures(s.measures),
  }
  if (s.warning && s.kind !== 'warning') out.warning = true
  if (s.kind === 'multiple' || percent) {
    out.multipleMinPct = pct(s.multipleMin)
    out.multipleMaxPct = pct(s.multipleMax)
    out.base = s.base
  }
  if (s.kind === 'per_unit') {
    out.unit = s.unit.trim()
    out.perUnitMinFen = f(s.perUnitMinYuan) ?? 0
    out.perUnitMaxFen = f(s.perUnitMaxYuan) ?? 0
  }
  if (s.kind === 'warning' || s.kind === '') {
    out.minFen = 0
    out.maxFen = 0
  }
  if (s.kind === 'fixed') out.maxFen = out.minFen
  return out
}

export function emptyTier(level: TierLevel = 'general'): EditTier {
  return {
    level,
    label: '',
    partyTypes: [],
    provision: '',
    match: 'all',
    conditions: [],
    standard: emptyStandard(level === 'no_penalty' ? '' : 'range'),
    description: '',
  }
}

export function emptyProvision(index: number): EditProvision {
  return {
    key: `p${index + 1}`,
    label: '',
    when: [],
    fineMinYuan: null,
    fineMaxYuan: null,
    multipleMin: null,
    multipleMax: null,
    multipleBase: '',
    unit: '',
    perUnitMinYuan: null,
    perUnitMaxYuan: null,
  }
}

export function toEditContent(c: BenchmarkContent): EditContent {
  return {
    precondition: { enabled: Boolean(c.precondition), text: c.precondition?.text ?? DEFAULT_PRECONDITION },
    provisions: (c.provisions ?? []).map((p: Provision): EditProvision => {
      const perUnit = Boolean(p.range.unit) && p.range.perUnitMaxFen > 0
      return {
        key: p.key,
        label: p.label,
        when: (p.when ?? []).map(toEditCondition),
        fineMinYuan: p.range.fineMaxFen || p.range.fineMinFen ? p.range.fineMinFen / 100 : null,
        fineMaxYuan: p.range.fineMaxFen ? p.range.fineMaxFen / 100 : null,
        multipleMin: p.range.multipleMaxPct ? p.range.multipleMinPct / 100 : null,
        multipleMax: p.range.multipleMaxPct ? p.range.multipleMaxPct / 100 : null,
        multipleBase: p.range.multipleBase ?? '',
        unit: p.range.unit ?? '',
        perUnitMinYuan: perUnit ? p.range.perUnitMinFen / 100 : null,
        perUnitMaxYuan: perUnit ? p.range.perUnitMaxFen / 100 : null,
      }
    }),
    tiers: (c.tiers ?? []).map(
      (t: Tier): EditTier => ({
        level: t.level,
        label: t.label ?? '',
        partyTypes: toEditParties(t.partyTypes),
        provision: t.provision ?? '',
        match: t.match || 'all',
        conditions: (t.conditions ?? []).map(toEditCondition),
        standard: toEditStandard(t.standard),
        description: t.description ?? '',
      }),
    ),
    noPenalty: (c.noPenalty ?? []).map(
      (e: NoPenaltyEntry): EditNoPenalty => ({
        kind: e.kind,
        conditions: (e.conditions ?? []).map(toEditCondition),
        education: e.education ?? '',
        basis: e.basis ?? '',
      }),
    ),
  }
}

export function fromEditContent(c: EditContent): BenchmarkContent {
  const out: BenchmarkContent = {
    provisions: c.provisions.map((p) => {
      const unit = p.unit.trim()
      const provision: Provision = {
        key: p.key.trim(),
        label: p.label.trim(),
        when: p.when.map(fromEditCondition),
        range: {
          fineMinFen: f(p.fineMinYuan) ?? 0,
          fineMaxFen: f(p.fineMaxYuan) ?? 0,
          multipleMinPct: f(p.multipleMin) ?? 0,
          multipleMaxPct: f(p.multipleMax) ?? 0,
          multipleBase: p.multipleMin !== null || p.multipleMax !== null ? p.multipleBase : '',
          perUnitMinFen: unit ? (f(p.perUnitMinYuan) ?? 0) : 0,
          perUnitMaxFen: unit ? (f(p.perUnitMaxYuan) ?? 0) : 0,
        },
      }
      if (unit) provision.range.unit = unit
      return provision
    }),
    tiers: c.tiers.map((t) => {
      const tier: Tier = {
        level: t.level,
        match: t.match || 'all',
        conditions: t.conditions.map(fromEditCondition),
        standard: t.level === 'no_penalty' ? fromEditStandard(emptyStandard('')) : fromEditStandard(t.standard),
      }
      if (t.label.trim()) tier.label = t.label.trim()
      if (t.partyTypes.length) tier.partyTypes = [...t.partyTypes]
      if (t.provision) tier.provision = t.provision
      if (t.description.trim()) tier.description = t.description.trim()
      return tier
    }),
    noPenalty: c.noPenalty.map((e) => {
      const entry: NoPenaltyEntry = { kind: e.kind, conditions: e.conditions.map(fromEditCondition), education: e.education.trim() }
      if (e.basis.trim()) entry.basis = e.basis.trim()
      return entry
    }),
  }
  if (c.precondition.enabled) out.precondition = { kind: 'order_ignored', text: c.precondition.text.trim() || DEFAULT_PRECONDITION }
  return out
}

const SECTION_NAMES: Record<string, string> = { tiers: '档次', provisions: '处罚条款', noPenalty: '不予处罚' }

/**
 * 校验问题按所在部分归组：tiers[2].standard.minFen → “tiers[2]”。
 * 无法归入某一档次、条款或不予处罚条目的问题归入 ''。
 */
export function groupProblems<T extends Pick<ApiErrorDetail, 'field' | 'message'>>(details: readonly T[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const d of details) {
    const m = /^(tiers|provisions|noPenalty)\[(\d+)\]/.exec(d.field ?? '')
    const key = m ? `${m[1]}[${m[2]}]` : ''
    out.set(key, [...(out.get(key) ?? []), d.message])
  }
  return out
}

/** 问题所在位置的中文说明：tiers[2].standard → “第3个档次”。 */
export function problemPlace(field: string | undefined): string {
  const m = /^(tiers|provisions|noPenalty)\[(\d+)\]/.exec(field ?? '')
  if (!m) return ''
  return `第${Number(m[2]) + 1}个${SECTION_NAMES[m[1] as string]}`
}
