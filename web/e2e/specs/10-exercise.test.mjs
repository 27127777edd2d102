// (b) “谁来行使”：下放事项在张秋镇的村由张秋镇人民政府以自己的名义行使、张秋镇综合行政执法办公室
// 作为工作机构承办，下放前由县综合行政执法局行使；
// 收回的事项（阳政发〔2024〕3号）此后回到县局。另：登记与已有下放重叠的决定时逐项显示问题且不登记。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

async function itemId(call, code) {
  const res = await call('GET', `/catalog/items?q=${encodeURIComponent(code)}`)
  const item = res.body.items.find((i) => i.code === code)
  assert.ok(item, `缺少演示事项 ${code}`)
  return item.id
}

/** 在行使主体查询中选张秋镇的一个村、一个日期并查询，返回行使主体名称。 */
async function ask(page, date) {
  const tool = page.getByTestId('exercise-tool')
  const dateInput = page.getByTestId('exercise-date').locator('input')
  await dateInput.fill(date)
  await dateInput.press('Enter')
  await tool.getByTestId('exercise-query').click()
  const result = tool.getByTestId('exercise-result')
  await page.waitForFunction(
    (d) => document.querySelector('[data-testid="exercise-explanation"]')?.textContent?.startsWith(d),
    date,
  )
  return { body: (await result.getByTestId('exercise-body').innerText()).trim(), text: await result.innerText() }
}

async function pickVillage(page) {
  const search = page.getByTestId('exercise-tool').getByTestId('place-search')
  await search.locator('input').fill('南街村')
  await page.locator('.place-popper .el-select-dropdown__item:visible', { hasText: '张秋镇' }).click()
}

describe('谁来行使', () => {
  let browser
  let officer
  before(async () => {
    browser = await launchBrowser()
    officer = await apiAs('officer')
  })
  after(async () => {
    await browser?.close()
  })

  it('下放事项：张秋镇的村在下放后由张秋镇人民政府行使、执法办承办，下放前由县局行使', async () => {
    const id = await itemId(officer, 'CSGL-CF-001')
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/catalog/${id}?tab=exercise`)
      await pickVillage(page)

      const now = await ask(page, '2025-06-01')
      assert.equal(now.body, '张秋镇人民政府')
      assert.match(await page.getByTestId('exercise-working-body').innerText(), /张秋镇综合行政执法办公室/)
      assert.match(now.text, /阳政发〔2022〕8号/)
      assert.match(now.text, /下放/)
      await shot(page, 'exercise-delegated')

      const before = await ask(page, '2022-05-31')
      assert.equal(before.body, '阳谷县综合行政执法局')
      assert.match(before.text, /阳政发〔2021〕12号/)
    } finally {
      await context.close()
    }
  })

  it('收回的事项：阳政发〔2024〕3号起回到县综合行政执法局', async () => {
    const id = await itemId(officer, 'CSGL-CF-022')
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/catalog/${id}?tab=exercise`)
      await pickVillage(page)
      assert.equal((await ask(page, '2023-06-01')).body, '张秋镇人民政府')
      assert.equal((await ask(page, '2024-03-01')).body, '阳谷县综合行政执法局')
      const history = page.getByTestId('assignments-table')
      await history.getByText('阳政发〔2024〕3号').waitFor()
    } finally {
      await context.close()
    }
  })

  it('登记与已有下放重叠的决定：逐项显示问题，未登记', async () => {
    const legal = await apiAs('legal')
    const before = (await legal('GET', '/catalog/decisions?pageSize=1')).body.total
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto('/catalog/decisions')
      await page.getByTestId('decision-create').click()
      const dialog = page.getByRole('dialog', { name: '登记划转、下放决定' })
      await dialog.waitFor()
      await dialog.getByLabel('文号').fill('阳政发〔2026〕E2E号')
      await dialog.getByLabel('标题').fill('E2E重复下放')
      const date = dialog.getByRole('combobox', { name: /生效日期/ })
      await date.fill('2026-12-01')
      await date.press('Enter')
      await dialog.getByText('下放至乡镇（街道）').click()
      const items = dialog.getByTestId('item-select')
      await items.locator('input').first().fill('CSGL-CF-001')
      await page.locator('.item-select-popper .el-select-dropdown__item', { hasText: 'CSGL-CF-001' }).first().click()
      await dialog.locator('.el-dialog__title').click()
      await dialog.locator('.el-form-item', { hasText: '承接主体' }).locator('.el-select__wrapper').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '张秋镇人民政府' }).click()
      await dialog.locator('.el-dialog__title').click()
      await dialog.getByTestId('decision-save').click()
      const details = dialog.getByTestId('error-details')
      await details.waitFor()
      assert.match(await details.innerText(), /CSGL-CF-001.*阳政发〔2022〕8号/)
      const itemsError = dialog
        .locator('.el-form-item')
        .filter({ has: page.locator('.el-form-item__label', { hasText: /^事项$/ }) })
        .locator('.el-form-item__error')
      assert.match(await itemsError.innerText(), /须先收回/)
      await shot(page, 'decision-overlap')
    } finally {
      await context.close()
    }
    assert.equal((await legal('GET', '/catalog/decisions?pageSize=1')).body.total, before, '有问题的决定不应登记')
  })
})
