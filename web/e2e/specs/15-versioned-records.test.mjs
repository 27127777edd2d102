// 版本化记录的生命周期（事项版本与裁量基准共用）：发布写明文号与文件标题；他人先改动时提示刷新（STALE），
// 再次确认提交新的 revision；废止写明废止日期（不含）、文号与理由，版本沿革显示；将来生效的新版本“待施行”。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('版本化记录', () => {
  let browser
  let legal
  before(async () => {
    browser = await launchBrowser()
    legal = await apiAs('legal')
  })
  after(async () => {
    await browser?.close()
  })

  /** 对话框里填写日期（回车确认）。 */
  async function fillDate(dialog, value) {
    const input = dialog.getByPlaceholder('选择日期')
    await input.fill(value)
    await input.press('Enter')
  }

  it('事项：发布时他人已改动草稿则提示刷新，再次确认后发布；废止后沿革显示废止文号与理由', async () => {
    const dept = (await legal('GET', `/orgs?q=${encodeURIComponent('阳谷县住房和城乡建设局')}&pageSize=1`)).body.items[0]
    const draft = {
      code: 'E2E-LC-001',
      name: '对擅自在街道两侧堆放物料的行政处罚',
      type: 'penalty',
      domain: '城市管理',
      ownerOrgId: dept.id,
      violatedBasis: [{ law: '城市市容和环境卫生管理条例', article: 14, text: '任何单位和个人都不得在街道两侧和公共场地堆放物料。' }],
      penaltyBasis: [{ law: '城市市容和环境卫生管理条例', article: 36, item: 2, text: '擅自在街道两侧和公共场地堆放物料，影响市容的。' }],
      penaltyKinds: ['罚款'],
      effectiveFrom: '2025-01-01',
      docNo: '阳政办发〔2024〕71号',
    }
    const created = await legal('POST', '/catalog/items', draft)
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.body.version.revision, 1)
    const id = created.body.item.id

    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/catalog/${id}`)
      await page.getByTestId('item-publish').click()
      const publish = page.locator('.el-dialog').filter({ hasText: '发布事项' })
      await publish.getByPlaceholder('可选，发布文件的标题').fill('阳谷县人民政府关于调整权责清单的通知')
      assert.equal(await publish.getByPlaceholder('选择日期').inputValue(), '2025-01-01')

      // 对话框打开后，另一位法制员改动了草稿。
      const changed = await legal('PUT', `/catalog/items/${id}/draft`, { ...draft, name: '对擅自在街道两侧和公共场地堆放物料的行政处罚', revision: 1 })
      assert.equal(changed.status, 200, JSON.stringify(changed.body))
      assert.equal(changed.body.version.revision, 2)
      await publish.getByRole('button', { name: '发布', exact: true }).click()
      await page.locator('.el-message').filter({ hasText: '已被他人修改' }).waitFor()
      await page.getByTestId('item-title').getByText('对擅自在街道两侧和公共场地堆放物料的行政处罚').waitFor()
      const stillDraft = (await legal('GET', `/catalog/items/${id}`)).body
      assert.equal(stillDraft.item.status, 'draft')

      // 再次确认：提交的是重新读取的 revision。
      await publish.getByRole('button', { name: '发布', exact: true }).click()
      await page.locator('.el-message').filter({ hasText: '事项已发布' }).waitFor()
      await page.getByRole('tab', { name: '版本沿革' }).click()
      const versions = page.getByTestId('versions')
      await versions.getByText('现行有效').waitFor()
      await versions.getByText('阳政办发〔2024〕71号《阳谷县人民政府关于调整权责清单的通知》').waitFor()

      await page.getByTestId('item-repeal').click()
      const repeal = page.locator('.el-dialog').filter({ hasText: '废止事项' })
      await fillDate(repeal, '2026-01-01')
      await repeal.getByPlaceholder('如：阳政办发〔2026〕5号').fill('阳政办发〔2025〕88号')
      await repeal.locator('textarea').fill('上位法调整，该事项并入其他事项')
      await repeal.getByRole('button', { name: '废止', exact: true }).click()
      await page.locator('.el-message').filter({ hasText: '事项已废止' }).waitFor()
      const line = versions.getByTestId('version-repeal')
      await line.waitFor()
      assert.match(await line.innerText(), /2026-01-01 起废止（阳政办发〔2025〕88号）：上位法调整/)
      await versions.getByText('已废止').first().waitFor()
      await shot(page, 'catalog-item-versions')

      const after = (await legal('GET', `/catalog/items/${id}`)).body
      assert.equal(after.versions.length, 1)
      assert.deepEqual(
        [after.version.status, after.version.state, after.version.effectiveTo, after.version.repealDocNo, after.version.revision],
        ['repealed', 'repealed', '2026-01-01', '阳政办发〔2025〕88号', 4],
      )
    } finally {
      await context.close()
    }
  })

  it('裁量基准：新版本自将来的日期发布显示“待施行”，现行版本至该日止', async () => {
    const current = (await legal('GET', '/discretion/benchmarks?itemCode=CSGL-CF-016&status=published')).body.items[0]
    assert.ok(current, '演示数据中应有 CSGL-CF-016 的裁量基准')
    const draft = await legal('POST', `/discretion/benchmarks/${current.id}/revise`)
    assert.equal(draft.status, 201, JSON.stringify(draft.body))

    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/discretion/${draft.body.id}`)
      assert.equal((await page.getByTestId('benchmark-state').innerText()).trim(), '草稿')
      await page.getByRole('button', { name: '发布', exact: true }).click()
      const publish = page.locator('.el-dialog').filter({ hasText: '发布裁量基准' })
      await fillDate(publish, '2027-03-01')
      await publish.getByPlaceholder('如：阳政办发〔2026〕5号').fill('阳综执发〔2027〕2号')
      await publish.getByPlaceholder('可选，发布文件的标题').fill('阳谷县综合行政执法局关于修订行政处罚裁量基准的通知')
      await publish.getByRole('button', { name: '发布', exact: true }).click()
      await page.locator('.el-message').filter({ hasText: '裁量基准已发布' }).waitFor()
      await page.waitForFunction(() => document.querySelector('[data-testid="benchmark-state"]')?.textContent?.trim() === '已发布，待施行')
      await page.getByText('阳综执发〔2027〕2号《阳谷县综合行政执法局关于修订行政处罚裁量基准的通知》').waitFor()
      await shot(page, 'discretion-benchmark-pending')

      // 列表按同一词汇显示：文号一栏，新版本“待施行”，上一版本仍“现行有效”。
      await page.goto('/discretion?q=CSGL-CF-016')
      await waitRows(page, 'benchmarks-table')
      const table = page.getByTestId('benchmarks-table')
      await table.getByText('阳综执发〔2027〕2号').waitFor()
      await table.getByText('已发布，待施行').waitFor()
      await table.getByText('现行有效').first().waitFor()
      await shot(page, 'discretion-list')

      const previous = (await legal('GET', `/discretion/benchmarks/${current.id}`)).body
      assert.deepEqual([previous.state, previous.effectiveTo, previous.revision], ['in_force', '2027-03-01', current.revision + 1])
    } finally {
      await context.close()
    }
  })
})
