import { describe, expect, it } from 'vitest'
import { OPENING_QUESTION, STEP_SPECS, dueText, dueTone, initialValues, stepBody } from '@/utils/caseSteps'
import schema from '@/api/openapi.json'

describe('案件步骤表单', () => {
  it('每个步骤的路径都是服务端的路由', () => {
    const paths = Object.keys((schema as { paths: Record<string, unknown> }).paths)
    for (const [kind, spec] of Object.entries(STEP_SPECS)) {
      expect(paths, kind).toContain(`/api/v1/cases/{id}/${spec.path}`)
    }
  })

  it('请求体：是否转布尔、多行转数组、元转分，空值不发送', () => {
    const spec = STEP_SPECS.measure!
    const values = { ...initialValues(spec), place: '谷山路', inventory: '货车 1辆\n\n  钥匙 1把 ', emergency: true, days: 30 }
    const body = stepBody(spec, values)
    expect(body.inventory).toEqual(['货车 1辆', '钥匙 1把'])
    expect(body.emergency).toBe(true)
    expect(body.days).toBe(30)
    expect(body).not.toHaveProperty('takenAt')
    const pay = stepBody(STEP_SPECS.pay!, { amountFen: 1234.5, partyId: 'p1', reference: 'B1', bank: '农行', date: '' })
    expect(pay.amountFen).toBe(123450)
    expect(pay).not.toHaveProperty('date')
    expect(stepBody(STEP_SPECS.approve_filing!, { approved: 'false', opinion: '不符合立案条件' }).approved).toBe(false)
  })

  it('调查记录：询问笔录带出开场白，未作答的开场白不提交；问答、被询问人关系只属于询问笔录', () => {
    const spec = STEP_SPECS.record!
    const values = initialValues(spec)
    expect(values.qa).toEqual([{ q: OPENING_QUESTION, a: '' }])
    Object.assign(values, { place: '询问室', subject: '王某', summary: '承认违法事实' })
    let body = stepBody(spec, values)
    expect(body).not.toHaveProperty('qa')
    expect(body.relation).toBe('party')
    ;(values.qa as { q: string; a: string }[]).push({ q: ' 车辆为何未密闭？ ', a: '' }, { q: '', a: '' })
    body = stepBody(spec, values)
    expect(body.qa).toEqual([{ q: '车辆为何未密闭？', a: '' }])
    ;(values.qa as { q: string; a: string }[])[0]!.a = '看清楚了'
    expect((stepBody(spec, values).qa as unknown[]).length).toBe(2)
    values.kind = 'inspection'
    values.present = '驾驶员王某'
    body = stepBody(spec, values)
    expect(body).not.toHaveProperty('qa')
    expect(body).not.toHaveProperty('relation')
    expect(body.present).toBe('驾驶员王某')
  })

  it('期限颜色与说明：逾期红、三日内黄', () => {
    expect(dueTone('overdue')).toBe('danger')
    expect(dueTone('due_soon')).toBe('warning')
    expect(dueTone('met')).toBe('success')
    expect(dueText({ status: 'overdue', daysLeft: -3 })).toBe('已逾期3日')
    expect(dueText({ status: 'due_soon', daysLeft: 0 })).toBe('今日到期')
    expect(dueText({ status: 'met', late: true })).toBe('已办（超期）')
  })
})
