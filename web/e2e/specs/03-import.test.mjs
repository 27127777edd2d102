// (c) 管理员导入含一行错误（上级区划不存在）的区划 CSV：显示逐行错误，且没有任何区划被导入。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

const GOOD = '371521101901'
const BAD = '371521199901'
const BAD_PARENT = '371521199000'
const CSV = `code,name,parentCode\n${GOOD},E2E测试村甲,371521101000\n${BAD},E2E测试村乙,${BAD_PARENT}\n`

describe('区划导入：错误行整批拒绝', () => {
  let browser
  let admin
  before(async () => {
    browser = await launchBrowser()
    admin = await apiAs('admin')
    assert.equal((await admin('GET', `/regions/${GOOD}`)).status, 404, '测试前该区划不应存在')
  })
  after(async () => {
    await browser?.close()
  })

  it('显示第3行错误并且未导入任何区划', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto('/imports')
      const panel = page.getByTestId('import-regions')
      await panel.locator('input[type=file]').setInputFiles({
        name: 'regions.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(CSV, 'utf8'),
      })
      await panel.getByTestId('import-start').click()
      const errors = panel.getByTestId('import-errors')
      await errors.waitFor()
      const text = await errors.innerText()
      assert.match(text, /第3行/)
      assert.match(text, new RegExp(BAD_PARENT))
      assert.match(await panel.getByTestId('import-failure').innerText(), /未导入/)
      const rowCells = await errors.locator('.el-table__body-wrapper tr.el-table__row td:first-child').allTextContents()
      assert.deepEqual(rowCells.map((s) => s.trim()), ['3'])
      await shot(page, 'import-region-errors')
    } finally {
      await context.close()
    }

    assert.equal((await admin('GET', `/regions/${GOOD}`)).status, 404)
    const search = await admin('GET', `/regions?q=${encodeURIComponent('E2E测试村')}`)
    assert.equal(search.status, 200)
    assert.equal(search.body.total, 0)
  })
})
