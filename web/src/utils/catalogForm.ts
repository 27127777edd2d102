// 事项表单（金额以元、倍数以“倍”录入，职责一行一条）与接口 CatalogItemInput 之间的换算。

import type { CatalogItemInput, CatalogVersion, Citation, Fine, ItemCategory, ItemLevel, ItemType } from '@/api/types'
import { normalizeCitation } from './citation'
import { formatYuan } from './money'

export interface ItemForm {
  code: string
  name: string
  type: ItemType
  domain: string
  category: ItemCategory
  level: ItemLevel
  ownerOrgId: string
  violatedBasis: Citation[]
  penaltyBasis: Citation[]
  penaltyKinds: string[]
  /** 罚款下限、上限（元）；按单位计罚时为总额的下限、上限（无则留空）。 */
  fineMinYuan: number | null
  fineMaxYuan: number | null
  /** 计罚单位（处、平方米、日、辆、件……），空为不按单位计罚。 */
  unit: string
  /** 每单位罚款下限、上限（元）；“每平方米一千元”两者相同。 */
  unitMinYuan: number | null
  unitMaxYuan: number | null
  /** 倍数下限、上限（倍，0.05 表示 5%）。 */
  multipleMin: number | null
  multipleMax: number | null
  multipleBase: string
  /** 一行一条。 */
  superviseDuties: string
  enforceDuties: string
  effectiveFrom: string
  docNo: string
  note: string
}

/** 表单项 → 后端字段（错误就近显示用）。 */
export const ITEM_FORM_FIELDS = [
  'code',
  'regionCode',
  'name',
  'type',
  'domain',
  'category',
  'level',
  'ownerOrgId',
  'violatedBasis',
  'penaltyBasis',
  'penaltyKinds',
  'fine',
  'fine.minFen',
  'fine.maxFen',
  'fine.multipleMin',
  'fine.multipleMax',
  'fine.multipleBase',
  'fine.unit',
  'fine.perUnitMinFen',
  'fine.perUnitMaxFen',
  'superviseDuties',
  'enforceDuties',
  'effectiveFrom',
  'docNo',
  'note',
] as const

export function emptyItemForm(): ItemForm {
  return {
    code: '',
    name: '',
    type: 'penalty',
    domain: '',
    category: 'general',
    level: 'county',
    ownerOrgId: '',
    violatedBasis: [],
    penaltyBasis: [],
    penaltyKinds: [],
    fineMinYuan: null,
    fineMaxYuan: null,
    unit: '',
    unitMinYuan: null,
    unitMaxYuan: null,
    multipleMin: null,
    multipleMax: null,
    multipleBase: '',
    superviseDuties: '',
    enforceDuties: '',
    effectiveFrom: '',
    docNo: '',
    note: '',
  }
}

const toYuan = (fen: number | null) => (fen === null || fen === undefined ? null : fen / 100)
const toTimes = (pct: number | null) => (pct === null || pct === undefined ? null : pct / 100)

/** 由版本内容填表（修改草稿、新增版本）；keepDates 为 false 时生效日期与文号留空。 */
export function versionToItemForm(code: string, v: CatalogVersion, keepDates: boolean): ItemForm {
  return {
    code,
    name: v.name,
    type: v.type,
    domain: v.domain,
    category: v.category,
    level: v.level,
    ownerOrgId: v.ownerOrgId,
    violatedBasis: v.violatedBasis.map((c) => ({ ...c })),
    penaltyBasis: v.penaltyBasis.map((c) => ({ ...c })),
    penaltyKinds: [...v.penaltyKinds],
    fineMinYuan: toYuan(v.fine.minFen),
    fineMaxYuan: toYuan(v.fine.maxFen),
    unit: v.fine.unit,
    unitMinYuan: toYuan(v.fine.perUnitMinFen),
    unitMaxYuan: toYuan(v.fine.perUnitMaxFen),
    multipleMin: toTimes(v.fine.multipleMin),
    multipleMax: toTimes(v.fine.multipleMax),
    multipleBase: v.fine.multipleBase,
    superviseDuties: v.superviseDuties.join('\n'),
    enforceDuties: v.enforceDuties.join('\n'),
    effectiveFrom: keepDates ? v.effectiveFrom : '',
    docNo: keepDates ? v.docNo : '',
    note: v.note,
  }
}

function lines(text: string): string[] {
  return text
    .split(/[\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

const fen = (yuan: number | null) => (yuan === null || yuan === undefined || !Number.isFinite(yuan) ? null : Math.round(yuan * 100))

/** 没有罚款幅度。 */
export function noFine(): Fine {
  return { minFen: null, maxFen: null, multipleMin: null, multipleMax: null, multipleBase: '', unit: '', perUnitMinFen: null, perUnitMaxFen: null }
}

/** 解析出的罚款幅度（POST /catalog/fines/parse）填入表单的罚款各项。 */
export function applyFine(form: ItemForm, f: Fine): void {
  form.fineMinYuan = toYuan(f.minFen)
  form.fineMaxYuan = toYuan(f.maxFen)
  form.unit = f.unit
  form.unitMinYuan = toYuan(f.perUnitMinFen)
  form.unitMaxYuan = toYuan(f.perUnitMaxFen)
}

/** 表单 → 接口请求。新建时带 code；非处罚事项不发送处罚种类与罚款幅度。 */
export function itemFormToInput(form: ItemForm, withCode: boolean): CatalogItemInput {
  const penalty = form.type === 'penalty'
  const input: CatalogItemInput = {
    name: form.name.trim(),
    type: form.type,
    domain: form.domain,
    category: form.category,
    level: form.level,
    ownerOrgId: form.ownerOrgId,
    violatedBasis: form.violatedBasis.map(normalizeCitation),
    penaltyBasis: form.penaltyBasis.map(normalizeCitation),
    penaltyKinds: penalty ? [...form.penaltyKinds] : [],
    fine: penalty
      ? {
          minFen: fen(form.fineMinYuan),
          maxFen: fen(form.fineMaxYuan),
          multipleMin: fen(form.multipleMin),
          multipleMax: fen(form.multipleMax),
          multipleBase: form.multipleMin !== null || form.multipleMax !== null ? form.multipleBase : '',
          unit: form.unit.trim(),
          perUnitMinFen: form.unit.trim() ? fen(form.unitMinYuan) : null,
          perUnitMaxFen: form.unit.trim() ? fen(form.unitMaxYuan) : null,
        }
      : noFine(),
    superviseDuties: lines(form.superviseDuties),
    enforceDuties: lines(form.enforceDuties),
    effectiveFrom: form.effectiveFrom,
    docNo: form.docNo.trim(),
    note: form.note.trim(),
  }
  if (withCode) input.code = form.code.trim()
  return input
}

/** 已有版本原样转为请求体（发布前补写生效日期与文号时用）。 */
export function versionToInput(v: CatalogVersion): CatalogItemInput {
  return {
    name: v.name,
    type: v.type,
    domain: v.domain,
    category: v.category,
    level: v.level,
    ownerOrgId: v.ownerOrgId,
    violatedBasis: v.violatedBasis,
    penaltyBasis: v.penaltyBasis,
    penaltyKinds: v.penaltyKinds,
    fine: v.fine,
    superviseDuties: v.superviseDuties,
    enforceDuties: v.enforceDuties,
    effectiveFrom: v.effectiveFrom,
    docNo: v.docNo,
    note: v.note,
  }
}

/** 法定罚款幅度的文字（与后端 describeFine 一致，金额带千分位）：每处5,000元至2万元（总额不超过10万元）。 */
export function describeFine(f: Fine | null | undefined): string {
  if (!f) return '—'
  const parts: string[] = []
  const yuan = (v: number) =>
    v >= 1_000_000 && v % 1_000_000 === 0 ? `${v / 1_000_000}万元` : `${formatYuan(v)}元`
  const span = (lo: number | null, hi: number | null) => {
    if (lo !== null && hi !== null) return lo === hi ? yuan(lo) : `${yuan(lo)}至${yuan(hi)}`
    if (hi !== null) return `${yuan(hi)}以下`
    if (lo !== null) return `${yuan(lo)}以上`
    return ''
  }
  if (f.unit) {
    const limits: string[] = []
    if (f.minFen !== null) limits.push(`不少于${yuan(f.minFen)}`)
    if (f.maxFen !== null) limits.push(`不超过${yuan(f.maxFen)}`)
    parts.push(`每${f.unit}${span(f.perUnitMinFen, f.perUnitMaxFen)}${limits.length ? `（总额${limits.join('、')}）` : ''}`)
  } else {
    const t = span(f.minFen, f.maxFen)
    if (t) parts.push(t)
  }
  const m = (pct: number) => (pct % 100 === 0 ? `${pct / 100}倍` : `${pct}%`)
  if (f.multipleMin !== null && f.multipleMax !== null) parts.push(`${f.multipleBase}${m(f.multipleMin)}至${m(f.multipleMax)}`)
  else if (f.multipleMax !== null) parts.push(`${f.multipleBase}${m(f.multipleMax)}以下`)
  else if (f.multipleMin !== null) parts.push(`${f.multipleBase}${m(f.multipleMin)}以上`)
  return parts.length ? parts.join('；') : '未规定罚款幅度'
}
