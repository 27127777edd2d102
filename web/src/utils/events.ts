// 事件的纯函数：倒计时、状态颜色、分类树、处置环节的表单要求、指标格式。
import type { EventCategory, EventSummary } from '@/api/events'

/** 事件当前计时的期限：待受理按立案时限，派遣后按处置时限；挂起、待核查与已办结的不计时。 */
export function clockOf(e: Pick<EventSummary, 'state' | 'registerDue' | 'handleDue'>): { due: string; label: string } | null {
  switch (e.state) {
    case 'reported':
      return e.registerDue ? { due: e.registerDue, label: '立案' } : null
    case 'registered':
    case 'returned':
    case 'dispatched':
    case 'accepted':
      return e.handleDue ? { due: e.handleDue, label: '处置' } : null
    default:
      return null
  }
}

/** 剩余时间（毫秒）的中文表示：2天03:04:05、03:04:05；超时的前加“超时”。 */
export function formatRemaining(ms: number): string {
  const late = ms < 0
  let s = Math.floor(Math.abs(ms) / 1000)
  const days = Math.floor(s / 86400)
  s -= days * 86400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const hms = [h, m, s].map((n) => String(n).padStart(2, '0')).join(':')
  const body = days > 0 ? `${days}天${hms}` : hms
  return late ? `超时 ${body}` : `剩余 ${body}`
}

export interface Countdown {
  text: string
  overdue: boolean
  /** 不足一小时。 */
  soon: boolean
  label: string
}

/** 某一时刻的倒计时；没有计时中的期限时为 null。 */
export function countdown(e: Pick<EventSummary, 'state' | 'registerDue' | 'handleDue'>, now: number): Countdown | null {
  const c = clockOf(e)
  if (!c) return null
  const due = Date.parse(c.due)
  if (Number.isNaN(due)) return null
  const ms = due - now
  return { text: formatRemaining(ms), overdue: ms < 0, soon: ms >= 0 && ms < 3600_000, label: c.label }
}

/** 状态的颜色（地图标记与标签共用）。 */
export const STATE_COLORS: Record<string, string> = {
  reported: '#e6a23c',
  registered: '#d4a017',
  returned: '#f56c6c',
  dispatched: '#409eff',
  accepted: '#1f6fd1',
  feedback: '#8e44ad',
  suspended: '#909399',
  closed: '#67c23a',
  rejected: '#b1b3b8',
  case: '#2c3e50',
}

export function stateColor(state: string): string {
  return STATE_COLORS[state] ?? '#909399'
}

export function stateTagType(state: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case 'reported':
    case 'registered':
      return 'warning'
    case 'returned':
      return 'danger'
    case 'dispatched':
    case 'accepted':
    case 'feedback':
      return 'primary'
    case 'closed':
      return 'success'
    default:
      return 'info'
  }
}

export function isOpenState(state: string): boolean {
  return state !== 'closed' && state !== 'rejected' && state !== 'case'
}

/** 小类（可归入事件的分类）：有上级的节点。 */
export function leafCategories(categories: readonly EventCategory[]): EventCategory[] {
  return categories.filter((c) => c.parentCode !== '')
}

export interface CategoryGroup {
  code: string
  name: string
  kind: string
  options: EventCategory[]
}

/** 按大类分组的小类（el-select 的 option-group），大类按排序号。 */
export function categoryGroups(categories: readonly EventCategory[]): CategoryGroup[] {
  const sorted = [...categories].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
  const groups = new Map<string, CategoryGroup>()
  for (const c of sorted) if (!c.parentCode) groups.set(c.code, { code: c.code, name: c.name, kind: c.kind, options: [] })
  for (const c of sorted) {
    if (!c.parentCode) continue
    let g = groups.get(c.parentCode)
    if (!g) {
      g = { code: c.parentCode, name: c.parentCode, kind: c.kind, options: [] }
      groups.set(c.parentCode, g)
    }
    g.options.push(c)
  }
  return [...groups.values()].filter((g) => g.options.length > 0)
}

/** 小类的处置时限：4个工作时、20个工作日。 */
export function categoryLimit(c: Pick<EventCategory, 'handleAmount' | 'handleUnit'>): string {
  if (!c.handleAmount) return ''
  return `${c.handleAmount}个${c.handleUnit === 'hours' ? '工作时' : '工作日'}`
}

/** 处置环节在界面上需要填写的内容。 */
export interface ActionForm {
  /** 须写明理由。 */
  reason: boolean
  category?: boolean
  teams?: boolean
  result?: boolean
  reply?: boolean
  extend?: boolean
  satisfaction?: boolean
  duplicate?: boolean
  photos?: boolean
  /** 无需填写，确认即可。 */
  confirmOnly?: boolean
}

export const ACTION_NAMES: Record<string, string> = {
  register: '受理立案',
  dispatch: '派遣',
  reject: '不予立案',
  accept: '报到',
  return: '退回',
  feedback: '处置反馈',
  verify: '核查结案',
  rework: '核查不通过，返工',
  extend: '申请延期',
  approve: '批准延期',
  deny: '不批准延期',
  suspend: '挂起',
  resume: '恢复',
  case: '转立案查处',
  reply: '答复诉求人',
  callback: '回访',
}

const REASON_ACTIONS = new Set(['reject', 'return', 'rework', 'extend', 'deny', 'suspend', 'resume', 'case'])

export function actionForm(action: string): ActionForm {
  const reason = REASON_ACTIONS.has(action)
  switch (action) {
    case 'register':
      return { reason, category: true }
    case 'dispatch':
      return { reason, category: true, teams: true }
    case 'reject':
      return { reason, duplicate: true }
    case 'feedback':
      return { reason, result: true, reply: true, photos: true }
    case 'extend':
      return { reason, extend: true }
    case 'callback':
      return { reason, satisfaction: true }
    case 'reply':
      return { reason, reply: true }
    case 'accept':
    case 'verify':
      return { reason, confirmOnly: true }
    default:
      return { reason }
  }
}

/** 退回、不予立案、挂起等消极环节用警示色按钮。 */
export function actionButtonType(action: string): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  if (['accept', 'dispatch', 'register', 'feedback', 'verify', 'approve'].includes(action)) return 'primary'
  if (['reject', 'return', 'rework', 'deny'].includes(action)) return 'danger'
  if (['suspend', 'extend', 'case'].includes(action)) return 'warning'
  return 'default'
}

export const SATISFACTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
] as const

/** 指标的百分数（服务端已按 × 100% 计算，保留一位小数）；null（分母为零）为“—”。 */
export function percent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return `${v.toFixed(digits)}%`
}

export function hours(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return `${v.toFixed(1)} 小时`
}

/** 置信度（0–1）→ 百分比整数。 */
export function confidence(v: number): string {
  return `${Math.round(v * 100)}%`
}

/** 按期处置率（百分数）的颜色：≥90% 绿、≥70% 黄、其余红；无数据灰。 */
export function rateColor(v: number | null | undefined): string {
  if (v === null || v === undefined) return '#909399'
  if (v >= 90) return '#67c23a'
  if (v >= 70) return '#e6a23c'
  return '#f56c6c'
}

/** 地图上圆点半径（像素）：按上报数的平方根缩放到 5–22。 */
export function bubbleRadius(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 5
  return Math.round(5 + 17 * Math.sqrt(count / max))
}
