// (d) 安全审计员查看审计日志与各审计链，逐链校验。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { columnTexts, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('审计日志', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('auditor 看到对象名称与各链链头，逐链校验完整', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'auditor')
      await page.goto('/audit')
      await waitRows(page, 'audit-table')

      // 对象显示记录时的名称，而不是标识。
      const objects = await columnTexts(page, 'audit-table', '对象')
      assert.ok(objects.some((o) => /^账号 auditor（/.test(o)), `对象列：${objects.join(' | ')}`)

      // 对象类型筛选来自服务端，包含权责清单与裁量基准等全部被审计的类型。
      await page.getByTestId('entity-filter').click()
      for (const name of ['权责清单事项', '划转下放决定', '执法领域', '裁量基准', '裁量阶次划分规则', '账号']) {
        await page.locator('.el-select-dropdown__item', { hasText: name }).first().waitFor()
      }
      await page.keyboard.press('Escape')

      // 各链的链头与锚点：系统级链与本县的链。
      await waitRows(page, 'chain-table')
      const chains = await columnTexts(page, 'chain-table', '审计链')
      assert.deepEqual(chains, ['系统级', '371521'])
      assert.match(await page.getByTestId('anchor-key').innerText(), /指纹：\s*[0-9a-f]{4} [0-9a-f]{4}/)

      await page.getByTestId('verify-chain').click()
      const result = page.getByTestId('verify-result')
      await result.waitFor()
      assert.match(await result.innerText(), /审计日志完整：2条链，共\d+条记录/)
      const verdicts = await columnTexts(page, 'chain-table', '校验结果')
      assert.ok(verdicts.every((v) => v.startsWith('完整')), verdicts.join(' | '))
      await shot(page, 'audit-verified')
    } finally {
      await context.close()
    }
  })
})
