// 行政执法公示：法制审核人员在公示队列中看到待公示的决定与期限，公示稿已隐去个人信息；
// 写入身份证号码的公示稿不能公示；公示后门户可查，自然人只显示姓氏。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

describe('行政执法公示', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('法制审核人员公示查封扣押决定；含身份证号码的公示稿被拒绝；门户可查', async () => {
    const { context, page } = await newPage(browser)
    let number
    try {
      await uiLogin(page, 'legal')
      await page.goto('/publicity')
      const table = page.getByTestId('publicity-table')
      const row = table.locator('tr', { hasText: '待公示' }).filter({ hasText: '其他执法决定' }).first()
      await row.waitFor()
      number = (await row.locator('a').first().innerText()).trim()
      assert.match(await row.innerText(), /\d{4}-\d{2}-\d{2} 前公示/)
      await shot(page, 'publicity-queue')
      await row.getByRole('button', { name: '公示', exact: true }).click()
      const dialog = page.getByTestId('publish-dialog')
      const facts = dialog.getByTestId('publish-facts')
      await facts.waitFor()
      const draft = await facts.inputValue()
      await facts.fill(draft + '（当事人身份证号码371521198803150016）')
      await dialog.getByTestId('publish-confirm').click()
      await page.locator('.el-message', { hasText: '仍有身份证号码' }).waitFor()
      await facts.fill(draft)
      await shot(page, 'publicity-draft')
      await dialog.getByTestId('publish-confirm').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByTestId('publicity-status').getByText('已公示').click()
      await table.locator('tr', { hasText: number }).getByText('已公示').waitFor()
    } finally {
      await context.close()
    }

    const anon = await newPage(browser)
    try {
      await anon.page.goto('/portal')
      const section = anon.page.getByTestId('portal-publicity')
      await section.getByTestId('portal-decisions-q').fill(number)
      await section.getByRole('button', { name: '查询' }).click()
      const item = section.getByTestId('portal-decision').filter({ hasText: number })
      await item.waitFor()
      assert.doesNotMatch(await section.innerText(), /\d{17}[\dXx]/)
      await anon.page.getByTestId('portal-decisions-q').fill('')
      await section.getByRole('button', { name: '查询' }).click()
      await section.getByTestId('portal-decision').first().waitFor()
      assert.ok((await section.getByTestId('portal-decision').count()) >= 3)
      await section.scrollIntoViewIfNeeded()
      await shot(anon.page, 'publicity-portal')
    } finally {
      await anon.context.close()
    }
  })

  it('负责人查看本年度执法数据并导出Excel；上年度已公开', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'leader')
      await page.goto('/statistics')
      const totals = page.getByTestId('stats-totals')
      await totals.getByText('行政处罚决定').waitFor()
      assert.match(await totals.innerText(), /行政处罚决定\s*\d+ 件/)
      const excel = await page.request.get(await page.getByTestId('stats-excel').getAttribute('href'))
      assert.equal(excel.status(), 200)
      assert.equal(excel.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      await shot(page, 'statistics-year')
      await page.getByTestId('stats-year').locator('.el-select__wrapper').click()
      const last = new Date().getFullYear() - 1
      await page.locator('.el-select-dropdown__item:visible', { hasText: `${last}年度` }).click()
      await page.getByText(/已公开/).first().waitFor()
    } finally {
      await context.close()
    }
  })
})
