// 公众门户清单的筛选项：公开接口不提供代码表，由今日施行的公开清单归纳执法领域与行使主体，
// 由下放事项的详情归纳乡镇（街道）。

import type { PublicCatalogDetail, PublicCatalogItem } from '@/api/types'

export interface FacetOption {
  value: string
  label: string
  count: number
}

export interface PublicFacets {
  domains: FacetOption[]
  bodies: FacetOption[]
}

function tally(entries: readonly { value: string; label: string }[]): FacetOption[] {
  const map = new Map<string, FacetOption>()
  for (const e of entries) {
    if (!e.value) continue
    const cur = map.get(e.value)
    if (cur) cur.count++
    else map.set(e.value, { value: e.value, label: e.label, count: 1 })
  }
  return [...map.values()]
}

/** 执法领域按事项数从多到少，行使主体按事项数从多到少（同数按名称）。 */
export function publicFacets(items: readonly PublicCatalogItem[]): PublicFacets {
  const byCount = (a: FacetOption, b: FacetOption) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN')
  return {
    domains: tally(items.map((i) => ({ value: i.domain, label: i.domain }))).sort(byCount),
    bodies: tally(items.map((i) => ({ value: i.body.id, label: i.body.name }))).sort(byCount),
  }
}

/** 下放详情 → 乡镇（街道）选项（value 为乡镇区划代码，label 为承接的乡镇、街道），按区划代码排序。 */
export function townshipOptions(details: readonly Pick<PublicCatalogDetail, 'delegations'>[]): FacetOption[] {
  const map = new Map<string, FacetOption>()
  for (const d of details) {
    for (const g of d.delegations) {
      const cur = map.get(g.placeCode)
      if (cur) cur.count++
      else map.set(g.placeCode, { value: g.placeCode, label: townshipLabel(g.subject.name), count: 1 })
    }
  }
  return [...map.values()].sort((a, b) => a.value.localeCompare(b.value))
}

/** 乡镇人民政府、街道办事处 → 乡镇、街道的名称：张秋镇人民政府 → 张秋镇，博济桥街道办事处 → 博济桥街道。 */
export function townshipLabel(name: string): string {
  return name.replace(/(人民政府|办事处)$/, '')
}

/** 选出下放范围最广的若干事项，用其详情归纳乡镇。 */
export function delegatedSample(items: readonly PublicCatalogItem[], n = 3): PublicCatalogItem[] {
  return [...items].filter((i) => i.delegatedTo > 0).sort((a, b) => b.delegatedTo - a.delegatedTo).slice(0, n)
}
