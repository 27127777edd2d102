import { http, path } from './http'
import type { Id, Org, OrgDetail, OrgInput, OrgListParams, OrgTreeNode, Page, ReformReport } from './types'

export function listOrgs(params: OrgListParams): Promise<Page<Org>> {
  return http.get<Page<Org>>('/orgs', { query: { ...params } })
}

export function getOrgTree(): Promise<OrgTreeNode[]> {
  return http.get<OrgTreeNode[]>('/orgs/tree')
}

export function getOrg(id: Id): Promise<OrgDetail> {
  return http.get<OrgDetail>(path`/orgs/${id}`)
}

export function createOrg(input: OrgInput): Promise<OrgDetail> {
  return http.post<OrgDetail>('/orgs', input)
}

export function updateOrg(id: Id, input: OrgInput): Promise<OrgDetail> {
  return http.put<OrgDetail>(path`/orgs/${id}`, input)
}

export function getOrgReform(id: Id): Promise<ReformReport> {
  return http.get<ReformReport>(path`/orgs/${id}/reform`)
}
