// (d) 公众门户无需登录：用法律依据中的词检索到事项，事项页显示法律依据与裁量基准；
// (f) 手机视口下门户清单可读，无横向溢出。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot } from '../lib.mjs'

describe('公众门户：权责清单', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('按法律依据中的词检索并查看裁量基准（无需登录）', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/portal')
      const section = page.getByTestId('portal-catalogue')
      await section.getByTestId('portal-entry').first().waitFor()
      // “停业整治”只出现在该事项的处罚依据中，不在事项名称里。
      await section.getByLabel('检索权责清单').fill('停业整治')
      await section.getByTestId('portal-search').click()
      await page.waitForURL((u) => u.searchParams.get('q') === '停业整治')
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="portal-entry"]').length === 1)
      const entry = section.getByTestId('portal-entry')
      assert.match(await entry.innerText(), /超标排放油烟/)
      assert.equal((await entry.getByTestId('portal-body').innerText()).trim(), '阳谷县综合行政执法局（划转行使）')
      assert.match(await entry.getByTestId('portal-effective').innerText(), /^2021-01-01/)
      await shot(page, 'portal-catalog-search')

      await entry.getByRole('link').first().click()
      await page.waitForURL(/\/portal\/catalog\//)
      await page.getByTestId('portal-item-title').getByText('超标排放油烟').waitFor()
      const basis = page.getByTestId('portal-item-basis')
      await basis.getByText('《中华人民共和国大气污染防治法》第一百一十八条第一款').waitFor()
      assert.match(await basis.innerText(), /拒不改正的，责令停业整治/)
      const bench = page.getByTestId('portal-benchmark')
      await bench.getByText('阳综执发〔2026〕1号', { exact: false }).first().waitFor()
      assert.match(await bench.innerText(), /从重处罚/)
      assert.match(await bench.innerText(), /罚款3\.6万元至5万元/)
      await shot(page, 'portal-catalog-item')
    } finally {
      await context.close()
    }
  })

  it('手机视口（390×844）下清单与乡镇筛选可用', async () => {
    const { context, page } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    try {
      await page.goto('/portal')
      const section = page.getByTestId('portal-catalogue')
      await section.getByTestId('portal-entry').first().waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(overflow <= 390, `页面横向溢出：${overflow}px`)
      const box = await section.getByTestId('portal-entry').first().boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `清单条目超出屏幕：${JSON.stringify(box)}`)

      // 张秋镇：只列下放至当地的事项，行使主体为张秋镇人民政府（其综合行政执法办公室承办）。
      await section.locator('.el-select', { hasText: '乡镇（街道）' }).click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '张秋镇' }).click()
      await page.waitForURL((u) => u.searchParams.get('township') === '371521112000')
      await page.waitForFunction(() => {
        const bodies = [...document.querySelectorAll('[data-testid="portal-body"]')].map((e) => e.textContent ?? '')
        return bodies.length > 0 && bodies.every((t) => t.startsWith('张秋镇人民政府'))
      })
      await shot(page, 'portal-catalog-mobile')
    } finally {
      await context.close()
    }
  })
})
