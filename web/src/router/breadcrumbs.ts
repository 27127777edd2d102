import type { RouteLocationNormalizedLoaded, RouteRecordNormalized } from 'vue-router'

export interface Crumb {
  title: string
  to?: string
}

/** 由路由 meta 生成面包屑：工作台 › 上级页面 › 当前页面。 */
export function buildBreadcrumbs(
  route: Pick<RouteLocationNormalizedLoaded, 'name' | 'meta'>,
  findRoute: (name: string) => Pick<RouteRecordNormalized, 'path' | 'meta'> | undefined,
): Crumb[] {
  const crumbs: Crumb[] = [{ title: '工作台', to: '/' }]
  if (route.name === 'workbench') return [{ title: '工作台' }]
  const parentName = route.meta.parent
  if (parentName) {
    const parent = findRoute(parentName)
    if (parent?.meta.title) crumbs.push({ title: parent.meta.title, to: parent.path })
  }
  if (route.meta.title) crumbs.push({ title: route.meta.title })
  return crumbs
}
