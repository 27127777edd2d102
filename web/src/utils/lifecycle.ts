// 版本化记录的生命周期（internal/platform/lifecycle）：事项版本与裁量基准共用的状态名称和标签颜色。
import type { VersionState, VersionStatus } from '@/api/types'
import { isApiError } from '@/api/http'

export const VERSION_STATUS_NAMES: Record<VersionStatus, string> = {
  draft: '草稿',
  published: '已发布',
  repealed: '已废止',
}

export const VERSION_STATUS_TAG: Record<VersionStatus, 'warning' | 'success' | 'info'> = {
  draft: 'warning',
  published: 'success',
  repealed: 'info',
}

export const VERSION_STATE_NAMES: Record<VersionState, string> = {
  draft: '草稿',
  pending: '已发布，待施行',
  in_force: '现行有效',
  expired: '已被新版本替代',
  repealed: '已废止',
}

export const VERSION_STATE_TAG: Record<VersionState, 'success' | 'primary' | 'info' | 'warning' | 'danger'> = {
  draft: 'warning',
  pending: 'primary',
  in_force: 'success',
  expired: 'info',
  repealed: 'danger',
}

/** 版本的施行期间：[effectiveFrom, effectiveTo)，effectiveTo 当日起不再施行。 */
export function windowText(v: { effectiveFrom: string; effectiveTo: string }): string {
  if (!v.effectiveFrom) return '未定生效日期'
  return v.effectiveTo ? `${v.effectiveFrom} 至 ${v.effectiveTo}（不含）` : `${v.effectiveFrom} 起`
}

/** 他人已修改、发布或废止该记录（409 STALE）：应重新读取后再操作。 */
export function isStale(e: unknown): boolean {
  return isApiError(e) && e.code === 'STALE'
}
