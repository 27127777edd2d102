// 文书：案件文书的制作、预览、下载与电子送达，文书模板，以及公众扫码核验。
import { API_BASE, http, request, toApiError } from './http'
import type { components } from './schema'

type S = components['schemas']

export type CaseDocuments = S['cases.CaseDocuments']
export type DocumentOption = S['cases.DocumentOption']
export type DocumentInput = S['cases.DocumentInput']
export type IssuedDocument = S['documents.Document']
export type DocumentTemplate = S['documents.Template']
export type DocumentTemplateView = S['documents.TemplateView']
export type DocumentTemplateInput = S['documents.TemplateInput']
export type PublicDocument = S['documents.Public']
export type DocumentCheck = S['documents.Check']

const enc = encodeURIComponent

export function caseDocuments(caseId: string): Promise<CaseDocuments> {
  return http.get<CaseDocuments>(`/cases/${enc(caseId)}/documents`)
}

export function issueDocument(caseId: string, input: DocumentInput): Promise<IssuedDocument> {
  return http.post<IssuedDocument>(`/cases/${enc(caseId)}/documents`, input)
}

export function serveElectronically(caseId: string, documentId: string, partyId?: string): Promise<IssuedDocument> {
  return http.post<IssuedDocument>(`/cases/${enc(caseId)}/documents/${enc(documentId)}/electronic-service`, partyId ? { partyId } : {})
}

/** 预览地址（PDF，标“预览”）：在新窗口打开。 */
export function previewUrl(caseId: string, kind: string, ref?: string, partyId?: string): string {
  const q = new URLSearchParams({ kind })
  if (ref) q.set('ref', ref)
  if (partyId) q.set('partyId', partyId)
  return `${API_BASE}/cases/${enc(caseId)}/documents/preview?${q.toString()}`
}

/** 已出具文书的 PDF（服务端逐次记审计日志）。 */
export function documentFileUrl(caseId: string, documentId: string): string {
  return `${API_BASE}/cases/${enc(caseId)}/documents/${enc(documentId)}/file`
}

/** 卷宗：PDF（封面、目录、文书原件、证据清单、备考表）或 ZIP（原件与摘要清单）；导出记审计日志。 */
export function caseFileUrl(caseId: string, format: 'pdf' | 'zip'): string {
  return `${API_BASE}/cases/${enc(caseId)}/case-file?format=${format}`
}

export function listTemplates(regionCode?: string): Promise<DocumentTemplate[]> {
  return http.get<DocumentTemplate[]>('/document-templates', { query: regionCode ? { regionCode } : undefined })
}

export function getTemplate(kind: string, regionCode?: string): Promise<DocumentTemplateView> {
  return http.get<DocumentTemplateView>(`/document-templates/${enc(kind)}`, { query: regionCode ? { regionCode } : undefined })
}

export function saveTemplate(kind: string, input: DocumentTemplateInput): Promise<DocumentTemplateView> {
  return http.put<DocumentTemplateView>(`/document-templates/${enc(kind)}`, input)
}

export function clearTemplate(kind: string, regionCode?: string): Promise<DocumentTemplateView> {
  return http.post<DocumentTemplateView>(`/document-templates/${enc(kind)}/clear`, { regionCode: regionCode ?? '' })
}

/** 用样例案件预览编辑中的模板：返回 PDF。 */
export async function previewTemplate(kind: string, input: DocumentTemplateInput): Promise<Blob> {
  const res = await fetch(`${API_BASE}/document-templates/${enc(kind)}/preview`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/pdf' },
    body: JSON.stringify(input),
  })
  if (!res.ok) {
    let body: unknown
    try {
      body = await res.json()
    } catch {
      body = undefined
    }
    throw toApiError(res.status, body)
  }
  return res.blob()
}

/** 公众核验：文书要点与电子签名是否有效（无需登录）。 */
export function publicDocument(id: string): Promise<PublicDocument> {
  return http.get<PublicDocument>(`/public/documents/${enc(id)}`, { silent401: true })
}

/** 上传所持 PDF，与出具的文书比对 SM3 摘要并验证签名。 */
export function checkDocument(id: string, file: Blob): Promise<DocumentCheck> {
  return request<DocumentCheck>('POST', `/public/documents/${enc(id)}/check`, { file, silent401: true })
}

/** 机关的文书印章图片地址（PNG；未设置时 409）。 */
export function sealUrl(orgId: string): string {
  return `${API_BASE}/document-seals/${enc(orgId)}`
}

/** 设置机关的文书印章（透明底PNG，不超过1MB）。 */
export function setSeal(orgId: string, file: Blob): Promise<unknown> {
  return request('PUT', `/document-seals/${enc(orgId)}`, { file })
}

/** 二维码无法识别时：上传所持 PDF，按 SM3 摘要查找本平台出具的文书。 */
export function findDocument(file: Blob): Promise<DocumentCheck> {
  return request<DocumentCheck>('POST', '/public/documents/check', { file, silent401: true })
}
