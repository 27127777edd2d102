// 辖区设置接口（internal/platform/settings/http.go）：各辖区可自行设置、未设置时沿用上级或全国默认值的参数，
// 如改革指标阈值（reform.thresholds）、裁量阶次划分规则（discretion.tiers）。
import { http, path } from './http'
import type { Page, SettingChange, SettingClearInput, SettingInput, SettingKind, SettingView } from './types'

/** GET /settings：当前账号可查看的设置项及其字段说明。 */
export function listSettingKinds(): Promise<SettingKind[]> {
  return http.get<SettingKind[]>('/settings')
}

/** GET /settings/{kind}：regionCode 为空时取本辖区根节点适用的取值、来源与逐级设置。 */
export function getSetting(kind: string, regionCode?: string): Promise<SettingView> {
  return http.get<SettingView>(path`/settings/${kind}`, { query: { regionCode } })
}

/** PUT /settings/{kind}/{regionCode}：设置本辖区的取值，须写明依据。 */
export function setSetting(kind: string, regionCode: string, input: SettingInput): Promise<SettingView> {
  return http.put<SettingView>(path`/settings/${kind}/${regionCode}`, input)
}

/** DELETE /settings/{kind}/{regionCode}：撤销本辖区的设置，改用上级设置或全国默认值，须写明理由。 */
export function clearSetting(kind: string, regionCode: string, input: SettingClearInput): Promise<SettingView> {
  return http.del<SettingView>(path`/settings/${kind}/${regionCode}`, { body: input })
}

/** GET /settings/{kind}/history：本辖区某一区划的修改记录，新的在前。 */
export function getSettingHistory(
  kind: string,
  params: { regionCode?: string; page?: number; pageSize?: number },
): Promise<Page<SettingChange>> {
  return http.get<Page<SettingChange>>(path`/settings/${kind}/history`, { query: params })
}
