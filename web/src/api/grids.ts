// 网格：网格列表、导入网格（GeoJSON，可先只检查）。网格图层见 events.ts 的 gridMap。
import { http, upload } from './http'
import type { components } from './schema'
import type { Page } from './types'

type S = components['schemas']

export type Grid = S['grid.Grid']
export type GridWorker = S['grid.Worker']
export type GridImportResult = S['grid.ImportResult']

/** 网格列表的筛选（服务端 grid.Filter）。 */
export interface GridFilter {
  kind?: string
  townshipCode?: string
  q?: string
  page?: number
  pageSize?: number
  sort?: string
  order?: string
}

export function listGrids(params: GridFilter): Promise<Page<Grid>> {
  const query: Record<string, string | number | undefined> = {}
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) query[k] = v
  return http.get<Page<Grid>>('/grids', { query })
}

export interface GridImportOptions {
  /** 坐标系：WGS84、GCJ02、BD09、CGCS2000；空为按文件声明（GeoJSON 的 crs 成员）。 */
  crs: string
  /** 辖区（12位区划代码）；空为本人辖区。 */
  regionCode: string
  /** 只检查，不导入。 */
  dryRun: boolean
}

/** POST /grids/import：multipart 字段 file、crs、regionCode、dryRun；有错误时 422 GRID_IMPORT_INVALID，逐个要素列出。 */
export function importGrids(file: File, options: GridImportOptions): Promise<GridImportResult> {
  const fields: Record<string, string> = {}
  if (options.crs) fields.crs = options.crs
  if (options.regionCode) fields.regionCode = options.regionCode
  if (options.dryRun) fields.dryRun = 'true'
  return upload<GridImportResult>('/grids/import', file, file.name, undefined, fields)
}
