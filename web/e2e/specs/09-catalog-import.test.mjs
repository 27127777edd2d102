// (a) 法制审核员导入权责清单：含一行错误的 CSV 显示逐行错误且清单不变；改正后导入成功，事项出现在清单中。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

const HEADER =
  '事项编码,事项名称,事项类型,执法领域,一般性/专业性,行使层级,业务主管部门,违法依据,处罚依据,处罚种类,罚款下限（元）,罚款上限（元）,倍数下限,倍数上限,倍数基数,主管部门职责,执法部门职责,生效日期,文号,状态,备注'
const GOOD =
  'E2E-CF-001,对在城市道路上晾晒农作物的行政处罚（E2E）,行政处罚,城市管理,一般性,县级,阳谷县住房和城乡建设局,' +
  '《城市道路管理条例》第二十七条第（五）项：在城市道路上晾晒农作物,' +
  '《城市道路管理条例》第四十二条：由市政工程行政主管部门或者其他有关部门责令限期改正，可以处以2万元以下的罚款,' +
  '罚款,,20000,,,,负责日常巡查,负责立案查处,2026-01-01,阳政办发〔2026〕E2E号,已发布,'
const BAD = 'E2E-CF-002,对E2E测试行为的行政处罚,行政处罚,不存在的领域,一般性,县级,阳谷县住房和城乡建设局,,,罚款,,,,,,,,,,草稿,'

async function upload(panel, name, text) {
  await panel.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') })
  await panel.getByTestId('import-start').click()
}

describe('权责清单导入', () => {
  let browser
  let legal
  before(async () => {
    browser = await launchBrowser()
    legal = await apiAs('legal')
    const before = await legal('GET', `/catalog/items?q=E2E-CF`)
    assert.equal(before.body.total, 0, '测试前不应有 E2E 事项')
  })
  after(async () => {
    await browser?.close()
  })

  it('错误行整批拒绝，改正后导入成功', async () => {
    const total = (await legal('GET', '/catalog/items?pageSize=1')).body.total
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto('/imports')
      const panel = page.getByTestId('import-catalog')
      await panel.getByText('权责清单导入').waitFor()

      await upload(panel, 'catalog-bad.csv', `${HEADER}\n${GOOD}\n${BAD}\n`)
      const errors = panel.getByTestId('import-errors')
      await errors.waitFor()
      const rows = await errors.locator('.el-table__body-wrapper tr.el-table__row td:first-child').allTextContents()
      assert.deepEqual(rows.map((s) => s.trim()), ['3'])
      assert.match(await errors.innerText(), /不存在的领域/)
      assert.match(await panel.getByTestId('import-failure').innerText(), /未导入/)
      await shot(page, 'catalog-import-errors')
      assert.equal((await legal('GET', '/catalog/items?pageSize=1')).body.total, total, '有错误行时清单不应变化')
      assert.equal((await legal('GET', '/catalog/items?q=E2E-CF')).body.total, 0)

      await upload(panel, 'catalog-good.csv', `${HEADER}\n${GOOD}\n`)
      const ok = panel.getByTestId('import-success')
      await ok.waitFor()
      assert.match(await ok.innerText(), /共导入 1 条记录（已发布 1 条，草稿 0 条）/)
      await panel.getByTestId('import-errors').waitFor({ state: 'detached' })

      // 导入的事项出现在清单中，可在详情里看到结构化的法律依据。
      await page.goto('/catalog?q=E2E-CF-001')
      await waitRows(page, 'catalog-table')
      await page.getByTestId('catalog-table').getByText('E2E-CF-001').click()
      await page.waitForURL(/\/catalog\/[^/]+$/)
      const basis = page.getByTestId('item-basis')
      await basis.getByText('《城市道路管理条例》第二十七条第（五）项').waitFor()
      await basis.getByText('《城市道路管理条例》第四十二条').waitFor()
      assert.equal((await page.getByTestId('item-fine').innerText()).trim(), '2万元以下')
    } finally {
      await context.close()
    }
    const after = await legal('GET', '/catalog/items?q=E2E-CF')
    assert.equal(after.body.total, 1)
    assert.equal(after.body.items[0].status, 'published')
  })
})
