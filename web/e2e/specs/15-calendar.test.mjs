// 期限计算与节假日安排：执法队员计算跨国庆节的工作日期限；系统管理员预览并导入新年度安排。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

describe('期限计算', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('执法队员：2024年9月30日起5个工作日，跨国庆节届满于10月12日（调休上班日）', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto('/calendar')
      await page.getByPlaceholder('选择日期').fill('2024-09-30')
      await page.keyboard.press('Enter')
      await page.getByTestId('compute-due').click()
      const result = page.getByTestId('due-result')
      await result.waitFor()
      const text = await result.innerText()
      assert.match(text, /2024-10-12/)
      assert.match(text, /国庆节/)
      assert.match(text, /第八十五条/)
      await shot(page, 'calendar-due')
    } finally {
      await context.close()
    }
  })

  it('系统管理员：导入2027年节假日安排，先预览后确认', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-cal-'))
    const file = path.join(dir, '2027.csv')
    fs.writeFileSync(file, '日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,休,春节\n2027-02-14,班,春节\n')
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto('/calendar')
      await page.getByRole('button', { name: '导入年度安排' }).click()
      const dialog = page.getByRole('dialog', { name: '导入年度节假日安排' })
      await dialog.getByPlaceholder('如 国办发明电〔2026〕7号').fill('国办发明电〔2026〕9号')
      await dialog.locator('input[type=file]').setInputFiles(file)
      await dialog.getByRole('button', { name: '预览' }).click()
      await dialog.getByTestId('calendar-preview').waitFor()
      assert.match(await dialog.getByTestId('calendar-preview').innerText(), /2027年：放假 2 天，调休上班 1 天/)
      await shot(page, 'calendar-preview')
      await dialog.getByRole('button', { name: '确认导入' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByTestId('calendar-years').getByText('国办发明电〔2026〕9号').waitFor()
    } finally {
      await context.close()
      fs.rmSync(dir, { recursive: true })
    }
  })
})
