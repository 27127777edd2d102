// 事件分类与时限页的纯函数：可编辑的分类、树形显示、提交内容与错误定位。
import type { EventCategory, EventCategoryInput } from '@/api/events'

export const CATEGORY_KINDS: Record<string, string> = { part: '部件', event: '事件' }
export const HANDLE_UNITS = [
  { value: 'hours', label: '工作时' },
  { value: 'days', label: '工作日' },
] as const

/** 页面上编辑的分类：关联事项以逗号分隔的文本编辑；新增的小类可改代码。 */
export interface EditableCategory extends EventCategoryInput {
  /** 表格行的稳定键（新增小类改代码时不变）。 */
  key: string
  ownerName: string
  itemCodesText: string
  isNew: boolean
}

export interface CategoryNode {
  cat: EditableCategory
  children?: CategoryNode[]
}

export function toEditable(c: EventCategory): EditableCategory {
  return {
    key: c.code,
    code: c.code,
    parentCode: c.parentCode,
    name: c.name,
    kind: c.kind,
    itemCodes: [...(c.itemCodes ?? [])],
    ownerOrgId: c.ownerOrgId,
    ownerName: c.ownerName,
    registerMinutes: c.registerMinutes,
    handleAmount: c.handleAmount,
    handleUnit: c.handleUnit,
    itemCodesText: (c.itemCodes ?? []).join(', '),
    isNew: false,
  }
}

/** 逗号（全角、半角）、顿号、分号或空白分隔的事项编码，去空去重。 */
export function parseItemCodes(text: string): string[] {
  const out: string[] = []
  for (const s of text.split(/[,，、;；\s]+/)) {
    const t = s.trim()
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

/** 大类及其小类（大类按原有顺序）；找不到大类的小类单独列在最后。 */
export function categoryTree(rows: readonly EditableCategory[]): CategoryNode[] {
  const majors = new Map<string, CategoryNode>()
  const out: CategoryNode[] = []
  for (const cat of rows) {
    if (cat.parentCode) continue
    const node: CategoryNode = { cat, children: [] }
    majors.set(cat.code, node)
    out.push(node)
  }
  for (const cat of rows) {
    if (!cat.parentCode) continue
    const major = majors.get(cat.parentCode)
    if (major) major.children!.push({ cat })
    else out.push({ cat })
  }
  return out
}

/** 提交的分类：按树的顺序（大类后接其小类），每项只含服务端需要的字段。 */
export function toInput(rows: readonly EditableCategory[]): EventCategoryInput[] {
  const flat: EditableCategory[] = []
  for (const n of categoryTree(rows)) {
    flat.push(n.cat)
    for (const c of n.children ?? []) flat.push(c.cat)
  }
  return flat.map((c) => ({
    code: c.code.trim(),
    parentCode: c.parentCode,
    name: c.name.trim(),
    kind: c.kind,
    itemCodes: c.parentCode ? parseItemCodes(c.itemCodesText) : [],
    ownerOrgId: c.ownerOrgId,
    registerMinutes: c.parentCode ? c.registerMinutes : 0,
    handleAmount: c.parentCode ? c.handleAmount : 0,
    handleUnit: c.parentCode ? c.handleUnit : '',
  }))
}

/** 大类下新小类的代码：大类代码加两位序号，取已用的最大序号加一（SJ05 → SJ0505）。 */
export function nextSubclassCode(major: string, rows: readonly Pick<EventCategoryInput, 'code' | 'parentCode'>[]): string {
  let max = 0
  for (const r of rows) {
    if (r.parentCode !== major || !r.code.startsWith(major)) continue
    const n = Number(r.code.slice(major.length))
    if (Number.isInteger(n) && n > max) max = n
  }
  return major + String(max + 1).padStart(2, '0')
}

let added = 0

/** 大类下的新小类：类型随大类，立案时限30分钟，处置时限1个工作日。 */
export function newSubclass(major: Pick<EventCategoryInput, 'code' | 'kind'>, rows: readonly EditableCategory[]): EditableCategory {
  added++
  return {
    key: `new-${added}`,
    code: nextSubclassCode(major.code, rows),
    parentCode: major.code,
    name: '',
    kind: major.kind,
    itemCodes: [],
    ownerOrgId: '',
    ownerName: '',
    registerMinutes: 30,
    handleAmount: 1,
    handleUnit: 'days',
    itemCodesText: '',
    isNew: true,
  }
}

/** 错误清单中第 row 项（从1起，按提交顺序）对应的分类：“SJ0501 占道经营”。 */
export function rowLabel(payload: readonly Pick<EventCategoryInput, 'code' | 'name'>[], row: number): string {
  const c = payload[row - 1]
  if (!c) return `第${row}项`
  return [c.code, c.name].filter(Boolean).join(' ') || `第${row}项`
}
