// 侧边菜单：按权限生成，无权限的菜单项不显示。

import type { Permission } from '@/api/types'

export type MenuIcon =
  | 'workbench'
  | 'report'
  | 'myEvents'
  | 'events'
  | 'indicators'
  | 'grids'
  | 'eventCategories'
  | 'cases'
  | 'leads'
  | 'legal'
  | 'templates'
  | 'publicity'
  | 'statistics'
  | 'regions'
  | 'orgs'
  | 'people'
  | 'reform'
  | 'catalog'
  | 'decisions'
  | 'checks'
  | 'discretion'
  | 'accounts'
  | 'approvals'
  | 'calendar'
  | 'audit'
  | 'imports'

/** 所需权限：一个权限码，或几个权限码之一（任一即可）。 */
export type PermissionRule = Permission | readonly Permission[]

/** 数据导入：每种导入所需的权限与相应的单条写入相同，能做任一种导入即可进入数据导入页。 */
export const IMPORT_PERMISSIONS: readonly Permission[] = ['region.write', 'people.write', 'catalog.write']

export interface MenuItem {
  path: string
  title: string
  icon: MenuIcon
  /** 缺省表示所有登录用户可见。 */
  permission?: PermissionRule
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { path: '/', title: '工作台', icon: 'workbench' },
  { path: '/m/report', title: '事件上报', icon: 'report', permission: 'event.report' },
  { path: '/m/events', title: '我的事件', icon: 'myEvents', permission: 'event.report' },
  { path: '/events', title: '事件调度', icon: 'events', permission: 'event.read' },
  { path: '/event-indicators', title: '处置指标', icon: 'indicators', permission: 'event.read' },
  { path: '/grids', title: '网格管理', icon: 'grids', permission: 'grid.read' },
  // 事件分类与时限：能查看网格的都可查看（与 GET /event-categories 相同），有 event.settings 的可修改。
  { path: '/event-categories', title: '事件分类与时限', icon: 'eventCategories', permission: 'grid.read' },
  { path: '/cases', title: '案件办理', icon: 'cases', permission: 'case.read' },
  { path: '/leads', title: '案件线索', icon: 'leads', permission: 'case.read' },
  { path: '/cases/legal', title: '法制审核', icon: 'legal', permission: 'case.review' },
  { path: '/publicity', title: '执法公示', icon: 'publicity', permission: 'case.read' },
  { path: '/statistics', title: '年度执法数据', icon: 'statistics', permission: 'case.read' },
  { path: '/documents/templates', title: '文书模板', icon: 'templates', permission: 'case.settings' },
  { path: '/regions', title: '行政区划', icon: 'regions', permission: 'region.read' },
  { path: '/orgs', title: '组织机构', icon: 'orgs', permission: 'org.read' },
  { path: '/people', title: '执法人员', icon: 'people', permission: 'people.read' },
  { path: '/reform', title: '改革指标', icon: 'reform', permission: 'reform.read' },
  { path: '/catalog', title: '权责清单', icon: 'catalog', permission: 'catalog.read' },
  { path: '/catalog/decisions', title: '划转与下放', icon: 'decisions', permission: 'catalog.read' },
  { path: '/catalog/checks', title: '发布前检查', icon: 'checks', permission: 'catalog.write' },
  { path: '/discretion', title: '裁量基准', icon: 'discretion', permission: 'catalog.read' },
  { path: '/calendar', title: '期限计算', icon: 'calendar', permission: 'calendar.read' },
  { path: '/accounts', title: '账号与角色', icon: 'accounts', permission: 'account.read' },
  { path: '/accounts/requests', title: '账号变更审批', icon: 'approvals', permission: 'account.approve' },
  { path: '/audit', title: '审计日志', icon: 'audit', permission: 'audit.read' },
  { path: '/imports', title: '数据导入', icon: 'imports', permission: IMPORT_PERMISSIONS },
]

/** 权限是否满足规则；无规则表示所有登录用户可用。 */
export function permits(permissions: readonly string[], rule?: PermissionRule): boolean {
  if (!rule) return true
  const anyOf: readonly string[] = typeof rule === 'string' ? [rule] : rule
  return anyOf.some((p) => permissions.includes(p))
}

export function buildMenu(permissions: readonly string[]): MenuItem[] {
  return MENU_ITEMS.filter((m) => permits(permissions, m.permission))
}

/** 当前路径对应的菜单项：按路径段取最长匹配（/orgs/12 → /orgs，/catalog/decisions → /catalog/decisions）。 */
export function activeMenuPath(path: string): string {
  const segments = (path.split(/[?#]/)[0] ?? '').split('/').filter(Boolean)
  for (let n = segments.length; n > 0; n--) {
    const candidate = `/${segments.slice(0, n).join('/')}`
    if (MENU_ITEMS.some((m) => m.path === candidate)) return candidate
  }
  return '/'
}
