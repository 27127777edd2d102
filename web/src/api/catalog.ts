// 权责清单接口（internal/catalog/http.go）：每个端点一个函数。
import { download, http, type DownloadedFile } from './http'
import type {
  CatalogChecksReport,
  CatalogDetail,
  CatalogDomain,
  CatalogDraftInput,
  CatalogItem,
  CatalogItemInput,
  CatalogListParams,
  CatalogMeta,
  Citation,
  Decision,
  DecisionDetail,
  DecisionInput,
  Exercise,
  Fine,
  OrgDiff,
  OrgItems,
  Page,
  PublishInput,
  RepealInput,
  RevokeDecisionInput,
} from './types'

const seg = (id: string) => encodeURIComponent(id)

export function getCatalogMeta(): Promise<CatalogMeta> {
  return http.get<CatalogMeta>('/catalog/meta')
}

export function listCatalogItems(params: CatalogListParams): Promise<Page<CatalogItem>> {
  return http.get<Page<CatalogItem>>('/catalog/items', { query: { ...params } })
}

/** asOf 为空时显示最新版本（含待发布草稿）。 */
export function getCatalogItem(id: string, asOf = ''): Promise<CatalogDetail> {
  return http.get<CatalogDetail>(`/catalog/items/${seg(id)}`, { query: { asOf } })
}

export function createCatalogItem(input: CatalogItemInput): Promise<CatalogDetail> {
  return http.post<CatalogDetail>('/catalog/items', input)
}

export function addCatalogVersion(id: string, input: CatalogItemInput): Promise<CatalogDetail> {
  return http.post<CatalogDetail>(`/catalog/items/${seg(id)}/versions`, input)
}

/** 修改待发布的草稿；revision 为读取时草稿的 revision，他人已改动时答 409 STALE。 */
export function updateCatalogDraft(id: string, input: CatalogDraftInput): Promise<CatalogDetail> {
  return http.put<CatalogDetail>(`/catalog/items/${seg(id)}/draft`, input)
}

/** 发布待发布的草稿（生效日期与文号写在草稿里，也可在此给出；须带草稿的 revision）。 */
export function publishCatalogItem(id: string, input: PublishInput): Promise<CatalogDetail> {
  return http.post<CatalogDetail>(`/catalog/items/${seg(id)}/publish`, input)
}

/** 废止事项：现行版本自 effectiveTo 起不再施行（须带该版本的 revision）。 */
export function repealCatalogItem(id: string, input: RepealInput): Promise<CatalogDetail> {
  return http.post<CatalogDetail>(`/catalog/items/${seg(id)}/repeal`, input)
}

export function getExercise(params: { itemId: string; place: string; date?: string }): Promise<Exercise> {
  return http.get<Exercise>('/catalog/exercise', { query: { ...params } })
}

/** 机构在某日可以行使的事项（含按领域、类型的统计）；pageSize 缺省时返回全部。 */
export function getOrgCatalogItems(orgId: string, params: { date?: string; page?: number; pageSize?: number } = {}): Promise<OrgItems> {
  return http.get<OrgItems>(`/catalog/orgs/${seg(orgId)}/items`, { query: { ...params } })
}

export function getOrgCatalogDiff(orgId: string, from: string, to: string): Promise<OrgDiff> {
  return http.get<OrgDiff>(`/catalog/orgs/${seg(orgId)}/diff`, { query: { from, to } })
}

export function listDecisions(params: { q?: string; page?: number; pageSize?: number; sort?: string; order?: string }): Promise<Page<Decision>> {
  return http.get<Page<Decision>>('/catalog/decisions', { query: { ...params } })
}

export function getDecision(id: string): Promise<DecisionDetail> {
  return http.get<DecisionDetail>(`/catalog/decisions/${seg(id)}`)
}

export function createDecision(input: DecisionInput): Promise<DecisionDetail> {
  return http.post<DecisionDetail>('/catalog/decisions', input)
}

export function revokeDecision(id: string, input: RevokeDecisionInput): Promise<DecisionDetail> {
  return http.post<DecisionDetail>(`/catalog/decisions/${seg(id)}/revoke`, input)
}

export function getCatalogChecks(): Promise<CatalogChecksReport> {
  return http.get<CatalogChecksReport>('/catalog/checks')
}

export function listCatalogDomains(): Promise<CatalogDomain[]> {
  return http.get<CatalogDomain[]>('/catalog/domains')
}

/** 把粘贴的中文依据（《…》第…条第…款第（…）项：原文，多条以；分隔）解析为结构化引用。 */
export function parseCitations(text: string): Promise<Citation[]> {
  return http.post<Citation[]>('/catalog/citations/parse', { text })
}

/** 把法定罚款的原文（5000元至2万元、每处5000元以上2万元以下、1000元/平方米，总额不超过10万元）解析为罚款幅度。 */
export function parseFine(text: string): Promise<Fine> {
  return http.post<Fine>('/catalog/fines/parse', { text })
}

export function downloadCatalogTemplate(format: 'csv' | 'xlsx' = 'xlsx'): Promise<DownloadedFile> {
  return download('/catalog/template', { format }, `权责清单导入模板.${format}`)
}

/** 按列表的筛选条件导出（后端生成文件）。 */
export function exportCatalog(params: CatalogListParams, format: 'csv' | 'xlsx' = 'xlsx'): Promise<DownloadedFile> {
  const { page: _p, pageSize: _s, sort: _o, order: _d, ...filters } = params
  return download('/catalog/export', { format, ...filters }, `权责清单.${format}`)
}
