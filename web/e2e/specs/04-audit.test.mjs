// (d) 安全审计员校验审计日志哈希链。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('审计日志', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('auditor 校验哈希链显示完整', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'auditor')
      await page.goto('/audit')
      await waitRows(page, 'audit-table')
      await page.getByTestId('verify-chain').click()
      const result = page.getByTestId('verify-result')
      await result.waitFor()
      assert.match(await result.innerText(), /哈希链完整，共\d+条/)
      await shot(page, 'audit-verified')
    } finally {
      await context.close()
    }
  })
})
