// 侧边菜单：按权限生成，无权限的菜单项不显示。

import type { Permission } from '@/api/types'

export type MenuIcon =
  | 'workbench'
  | 'regions'
  | 'orgs'
  | 'people'
  | 'reform'
  | 'accounts'
  | 'audit'
  | 'imports'

export interface MenuItem {
  path: string
  title: string
  icon: MenuIcon
  /** 缺省表示所有登录用户可见。 */
  permission?: Permission
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { path: '/', title: '工作台', icon: 'workbench' },
  { path: '/regions', title: '行政区划', icon: 'regions', permission: 'region.read' },
  { path: '/orgs', title: '组织机构', icon: 'orgs', permission: 'org.read' },
  { path: '/people', title: '执法人员', icon: 'people', permission: 'people.read' },
  { path: '/reform', title: '改革指标', icon: 'reform', permission: 'reform.read' },
  { path: '/accounts', title: '账号与角色', icon: 'accounts', permission: 'account.read' },
  { path: '/audit', title: '审计日志', icon: 'audit', permission: 'audit.read' },
  { path: '/imports', title: '数据导入', icon: 'imports', permission: 'import.run' },
]

export function buildMenu(permissions: readonly string[]): MenuItem[] {
  const granted = new Set(permissions)
  return MENU_ITEMS.filter((m) => !m.permission || granted.has(m.permission))
}

/** 当前路径对应的菜单项（/orgs/12 → /orgs）。 */
export function activeMenuPath(path: string): string {
  const first = path.split(/[?#]/)[0]?.split('/').filter(Boolean)[0]
  if (!first) return '/'
  const candidate = `/${first}`
  return MENU_ITEMS.some((m) => m.path === candidate) ? candidate : '/'
}
