import { http } from './http'
import type { AuditEntry, AuditListParams, AuditVerifyResult, Page } from './types'

export function listAudit(params: AuditListParams): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', { query: { ...params } })
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return http.post<AuditVerifyResult>('/audit/verify')
}
