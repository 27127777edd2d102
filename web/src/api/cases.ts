// 办案：案件、线索与办理步骤。请求与响应类型取自服务端 OpenAPI 文档生成的 schema.ts。
import { ApiError, http, request } from './http'
import type { components } from './schema'
import type { Id, ListParams, Page } from './types'

type S = components['schemas']

export type CaseSummary = S['cases.Summary']
export type CaseDetail = S['cases.Detail']
export type CaseState = S['cases.State']
export type CaseAction = S['cases.Action']
export type CaseDeadline = S['cases.Deadline']
export type CaseStep = S['cases.StepView']
export type CaseParty = S['cases.PartyView']
export type CaseMeta = S['cases.Meta']
export type CaseOption = S['cases.Option']
export type CaseOpenInput = S['cases.OpenInput']
export type CaseSimpleInput = S['cases.SimpleInput']
export type CasePartyInput = S['cases.PartyInput']
export type CasePenalty = S['cases.Penalty']
export type Lead = S['cases.Lead']
export type LeadInput = S['cases.LeadInput']
export type RevealedPartyId = S['cases.RevealedID']

export interface CaseListParams extends ListParams {
  stage?: string
  procedure?: string
  orgId?: string
  itemId?: string
  mine?: string
  open?: string
  overdue?: string
  due?: string
  from?: string
  to?: string
}

export interface LeadListParams extends ListParams {
  status?: string
  source?: string
  overdue?: string
}

const enc = (id: Id) => encodeURIComponent(String(id))

export function caseMeta(): Promise<CaseMeta> {
  return http.get<CaseMeta>('/cases/meta')
}

export function listCases(params: CaseListParams): Promise<Page<CaseSummary>> {
  return http.get<Page<CaseSummary>>('/cases', { query: { ...params } })
}

export function getCase(id: Id): Promise<CaseDetail> {
  return http.get<CaseDetail>(`/cases/${enc(id)}`)
}

export function openCase(input: CaseOpenInput): Promise<CaseDetail> {
  return http.post<CaseDetail>('/cases', input)
}

export function simpleCase(input: CaseSimpleInput): Promise<CaseDetail> {
  return http.post<CaseDetail>('/cases/simple', input)
}

/** 办理一个步骤：POST /cases/{id}/{path}。 */
export function takeStep(id: Id, path: string, body: Record<string, unknown>): Promise<CaseDetail> {
  return http.post<CaseDetail>(`/cases/${enc(id)}/${path}`, body)
}

export type Evidence = S['cases.Evidence']
export type ChainReport = S['cases.ChainReport']

/** 登记证据时随文件发送的说明（拍摄时间、位置及坐标系、设备）。 */
export interface EvidenceMeta {
  kind: string
  name: string
  takenAt: string
  lat?: number
  lng?: number
  crs?: string
  accuracy?: number
  device?: string
  note?: string
}

export function listEvidence(id: Id): Promise<Evidence[]> {
  return http.get<Evidence[]>(`/cases/${enc(id)}/evidence`)
}

/** 登记证据：文件原样上传（大文件不在内存中拼接），服务端按SM3摘要存储并记入全过程记录。 */
export function addEvidence(id: Id, file: Blob, meta: EvidenceMeta): Promise<Evidence> {
  return request<Evidence>('POST', `/cases/${enc(id)}/evidence`, { file, query: { ...meta } })
}

export type EvidenceUpload = S['cases.Upload']

/** 大于此值的文件分段上传，断线后从已收到处继续。 */
export const PIECE_BYTES = 8 << 20

/**
 * 登记证据：小文件整体上传；大文件分段上传（断点续传）——每段失败后询问服务端已收到多少，
 * 从那里继续，连续失败 5 次才放弃。onProgress 报告已收到的字节数。
 */
export async function uploadEvidence(
  id: Id,
  file: Blob,
  meta: EvidenceMeta,
  onProgress?: (received: number, size: number) => void,
): Promise<Evidence> {
  if (file.size <= PIECE_BYTES) {
    const ev = await addEvidence(id, file, meta)
    onProgress?.(file.size, file.size)
    return ev
  }
  let up = await http.post<EvidenceUpload>(`/cases/${enc(id)}/evidence-uploads`, { ...meta, size: file.size })
  let failures = 0
  while (up.received < up.size) {
    const from = up.received
    try {
      up = await request<EvidenceUpload>('PUT', `/evidence-uploads/${enc(up.id)}`, {
        file: file.slice(from, Math.min(from + PIECE_BYTES, up.size)),
        query: { offset: from },
      })
      failures = 0
    } catch (e) {
      failures++
      if (failures >= 5 || (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 409)) throw e
      await new Promise((r) => setTimeout(r, 500 * failures))
      up = await http.get<EvidenceUpload>(`/evidence-uploads/${enc(up.id)}`)
    }
    onProgress?.(up.received, up.size)
  }
  return http.post<Evidence>(`/evidence-uploads/${enc(up.id)}/complete`)
}

export function withdrawEvidence(id: Id, evidenceId: string, reason: string): Promise<CaseDetail> {
  return takeStep(id, 'evidence-withdrawal', { evidenceId, reason })
}

/** 校验案件全过程记录（记录链、链头与证据文件）。 */
export function verifyCase(id: Id): Promise<ChainReport> {
  return http.get<ChainReport>(`/cases/${enc(id)}/verification`)
}

/** 查看当事人完整身份证号（服务端记审计日志）。 */
export function revealParty(id: Id, partyId: string): Promise<RevealedPartyId> {
  return http.post<RevealedPartyId>(`/cases/${enc(id)}/reveal-party`, { partyId })
}

export function listLeads(params: LeadListParams): Promise<Page<Lead>> {
  return http.get<Page<Lead>>('/leads', { query: { ...params } })
}

export function createLead(input: LeadInput): Promise<Lead> {
  return http.post<Lead>('/leads', input)
}

export function extendLead(id: Id, body: { date?: string; reason: string }): Promise<Lead> {
  return http.post<Lead>(`/leads/${enc(id)}/extend`, body)
}

export function dismissLead(id: Id, body: { date?: string; reason: string }): Promise<Lead> {
  return http.post<Lead>(`/leads/${enc(id)}/dismiss`, body)
}
