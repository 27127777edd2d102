// 可选底图：政务网络通常无法访问公网瓦片，默认不加载底图；填写内网瓦片地址（如 https://…/{z}/{x}/{y}.png）后启用。
import { ref } from 'vue'

export const TILE_KEY = 'zhifa:map-tiles'

function read(): string {
  try {
    return localStorage.getItem(TILE_KEY) ?? ''
  } catch {
    return ''
  }
}

/** 当前底图地址（各地图共用）。 */
export const tileUrl = ref(read())

/** 瓦片地址须为 http(s) 地址并含 {z}、{x}、{y}。 */
export function validTileUrl(url: string): boolean {
  const u = url.trim()
  return /^https?:\/\/\S+$/i.test(u) && u.includes('{z}') && u.includes('{x}') && u.includes('{y}')
}

/** 保存底图地址；空串表示不用底图。返回是否已保存。 */
export function saveTileUrl(url: string): boolean {
  const u = url.trim()
  if (u && !validTileUrl(u)) return false
  try {
    if (u) localStorage.setItem(TILE_KEY, u)
    else localStorage.removeItem(TILE_KEY)
  } catch {
    // 无痕模式等不能写入本地存储时只在本页生效
  }
  tileUrl.value = u
  return true
}
