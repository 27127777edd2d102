// 审计日志的操作与对象类型中文名（未知代码原样显示）。

export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  read: '查看个人信息',
  import: '导入',
  login: '登录',
  logout: '退出',
  login_failed: '登录失败',
}

export const AUDIT_ENTITIES: Record<string, string> = {
  account: '账号',
  person: '人员',
  certificate: '执法证',
  org: '机构',
  region: '行政区划',
  reform_rule: '改革指标规则',
}

export function auditActionName(code: string): string {
  return AUDIT_ACTIONS[code] ?? code
}

export function auditEntityName(code: string): string {
  return AUDIT_ENTITIES[code] ?? code
}

export function shortId(id: string, n = 8): string {
  return id.length > n + 1 ? `${id.slice(0, n)}…` : id
}
