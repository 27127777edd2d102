// 审计日志的显示：操作与对象类型的中文名由服务端提供（GET /api/v1/audit/meta），这里只做查找与格式化。

import type { AuditChainReport, AuditEntry, AuditKind } from '@/api/types'

/** 按代码查中文名；未知代码原样显示。 */
export function kindName(kinds: readonly AuditKind[], code: string): string {
  return kinds.find((k) => k.code === code)?.name ?? code
}

/** 审计链的名称：'' 为系统级链，其余为区划代码前缀。 */
export function chainName(chain: string): string {
  return chain === '' ? '系统级' : chain
}

/** 链内位置，如 “371521 #12”。 */
export function chainPosition(e: Pick<AuditEntry, 'chain' | 'seq'>): string {
  return `${chainName(e.chain)} #${e.seq}`
}

export function shortId(id: string, n = 8): string {
  return id.length > n + 1 ? `${id.slice(0, n)}…` : id
}

export function shortHash(h: string | undefined | null, n = 10): string {
  return h ? `${h.slice(0, n)}…` : '—'
}

/** 对象的显示：类型名加记录时的名称；没有名称（旧记录）时退回标识。 */
export function entityLabel(kinds: readonly AuditKind[], e: Pick<AuditEntry, 'entity' | 'entityId' | 'entityName'>): string {
  const kind = kindName(kinds, e.entity)
  if (e.entityName) return `${kind} ${e.entityName}`
  if (e.entityId) return `${kind} #${shortId(e.entityId)}`
  return kind
}

export const AUDIT_PROBLEMS: Record<string, string> = {
  altered: '被篡改',
  missing: '记录缺失',
  reordered: '顺序被调换',
  truncated: '被截断',
  rewritten: '与锚点不符',
}

/** 一条链的校验结论，如 “完整” 或 “第7条 记录缺失”。 */
export function chainVerdict(r: AuditChainReport): string {
  if (r.ok) return '完整'
  return `第${r.brokenSeq ?? '?'}条 ${AUDIT_PROBLEMS[r.problem ?? ''] ?? '异常'}`
}
