// (a) 法制审核员导入权责清单：含错误行的 CSV 一次列出每行的全部错误（一行有五处错误）且清单不变；
// 改正后导入成功，事项出现在清单中。数据导入页只显示法制审核员有权导入的权责清单。
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
// 事项类型、执法领域、业务主管部门、罚款上限、状态五处错误。
const MANY = [
  'E2E-CF-003', '对E2E测试行为乙的行政处罚', '行政许可', '不存在的领域', '一般性', '县级', '不存在的部门',
  '', '', '', '', '两万', '', '', '', '', '', '', '', '未知', '',
].join(',')

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
      assert.equal(await page.getByTestId('import-regions').count(), 0, '法制审核员无权导入行政区划')
      assert.equal(await page.getByTestId('import-people').count(), 0, '法制审核员无权导入人员')

      await upload(panel, 'catalog-bad.csv', `${HEADER}\n${GOOD}\n${BAD}\n${MANY}\n`)
      const errors = panel.getByTestId('import-errors')
      await errors.waitFor()
      const groups = errors.getByTestId('import-error-row')
      assert.deepEqual((await groups.allTextContents()).map((s) => s.trim()), ['3', '4'])
      assert.equal(await groups.nth(1).getAttribute('data-count'), '5')
      assert.equal(await errors.locator('.el-table__body-wrapper tr.el-table__row').count(), 6)
      const text = await errors.innerText()
      assert.match(text, /不存在的领域/)
      for (const code of ['CATALOG_TYPE_UNKNOWN', 'CATALOG_DOMAIN_UNKNOWN', 'CATALOG_OWNER_NOT_FOUND', 'AMOUNT_INVALID', 'CATALOG_STATUS_UNKNOWN']) {
        assert.match(text, new RegExp(code))
      }
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
