// 裁量基准的显示与“裁量计算”表单 → 接口请求的映射（纯函数，均有单元测试）。
// 文字与后端 Condition.Describe / Standard.Describe 一致，金额按元显示并带千分位。

import type {
  Condition,
  EvaluateRequest,
  Facts,
  HarmLevel,
  LookbackPeriod,
  Measure,
  Standard,
  StatuteRange,
  Tier,
} from '@/api/types'
import { formatYuanText, parseYuan } from './money'

export const TIER_LEVEL_NAMES: Record<string, string> = {
  no_penalty: '不予处罚',
  mitigated: '减轻处罚',
  lighter: '从轻处罚',
  general: '一般',
  heavier: '从重处罚',
}

/** 档次标签颜色（Element Plus tag type）。 */
export const TIER_TAG: Record<string, 'success' | 'primary' | 'info' | 'warning' | 'danger'> = {
  no_penalty: 'success',
  mitigated: 'success',
  lighter: 'primary',
  general: 'info',
  heavier: 'danger',
}

export const CONDITION_KIND_NAMES: Record<string, string> = {
  first_offence: '初次违法',
  prior_count: '前次处罚次数',
  harm: '危害后果',
  corrected_promptly: '及时改正',
  refused_correction: '拒不改正',
  threatened_staff: '威胁、阻碍执法人员',
  serious_consequences: '造成严重后果',
  illegal_gains: '违法所得金额',
  goods_value: '货值金额',
  amount: '基数金额',
  units: '数量',
  party_type: '当事人类型',
  note: '其他情形',
}

/** 当事人类型（行政处罚法第四条：公民、法人或者其他组织）；unit 为“单位”（法人和其他组织）。 */
export const PARTY_TYPE_NAMES: Record<string, string> = {
  natural: '自然人',
  legal: '法人',
  other: '其他组织',
  unit: '单位',
}

/** 并处措施类型（行政处罚法第九条及限期拆除）。 */
export const MEASURE_KIND_NAMES: Record<string, string> = {
  confiscate_gains: '没收违法所得',
  confiscate_property: '没收非法财物',
  suspend_licence: '暂扣许可证件',
  downgrade: '降低资质等级',
  revoke_licence: '吊销许可证件',
  restrict_business: '限制开展生产经营活动',
  suspend_business: '责令停产停业',
  close: '责令关闭',
  restrict_practice: '限制从业',
  demolish: '限期拆除',
  other: '其他',
}

/** 回溯期单位。 */
export const PERIOD_UNIT_NAMES: Record<string, string> = { year: '年', month: '个月', day: '日' }

export const HARM_NAMES: Record<string, string> = {
  none: '没有造成危害后果',
  minor: '危害后果轻微',
  general: '有一般危害后果',
  serious: '危害后果严重',
}

export const STANDARD_KIND_NAMES: Record<string, string> = {
  warning: '警告',
  fixed: '固定数额',
  range: '数额区间',
  multiple: '倍数',
  percent: '百分比',
  per_unit: '按单位计算',
}

export const NO_PENALTY_KIND_NAMES: Record<string, string> = {
  minor: '轻微违法不予处罚',
  first: '首违不罚',
  no_fault: '无主观过错不予处罚',
}

/** 档次从宽到严的顺序（显示排序用）。 */
export const TIER_ORDER = ['no_penalty', 'mitigated', 'lighter', 'general', 'heavier'] as const

export function tierLevelName(level: string): string {
  return TIER_LEVEL_NAMES[level] ?? level
}

/** 与后端一致的金额写法：50元、20.5元、3万元、3.6万元；其余带千分位。 */
export function yuanWords(fen: number): string {
  if (fen >= 1_000_000 && fen % 100_000 === 0) {
    const wan = Math.floor(fen / 1_000_000)
    const d = Math.floor((fen % 1_000_000) / 100_000)
    return `${wan}${d ? `.${d}` : ''}万元`
  }
  return formatYuanText(fen)
}

function countText(lo?: number, hi?: number): string {
  if (lo !== undefined && hi !== undefined && lo === hi) return `${lo}次`
  if (lo !== undefined && hi !== undefined) return `${lo}至${hi}次`
  if (hi !== undefined && hi === 0) return '0次'
  if (hi !== undefined) return `${hi}次以下`
  if (lo !== undefined) return `${lo}次以上`
  return ''
}

function boundsText<T>(lo: T | undefined, hi: T | undefined, f: (v: T) => string): string {
  if (lo !== undefined && lo !== null && hi !== undefined && hi !== null) return `${f(lo)}以上、不足${f(hi)}`
  if (lo !== undefined && lo !== null) return `${f(lo)}以上`
  if (hi !== undefined && hi !== null) return `不足${f(hi)}`
  return ''
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 与后端 law.FormatNumeral 一致的中文数字（1–9999）：三十、一百二十、十二。 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) return String(n)
  const units = ['千', '百', '十', '']
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10]
  let out = ''
  let zero = false
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out) zero = true
      return
    }
    if (zero) {
      out += '零'
      zero = false
    }
    if (!(i === 2 && d === 1 && !out)) out += DIGITS[d]
    out += units[i]
  })
  return out
}

/** 回溯期的写法：一年、六个月、三十日（旧数据的 365 日即一年）。 */
export function describePeriod(p: LookbackPeriod | undefined, legacyDays?: number): string {
  const period = p ?? (legacyDays && legacyDays !== 365 ? { n: legacyDays, unit: 'day' } : { n: 1, unit: 'year' })
  return `${chineseNumeral(period.n)}${PERIOD_UNIT_NAMES[period.unit] ?? period.unit}`
}

/** 当事人类型的写法：个人、单位，或逐一列出。 */
export function describeParties(ps: readonly string[] | undefined): string {
  const list = [...new Set((ps ?? []).flatMap((p) => (p === 'unit' ? ['legal', 'other'] : [p])))]
  if (list.length === 1 && list[0] === 'natural') return '个人'
  if (list.length === 2 && list.includes('legal') && list.includes('other')) return '单位'
  if (list.length === 0 || list.length === 3) return '各类当事人'
  return list.map((p) => PARTY_TYPE_NAMES[p] ?? p).join('、')
}

/** 条件的中文表述（与后端 Condition.Describe 一致）。 */
export function describeCondition(c: Condition): string {
  const within = describePeriod(c.lookback, c.lookbackDays)
  let s: string
  switch (c.kind) {
    case 'first_offence':
      s = `初次违法（违法行为发生前${within}内未因同一违法行为受过行政处罚）`
      break
    case 'prior_count':
      s = `违法行为发生前${within}内因同一违法行为受过行政处罚${countText(c.minCount, c.maxCount)}`
      break
    case 'harm':
      s = `危害后果：${(c.harm ?? []).map((h) => HARM_NAMES[h] ?? h).join('或')}`
      break
    case 'corrected_promptly':
      s = '及时改正违法行为'
      break
    case 'refused_correction':
      s = c.withinDays && c.withinDays > 0 ? `拒不改正（经责令改正后${c.withinDays}日内再次实施同一违法行为的，视为拒不改正）` : '拒不改正违法行为'
      break
    case 'threatened_staff':
      s = '以暴力、威胁等方法阻碍执法人员依法执行职务'
      break
    case 'serious_consequences':
      s = '造成严重后果或者恶劣社会影响'
      break
    case 'illegal_gains':
      s = `违法所得${boundsText(c.minFen, c.maxFen, yuanWords)}`
      break
    case 'goods_value':
      s = `货值金额${boundsText(c.minFen, c.maxFen, yuanWords)}`
      break
    case 'amount':
      s = `${c.base ?? ''}${boundsText(c.minFen, c.maxFen, yuanWords)}`
      break
    case 'units':
      s = `数量${boundsText(c.minUnits, c.maxUnits, (v) => String(v))}`
      break
    case 'party_type':
      s = `当事人为${describeParties(c.partyTypes)}`
      break
    case 'note':
      s = c.text ?? ''
      break
    default:
      s = CONDITION_KIND_NAMES[c.kind] ?? c.kind
  }
  return c.not ? `不属于以下情形：${s}` : s
}

/** 档次的条件：全部满足用“且”、满足其一用“或”。 */
export function describeConditions(conditions: readonly Condition[], match?: string): string {
  if (conditions.length === 0) return '不具有其他档次情形的（兜底）'
  const parts = conditions.map(describeCondition)
  if (parts.length === 1) return parts[0] as string
  return match === 'any' ? `有下列情形之一：${parts.join('；')}` : `同时具有：${parts.join('；')}`
}

/** 倍数（×100）：1000 → 10倍，150 → 1.5倍；百分比标准写 50%。 */
function times(pct: number, percent: boolean): string {
  return percent ? `${pct}%` : `${pct / 100}倍`
}

function capText(lo: number, hi: number): string {
  if (lo > 0 && hi > 0) return `（不低于${yuanWords(lo)}，不超过${yuanWords(hi)}）`
  if (lo > 0) return `（不低于${yuanWords(lo)}）`
  if (hi > 0) return `（最高不超过${yuanWords(hi)}）`
  return ''
}

function spanText(lo: string, hi: string): string {
  return lo === hi ? lo : `${lo}至${hi}`
}

/** 并处措施的写法：没收违法所得；没收非法财物（烧烤工具）；其他措施照写。 */
export function describeMeasure(m: Measure): string {
  if (m.kind === 'other') return m.text ?? ''
  const name = MEASURE_KIND_NAMES[m.kind] ?? m.kind
  return m.text ? `${name}（${m.text}）` : name
}

function rangeText(lo: number, hi: number): string {
  if (lo === hi) return `罚款${yuanWords(lo)}`
  if (lo === 0) return `罚款${yuanWords(hi)}以下`
  return `罚款${yuanWords(lo)}至${yuanWords(hi)}`
}

/** 处罚标准的中文表述（与后端 Standard.Describe 一致）。 */
export function describeStandard(s: Standard | null | undefined): string {
  if (!s || !s.kind) return '不予处罚'
  let out = s.warning ? '警告，并处' : ''
  switch (s.kind) {
    case 'warning':
      out += '警告'
      break
    case 'fixed':
      out += `罚款${yuanWords(s.minFen)}`
      break
    case 'range':
      out += rangeText(s.minFen, s.maxFen)
      break
    case 'multiple':
    case 'percent': {
      const pct = s.kind === 'percent'
      out += `处${s.base ?? ''}${times(s.multipleMinPct, pct)}至${times(s.multipleMaxPct, pct)}的罚款${capText(s.minFen, s.maxFen)}`
      break
    }
    case 'per_unit':
      out += `按每${s.unit ?? ''}${spanText(yuanWords(s.perUnitMinFen), yuanWords(s.perUnitMaxFen))}计算罚款${capText(s.minFen, s.maxFen)}`
      break
  }
  if (s.measures?.length) out += (out ? '；' : '') + s.measures.map(describeMeasure).join('；')
  return out
}

/** 法定幅度（处罚条款的 range）。 */
export function describeRange(r: StatuteRange): string {
  if (r.unit && r.perUnitMaxFen > 0) {
    const rate = r.perUnitMinFen > 0 ? spanText(yuanWords(r.perUnitMinFen), yuanWords(r.perUnitMaxFen)) : `${yuanWords(r.perUnitMaxFen)}以下`
    return `每${r.unit}${rate}${r.fineMaxFen > 0 ? `，总额不超过${yuanWords(r.fineMaxFen)}` : ''}`
  }
  const parts: string[] = []
  if (r.fineMaxFen > 0) parts.push(r.fineMinFen > 0 ? `${yuanWords(r.fineMinFen)}至${yuanWords(r.fineMaxFen)}` : `${yuanWords(r.fineMaxFen)}以下`)
  if (r.multipleMaxPct > 0) {
    const pct = r.multipleMaxPct < 100
    parts.push(`${r.multipleBase}${times(r.multipleMinPct, pct)}至${times(r.multipleMaxPct, pct)}`)
  }
  return parts.length ? parts.join('；') : '未规定罚款幅度'
}

/** 档次按从宽到严排序（同级保持原顺序）。 */
export function sortTiers<T extends Pick<Tier, 'level'>>(tiers: readonly T[]): T[] {
  const rank = (l: string) => {
    const i = (TIER_ORDER as readonly string[]).indexOf(l)
    return i < 0 ? TIER_ORDER.length : i
  }
  return tiers
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t.level) - rank(b.t.level) || a.i - b.i)
    .map((x) => x.t)
}

/** 基准中需要办案人员确认的“其他情形”（note 条件）文字，去重。 */
export function noteCircumstances(content: { tiers: readonly Tier[]; noPenalty?: readonly { conditions: readonly Condition[] }[] }): string[] {
  const out: string[] = []
  const visit = (cs: readonly Condition[]) => {
    for (const c of cs) if (c.kind === 'note' && c.text && !out.includes(c.text)) out.push(c.text)
  }
  for (const t of content.tiers) visit(t.conditions)
  for (const e of content.noPenalty ?? []) visit(e.conditions)
  return out
}

/** 档次的名称：情节名称（如有）与阶次，如“情节严重（从重处罚）”。 */
export function tierTitle(t: Pick<Tier, 'level' | 'label'>): string {
  const level = tierLevelName(t.level)
  return t.label && t.label !== level ? `${t.label}（${level}）` : level
}

// ---- 裁量计算表单 ----

/** “裁量计算”面板的表单：金额以元录入（字符串，允许千分位、万），数量按原样（不四舍五入）。 */
export interface FactForm {
  actDate: string
  /** 当事人类型：natural 自然人、legal 法人、other 其他组织；空为未选。 */
  partyType: string
  /** 当事人证件号码（统一社会信用代码或身份证号码）：可从处罚记录统计前次处罚。 */
  partyKey: string
  /** 违法行为以“经责令改正拒不改正”为要件时：'yes' / 'no'；空为未答。 */
  orderIgnored: '' | 'yes' | 'no'
  firstOffence: boolean
  /** 回溯期内因同一违法行为受处罚的次数（执法人员统计）。 */
  priorCount: number | null
  /** 上述次数的回溯期。 */
  lookbackN: number
  lookbackUnit: string
  harm: HarmLevel | ''
  correctedPromptly: boolean
  refusedCorrection: boolean
  /** 责令改正至再次违法的天数。 */
  recurrenceDays: number | null
  threatenedStaff: boolean
  seriousConsequences: boolean
  /** 各计算基数的金额（元），键为基数名称：违法所得、货值金额、赔偿额 …。 */
  bases: Record<string, string>
  /** 数量（平方米、处、日 …），按文字录入以免舍入。 */
  units: string
  circumstances: string[]
}

export function emptyFactForm(actDate: string): FactForm {
  return {
    actDate,
    partyType: '',
    partyKey: '',
    orderIgnored: '',
    firstOffence: false,
    priorCount: 0,
    lookbackN: 1,
    lookbackUnit: 'year',
    harm: '',
    correctedPromptly: false,
    refusedCorrection: false,
    recurrenceDays: null,
    threatenedStaff: false,
    seriousConsequences: false,
    bases: {},
    units: '',
    circumstances: [],
  }
}

/** 接口的 facts 字段 → 表单字段（后端错误的 field 为 facts.bases.货值金额 等）。 */
export const FACT_FIELD_ALIAS: Record<string, string> = {
  actDate: 'actDate',
  'facts.partyType': 'partyType',
  'facts.partyKey': 'partyKey',
  'facts.orderIgnored': 'orderIgnored',
  'facts.firstOffence': 'firstOffence',
  'facts.priorCount': 'priorCount',
  'facts.lookback': 'priorCount',
  'facts.lookbackDays': 'priorCount',
  'facts.harm': 'harm',
  'facts.correctedPromptly': 'correctedPromptly',
  'facts.refusedCorrection': 'refusedCorrection',
  'facts.recurrenceDays': 'recurrenceDays',
  'facts.threatenedStaff': 'threatenedStaff',
  'facts.seriousConsequences': 'seriousConsequences',
  'facts.bases': 'bases',
  'facts.illegalGainsFen': 'bases.违法所得',
  'facts.goodsValueFen': 'bases.货值金额',
  'facts.illegalIncomeFen': 'bases.违法收入',
  'facts.projectCostFen': 'bases.建设工程造价',
  'facts.units': 'units',
  'facts.unit': 'units',
  'facts.circumstances': 'circumstances',
}

export const FACT_FORM_FIELDS = [
  'actDate',
  'partyType',
  'partyKey',
  'orderIgnored',
  'firstOffence',
  'priorCount',
  'harm',
  'correctedPromptly',
  'refusedCorrection',
  'recurrenceDays',
  'threatenedStaff',
  'seriousConsequences',
  'bases',
  'units',
  'circumstances',
] as const

export function factFieldAlias(field: string): string {
  if (field.startsWith('facts.bases.')) return `bases.${field.slice('facts.bases.'.length)}`
  return FACT_FIELD_ALIAS[field] ?? field
}

export type FactMapping =
  | { ok: true; request: EvaluateRequest }
  | { ok: false; fieldErrors: Record<string, string> }

/** 数量最多 6 位小数（与后端一致）。 */
const QUANTITY = /^\d+(\.\d{1,6})?$/

/**
 * 表单 → POST /discretion/evaluate 请求：
 * 首次违法时前次处罚次数为 0；次数按所选回溯期统计；金额由元换算为分，按基数名称发送；
 * 数量按录入的文字转为数值，不做舍入（2.555 平方米即 2.555）；空的金额、数量、天数不发送。
 * unit 为该事项按单位计算时的计量单位，随数量发送供服务端核对。
 */
export function factsToRequest(itemId: string, form: FactForm, regionCode = '', unit = ''): FactMapping {
  const errors: Record<string, string> = {}
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.actDate)) errors.actDate = '请选择违法行为发生日期'
  const prior = form.firstOffence ? 0 : Math.trunc(form.priorCount ?? 0)
  if (!Number.isFinite(prior) || prior < 0) errors.priorCount = '次数不能为负数'
  const facts: Facts = {
    firstOffence: form.firstOffence,
    priorCount: prior,
    lookback: { n: Math.trunc(form.lookbackN) || 1, unit: form.lookbackUnit || 'year' },
    harm: form.harm,
    correctedPromptly: form.correctedPromptly,
    refusedCorrection: form.refusedCorrection,
    threatenedStaff: form.threatenedStaff,
    seriousConsequences: form.seriousConsequences,
  }
  if (form.partyType) facts.partyType = form.partyType
  if (form.partyKey.trim()) facts.partyKey = form.partyKey.trim()
  if (form.orderIgnored) facts.orderIgnored = form.orderIgnored === 'yes'
  if (form.recurrenceDays !== null && form.recurrenceDays !== undefined) {
    if (form.recurrenceDays < 0) errors.recurrenceDays = '天数不能为负数'
    else facts.recurrenceDays = Math.trunc(form.recurrenceDays)
  }
  const bases: Record<string, number> = {}
  for (const [name, text] of Object.entries(form.bases)) {
    const fen = parseYuan(text)
    if (fen === null) continue
    if (Number.isNaN(fen)) errors[`bases.${name}`] = `${name}应为以元为单位的金额（最多两位小数）`
    else bases[name] = fen
  }
  if (Object.keys(bases).length) facts.bases = bases
  const q = form.units.trim().replace(/,/g, '')
  if (q) {
    if (!QUANTITY.test(q)) errors.units = '数量应为不小于0的数，最多6位小数'
    else {
      facts.units = Number(q)
      if (unit) facts.unit = unit
    }
  }
  const circumstances = form.circumstances.map((c) => c.trim()).filter(Boolean)
  if (circumstances.length) facts.circumstances = [...new Set(circumstances)]
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors }
  const request: EvaluateRequest = { itemId, actDate: form.actDate, regionCode, facts }
  return { ok: true, request }
}

/** 前次处罚次数的来源：处罚记录或执法人员填报。 */
export const PRIOR_SOURCE_NAMES: Record<string, string> = { record: '处罚记录统计', officer: '执法人员填报（未经处罚记录核对）' }

// ---- 案件中的裁量情节 ----

/** 基准（连同其施行时的法定处罚）需要办案人员认定的事实：计算基数、按单位计算的单位、违法行为要件、当事人类型、其他情形。 */
export interface FactNeeds {
  bases: string[]
  unit: string
  order: boolean
  orderText: string
  party: boolean
  circumstances: string[]
}

type NeedsContent = BenchmarkContentLike & { statute?: { multipleBase?: string; unit?: string } | null }
interface BenchmarkContentLike {
  precondition?: { kind?: string; text?: string } | null
  provisions?: readonly { range: { multipleBase?: string }; when: readonly Condition[] }[] | null
  tiers: readonly Tier[]
  noPenalty?: readonly { conditions: readonly Condition[] }[] | null
}

/** 从基准内容得出需要认定的事实；无基准时（null）只问常用的违法所得、货值金额及 extra 中的基数。 */
export function factNeeds(c: NeedsContent | null | undefined, extra: readonly string[] = []): FactNeeds {
  const bases = new Set<string>()
  if (!c) {
    for (const x of ['违法所得', '货值金额', ...extra]) bases.add(x)
    return { bases: [...bases], unit: '', order: false, orderText: '', party: false, circumstances: [] }
  }
  const visit = (cs: readonly Condition[]) => {
    for (const w of cs) {
      if (w.kind === 'goods_value') bases.add('货值金额')
      if (w.kind === 'illegal_gains') bases.add('违法所得')
      if (w.kind === 'amount' && w.base) bases.add(w.base)
    }
  }
  if (c.statute?.multipleBase) bases.add(c.statute.multipleBase)
  for (const p of c.provisions ?? []) {
    if (p.range.multipleBase) bases.add(p.range.multipleBase)
    visit(p.when)
  }
  for (const t of c.tiers) {
    if (t.standard.base) bases.add(t.standard.base)
    if (t.standard.measures?.some((m) => m.kind === 'confiscate_gains')) bases.add('违法所得')
    visit(t.conditions)
  }
  return {
    bases: [...bases],
    unit: c.tiers.find((t) => t.standard.kind === 'per_unit')?.standard.unit ?? c.statute?.unit ?? '',
    order: Boolean(c.precondition),
    orderText: c.precondition?.text ?? '',
    party: c.tiers.some((t) => t.partyTypes?.length || t.conditions.some((x) => x.kind === 'party_type')),
    circumstances: noteCircumstances({ tiers: c.tiers, noPenalty: c.noPenalty ?? [] }),
  }
}

/** 已记录的事实 → 表单（再次办理时带出上一步认定的情节）。金额由分换算为元。 */
export function factsToForm(f: Facts | null | undefined, actDate: string): FactForm {
  const form = emptyFactForm(actDate)
  if (!f) return form
  form.partyType = f.partyType ?? ''
  form.orderIgnored = f.orderIgnored === undefined || f.orderIgnored === null ? '' : f.orderIgnored ? 'yes' : 'no'
  form.firstOffence = f.firstOffence
  form.priorCount = f.priorCount
  if (f.lookback) {
    form.lookbackN = f.lookback.n
    form.lookbackUnit = f.lookback.unit
  }
  form.harm = (f.harm ?? '') as FactForm['harm']
  form.correctedPromptly = f.correctedPromptly
  form.refusedCorrection = f.refusedCorrection
  form.recurrenceDays = f.recurrenceDays ?? null
  form.threatenedStaff = f.threatenedStaff
  form.seriousConsequences = f.seriousConsequences
  for (const [name, fen] of Object.entries(f.bases ?? {})) form.bases[name] = String(fen / 100)
  form.units = f.units === undefined || f.units === null ? '' : String(f.units)
  form.circumstances = [...(f.circumstances ?? [])]
  return form
}

/** 案件的一项处罚所附的情节：表单 → facts（当事人类型与证件由服务端按案件当事人认定，不随表单发送）。 */
export function penaltyFacts(form: FactForm, unit = ''): { ok: true; facts: Facts } | { ok: false; fieldErrors: Record<string, string> } {
  const m = factsToRequest('', { ...form, partyType: '', partyKey: '' }, '', unit)
  return m.ok ? { ok: true, facts: m.request.facts } : m
}

/** 记录在案的裁量情节，逐项写成文字：“有一般危害后果、及时改正、数量2.555平方米、违法所得1,200.50元”。 */
export function describeFacts(f: Facts | null | undefined, unit = ''): string[] {
  if (!f) return []
  const out: string[] = []
  if (f.orderIgnored !== undefined && f.orderIgnored !== null) out.push(f.orderIgnored ? '经责令改正拒不改正' : '未经责令改正或已按期改正')
  if (f.harm) out.push(HARM_NAMES[f.harm] ?? f.harm)
  if (f.firstOffence) out.push('初次违法')
  else if (f.priorCount > 0) out.push(`执法人员填报同类处罚${f.priorCount}次`)
  if (f.correctedPromptly) out.push('及时改正')
  if (f.refusedCorrection) out.push('拒不改正')
  if (f.recurrenceDays !== undefined && f.recurrenceDays !== null) out.push(`责令改正后${f.recurrenceDays}日再次违法`)
  if (f.threatenedStaff) out.push('以暴力、威胁方法阻碍执法')
  if (f.seriousConsequences) out.push('造成严重后果')
  if (f.units !== undefined && f.units !== null) out.push(`数量${f.units}${f.unit || unit}`)
  for (const [name, fen] of Object.entries(f.bases ?? {})) out.push(`${name}${formatYuanText(fen)}`)
  for (const c of f.circumstances ?? []) out.push(c)
  return out
}
