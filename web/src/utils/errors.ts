// 把后端统一错误结构映射到表单字段或全局提示。

import { isApiError } from '@/api/http'

export const GENERIC_ERROR = '操作未能完成，请稍后重试'

/** 任意异常 → 面向用户的中文信息（不含 HTTP 状态码）；有依据时附上依据。 */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.rule ? `${e.message}（依据：${e.rule}）` : e.message
  if (e instanceof DOMException && e.name === 'AbortError') return '操作已取消'
  return GENERIC_ERROR
}

/** 401 由全局处理器跳转登录页，页面无需再提示。 */
export function isSessionExpired(e: unknown): boolean {
  return isApiError(e) && e.status === 401
}

export function isNotFound(e: unknown): boolean {
  return isApiError(e) && (e.status === 404 || e.code === 'NOT_FOUND')
}

function snakeToCamel(s: string): string {
  return s.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/**
 * 把后端的 field 归一到表单字段名：支持 snake_case、点分路径（quota.admin）
 * 以及数组下标（domains[0] → domains）。找不到对应字段时返回 null。
 */
export function matchField(field: string | undefined, formFields: readonly string[]): string | null {
  if (!field) return null
  const candidates = new Set<string>()
  const raw = field.trim()
  candidates.add(raw)
  candidates.add(snakeToCamel(raw))
  const noIndex = raw.replace(/\[\d+\]/g, '')
  candidates.add(noIndex)
  candidates.add(snakeToCamel(noIndex))
  const head = noIndex.split('.')[0] ?? noIndex
  for (const c of candidates) if (formFields.includes(c)) return c
  for (const c of [head, snakeToCamel(head)]) if (formFields.includes(c)) return c
  return null
}

export interface FormErrorMapping {
  /** 表单字段 → 错误信息，绑定到 el-form-item 的 error 属性。 */
  fieldErrors: Record<string, string>
  /** 无法定位到字段的信息，用 ElMessage 展示；为 null 表示已在字段旁展示。 */
  message: string | null
}

/** 后端字段名 → 表单字段名的改写（如 delegations[0].targets → targets），返回原值表示不改写。 */
export type FieldAlias = (field: string) => string

export function mapErrorToForm(e: unknown, formFields: readonly string[], alias?: FieldAlias): FormErrorMapping {
  if (!isApiError(e)) return { fieldErrors: {}, message: errorMessage(e) }
  const fieldErrors: Record<string, string> = {}
  const match = (f: string | undefined) => matchField(f && alias ? alias(f) : f, formFields)
  const target = match(e.field)
  const text = errorMessage(e)
  if (target) fieldErrors[target] = text
  for (const d of e.details) {
    const f = match(d.field)
    if (f && !fieldErrors[f] && d.row === undefined) fieldErrors[f] = d.message
  }
  return { fieldErrors, message: target ? null : text }
}

/** 决定登记的错误字段：transfers[0].items → items，delegations[1].targets → targets。 */
export function decisionFieldAlias(field: string): string {
  return field.replace(/^(transfers|delegations|revocations)\[\d+\]\./, '')
}
