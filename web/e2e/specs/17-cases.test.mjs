// 办案：工作台的案件待办（逾期红色）；一件普通程序案件在控制台中办理（负责人审批立案、执法队员制作笔录、
// 被拒绝的步骤显示法条）；手机上当场作出简易程序处罚决定；法制审核队列。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

function today(offset = 0) {
  const d = new Date(Date.now() + 8 * 3600_000 + offset * 86400_000)
  return d.toISOString().slice(0, 10)
}

/** 公民身份号码：前17位加 GB 11643 校验码。 */
function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

/** 演示人员中与执法队员张伟同单位、持有效执法证的一位同事。 */
async function colleague(officer) {
  const me = await officer('GET', '/auth/me')
  const res = await officer('GET', `/people?orgId=${me.body.account.orgId}&certStatus=valid&pageSize=20`)
  const other = res.body.items.find((p) => p.id !== me.body.account.personId)
  assert.ok(other, '缺少持证同事')
  return { me: me.body.account.personId, other: other.id }
}

describe('案件办理', () => {
  let browser
  let officer
  before(async () => {
    browser = await launchBrowser()
    officer = await apiAs('officer')
  })
  after(async () => {
    await browser?.close()
  })

  it('执法队员：工作台按期限列出本人承办的案件，逾期的标红', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      const todos = page.getByTestId('case-todos')
      await todos.getByTestId('case-todo').first().waitFor()
      assert.ok((await todos.locator('li.due-overdue').count()) >= 1, '应有逾期案件')
      assert.match(await todos.locator('li.due-overdue').first().innerText(), /已逾期/)
      await shot(page, 'cases-workbench')
    } finally {
      await context.close()
    }
  })

  it('普通程序：负责人审批立案，执法队员制作笔录；未调查终结不能告知，并显示法条', async () => {
    const { me, other } = await colleague(officer)
    const item = (await officer('GET', '/catalog/items?q=CSGL-CF-018&pageSize=5')).body.items.find((i) => i.code === 'CSGL-CF-018')
    const opened = await officer('POST', '/cases', {
      itemId: item.id,
      title: 'E2E某运输车辆未密闭案',
      actDate: today(-2),
      placeCode: '371521001000',
      parties: [{ type: 'natural', name: '测试当事人', idNumber: residentId('37152119800101011') }],
      officerIds: [me, other],
    })
    assert.equal(opened.status, 201, JSON.stringify(opened.body))
    const id = opened.body.id

    const leader = await newPage(browser)
    try {
      await uiLogin(leader.page, 'leader')
      await leader.page.goto(`/cases/${id}`)
      await leader.page.getByTestId('case-stage').getByText('立案审批').waitFor()
      await leader.page.getByTestId('action-approve_filing').click()
      const dialog = leader.page.getByTestId('case-step-dialog')
      await dialog.getByTestId('step-opinion').fill('同意立案')
      await dialog.getByTestId('case-step-submit').click()
      await leader.page.getByTestId('case-stage').getByText('调查取证').waitFor()
      assert.match(await leader.page.getByTestId('case-number').innerText(), /综执立〔\d{4}〕\d+号/)
      // 办案期限及其计算说明
      assert.match(await leader.page.getByTestId('case-deadlines').innerText(), /办案期限90日/)
    } finally {
      await leader.context.close()
    }

    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/cases/${id}`)
      // 尚无调查记录，调查终结被拒绝并给出理由
      const blocked = page.getByTestId('case-blocked')
      await blocked.getByText('尚无询问笔录').waitFor()
      await page.getByTestId('action-record').click()
      const dialog = page.getByTestId('case-step-dialog')
      await dialog.getByTestId('step-place').fill('执法大队询问室')
      await dialog.getByTestId('step-subject').fill('测试当事人')
      // 询问笔录逐问逐答：第一问是表明身份、告知权利；有问无答被拒绝。
      assert.match(await dialog.getByTestId('step-qa-q-0').inputValue(), /出示执法证件/)
      await dialog.getByTestId('step-qa-a-0').fill('看清楚了。')
      await dialog.getByTestId('step-qa-add').click()
      await dialog.getByTestId('step-qa-q-1').fill('运输车辆为何未采取密闭措施？')
      await dialog.getByTestId('case-step-submit').click()
      await dialog.getByText('每组问答须有问有答').waitFor()
      await dialog.getByTestId('step-qa-a-1').fill('篷布破损，未及时更换。')
      await dialog.getByTestId('step-summary').fill('当事人承认运输车辆未密闭')
      await shot(page, 'case-inquiry-record')
      await dialog.getByTestId('case-step-submit').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByTestId('case-timeline').getByText('询问笔录：测试当事人（当事人），问答2组').waitFor()
      await page.getByTestId('case-records').getByText('询问笔录').first().click()
      await page.getByTestId('case-records').getByText('答：篷布破损，未及时更换。').waitFor()
      await page.getByTestId('action-report').waitFor()
      await shot(page, 'case-page')
    } finally {
      await context.close()
    }
  })

  it('裁量基准：调查终结时认定裁量情节，由系统按施行中的基准认定档次并显示在案件页', async () => {
    const { me, other } = await colleague(officer)
    const item = (await officer('GET', '/catalog/items?q=CSGL-CF-028&pageSize=5')).body.items.find((i) => i.code === 'CSGL-CF-028')
    const opened = await officer('POST', '/cases', {
      itemId: item.id,
      title: 'E2E某渣土公司沿途遗撒案',
      actDate: today(-7),
      date: today(-6),
      placeCode: '371521001000',
      parties: [{ type: 'legal', name: 'E2E某渣土运输有限公司', creditCode: '91110000802100433B', representative: '钱某' }],
      officerIds: [me, other],
    })
    assert.equal(opened.status, 201, JSON.stringify(opened.body))
    const id = opened.body.id
    const leader = await apiAs('leader')
    const filed = await leader('POST', `/cases/${id}/approve-filing`, { approved: true, date: today(-5) })
    assert.equal(filed.status, 200, JSON.stringify(filed.body))
    const recorded = await officer('POST', `/cases/${id}/records`, {
      date: today(-4),
      kind: 'inspection',
      place: '谷山路',
      officerIds: [me, other],
      subject: '运输车辆',
      summary: '沿途遗撒建筑垃圾约百米',
    })
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body))

    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/cases/${id}`)
      await page.getByTestId('action-report').click()
      const dialog = page.getByTestId('case-step-dialog')
      await dialog.getByTestId('step-facts').fill('运输途中沿途遗撒建筑垃圾')
      await dialog.getByTestId('step-evidence').fill('现场检查笔录、照片')
      await dialog.getByTestId('penalty-facts').waitFor()
      await dialog.getByTestId('step-penalty-fine').locator('input').fill('20000')
      // 未认定危害后果：服务端要求认定（基准的从重情形以危害后果为条件）。
      await dialog.getByTestId('case-step-submit').click()
      await dialog.getByText('请认定危害后果').first().waitFor()
      await dialog.getByTestId('penalty-facts').locator('.el-select__wrapper').first().click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '有一般危害后果' }).click()
      // 一般档次为“警告，并处罚款”：不选警告须说明理由；选上警告。
      await dialog.getByTestId('case-step-submit').click()
      await dialog.getByText('档次规定给予警告').first().waitFor()
      await dialog.locator('.penalty-row .el-select__wrapper').first().click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^警告$/ }).click()
      await dialog.getByText('拟处罚').click()
      await shot(page, 'case-report-facts')
      await dialog.getByTestId('case-step-submit').click()
      await dialog.waitFor({ state: 'hidden' })
      const card = page.getByTestId('case-penalties')
      await card.getByTestId('case-penalty-tier').waitFor()
      const text = await card.innerText()
      assert.match(text, /一般/)
      assert.match(text, /1\.5万元|15,000/)
      assert.match(text, /处罚记录统计/)
      assert.match(text, /阳综执发〔2026〕1号/)
      assert.match(text, /认定的情节：有一般危害后果/)
      await shot(page, 'case-benchmark-applied')
    } finally {
      await context.close()
    }
  })

  it('法制审核人员：法制审核队列列出待审核的案件', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto('/cases/legal')
      const table = page.getByTestId('cases-table')
      await table.getByText('阳谷某商砼公司运输扬尘案').waitFor()
      await table.getByText('阳谷某商砼公司运输扬尘案').click()
      await page.getByTestId('action-legal_opinion').waitFor()
      await page.goBack()
      // 法制审核员在这里调整本辖区的办案设置：证据文件限制以“MB”显示。
      const evidence = page.getByTestId('setting-cases-evidence')
      await evidence.getByTestId('setting-source').getByText('全国默认值').waitFor()
      assert.match(await evidence.innerText(), /4096\s*MB/)
      assert.equal(await evidence.getByTestId('setting-edit').count(), 1)
      await shot(page, 'cases-legal-queue')
    } finally {
      await context.close()
    }
  })

  it('手机：当场作出简易程序处罚决定，超过二百元被拒绝并引用第五十一条', async () => {
    const { other } = await colleague(officer)
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    try {
      await uiLogin(page, 'officer')
      await page.goto('/cases/new?simple=1')
      const form = page.getByTestId('case-form')
      await form.locator('.el-select input').first().fill('CSGL-CF-032')
      await page.locator('.item-select-popper .el-select-dropdown__item', { hasText: 'CSGL-CF-032' }).first().click()
      await page.getByTestId('case-title-input').fill('E2E某商户高音喇叭招揽案')
      await form.getByTestId('place-search').locator('input').fill('金谷社区')
      await page.locator('.place-popper .el-select-dropdown__item:visible', { hasText: '博济桥街道' }).click()
      const officers = page.getByTestId('case-officers')
      const people = await officer('GET', `/people/${other}`)
      await officers.locator('input').fill(people.body.name)
      await page.locator('.el-select-dropdown__item:visible', { hasText: people.body.name }).first().click()
      await page.getByTestId('party-name').fill('测试摊主')
      await page.getByTestId('party-id').fill(residentId('37152119900202023'))
      await page.getByTestId('simple-fine').locator('input').fill('300')
      await page.getByTestId('case-submit').click()
      await page.locator('.el-message', { hasText: '第五十一条' }).or(page.getByText(/二百元|200元/).first()).first().waitFor()
      await page.getByTestId('simple-fine').locator('input').fill('200')
      await page.getByTestId('case-submit').click()
      await page.waitForURL(/\/cases\/[^/]+$/)
      await page.getByTestId('case-number').getByText(/综执简罚〔\d{4}〕\d+号/).waitFor()
      await shot(page, 'case-simple-phone')
    } finally {
      await context.close()
    }
  })
})
