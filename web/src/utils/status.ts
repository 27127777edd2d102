// 状态标签：名称与颜色（Element Plus 标签类型），有说明时悬停显示。界面见 components/StatusTag.vue。
import type { AccountRequestStatus } from '@/api/types'

export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'

export interface StatusTag {
  label: string
  type: TagType
  hint?: string
}

/** 账号状态：已停用灰色、已锁定（连续登录失败）红色、正常绿色。 */
export function accountStatus(a: { disabled: boolean; locked: boolean }): StatusTag {
  if (a.disabled) return { label: '已停用', type: 'info' }
  if (a.locked) return { label: '已锁定', type: 'danger' }
  return { label: '正常', type: 'success' }
}

/** 管理员账号变更申请的状态（服务端的代码）。 */
export const ACCOUNT_REQUEST_STATUS: Record<AccountRequestStatus, StatusTag> = {
  pending: { label: '待审批', type: 'warning' },
  approved: { label: '已批准', type: 'success' },
  rejected: { label: '未批准', type: 'info' },
}

export function accountRequestStatus(status: string): StatusTag {
  return ACCOUNT_REQUEST_STATUS[status as AccountRequestStatus] ?? { label: status, type: 'primary' }
}
