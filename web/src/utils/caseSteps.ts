// 案件办理步骤的表单：每个步骤的接口路径与字段。案件页的“可办理”按钮据此打开同一个对话框，
// 服务端仍是规则的唯一来源（不合法的步骤由服务端拒绝并给出法条）。

export type StepFieldType =
  | 'date'
  | 'datetime'
  | 'text'
  | 'textarea'
  | 'select'
  | 'bool'
  | 'number'
  | 'yuan'
  | 'lines'
  | 'officers'
  | 'person'
  | 'party'
  | 'measure'
  | 'recusal'
  | 'penalties'
  | 'checklist'
  | 'time'
  | 'recorder'
  | 'qa'

export interface StepField {
  name: string
  label: string
  type: StepFieldType
  required?: boolean
  /** select：固定选项，或取自办案代码表（/cases/meta）的某一项。 */
  options?: readonly { value: string; label: string }[]
  meta?: 'serviceMethods' | 'suspensions' | 'records' | 'outcomes'
  placeholder?: string
  help?: string
  /** 缺省值（打开对话框时填入）。 */
  initial?: unknown
  /** 只在另一字段取某些值时显示（并提交），如问答只属于询问笔录。 */
  showWhen?: { field: string; values: readonly string[] }
}

/** 询问笔录的一组问答。 */
export interface QARow {
  q: string
  a: string
}

/** 询问笔录开头的表明身份、告知权利（行政处罚法第五十五条），作为第一问带出，可修改。 */
export const OPENING_QUESTION =
  '我们是综合行政执法人员（出示执法证件），现依法就有关情况向你调查了解，你应当如实回答，对与本案无关的问题有权拒绝回答；你看清楚我们的执法证件了吗？'

/** 字段此时是否显示。 */
export function fieldVisible(f: StepField, values: Record<string, unknown>): boolean {
  return !f.showWhen || f.showWhen.values.includes(String(values[f.showWhen.field] ?? ''))
}

export interface StepSpec {
  path: string
  fields: readonly StepField[]
  /** 提示：该步骤的法律要求。 */
  hint?: string
}

const date: StepField = { name: 'date', label: '日期', type: 'date', help: '默认为今天；不能晚于今天' }
const opinion = (label = '意见'): StepField => ({ name: 'opinion', label, type: 'textarea', required: true })
const approved = (label = '审批结果'): StepField => ({
  name: 'approved',
  label,
  type: 'select',
  required: true,
  initial: 'true',
  options: [
    { value: 'true', label: '同意' },
    { value: 'false', label: '不同意' },
  ],
})
const note: StepField = { name: 'note', label: '备注', type: 'textarea' }

export const STEP_SPECS: Record<string, StepSpec> = {
  approve_filing: { path: 'approve-filing', fields: [date, approved('立案审批'), opinion('审批意见')], hint: '不同意立案的，应写明不予立案的理由' },
  officers: { path: 'officers', fields: [date, { name: 'officerIds', label: '承办人', type: 'officers', required: true }, { name: 'reason', label: '理由', type: 'textarea', required: true }] },
  recusal: {
    path: 'recusals',
    fields: [date, { name: 'personId', label: '申请回避的人员', type: 'person', required: true }, { name: 'by', label: '提出方', type: 'text', required: true, initial: '当事人申请' }, { name: 'reason', label: '理由', type: 'textarea', required: true }],
  },
  recusal_decide: { path: 'recusal-decisions', fields: [date, { name: 'recusalId', label: '回避申请', type: 'recusal', required: true }, approved('决定'), opinion('决定理由')] },
  record: {
    path: 'records',
    fields: [
      date,
      { name: 'from', label: '开始时间', type: 'time' },
      { name: 'to', label: '结束时间', type: 'time' },
      { name: 'kind', label: '记录类型', type: 'select', meta: 'records', required: true, initial: 'inquiry' },
      { name: 'place', label: '地点', type: 'text', required: true },
      { name: 'subject', label: '对象', type: 'text', required: true, placeholder: '被询问人或检查对象' },
      {
        name: 'relation',
        label: '被询问人与本案的关系',
        type: 'select',
        initial: 'party',
        showWhen: { field: 'kind', values: ['inquiry'] },
        options: [
          { value: 'party', label: '当事人' },
          { value: 'representative', label: '法定代表人（负责人）' },
          { value: 'agent', label: '委托代理人' },
          { value: 'witness', label: '证人' },
          { value: 'other', label: '其他有关人员' },
        ],
      },
      { name: 'present', label: '在场人', type: 'text', showWhen: { field: 'kind', values: ['inspection', 'other'] }, placeholder: '当事人或见证人' },
      { name: 'officerIds', label: '调查人员', type: 'officers', required: true, help: '不少于两名持有效执法证的承办人' },
      { name: 'recorderId', label: '记录人', type: 'recorder', help: '参加本次调查的执法人员之一' },
      { name: 'qa', label: '问答', type: 'qa', showWhen: { field: 'kind', values: ['inquiry'] }, help: '逐问逐答如实记录；被询问人拒绝回答的，如实记明' },
      { name: 'summary', label: '内容摘要（现场检查、勘验的，写明检查情况）', type: 'textarea' },
    ],
  },
  suspend: { path: 'suspensions', fields: [date, { name: 'kind', label: '期间类型', type: 'select', meta: 'suspensions', required: true }, { name: 'reason', label: '事由', type: 'textarea', required: true }], hint: '检测、检验、鉴定、听证、公告和中止的期间不计入办案期限' },
  resume: { path: 'resume', fields: [date, note] },
  extend: { path: 'extensions', fields: [date, { name: 'reason', label: '延长理由', type: 'textarea', required: true }] },
  report: {
    path: 'report',
    fields: [
      date,
      { name: 'facts', label: '违法事实', type: 'textarea', required: true },
      { name: 'evidence', label: '证据', type: 'textarea', required: true },
      { name: 'outcome', label: '处理意见', type: 'select', meta: 'outcomes', required: true, initial: 'penalty' },
      { name: 'proposed', label: '拟处罚', type: 'penalties' },
      { name: 'education', label: '对当事人的教育（不予处罚时）', type: 'textarea' },
      { name: 'complex', label: '情节复杂或重大违法（须集体讨论）', type: 'bool' },
      { name: 'publicInterest', label: '涉及重大公共利益', type: 'bool' },
      { name: 'manyRelations', label: '案情疑难复杂、涉及多个法律关系', type: 'bool' },
      { name: 'otherReview', label: '法律、法规规定应当法制审核的其他情形', type: 'bool' },
    ],
  },
  review: {
    path: 'review',
    fields: [
      date,
      { name: 'approved', label: '审查结果', type: 'select', required: true, initial: 'true', options: [{ value: 'true', label: '同意处理意见' }, { value: 'false', label: '退回补充调查' }] },
      { name: 'outcome', label: '决定（第五十七条）', type: 'select', meta: 'outcomes' },
      opinion('审查意见'),
    ],
  },
  discussion: {
    path: 'discussion',
    fields: [
      date,
      { name: 'participants', label: '参加人员（每行一人）', type: 'lines', required: true },
      { name: 'opinions', label: '讨论意见', type: 'textarea', required: true },
      { name: 'conclusion', label: '结论', type: 'select', meta: 'outcomes', required: true, initial: 'penalty' },
      note,
    ],
  },
  notice: { path: 'notice', fields: [date, { name: 'method', label: '告知方式（送达）', type: 'select', meta: 'serviceMethods', required: true, initial: 'direct' }], hint: '告知拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证的权利（第四十四条）' },
  statement: {
    path: 'statements',
    fields: [
      date,
      { name: 'content', label: '陈述、申辩内容', type: 'textarea', required: true },
      { name: 'adopted', label: '是否采纳', type: 'select', required: true, initial: 'false', options: [{ value: 'true', label: '采纳' }, { value: 'false', label: '不采纳' }] },
      { name: 'reply', label: '复核意见', type: 'textarea', required: true },
    ],
    hint: '不得因当事人陈述、申辩而给予更重的处罚（第四十五条）',
  },
  waive: { path: 'waiver', fields: [date, { name: 'statement', label: '放弃陈述、申辩', type: 'bool', initial: true }, { name: 'hearing', label: '放弃听证', type: 'bool' }] },
  hearing_request: { path: 'hearing-request', fields: [date], hint: '当事人应当在告知后五日内提出' },
  hearing_notice: {
    path: 'hearing-notice',
    fields: [
      date,
      { name: 'hearingDate', label: '听证日期', type: 'date', required: true, help: '应在听证七日前通知' },
      { name: 'hostId', label: '主持人', type: 'person', required: true, help: '由非本案调查人员担任' },
      { name: 'clerk', label: '记录员', type: 'text', required: true },
      { name: 'place', label: '地点', type: 'text', required: true },
      { name: 'public', label: '公开举行', type: 'bool', initial: true },
    ],
  },
  hearing_hold: {
    path: 'hearing',
    fields: [date, { name: 'attended', label: '当事人到场', type: 'bool', initial: true }, { name: 'record', label: '听证笔录', type: 'textarea', required: true }, opinion('主持人意见')],
  },
  hearing_drop: { path: 'hearing-drop', fields: [date, note] },
  legal_submit: { path: 'legal-review', fields: [date, note] },
  legal_opinion: {
    path: 'legal-opinion',
    fields: [
      date,
      { name: 'checklist', label: '审核要点', type: 'checklist', required: true },
      { name: 'passed', label: '审核结论', type: 'select', required: true, initial: 'true', options: [{ value: 'true', label: '通过' }, { value: 'false', label: '不通过，退回' }] },
      opinion('法制审核意见'),
    ],
  },
  decide: { path: 'decision', fields: [date, { name: 'penalties', label: '处罚（留空则按告知内容）', type: 'penalties' }, opinion('负责人意见')] },
  serve: {
    path: 'service',
    fields: [date, { name: 'method', label: '送达方式', type: 'select', meta: 'serviceMethods', required: true, initial: 'direct' }, { name: 'recipient', label: '签收人', type: 'text', required: true }, note],
    hint: '当事人不在场的，应当在七日内送达（第六十一条）',
  },
  pay: {
    path: 'payments',
    fields: [
      date,
      { name: 'partyId', label: '缴款当事人', type: 'party', required: true },
      { name: 'amountFen', label: '缴款金额', type: 'yuan', required: true },
      { name: 'reference', label: '银行回执号', type: 'text', required: true },
      { name: 'bank', label: '代收银行', type: 'text', required: true },
    ],
    hint: '罚缴分离：只登记银行回执，执法人员不经手罚款',
  },
  defer: { path: 'deferral', fields: [date, { name: 'until', label: '延期至', type: 'date', required: true }, { name: 'reason', label: '经济困难的情况', type: 'textarea', required: true }] },
  remedy: {
    path: 'remedies',
    fields: [
      date,
      { name: 'kind', label: '类型', type: 'select', required: true, initial: 'reconsideration', options: [{ value: 'reconsideration', label: '行政复议' }, { value: 'litigation', label: '行政诉讼' }] },
      { name: 'organ', label: '复议机关或人民法院', type: 'text', required: true },
      note,
    ],
  },
  remedy_result: {
    path: 'remedy-result',
    fields: [
      date,
      { name: 'outcome', label: '结果', type: 'select', required: true, options: [{ value: 'upheld', label: '维持' }, { value: 'varied', label: '变更' }, { value: 'revoked', label: '撤销' }] },
      { name: 'variedFen', label: '变更后的罚款', type: 'yuan' },
      note,
    ],
  },
  hand_in: { path: 'hand-in', fields: [date, note], hint: '当场收缴的罚款应当自收缴之日起二日内交至行政机关（第七十一条）' },
  simple_file: { path: 'simple-filing', fields: [date, note] },
  close: { path: 'close', fields: [date, note] },
  archive: { path: 'archive', fields: [date, note] },
  measure: {
    path: 'measures',
    fields: [
      { name: 'kind', label: '措施', type: 'select', required: true, initial: 'seize', options: [{ value: 'seal', label: '查封' }, { value: 'seize', label: '扣押' }] },
      { name: 'emergency', label: '情况紧急，已当场实施', type: 'bool' },
      { name: 'takenAt', label: '实施时间（当场实施的）', type: 'datetime' },
      { name: 'place', label: '地点', type: 'text', required: true },
      { name: 'reason', label: '理由和依据', type: 'textarea', required: true },
      { name: 'inventory', label: '清单（每行一项）', type: 'lines', required: true },
      { name: 'days', label: '期限（日）', type: 'number', required: true, initial: 30 },
      { name: 'officerIds', label: '实施人员', type: 'officers', required: true },
    ],
    hint: '由两名以上执法人员实施；当场实施的，二十四小时内报告负责人并补办批准手续（行政强制法第十八条、第十九条）',
  },
  measure_approve: { path: 'measure-approval', fields: [date, { name: 'measureId', label: '措施', type: 'measure', required: true }, approved(), opinion('审批意见')] },
  measure_extend: { path: 'measure-extension', fields: [date, { name: 'measureId', label: '措施', type: 'measure', required: true }, { name: 'days', label: '延长（日）', type: 'number', required: true, initial: 30 }, { name: 'reason', label: '理由', type: 'textarea', required: true }] },
  measure_testing: {
    path: 'measure-testing',
    fields: [
      { name: 'measureId', label: '措施', type: 'measure', required: true },
      { name: 'what', label: '检测、检验、鉴定事项', type: 'text', required: true },
      { name: 'from', label: '开始日期', type: 'date', required: true },
      { name: 'to', label: '结束日期', type: 'date' },
      { name: 'told', label: '书面告知当事人日期', type: 'date', required: true },
    ],
  },
  measure_lift: { path: 'measure-lifting', fields: [date, { name: 'measureId', label: '措施', type: 'measure', required: true }, { name: 'reason', label: '解除理由', type: 'textarea', required: true }] },
  reminder: {
    path: 'reminder',
    fields: [
      { name: 'served', label: '催告书送达日期', type: 'date', required: true },
      { name: 'method', label: '送达方式', type: 'select', meta: 'serviceMethods', required: true, initial: 'direct' },
      { name: 'days', label: '履行期限（日）', type: 'number', required: true, initial: 10 },
      note,
    ],
  },
  court: { path: 'court-application', fields: [date, { name: 'court', label: '人民法院', type: 'text', required: true }, note] },
  enforced: {
    path: 'enforced',
    fields: [
      { name: 'at', label: '执行时间', type: 'datetime', required: true },
      { name: 'by', label: '执行主体', type: 'select', required: true, initial: 'court', options: [{ value: 'court', label: '人民法院' }, { value: 'agency', label: '本机关（法律授权）' }] },
      { name: 'emergency', label: '情况紧急', type: 'bool' },
      { name: 'note', label: '执行情况', type: 'textarea', required: true },
    ],
    hint: '不得在夜间或者法定节假日实施行政强制执行，情况紧急的除外（行政强制法第四十三条）',
  },
  transfer_report: { path: 'transfer-report', fields: [date, { name: 'report', label: '涉嫌犯罪的事实、情节和证据', type: 'textarea', required: true }] },
  transfer_decide: { path: 'transfer-decision', fields: [date, approved('移送决定'), opinion('决定意见')], hint: '自接到报告之日起三日内作出决定' },
  transfer_send: { path: 'transfer', fields: [{ name: 'at', label: '移送时间', type: 'datetime', required: true }, { name: 'police', label: '公安机关', type: 'text', required: true }, note], hint: '批准后二十四小时内移送' },
  police_answer: {
    path: 'police-answer',
    fields: [date, { name: 'accepted', label: '公安机关决定', type: 'select', required: true, initial: 'true', options: [{ value: 'true', label: '立案' }, { value: 'false', label: '不予立案' }] }, { name: 'note', label: '文书编号及说明', type: 'textarea', required: true }],
  },
  transfer_reconsider: { path: 'transfer-reconsideration', fields: [date, note], hint: '自接到不予立案通知书之日起三日内提请复议' },
  exhibits: { path: 'exhibits', fields: [date, note], hint: '公安机关立案后三日内移交涉案物品' },
}

/** 对话框的初始值。 */
export function initialValues(spec: StepSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of spec.fields) {
    if (f.initial !== undefined) out[f.name] = f.initial
    else if (f.type === 'bool') out[f.name] = false
    else if (f.type === 'officers' || f.type === 'penalties') out[f.name] = []
    else if (f.type === 'checklist') out[f.name] = {}
    else if (f.type === 'qa') out[f.name] = [{ q: OPENING_QUESTION, a: '' }] satisfies QARow[]
    else out[f.name] = ''
  }
  return out
}

/** 把表单值整理为请求体：空值不发送，是否选择转为布尔，多行文本转为数组，元转为分。 */
export function stepBody(spec: StepSpec, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const f of spec.fields) {
    if (!fieldVisible(f, values)) continue
    const v = values[f.name]
    switch (f.type) {
      case 'bool':
        body[f.name] = v === true
        break
      case 'number':
        if (v !== '' && v !== null && v !== undefined) body[f.name] = Number(v)
        break
      case 'yuan':
        if (v !== '' && v !== null && v !== undefined) body[f.name] = Math.round(Number(v) * 100)
        break
      case 'lines':
        body[f.name] = String(v ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
        break
      case 'select':
        if (v === 'true' || v === 'false') body[f.name] = v === 'true'
        else if (v !== '' && v !== undefined) body[f.name] = v
        break
      case 'penalties':
        if (Array.isArray(v) && v.length > 0) body[f.name] = v
        break
      case 'qa': {
        // 未作答的开场白只是提示，不随笔录提交；其余问答原样提交（有问无答由服务端指出）。
        const rows = ((v ?? []) as QARow[])
          .map((r) => ({ q: r.q.trim(), a: r.a.trim() }))
          .filter((r) => (r.q || r.a) && !(r.q === OPENING_QUESTION && !r.a))
        if (rows.length > 0) body[f.name] = rows
        break
      }
      default:
        if (v !== '' && v !== undefined && v !== null) body[f.name] = v
    }
  }
  return body
}

export type DueTone = 'danger' | 'warning' | 'success' | 'info'

/** 期限状态的颜色：逾期红、三日内到期黄、已办绿。 */
export function dueTone(status: string | undefined): DueTone {
  if (status === 'overdue') return 'danger'
  if (status === 'due_soon') return 'warning'
  if (status === 'met') return 'success'
  return 'info'
}

export function dueText(d: { status?: string; daysLeft?: number; late?: boolean }): string {
  switch (d.status) {
    case 'overdue':
      return `已逾期${Math.abs(d.daysLeft ?? 0)}日`
    case 'due_soon':
      return (d.daysLeft ?? 0) === 0 ? '今日到期' : `${d.daysLeft}日内到期`
    case 'met':
      return d.late ? '已办（超期）' : '已办'
    case 'open':
      return `剩余${d.daysLeft}日`
    default:
      return ''
  }
}
