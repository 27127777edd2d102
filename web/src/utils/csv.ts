// CSV 模板生成（客户端），带 UTF-8 BOM 以便 Excel 正确识别中文。

export interface TemplateColumn {
  key: string
  label: string
  required: boolean
  example: string
  description: string
}

export const REGION_TEMPLATE: readonly TemplateColumn[] = [
  { key: 'code', label: '区划代码', required: true, example: '371521101201', description: '12 位统计用区划代码' },
  { key: 'name', label: '名称', required: true, example: '某某村', description: '区划名称' },
  { key: 'parentCode', label: '上级区划代码', required: true, example: '371521101000', description: '须为已存在或同批导入的区划' },
]

export const PEOPLE_TEMPLATE: readonly TemplateColumn[] = [
  { key: 'name', label: '姓名', required: true, example: '张三', description: '' },
  { key: 'idNumber', label: '身份证号', required: true, example: '', description: '18 位公民身份号码（GB 11643），含校验位' },
  { key: 'phone', label: '手机号', required: false, example: '', description: '11 位手机号' },
  { key: 'postOrgName', label: '编制所在单位', required: true, example: '阳谷县综合行政执法局', description: '须与组织机构名称一致' },
  { key: 'workOrgName', label: '实际工作单位', required: false, example: '张秋镇综合行政执法办公室', description: '区属镇管镇用时填乡镇机构；留空表示与编制所在单位相同' },
  { key: 'postType', label: '编制类型', required: true, example: '参公事业编', description: '行政编 / 参公事业编 / 事业编 / 编外（或 admin / civil / institution / other）' },
  { key: 'position', label: '职务', required: false, example: '执法队员', description: '' },
  { key: 'frontline', label: '是否一线', required: false, example: '是', description: '是 或 否，留空视为否' },
  { key: 'certNumber', label: '执法证号', required: false, example: '', description: '无证可留空' },
  { key: 'certDomains', label: '执法领域', required: false, example: '市场监管、城市管理', description: '多个领域用顿号或分号分隔' },
  { key: 'certValidFrom', label: '证件生效日期', required: false, example: '2025-01-01', description: 'YYYY-MM-DD' },
  { key: 'certValidTo', label: '证件失效日期', required: false, example: '2030-12-31', description: 'YYYY-MM-DD' },
]

/** RFC 4180 转义；以 = + - @ 开头的文本前加单引号，防止在表格软件中被当作公式执行。 */
export function csvEscape(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`
  if (/[",\r\n]/.test(s)) return `"${s.replace(/"/g, '""')}"`
  return s
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => r.map(csvEscape).join(',')).join('\r\n') + '\r\n'
}

/** 模板只含表头行（字段名即导入接口要求的列名）。 */
export function templateCsv(columns: readonly TemplateColumn[]): string {
  return '\uFEFF' + toCsv([columns.map((c) => c.key)])
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function downloadTemplate(columns: readonly TemplateColumn[], fileName: string): void {
  downloadBlob(new Blob([templateCsv(columns)], { type: 'text/csv;charset=utf-8' }), fileName)
}
