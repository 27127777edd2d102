// 裁量基准的显示与“裁量计算”表单 → 接口请求的映射（纯函数，均有单元测试）。
// 文字与后端 Condition.Describe / Standard.Describe 一致，金额按元显示并带千分位。

import type {
  Condition,
  EvaluateRequest,
  Facts,
  HarmLevel,
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
  units: '数量',
  note: '其他情形',
}

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

/** 条件的中文表述（与后端 Condition.Describe 一致）。 */
export function describeCondition(c: Condition): string {
  const days = c.lookbackDays || 365
  let s: string
  switch (c.kind) {
    case 'first_offence':
      s = `初次违法（违法行为发生前${days}日内未因同一违法行为受过行政处罚）`
      break
    case 'prior_count':
      s = `违法行为发生前${days}日内因同一违法行为受过行政处罚${countText(c.minCount, c.maxCount)}`
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
    case 'units':
      s = `数量${boundsText(c.minUnits, c.maxUnits, (v) => String(v))}`
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
      out += `按每${s.unit ?? ''}${yuanWords(s.perUnitMinFen)}至${yuanWords(s.perUnitMaxFen)}计算罚款${capText(s.minFen, s.maxFen)}`
      break
  }
  if (s.measures?.length) out += (out ? '；' : '') + s.measures.join('；')
  return out
}

/** 法定幅度（处罚条款的 range）。 */
export function describeRange(r: StatuteRange): string {
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

// ---- 裁量计算表单 ----

/** “裁量计算”面板的表单：金额以元录入（字符串，允许千分位、万）。 */
export interface FactForm {
  actDate: string
  firstOffence: boolean
  /** 一年内（365日）因同一违法行为受处罚的次数。 */
  priorCount: number | null
  harm: HarmLevel | ''
  correctedPromptly: boolean
  refusedCorrection: boolean
  /** 责令改正至再次违法的天数。 */
  recurrenceDays: number | null
  threatenedStaff: boolean
  seriousConsequences: boolean
  illegalGains: string
  goodsValue: string
  illegalIncome: string
  projectCost: string
  units: number | null
  circumstances: string[]
}

export function emptyFactForm(actDate: string): FactForm {
  return {
    actDate,
    firstOffence: false,
    priorCount: 0,
    harm: '',
    correctedPromptly: false,
    refusedCorrection: false,
    recurrenceDays: null,
    threatenedStaff: false,
    seriousConsequences: false,
    illegalGains: '',
    goodsValue: '',
    illegalIncome: '',
    projectCost: '',
    units: null,
    circumstances: [],
  }
}

/** 接口的 facts 字段 → 表单字段（后端错误的 field 为 facts.goodsValueFen 等）。 */
export const FACT_FIELD_ALIAS: Record<string, keyof FactForm> = {
  actDate: 'actDate',
  'facts.firstOffence': 'firstOffence',
  'facts.priorCount': 'priorCount',
  'facts.lookbackDays': 'priorCount',
  'facts.harm': 'harm',
  'facts.correctedPromptly': 'correctedPromptly',
  'facts.refusedCorrection': 'refusedCorrection',
  'facts.recurrenceDays': 'recurrenceDays',
  'facts.threatenedStaff': 'threatenedStaff',
  'facts.seriousConsequences': 'seriousConsequences',
  'facts.illegalGainsFen': 'illegalGains',
  'facts.goodsValueFen': 'goodsValue',
  'facts.illegalIncomeFen': 'illegalIncome',
  'facts.projectCostFen': 'projectCost',
  'facts.units': 'units',
  'facts.circumstances': 'circumstances',
}

export const FACT_FORM_FIELDS = [
  'actDate',
  'firstOffence',
  'priorCount',
  'harm',
  'correctedPromptly',
  'refusedCorrection',
  'recurrenceDays',
  'threatenedStaff',
  'seriousConsequences',
  'illegalGains',
  'goodsValue',
  'illegalIncome',
  'projectCost',
  'units',
  'circumstances',
] as const

export function factFieldAlias(field: string): string {
  return FACT_FIELD_ALIAS[field] ?? field
}

export type FactMapping =
  | { ok: true; request: EvaluateRequest }
  | { ok: false; fieldErrors: Partial<Record<keyof FactForm, string>> }

const MONEY_FIELDS = [
  ['illegalGains', 'illegalGainsFen', '违法所得'],
  ['goodsValue', 'goodsValueFen', '货值金额'],
  ['illegalIncome', 'illegalIncomeFen', '违法收入'],
  ['projectCost', 'projectCostFen', '建设工程造价'],
] as const

/**
 * 表单 → POST /discretion/evaluate 请求：
 * 首次违法时前次处罚次数为 0；次数按一年（365 日）回溯期统计；金额由元换算为分，空的金额、数量、天数不发送。
 */
export function factsToRequest(itemId: string, form: FactForm, regionCode = ''): FactMapping {
  const errors: Partial<Record<keyof FactForm, string>> = {}
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.actDate)) errors.actDate = '请选择违法行为发生日期'
  const prior = form.firstOffence ? 0 : Math.trunc(form.priorCount ?? 0)
  if (!Number.isFinite(prior) || prior < 0) errors.priorCount = '次数不能为负数'
  const facts: Facts = {
    firstOffence: form.firstOffence,
    priorCount: prior,
    lookbackDays: 365,
    harm: form.harm,
    correctedPromptly: form.correctedPromptly,
    refusedCorrection: form.refusedCorrection,
    threatenedStaff: form.threatenedStaff,
    seriousConsequences: form.seriousConsequences,
  }
  if (form.recurrenceDays !== null && form.recurrenceDays !== undefined) {
    if (form.recurrenceDays < 0) errors.recurrenceDays = '天数不能为负数'
    else facts.recurrenceDays = Math.trunc(form.recurrenceDays)
  }
  for (const [key, api, label] of MONEY_FIELDS) {
    const fen = parseYuan(form[key])
    if (fen === null) continue
    if (Number.isNaN(fen)) errors[key] = `${label}应为以元为单位的金额（最多两位小数）`
    else facts[api] = fen
  }
  if (form.units !== null && form.units !== undefined) {
    if (form.units < 0) errors.units = '数量不能为负数'
    else facts.units = Math.round(form.units * 100) / 100
  }
  const circumstances = form.circumstances.map((c) => c.trim()).filter(Boolean)
  if (circumstances.length) facts.circumstances = [...new Set(circumstances)]
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors }
  const request: EvaluateRequest = { itemId, actDate: form.actDate, regionCode, facts }
  return { ok: true, request }
}
