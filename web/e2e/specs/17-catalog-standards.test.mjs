// 权责清单中的地方标准：按单位的法定罚款（每处设施、每平方米……）可按法条原文识别填入，详情按原文显示；
// 倍数罚款的基数取本辖区的计算基数（赔偿额）；导入结果列出缺少法律依据、作为草稿导入的事项。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

describe('按单位的法定罚款与倍数基数', () => {
  let browser
  let legal
  before(async () => {
    browser = await launchBrowser()
    legal = await apiAs('legal')
  })
  after(async () => {
    await browser?.close()
  })

  it('修改草稿：按原文识别“每处5000元以上2万元以下，总额不超过10万元”，保存后详情照此显示', async () => {
    const dept = (await legal('GET', `/orgs?q=${encodeURIComponent('阳谷县住房和城乡建设局')}&pageSize=1`)).body.items[0]
    const created = await legal('POST', '/catalog/items', {
      code: 'E2E-PU-001',
      name: '对擅自在城市道路上设置设施的行政处罚',
      type: 'penalty',
      domain: '城市管理',
      ownerOrgId: dept.id,
      penaltyKinds: ['罚款'],
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/catalog/${created.body.item.id}`)
      await page.getByRole('button', { name: '修改草稿' }).click()
      const dialog = page.getByRole('dialog', { name: '修改草稿' })
      await dialog.waitFor()
      await dialog.getByTestId('fine-text').fill('按照每处设施处五千元以上二万元以下罚款，总额不超过10万元')
      await dialog.getByTestId('fine-parse').click()
      await page.waitForFunction(
        () => document.querySelector('[data-testid="fine-preview"]')?.textContent?.includes('每处5,000元至2万元（总额不超过10万元）'),
      )
      await shot(page, 'item-fine-per-unit')
      await dialog.getByTestId('item-save').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.waitForFunction(() => document.querySelector('[data-testid="item-fine"]')?.textContent === '每处5,000元至2万元（总额不超过10万元）')
    } finally {
      await context.close()
    }
    const detail = (await legal('GET', `/catalog/items/${created.body.item.id}`)).body
    assert.deepEqual(
      [detail.version.fine.unit, detail.version.fine.perUnitMinFen, detail.version.fine.perUnitMaxFen, detail.version.fine.maxFen],
      ['处', 500000, 2000000, 10000000],
    )
  })

  it('倍数基数：本辖区的计算基数含赔偿额，不在其中的基数被拒绝且不保存', async () => {
    const meta = (await legal('GET', '/catalog/meta')).body
    assert.ok(meta.multipleBases.includes('赔偿额'), JSON.stringify(meta.multipleBases))
    assert.ok(meta.units.includes('平方米'))
    const dept = (await legal('GET', `/orgs?q=${encodeURIComponent('阳谷县住房和城乡建设局')}&pageSize=1`)).body.items[0]
    const bad = await legal('POST', '/catalog/items', {
      code: 'E2E-PU-002',
      name: '对违法经营的行政处罚',
      type: 'penalty',
      domain: '城市管理',
      ownerOrgId: dept.id,
      fine: { multipleMin: 100, multipleMax: 200, multipleBase: '违法经营额' },
    })
    assert.equal(bad.status, 400, JSON.stringify(bad.body))
    assert.equal(bad.body.error.code, 'CATALOG_MULTIPLE_BASE_UNKNOWN')
    const list = (await legal('GET', '/catalog/items?q=E2E-PU-002')).body
    assert.equal(list.total, 0)
  })
})
