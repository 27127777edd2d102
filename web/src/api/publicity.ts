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

export type AnnualStatistics = S['cases.Annual']
export type AnnualCount = S['cases.Count']

/** 年度行政执法数据（本辖区；已公开的为公开时的数据）。 */
export function annualStatistics(year?: number): Promise<AnnualStatistics> {
  return http.get<AnnualStatistics>('/statistics/annual', { query: year ? { year } : undefined })
}

export function annualStatisticsExcelUrl(year: number): string {
  return `/api/v1/statistics/annual.xlsx?year=${year}`
}

export function publishAnnual(year: number): Promise<AnnualStatistics> {
  return http.post<AnnualStatistics>('/statistics/annual/publish', { year })
}

/** 门户：公开的年度行政执法数据。 */
export function publicAnnual(): Promise<AnnualStatistics[]> {
  return http.get<AnnualStatistics[]>('/public/statistics/annual', { silent401: true })
}

export type AnnualStatus = S['cases.AnnualStatus']

/** 上年度执法数据是否已公开（工作台提醒）。 */
export function annualStatus(): Promise<AnnualStatus> {
  return http.get<AnnualStatus>('/statistics/annual/status')
}
