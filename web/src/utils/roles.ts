import type { RoleDef } from '@/api/types'

/** 角色中文名（/meta 未加载时的兜底，与后端角色码一致）。 */
export const ROLE_NAMES: Record<string, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
  leader: '领导',
  dispatcher: '调度员',
  officer: '执法队员',
  legal: '法制审核员',
  liaison: '部门联络员',
  grid: '网格员',
  staffing: '编制管理员',
}

export function roleName(code: string, roles?: readonly RoleDef[]): string {
  return roles?.find((r) => r.code === code)?.name ?? ROLE_NAMES[code] ?? code
}

export const REGION_LEVEL_NAMES: Record<number, string> = {
  1: '省',
  2: '市',
  3: '县/区',
  4: '乡镇/街道',
  5: '村/社区',
}

export function regionLevelName(level: number): string {
  return REGION_LEVEL_NAMES[level] ?? '—'
}
