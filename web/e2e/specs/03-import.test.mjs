// (c) 管理员导入含错误行的区划 CSV：一行上级区划不存在，另一行同时有三处错误（代码、名称过长、上级代码）；
// 每行的全部错误一次列出、按行归组，且没有任何区划被导入。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

const GOOD = '371521101901'
const BAD = '371521199901'
const BAD_PARENT = '371521199000'
const LONG_NAME = `E2E${'长'.repeat(48)}`
const CSV = `code,name,parentCode\n${GOOD},E2E测试村甲,371521101000\n${BAD},E2E测试村乙,${BAD_PARENT}\n37152110x902,${LONG_NAME},3715x\n`

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

  it('一次列出每行的全部错误，并且未导入任何区划', async () => {
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
      assert.match(text, /第4行/)
      const failure = await panel.getByTestId('import-failure').innerText()
      assert.match(failure, /未导入/)
      assert.match(failure, /共 4 处错误，涉及 2 行/)
      // 每处错误一行，同一行的错误归为一组：行号只显示一次。
      assert.equal(await errors.locator('.el-table__body-wrapper tr.el-table__row').count(), 4)
      const groups = errors.getByTestId('import-error-row')
      assert.deepEqual((await groups.allTextContents()).map((s) => s.trim()), ['3', '4'])
      assert.equal(await groups.nth(1).getAttribute('data-count'), '3')
      for (const code of ['REGION_PARENT_UNKNOWN', 'REGION_CODE_INVALID', 'TEXT_TOO_LONG']) assert.match(text, new RegExp(code))
      for (const field of ['code', 'name', 'parentCode']) assert.match(text, new RegExp(`\\b${field}\\b`))
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
