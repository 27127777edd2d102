// 辖区设置的显示与表单换算：取值按字段说明显示（百分比、人数、金额、是否），
// 说明取值来自哪一级，修改记录逐项列出变化。金额在接口中以“分”计，表单中以“元”填写。
import type { SettingAction, SettingChange, SettingField, SettingKind, SettingValue, SettingView } from '@/api/types'
import { fenToYuan, formatYuanText, yuanToFen } from './money'

export const SETTING_ACTION_NAMES: Record<SettingAction, string> = {
  set: '设置',
  clear: '撤销',
  migrate: '迁入',
}

/** 一个字段的取值：85%、8 人、2,000元、是、提醒。 */
export function formatSettingValue(field: SettingField, value: unknown): string {
  if (value === undefined || value === null) return '—'
  switch (field.type) {
    case 'percent':
      return `${value}%`
    case 'yuan':
      return formatYuanText(Number(value))
    case 'boolean':
      return value ? '是' : '否'
    case 'text':
      return String(value) || '（空）'
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? String(value)
    default:
      return field.unit ? `${value} ${field.unit}` : String(value)
  }
}

/** 取值的来源：全国默认值、本级设置，或“采用 阳谷县 的设置”。 */
export function settingSourceText(view: SettingView): string {
  const e = view.effective
  if (!e.regionCode) return '全国默认值'
  if (e.regionCode === view.regionCode) return `本级（${e.regionName}）的设置`
  return `采用 ${e.regionName} 的设置`
}

/** 来源连同依据：“采用 阳谷县 的设置，依据 阳政办发〔2024〕3号”。 */
export function settingSourceWithBasis(view: SettingView): string {
  const basis = view.effective.basis
  return basis ? `${settingSourceText(view)}，依据 ${basis}` : settingSourceText(view)
}

/** 撤销本级设置后将采用的来源：最近一级有设置的上级，或全国默认值。 */
export function inheritedSourceText(view: SettingView): string {
  for (let i = view.chain.length - 2; i >= 0; i--) {
    const level = view.chain[i]
    if (!level?.own) continue
    return level.regionCode ? `${level.regionName} 的设置` : '全国默认值'
  }
  return '全国默认值'
}

/** 表单中的取值：金额由分换算为元，其余照原样。 */
export type SettingForm = Record<string, number | string | boolean | undefined>

export function toSettingForm(kind: SettingKind, value: unknown): SettingForm {
  const v = (value ?? {}) as SettingValue
  const form: SettingForm = {}
  for (const f of kind.fields) {
    const x = v[f.name]
    form[f.name] = f.type === 'yuan' && typeof x === 'number' ? (fenToYuan(x) ?? undefined) : x
  }
  return form
}

/** 表单 → 接口取值：金额由元换算为分（四舍五入到分）。 */
export function fromSettingForm(kind: SettingKind, form: SettingForm): SettingValue {
  const out: SettingValue = {}
  for (const f of kind.fields) {
    const x = form[f.name]
    if (x === undefined || x === null) continue
    if (f.type === 'yuan') {
      const fen = yuanToFen(Number(x))
      if (fen !== null) out[f.name] = fen
    } else if (f.type === 'text') out[f.name] = String(x).trim()
    else out[f.name] = x
  }
  return out
}

/** 字段是否为数值（整数、百分比、金额），有可填范围。 */
export function numeric(field: SettingField): boolean {
  return field.type === 'integer' || field.type === 'percent' || field.type === 'yuan'
}

/** 数值字段的可填范围（金额以元计）。 */
export function fieldRange(field: SettingField): { min: number; max: number } {
  return field.type === 'yuan' ? { min: field.min / 100, max: field.max / 100 } : { min: field.min, max: field.max }
}

/** 一条修改记录改了什么：“办理期限：45 天 → 60 天”；首次设置列出全部取值，撤销写明恢复沿用上级。 */
export function describeSettingChange(kind: SettingKind, change: SettingChange): string[] {
  const before = (change.before ?? null) as SettingValue | null
  const after = (change.after ?? null) as SettingValue | null
  if (!after) return ['撤销本级设置，改用上级设置或全国默认值']
  const lines: string[] = []
  for (const f of kind.fields) {
    const a = formatSettingValue(f, after[f.name])
    if (!before) {
      lines.push(`${f.label} ${a}`)
      continue
    }
    const b = formatSettingValue(f, before[f.name])
    if (a !== b) lines.push(`${f.label}：${b} → ${a}`)
  }
  if (before && lines.length === 0) lines.push('取值未变')
  return lines
}
