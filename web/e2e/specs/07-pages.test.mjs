// 主要页面冒烟：机构树与详情（编制表、改革指标）、区划树、改革指标、账号列表、人员详情脱敏。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('页面冒烟', () => {
  let browser
  let admin
  before(async () => {
    browser = await launchBrowser()
    admin = await apiAs('admin')
  })
  after(async () => {
    await browser?.close()
  })

  it('组织机构：选择县执法局显示编制表与改革指标', async () => {
    const bureaus = await admin('GET', '/orgs?kind=bureau&pageSize=5')
    const bureau = bureaus.body.items[0]
    assert.ok(bureau)
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto(`/orgs/${encodeURIComponent(bureau.id)}`)
      const detail = page.getByTestId('org-detail')
      await detail.getByText(bureau.kindName).first().waitFor()
      await page.getByTestId('staffing-table').getByText('行政编').waitFor()
      const checks = page.getByTestId('reform-checks')
      await checks.getByText('一线执法人员占比').waitFor()
      assert.match(await checks.innerText(), /达标|未达标|不适用/)
      await shot(page, 'org-bureau')
      await page.reload()
      await page.getByTestId('staffing-table').waitFor()
    } finally {
      await context.close()
    }
  })

  it('行政区划：树从辖区根节点展开', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto('/regions')
      const tree = page.getByTestId('region-tree')
      // 辖区根节点自动展开并选中
      await tree.getByText('张秋镇').waitFor()
      await page.getByText('371521000000').first().waitFor()
      await tree.getByText('张秋镇').click()
      await page.getByText('371521112000').first().waitFor()
      await shot(page, 'regions')
    } finally {
      await context.close()
    }
  })

  it('改革指标页列出县执法局与乡镇执法办公室', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'leader')
      await page.goto('/reform')
      await waitRows(page, 'reform-table')
      await page.getByTestId('reform-table').getByText('张秋镇综合行政执法办公室').waitFor()
      await shot(page, 'reform')
    } finally {
      await context.close()
    }
  })

  it('账号与角色：安全管理员可见账号列表', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'security')
      await page.goto('/accounts')
      await waitRows(page, 'accounts-table')
      await page.getByTestId('accounts-table').getByText('officer.zhangqiu').waitFor()
      await shot(page, 'accounts')
    } finally {
      await context.close()
    }
  })

  it('人员详情：无 people.pii 时身份证号保持脱敏', async () => {
    const officer = await apiAs('officer')
    const list = await officer('GET', '/people?pageSize=1')
    const person = list.body.items[0]
    assert.ok(person)
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/people/${encodeURIComponent(person.id)}`)
      const id = page.getByTestId('id-number')
      await id.waitFor()
      assert.equal((await id.innerText()).trim(), person.idNumberMasked)
      assert.equal(await page.getByText('查看完整').count(), 0)
      await shot(page, 'person-detail')
    } finally {
      await context.close()
    }
  })
})
