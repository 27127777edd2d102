import type { StaffFilled, StaffQuota } from '@/api/types'

export interface StaffingRow {
  key: keyof StaffFilled
  label: string
  /** null 表示该类别无核定编制（如编外人员）。 */
  quota: number | null
  filled: number
  /** 正数为空缺，负数为超编。 */
  vacancy: number | null
  over: boolean
}

export const POST_TYPE_LABELS: Record<keyof StaffFilled, string> = {
  admin: '行政编',
  civil: '参公事业编',
  institution: '事业编',
  other: '其他（编外）',
}

/** 未单独核定编制（核定数全为 0，如局队合一下的大队、中队）时不判断超编。 */
export function hasQuota(quota: StaffQuota): boolean {
  return (quota.admin ?? 0) + (quota.civil ?? 0) + (quota.institution ?? 0) > 0
}

/** 编制核定数与实有人数对照；实有超过核定即为超编。 */
export function staffingRows(quota: StaffQuota, filled: StaffFilled): StaffingRow[] {
  const approved = hasQuota(quota)
  const rows: StaffingRow[] = (['admin', 'civil', 'institution'] as const).map((key) => {
    const q = quota[key] ?? 0
    const f = filled[key] ?? 0
    if (!approved) return { key, label: POST_TYPE_LABELS[key], quota: null, filled: f, vacancy: null, over: false }
    return { key, label: POST_TYPE_LABELS[key], quota: q, filled: f, vacancy: q - f, over: f > q }
  })
  rows.push({
    key: 'other',
    label: POST_TYPE_LABELS.other,
    quota: null,
    filled: filled.other ?? 0,
    vacancy: null,
    over: false,
  })
  return rows
}

/** 空缺或超编的说明：“空缺 N”“超编 N”；未核定编制为“—”。 */
export function vacancyText(vacancy: number | null): string {
  if (vacancy === null) return '—'
  return vacancy < 0 ? `超编 ${-vacancy}` : `空缺 ${vacancy}`
}

export function staffingTotals(
  quota: StaffQuota,
  filled: StaffFilled,
): { quota: number | null; filled: number; over: boolean } {
  const f = (filled.admin ?? 0) + (filled.civil ?? 0) + (filled.institution ?? 0)
  if (!hasQuota(quota)) return { quota: null, filled: f, over: false }
  const q = quota.admin + quota.civil + quota.institution
  return { quota: q, filled: f, over: f > q }
}

export interface SubtreeStaffingRow {
  key: keyof StaffFilled
  label: string
  /** 本机构自身的核定数；编外为 null。 */
  ownQuota: number | null
  ownFilled: number
  /** 本机构及下级机构合计的核定数；编外或合计未核定时为 null。 */
  quota: number | null
  filled: number
  /** 按合计计算：正数为空缺，负数为超编。 */
  vacancy: number | null
  over: boolean
}

/**
 * 局队合一：执法局的核定编制涵盖所属大队、中队，空缺与超编按本机构及下级机构的合计判断，
 * 同时列出本机构自身的核定与实有，避免把局机关的十几人与整个执法局的核定数相比。
 */
export function subtreeStaffingRows(
  quota: StaffQuota,
  filled: StaffFilled,
  subtree: { quota: StaffQuota; filled: StaffFilled },
): SubtreeStaffingRow[] {
  const approved = hasQuota(subtree.quota)
  const rows: SubtreeStaffingRow[] = (['admin', 'civil', 'institution'] as const).map((key) => {
    const q = subtree.quota[key] ?? 0
    const f = subtree.filled[key] ?? 0
    return {
      key,
      label: POST_TYPE_LABELS[key],
      ownQuota: quota[key] ?? 0,
      ownFilled: filled[key] ?? 0,
      quota: approved ? q : null,
      filled: f,
      vacancy: approved ? q - f : null,
      over: approved && f > q,
    }
  })
  rows.push({
    key: 'other',
    label: POST_TYPE_LABELS.other,
    ownQuota: null,
    ownFilled: filled.other ?? 0,
    quota: null,
    filled: subtree.filled.other ?? 0,
    vacancy: null,
    over: false,
  })
  return rows
}
