import { http } from './http'
import type { AuditChains, AuditEntry, AuditListParams, AuditMeta, AuditVerifyResult, Page } from './types'

export function listAudit(params: AuditListParams): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', { query: { ...params } })
}

/** 逐链校验本辖区的审计链；chain 为 undefined 时校验全部，'' 为系统级链。 */
export function verifyAuditChain(chain?: string): Promise<AuditVerifyResult> {
  return http.post<AuditVerifyResult>('/audit/verify', undefined, chain === undefined ? {} : { query: { chain }, queryOptions: { keepEmpty: ['chain'] } })
}

/** 审计日志的操作与对象类型及其中文名。 */
export function fetchAuditMeta(): Promise<AuditMeta> {
  return http.get<AuditMeta>('/audit/meta')
}

/** 各审计链的链头与最近一次签名锚点。 */
export function fetchAuditChains(): Promise<AuditChains> {
  return http.get<AuditChains>('/audit/chains')
}
