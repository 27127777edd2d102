// 事件（网格呼叫、执法报到）：上报、事件队列、处置环节、照片、诉求人、分类与处置指标；网格图层。
import { API_BASE, http, path, request } from './http'
import type { components } from './schema'
import type { Page } from './types'

type S = components['schemas']

export type EventSummary = S['event.Event']
export type EventDetail = S['event.Detail']
export type EventMeta = S['event.Meta']
export type EventOption = S['event.Option']
export type EventCategory = S['event.Category']
export type EventCategoryTree = S['event.Tree']
export type EventPhoto = S['event.Photo']
export type EventHistoryEntry = S['event.HistoryEntry']
export type EventRoute = S['event.Route']
export type EventTeam = S['event.Team']
export type EventHint = S['event.Hint']
export type EventGuess = S['event.Guess']
export type EventDuplicate = S['event.Duplicate']
export type ReportInput = S['event.ReportInput']
export type ActInput = S['event.ActInput']
export type Reporter = S['event.Reporter']
export type Indicators = S['event.Indicators']
export type IndicatorRow = S['event.Row']
export type IndicatorFormula = S['event.Formula']

/** 事件队列的筛选（服务端 event.Filter）。 */
export interface EventFilter {
  state?: string
  channel?: string
  townshipCode?: string
  teamOrgId?: string
  q?: string
  overdue?: boolean | string
  mine?: boolean | string
  myTeam?: boolean | string
  open?: boolean | string
  page?: number
  pageSize?: number
  sort?: string
  order?: string
}

export function listEvents(params: EventFilter): Promise<Page<EventSummary>> {
  const query: Record<string, string | number | boolean | undefined> = {}
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined && v !== false) query[k] = v
  return http.get<Page<EventSummary>>('/events', { query })
}

export function getEvent(id: string): Promise<EventDetail> {
  return http.get<EventDetail>(path`/events/${id}`)
}

export function reportEvent(input: ReportInput): Promise<EventSummary> {
  return http.post<EventSummary>('/events', input)
}

/** 处置环节：register、dispatch、accept、feedback、verify…（见 GET /event-meta 的 actions）。 */
export function actOnEvent(id: string, action: string, input: ActInput): Promise<EventSummary> {
  return http.post<EventSummary>(`${path`/events/${id}`}/${encodeURIComponent(action)}`, input)
}

/** 上传照片：请求体即图片本身；stage=report 现场、feedback 处置后。 */
export function uploadEventPhoto(id: string, file: Blob, stage: 'report' | 'feedback', name: string): Promise<EventPhoto> {
  return request<EventPhoto>('POST', path`/events/${id}/photos`, { file, query: { stage, name } })
}

/** 照片地址（同源 Cookie 会话，img 可直接引用）。 */
export function eventPhotoUrl(id: string, photoId: string): string {
  return API_BASE + path`/events/${id}/photos/${photoId}`
}

/** 查看诉求人（写明理由，记审计日志）。 */
export function discloseReporter(id: string, reason: string): Promise<Reporter> {
  return http.post<Reporter>(path`/events/${id}/reporter`, { reason })
}

export function eventMeta(): Promise<EventMeta> {
  return http.get<EventMeta>('/event-meta')
}

export function eventCategories(): Promise<EventCategoryTree> {
  return http.get<EventCategoryTree>('/event-categories')
}

/** 分类的提交形式：权属单位名称与排序号由服务端确定（排序号即提交的先后）。 */
export type EventCategoryInput = Omit<EventCategory, 'ownerName' | 'sort'>

/** 设置本辖区的事件分类与时限（整体替换；全部正确才保存，否则 422 逐行列出问题）。 */
export function saveEventCategories(categories: EventCategoryInput[]): Promise<EventCategoryTree> {
  return http.put<EventCategoryTree>('/event-categories', { categories })
}

export function eventIndicators(params: { from?: string; to?: string; group?: string }): Promise<Indicators> {
  return http.get<Indicators>('/event-indicators', { query: { ...params } })
}

/** 网格图层（GeoJSON FeatureCollection，WGS-84）。 */
export interface GridFeatureProperties {
  code: string
  name: string
  kind: 'basic' | 'special' | 'boundary' | string
  kindName: string
  purpose: string
  townshipCode: string
  townshipName: string
  villageName: string
  teamName: string
}

export interface GridFeatureCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    geometry: { type: string; coordinates: unknown } | null
    properties: GridFeatureProperties
  }[]
}

let gridMapCache: Promise<GridFeatureCollection> | null = null

/** 本辖区的网格图层：较大（全县约千个网格），一次会话只取一次。 */
export function gridMap(): Promise<GridFeatureCollection> {
  if (!gridMapCache) {
    gridMapCache = http.get<GridFeatureCollection>('/grids/map').catch((e: unknown) => {
      gridMapCache = null
      throw e
    })
  }
  return gridMapCache
}

/** 导入网格后丢弃已取的图层，下次重新获取。 */
export function forgetGridMap(): void {
  gridMapCache = null
}
