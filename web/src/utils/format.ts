import type { ReformCheck } from '@/api/types'
import { localIsoDate, pad2 } from './dates'

/** ISO 时间 → 本地 “YYYY-MM-DD HH:mm:ss”；无值显示 “—”。 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${localIsoDate(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return localIsoDate(d)
}

export function formatPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—'
  return `${(ratio * 100).toFixed(digits)}%`
}

/** 改革指标的数值：比例显示百分比，计数显示“N 人”。 */
export function formatCheckValue(check: Pick<ReformCheck, 'unit' | 'value'>): string {
  return check.unit === 'ratio' ? formatPercent(check.value) : `${check.value} 人`
}

export function formatCheckThreshold(check: Pick<ReformCheck, 'unit' | 'threshold'>): string {
  return check.unit === 'ratio' ? `≥ ${formatPercent(check.threshold, 0)}` : `≥ ${check.threshold} 人`
}

export function formatFraction(check: Pick<ReformCheck, 'numerator' | 'denominator'>): string {
  if (check.numerator === undefined || check.denominator === undefined) return ''
  return `${check.numerator} / ${check.denominator}`
}

/** 指标的统计口径，一行一项：比例为“分子 N：口径”“分母 M：口径”，人数为“计数：口径”。 */
export function checkDefinitions(
  check: Pick<ReformCheck, 'unit' | 'value' | 'numerator' | 'denominator' | 'numeratorLabel' | 'denominatorLabel'>,
): string {
  if (!check.numeratorLabel) return ''
  if (check.unit !== 'ratio') return `计数 ${check.value}：${check.numeratorLabel}`
  const lines = [`分子 ${check.numerator ?? '—'}：${check.numeratorLabel}`]
  if (check.denominatorLabel) lines.push(`分母 ${check.denominator ?? '—'}：${check.denominatorLabel}`)
  return lines.join('\n')
}

export function yesNo(v: boolean): string {
  return v ? '是' : '否'
}
