import type { Certificate, CertStatus } from '@/api/types'
import type { StatusTag } from './status'

export type CertTag = Required<StatusTag>

export const CERT_STATUS_OPTIONS: { value: CertStatus; label: string }[] = [
  { value: 'valid', label: '有效' },
  { value: 'expiring', label: '30天内到期' },
  { value: 'expired', label: '已过期' },
  { value: 'none', label: '无执法证' },
]

/** 执法证状态标签：已过期红色、30天内到期橙色、有效绿色、无证灰色。 */
export function certTag(cert: Certificate | null | undefined): CertTag {
  if (!cert || cert.status === 'none' || !cert.number) {
    return { label: '无执法证', type: 'info', hint: '未登记执法证，不得单独从事执法活动（行政处罚法第四十二条）' }
  }
  switch (cert.status) {
    case 'expired':
      return {
        label: '已过期',
        type: 'danger',
        hint: `执法证已于 ${cert.validTo} 过期${cert.daysLeft < 0 ? `（${-cert.daysLeft} 天前）` : ''}`,
      }
    case 'expiring':
      return {
        label: '30天内到期',
        type: 'warning',
        hint: `执法证将于 ${cert.validTo} 到期，剩余 ${Math.max(cert.daysLeft, 0)} 天`,
      }
    default:
      return { label: '有效', type: 'success', hint: `有效期至 ${cert.validTo}` }
  }
}
