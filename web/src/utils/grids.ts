// 网格管理页与导入网格的纯函数：类型、坐标系选项，面积、网格员、按乡镇统计的显示。
import type { GridFeatureCollection } from '@/api/events'
import type { GridWorker } from '@/api/grids'

export const GRID_KINDS = [
  { value: 'basic', label: '基础网格' },
  { value: 'special', label: '专属网格' },
] as const

/** 导入网格的坐标系：空为按文件声明（GeoJSON 的 crs 成员，如 urn:ogc:def:crs:EPSG::4490）。 */
export const GRID_CRS_OPTIONS = [
  { value: '', label: '按文件声明' },
  { value: 'WGS84', label: 'WGS84（卫星定位）' },
  { value: 'GCJ02', label: 'GCJ02（国测局，高德、腾讯地图）' },
  { value: 'BD09', label: 'BD09（百度地图）' },
  { value: 'CGCS2000', label: 'CGCS2000（国家大地坐标系）' },
] as const

/** 平方米 → 平方千米，两位小数：1234567 → "1.23"。 */
export function formatKm2(m2: number | null | undefined): string {
  if (m2 === null || m2 === undefined || !Number.isFinite(m2)) return ''
  return (m2 / 1e6).toFixed(2)
}

/** 网格员姓名，以顿号分隔。 */
export function workerNames(workers: readonly Pick<GridWorker, 'name' | 'username'>[] | null | undefined): string {
  return (workers ?? []).map((w) => w.name || w.username).filter(Boolean).join('、')
}

export interface TownshipCount {
  name: string
  count: number
}

/** 导入结果的按乡镇统计（乡镇名 → 基础网格数），按乡镇名排序；名称为空的记为“（未识别）”。 */
export function townshipCounts(byTownship: Record<string, number> | null | undefined): TownshipCount[] {
  return Object.entries(byTownship ?? {})
    .map(([name, count]) => ({ name: name || '（未识别）', count }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

export interface TownshipOption {
  code: string
  name: string
}

/** 网格图层中出现的乡镇（街道），按代码排序（筛选下拉框）。 */
export function townshipsOf(fc: Pick<GridFeatureCollection, 'features'>): TownshipOption[] {
  const seen = new Map<string, string>()
  for (const f of fc.features) {
    const p = f.properties
    if (p.townshipCode && !seen.has(p.townshipCode)) seen.set(p.townshipCode, p.townshipName || p.townshipCode)
  }
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code))
}
