// (c) 执法队员对《大气污染防治法》第一百一十八条第一款事项计算裁量档次：缺少事实时就近提示；
// 一年内再次违法适用从重档，显示档次、罚款幅度（元）与理由；首次违法及时改正时可以不予处罚。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

describe('裁量计算', () => {
  let browser
  let itemId
  before(async () => {
    browser = await launchBrowser()
    const officer = await apiAs('officer')
    const res = await officer('GET', `/catalog/items?q=${encodeURIComponent('大气污染防治法第118条第1款')}`)
    const item = res.body.items.find((i) => i.code === 'CSGL-CF-014')
    assert.ok(item, '演示清单中应有 大气污染防治法第一百一十八条第一款 事项（CSGL-CF-014）')
    itemId = item.id
  })
  after(async () => {
    await browser?.close()
  })

  it('计算档次、幅度与理由', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/catalog/${itemId}?tab=discretion`)
      const benchmark = page.getByTestId('item-benchmark')
      await benchmark.getByText('阳综执发〔2026〕1号').first().waitFor()
      await benchmark.getByText('从重处罚').first().waitFor()

      const panel = page.getByTestId('evaluate-panel')
      const actDate = panel.getByRole('combobox', { name: /违法行为发生日期/ })
      await actDate.fill('2026-05-01')
      await actDate.press('Enter')

      // 未认定危害程度：后端要求补充该事实，错误显示在“危害程度”旁。
      await panel.getByTestId('evaluate-submit').click()
      const harmItem = panel.locator('.el-form-item').filter({ has: page.locator('.el-form-item__label', { hasText: /^危害程度$/ }) })
      await harmItem.locator('.el-form-item__error').waitFor()
      assert.match(await harmItem.locator('.el-form-item__error').innerText(), /危害后果/)

      // 一年内因同一违法行为受过一次处罚 → 从重处罚。
      const prior = panel.getByTestId('fact-prior').locator('input')
      await prior.fill('1')
      await prior.blur()
      await harmItem.locator('.el-select__wrapper').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '有一般危害后果' }).click()
      await panel.getByTestId('evaluate-submit').click()
      const result = panel.getByTestId('evaluate-result')
      await result.waitFor()
      assert.equal((await result.getByTestId('eval-tier').innerText()).trim(), '从重处罚')
      assert.equal((await result.getByTestId('eval-range').innerText()).trim(), '罚款 36,000元至50,000元')
      const reason = await result.getByTestId('eval-reason').innerText()
      assert.match(reason, /阳综执发〔2026〕1号/)
      assert.match(reason, /从重处罚/)
      assert.match(await result.innerText(), /受过行政处罚1次以上/)
      // 未接入处罚记录：次数按执法人员填报认定，结果标明。
      assert.match(await result.getByTestId('eval-prior-source').first().innerText(), /执法人员填报/)
      await shot(page, 'discretion-evaluate')

      // 首次违法、危害轻微、及时改正：符合首违不罚，可以不予处罚；如处罚适用从轻档。
      await panel.getByTestId('fact-first').locator('.el-switch__core').click()
      await panel.getByTestId('fact-corrected').locator('.el-switch__core').click()
      await harmItem.locator('.el-select__wrapper').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '危害后果轻微' }).click()
      await panel.getByTestId('evaluate-submit').click()
      await page.waitForFunction(() => document.querySelector('[data-testid="eval-tier"]')?.textContent?.trim() === '不予处罚')
      assert.equal((await result.getByTestId('eval-range').innerText()).trim(), '可以不予处罚')
      assert.match(await result.innerText(), /如决定处罚：从轻处罚，罚款 5,000元至14,000元/)
    } finally {
      await context.close()
    }
  })

  it('按每平方米·日计算：数量按录入的小数相乘，计算过程写明数量与单位', async () => {
    const legal = await apiAs('legal')
    const list = await legal('GET', '/discretion/benchmarks?itemCode=CSGL-CF-019&status=published')
    const road = list.body.items[0]
    assert.ok(road, '演示数据中应有擅自占用城市道路（CSGL-CF-019）的裁量基准')
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/discretion/${road.id}`)
      const panel = page.getByTestId('benchmark-evaluate').getByTestId('evaluate-panel')
      const actDate = panel.getByRole('combobox', { name: /违法行为发生日期/ })
      await actDate.fill('2026-05-01')
      await actDate.press('Enter')
      await panel.getByTestId('fact-units').fill('2.555')
      await panel.getByTestId('evaluate-submit').click()
      const result = panel.getByTestId('evaluate-result')
      await result.waitFor()
      assert.equal((await result.getByTestId('eval-range').innerText()).trim(), '罚款 25.55元至51.10元')
      assert.match(await result.getByTestId('eval-computation').innerText(), /2\.555平方米·日×每平方米·日10元至20元/)
      await shot(page, 'discretion-evaluate-per-unit')
    } finally {
      await context.close()
    }
  })

  it('编辑器：按规则生成档次后为从重档选用情节名称，详情按“情节名称（阶次）”显示', async () => {
    const legal = await apiAs('legal')
    const { context, page } = await newPage(browser)
    let draftId = ''
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/discretion/new?itemId=${itemId}`)
      await page.getByTestId('benchmark-propose').click()
      const heavier = page.getByTestId('tier-2')
      await heavier.waitFor()
      await heavier.getByTestId('tier-label').locator('xpath=ancestor-or-self::*[contains(@class,"el-select")][1]').locator('.el-select__wrapper').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^情节严重$/ }).click()
      await page.getByTestId('benchmark-save').click()
      await page.waitForURL((url) => /^\/discretion\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'))
      draftId = new URL(page.url()).pathname.split('/').pop()
      await page.getByTestId('benchmark-content').getByText('情节严重（从重处罚）').first().waitFor()
      await shot(page, 'discretion-draft-labels')
    } finally {
      await context.close()
      if (draftId) {
        const del = await legal('DELETE', `/discretion/benchmarks/${draftId}`)
        assert.equal(del.status, 200, JSON.stringify(del.body))
      }
    }
  })
})
