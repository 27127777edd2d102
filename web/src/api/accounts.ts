import { http } from './http'
import type {
  AccountCreateInput,
  AccountItem,
  AccountListParams,
  AccountUpdateInput,
  Id,
  Page,
} from './types'

export function listAccounts(params: AccountListParams): Promise<Page<AccountItem>> {
  return http.get<Page<AccountItem>>('/accounts', { query: { ...params } })
}

export function createAccount(input: AccountCreateInput): Promise<AccountItem> {
  return http.post<AccountItem>('/accounts', input)
}

export function updateAccount(id: Id, input: AccountUpdateInput): Promise<AccountItem> {
  return http.put<AccountItem>(`/accounts/${encodeURIComponent(String(id))}`, input)
}

export function unlockAccount(id: Id): Promise<void> {
  return http.post<void>(`/accounts/${encodeURIComponent(String(id))}/unlock`)
}

export function resetAccountPassword(id: Id, password: string): Promise<void> {
  return http.post<void>(`/accounts/${encodeURIComponent(String(id))}/reset-password`, { password })
}
