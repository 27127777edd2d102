import type { RoleDef } from '@/api/types'

/** 角色中文名，取自 GET /meta 的 roles；未加载或未知时显示角色码。 */
export function roleName(code: string, roles?: readonly RoleDef[]): string {
  return roles?.find((r) => r.code === code)?.name ?? code
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
