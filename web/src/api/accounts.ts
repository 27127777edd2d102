import { http, path } from './http'
import type {
  AccountApproval,
  AccountCreateInput,
  AccountRequest,
  AccountRequestInput,
  AccountRequestStatus,
  AccountItem,
  AccountListParams,
  AccountUpdateInput,
  Id,
  Page,
  RoleCode,
} from './types'

export function listAccounts(params: AccountListParams): Promise<Page<AccountItem>> {
  return http.get<Page<AccountItem>>('/accounts', { query: { ...params } })
}

export function createAccount(input: AccountCreateInput): Promise<AccountItem> {
  return http.post<AccountItem>('/accounts', input)
}

export function updateAccount(id: Id, input: AccountUpdateInput): Promise<AccountItem> {
  return http.put<AccountItem>(path`/accounts/${id}`, input)
}

export function unlockAccount(id: Id): Promise<void> {
  return http.post<void>(path`/accounts/${id}/unlock`)
}

export function resetAccountPassword(id: Id, password: string): Promise<void> {
  return http.post<void>(path`/accounts/${id}/reset-password`, { password })
}

/**
 * 是否涉及三员（系统管理员、安全管理员、安全审计员，由 GET /meta 的 administrators 给出）的角色：
 * 涉及这些角色的变更须提交申请，由另一名管理员审批。
 */
export function involvesAdminRole(administrators: readonly RoleCode[], ...roleSets: readonly (readonly RoleCode[])[]): boolean {
  return roleSets.some((rs) => rs.some((r) => administrators.includes(r)))
}

export function requestAccountChange(input: AccountRequestInput): Promise<AccountRequest> {
  return http.post<AccountRequest>('/account-requests', input)
}

export function listAccountRequests(params: {
  status?: AccountRequestStatus | ''
  page?: number
  pageSize?: number
}): Promise<Page<AccountRequest>> {
  return http.get<Page<AccountRequest>>('/account-requests', { query: { ...params } })
}

export function approveAccountRequest(id: Id): Promise<AccountApproval> {
  return http.post<AccountApproval>(path`/account-requests/${id}/approve`)
}

export function rejectAccountRequest(id: Id, reason: string): Promise<AccountRequest> {
  return http.post<AccountRequest>(path`/account-requests/${id}/reject`, { reason })
}
