// (e) 手机视口（390×844）下执法队员的工作台可读，菜单收进抽屉。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

describe('手机视口', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('officer 在 390×844 下显示待办列表与抽屉菜单', async () => {
    const { context, page } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    try {
      await uiLogin(page, 'officer')
      const list = page.getByTestId('todo-list')
      await list.waitFor()
      const expiring = page.getByTestId('todo-expiring')
      await expiring.waitFor()
      assert.match(await expiring.innerText(), /执法证30天内到期/)
      await page.waitForFunction(() => !document.querySelector('[data-testid="todo-list"] .el-skeleton'))
      const box = await expiring.boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `待办卡片超出屏幕：${JSON.stringify(box)}`)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(overflow <= 390, `页面横向溢出：${overflow}px`)
      assert.equal(await page.getByTestId('side-menu').count(), 0, '手机视口不应显示侧边菜单')
      await shot(page, 'mobile-workbench')

      await page.getByTestId('menu-toggle').click()
      const menu = page.getByTestId('side-menu')
      await menu.waitFor()
      const titles = (await menu.locator('.menu-title').allTextContents()).map((s) => s.trim())
      assert.deepEqual(titles, ['工作台', '事件上报', '我的事件', '事件调度', '处置指标', '网格管理', '事件分类与时限', '案件办理', '案件线索', '执法公示', '年度执法数据', '行政区划', '组织机构', '执法人员', '权责清单', '划转与下放', '裁量基准', '期限计算'])
      await shot(page, 'mobile-drawer')
      await menu.getByText('执法人员').click()
      await page.waitForURL('**/people')
      await menu.waitFor({ state: 'hidden' })
    } finally {
      await context.close()
    }
  })

  it('grid 在 390×844 下从抽屉菜单进入事件上报与我的事件，页面不横向溢出', async () => {
    const { context, page } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    try {
      await uiLogin(page, 'grid')
      await page.getByTestId('menu-toggle').click()
      const menu = page.getByTestId('side-menu')
      await menu.waitFor()
      const titles = (await menu.locator('.menu-title').allTextContents()).map((s) => s.trim())
      assert.deepEqual(titles.slice(0, 3), ['工作台', '事件上报', '我的事件'])
      assert.ok(!titles.includes('事件调度'), '网格员不应有事件调度')
      for (const [title, path, testId] of [
        ['事件上报', '/m/report', 'report-form'],
        ['我的事件', '/m/events', 'my-events'],
      ]) {
        if (!(await menu.isVisible())) await page.getByTestId('menu-toggle').click()
        await menu.getByText(title).click()
        await page.waitForURL(`**${path}`)
        await menu.waitFor({ state: 'hidden' })
        await page.getByTestId(testId).waitFor()
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(overflow <= 390, `${path} 横向溢出：${overflow}px`)
      }
      await shot(page, 'mobile-my-events')
    } finally {
      await context.close()
    }
  })
})
