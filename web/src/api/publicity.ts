// 行政执法公示：公示队列、公示稿、公示与撤回；门户上的公示决定。
import { http } from './http'
import type { components } from './schema'
import type { Page } from './types'

type S = components['schemas']

export type Publication = S['cases.Publication']
export type PublicityDraft = S['cases.PublicityDraft']
export type PublicDecision = S['cases.PublicDecision']
export type PublicDecisionView = S['cases.PublicDecisionView']

const enc = encodeURIComponent

export function listPublicity(params: { status?: string; overdue?: boolean; page?: number; pageSize?: number }): Promise<Page<Publication>> {
  return http.get<Page<Publication>>('/publicity', { query: { ...params } })
}

export function publicityDraft(caseId: string, id: string): Promise<PublicityDraft> {
  return http.get<PublicityDraft>(`/cases/${enc(caseId)}/publicity/${enc(id)}`)
}

export function publish(caseId: string, publicationId: string, facts?: string): Promise<unknown> {
  return http.post(`/cases/${enc(caseId)}/publish`, { publicationId, ...(facts ? { facts } : {}) })
}

export function unpublish(caseId: string, publicationId: string, reason: string): Promise<unknown> {
  return http.post(`/cases/${enc(caseId)}/unpublish`, { publicationId, reason })
}

export function keepPrivate(caseId: string, publicationId: string, reason: string): Promise<unknown> {
  return http.post(`/cases/${enc(caseId)}/not-public`, { publicationId, reason })
}

/** 门户：公示的行政执法决定（无需登录）。 */
export function listPublicDecisions(params: { q?: string; page?: number; pageSize?: number }): Promise<Page<PublicDecisionView>> {
  return http.get<Page<PublicDecisionView>>('/public/decisions', { query: { ...params }, silent401: true })
}
