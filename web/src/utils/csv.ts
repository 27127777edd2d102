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

/** 权责清单导入模板的列（列名即后端模板的中文表头；模板文件由后端提供）。 */
export const CATALOG_TEMPLATE: readonly TemplateColumn[] = [
  { key: '事项编码', label: '事项编码', required: true, example: 'CSGL-CF-001', description: '字母、数字和 - _ .，本辖区内不重复' },
  { key: '事项名称', label: '事项名称', required: true, example: '', description: '' },
  { key: '事项类型', label: '事项类型', required: true, example: '行政处罚', description: '行政处罚 / 行政强制 / 行政检查 / 行政征收 / 其他' },
  { key: '执法领域', label: '执法领域', required: true, example: '城市管理', description: '须为执法领域表中的领域' },
  { key: '一般性/专业性', label: '事项类别', required: false, example: '一般性', description: '留空视为一般性' },
  { key: '行使层级', label: '行使层级', required: false, example: '县级', description: '省级 / 市级 / 县级 / 乡级，留空视为县级' },
  { key: '业务主管部门', label: '业务主管部门', required: true, example: '阳谷县住房和城乡建设局', description: '须与组织机构中的业务主管部门名称一致' },
  { key: '违法依据', label: '违法依据', required: false, example: '《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰……', description: '《法规》第…条第…款第（…）项：原文；多条以“；”分隔' },
  { key: '处罚依据', label: '处罚依据', required: false, example: '', description: '格式同违法依据；处罚事项发布前须有违法依据和处罚依据' },
  { key: '处罚种类', label: '处罚种类', required: false, example: '警告、罚款', description: '以顿号分隔；其他种类以“其他”开头' },
  { key: '罚款下限（元）', label: '罚款下限', required: false, example: '5000', description: '以元为单位，可写 5万；按单位计罚的为总额下限，也可写 1000元/平方米' },
  { key: '罚款上限（元）', label: '罚款上限', required: false, example: '50000', description: '以元为单位；按单位计罚的为总额上限（没有的留空）' },
  { key: '倍数下限', label: '倍数下限', required: false, example: '10倍', description: '10倍 或 5%' },
  { key: '倍数上限', label: '倍数上限', required: false, example: '20倍', description: '' },
  { key: '倍数基数', label: '倍数基数', required: false, example: '货值金额', description: '本辖区“倍数罚款计算基数”设置中的基数：违法所得、货值金额、赔偿额等' },
  { key: '罚款幅度', label: '罚款幅度', required: false, example: '每处5000元以上20000元以下', description: '按原文填写，可代替上面几列：5000元至2万元、每平方米1000元、1000元/平方米，总额不超过10万元' },
  { key: '计罚单位', label: '计罚单位', required: false, example: '处', description: '处 / 平方米 / 日 / 辆 / 件等，可自行填写' },
  { key: '单位罚款下限（元）', label: '每单位罚款下限', required: false, example: '5000', description: '与计罚单位同填；定额的上下限相同' },
  { key: '单位罚款上限（元）', label: '每单位罚款上限', required: false, example: '20000', description: '' },
  { key: '主管部门职责', label: '主管部门职责', required: false, example: '', description: '多条以“；”分隔' },
  { key: '执法部门职责', label: '执法部门职责', required: false, example: '', description: '多条以“；”分隔' },
  { key: '生效日期', label: '生效日期', required: false, example: '2026-01-01', description: 'YYYY-MM-DD；发布须填写' },
  { key: '文号', label: '文号', required: false, example: '', description: '发布须填写' },
  { key: '状态', label: '状态', required: false, example: '草稿', description: '草稿 / 已发布，留空视为草稿；缺少法律依据的事项作为草稿导入并在结果中列出' },
  { key: '备注', label: '备注', required: false, example: '', description: '' },
  { key: '划转至', label: '划转至', required: false, example: '阳谷县综合行政执法局', description: '综合行政执法局名称；同填划转文号和划转日期' },
  { key: '划转文号', label: '划转文号', required: false, example: '阳政发〔2021〕12号', description: '同一文号的行登记为一项决定' },
  { key: '划转日期', label: '划转日期', required: false, example: '2021-07-01', description: 'YYYY-MM-DD，不早于事项生效日期' },
  { key: '部分划转说明', label: '部分划转说明', required: false, example: '', description: '只划转一部分时说明范围' },
  { key: '下放至', label: '下放至', required: false, example: '张秋镇、博济桥街道', description: '乡镇人民政府、街道办事处（或乡镇、街道名称），以顿号分隔；综合行政执法办公室为其工作机构' },
  { key: '下放文号', label: '下放文号', required: false, example: '阳政发〔2022〕8号', description: '' },
  { key: '下放日期', label: '下放日期', required: false, example: '2022-06-01', description: '' },
  { key: '部分下放说明', label: '部分下放说明', required: false, example: '', description: '' },
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
