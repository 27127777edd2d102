// 网格呼叫、执法报到：网格员在手机上上报占道经营，事件按网格派给街道执法办；调度员在事件队列看到倒计时与网格地图，
// 事件页说明派遣依据；处置单位的队员在手机上报到、反馈（附照片），调度员核查结案；处置指标页有图表与公式。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
/** 博济桥街道金水湖社区第1网格内。 */
const BOJIQIAO = { longitude: 115.785, latitude: 36.112 }
/** 张秋镇南街村第1网格内。 */
const ZHANGQIU = { longitude: 115.9423, latitude: 36.10452 }
// 1×1 像素的 PNG：现场与处置后照片。
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** 选择事件分类（可搜索的下拉框）。 */
async function pickCategory(page, testId, name) {
  await page.getByTestId(testId).locator('.el-select__wrapper').click()
  await page.keyboard.type(name)
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click()
}

/** 页面没有横向溢出（手机）。 */
async function assertNoOverflow(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 390, `${what} 横向溢出：${width}px`)
}

/** 在手机上报页填写并提交，返回结果卡片上的编号与处置单位。 */
async function report(page, category, description, where) {
  await page.goto('/m/report')
  await page.getByTestId('report-form').waitFor()
  await pickCategory(page, 'report-category', category)
  await page.getByTestId('report-description').fill(description)
  const located = page.getByTestId('report-where')
  await located.waitFor()
  assert.match(await located.innerText(), new RegExp(String(where.longitude).replace('.', '\\.')))
  await page.getByTestId('report-photo').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG })
  await page.getByTestId('report-submit').click()
  const result = page.getByTestId('report-result')
  await result.waitFor()
  return {
    no: (await result.getByTestId('report-no').innerText()).trim(),
    team: (await result.getByTestId('report-team').innerText()).trim(),
    township: (await result.getByTestId('report-township').innerText()).trim(),
    explanation: (await result.getByTestId('report-explanation').innerText().catch(() => '')).trim(),
  }
}

describe('事件上报、调度与处置', () => {
  let browser
  let bojiqiao
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('网格员在手机上上报占道经营：定位到博济桥街道的网格，派给街道执法办', async () => {
    const { context, page } = await newPage(browser, { ...PHONE, geolocation: BOJIQIAO, permissions: ['geolocation'] })
    try {
      await uiLogin(page, 'grid')
      await page.goto('/m/report')
      await page.getByTestId('report-form').waitFor()
      await assertNoOverflow(page, '上报页')
      // 定位失败时的备选：网格地图选点
      await page.getByTestId('report-map-toggle').click()
      await page.locator('[data-testid="grid-map"] canvas').first().waitFor()
      await page.waitForFunction(() => !document.querySelector('.grid-map .overlay'))
      await shot(page, 'event-report-phone')

      bojiqiao = await report(page, '占道经营', '谷山路东侧有流动摊贩占道经营，影响行人通行', BOJIQIAO)
      assert.match(bojiqiao.no, /^SJ\d+/)
      assert.match(bojiqiao.team, /博济桥街道综合行政执法办公室/)
      assert.match(bojiqiao.township, /博济桥街道/)
      assert.match(bojiqiao.explanation, /网格/)
      await assertNoOverflow(page, '上报结果')
      await shot(page, 'event-report-result')

      await page.goto('/m/events')
      const item = page.getByTestId('my-event').filter({ hasText: bojiqiao.no })
      await item.waitFor()
      assert.match(await item.innerText(), /剩余|超时/)
      await assertNoOverflow(page, '我的事件')
      await shot(page, 'event-my-events-grid')
    } finally {
      await context.close()
    }
  })

  it('调度员在事件队列看到倒计时与网格地图，事件页说明按网格派遣', async () => {
    assert.ok(bojiqiao, '需要上一个用例上报的事件')
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } })
    try {
      await uiLogin(page, 'dispatcher')
      await page.goto('/events?q=' + encodeURIComponent(bojiqiao.no))
      await waitRows(page, 'events-table')
      const row = page.getByTestId('events-table').locator('tr', { hasText: bojiqiao.no })
      await row.waitFor()
      const countdown = row.getByTestId('event-countdown')
      const before = await countdown.innerText()
      assert.match(before, /处置剩余 \d/)
      await page.waitForTimeout(1500)
      assert.notEqual(await countdown.innerText(), before, '倒计时应每秒更新')
      // 网格图层画在 canvas 上，事件标记为 SVG 圆点
      const map = page.getByTestId('grid-map')
      await map.locator('canvas').first().waitFor()
      await page.waitForFunction(() => !document.querySelector('.grid-map .overlay'))
      const painted = await map.locator('canvas').first().evaluate((c) => {
        const ctx = c.getContext('2d')
        const { data } = ctx.getImageData(0, 0, c.width, c.height)
        let n = 0
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
        return n
      })
      assert.ok(painted > 1000, `网格图层未绘制（${painted} 个像素）`)
      assert.ok((await map.locator('path.event-marker').count()) >= 1, '地图上应有事件标记')
      await shot(page, 'event-queue-dispatcher')

      await row.getByRole('link', { name: bojiqiao.no }).click()
      await page.waitForURL(/\/events\/[^/]+$/)
      const explanation = page.getByTestId('event-explanation')
      await explanation.waitFor()
      assert.match(await explanation.innerText(), /网格/)
      assert.match(await page.getByTestId('event-route').innerText(), /牵头/)
      assert.match(await page.getByTestId('event-facts').innerText(), /占道经营/)
      await page.getByTestId('event-photo').first().waitFor()
      const ok = await page.getByTestId('event-photo').first().evaluate((img) => img.complete && img.naturalWidth > 0)
      assert.ok(ok, '现场照片缩略图应能显示')
      const history = await page.getByTestId('event-history').innerText()
      assert.match(history, /上报/)
      assert.match(history, /派遣/)
      await shot(page, 'event-detail-dispatcher')

      // 挂起须写明理由；恢复后重新计时
      await page.getByTestId('event-action-suspend').click()
      const dialog = page.getByTestId('event-action-dialog')
      await dialog.getByTestId('event-action-confirm').click()
      await dialog.getByText('请写明理由').waitFor()
      await dialog.getByTestId('event-reason').fill('摊主已离开，待次日早市复查')
      await dialog.getByTestId('event-action-confirm').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByTestId('event-state').getByText('挂起').waitFor()
      await page.getByTestId('event-action-resume').click()
      await dialog.getByTestId('event-reason').fill('早市复查仍有摊位')
      await dialog.getByTestId('event-action-confirm').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByTestId('event-state').getByText('待报到').waitFor()
      const after = await page.getByTestId('event-history').innerText()
      assert.match(after, /挂起[\s\S]*摊主已离开/)
    } finally {
      await context.close()
    }
  })

  it('乡镇执法办队员在手机上报到、反馈（附照片），调度员核查结案', async () => {
    // 调度员巡查发现张秋镇的占道经营（桌面上报，同样取卫星定位）
    const d = await newPage(browser, { geolocation: ZHANGQIU, permissions: ['geolocation'] })
    let no
    try {
      await uiLogin(d.page, 'dispatcher')
      const r = await report(d.page, '占道经营', '张秋镇南街村集市摊位占道经营', ZHANGQIU)
      no = r.no
      assert.match(r.team, /张秋镇综合行政执法办公室/)
    } finally {
      await d.context.close()
    }

    const { context, page } = await newPage(browser, PHONE)
    try {
      await uiLogin(page, 'officer.zhangqiu')
      await page.goto('/m/events')
      const item = page.getByTestId('my-event').filter({ hasText: no })
      await item.waitFor()
      await item.click()
      await page.waitForURL(/\/events\/[^/]+$/)
      await page.getByTestId('event-action-accept').click()
      await page.locator('.el-message-box').getByRole('button', { name: '报到' }).click()
      await page.getByTestId('event-state').getByText('处置中').waitFor()
      await assertNoOverflow(page, '事件页')
      await shot(page, 'event-detail-phone')

      await page.getByTestId('event-action-feedback').click()
      const dialog = page.getByTestId('event-action-dialog')
      await dialog.getByTestId('event-result').fill('已劝离摊主，现场清理完毕')
      await dialog.getByTestId('event-feedback-photo').setInputFiles({ name: '处置后.png', mimeType: 'image/png', buffer: PNG })
      await shot(page, 'event-feedback-phone')
      await dialog.getByTestId('event-action-confirm').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByTestId('event-state').getByText('待核查').waitFor()
      assert.match(await page.getByTestId('event-photos').innerText(), /处置后/)
    } finally {
      await context.close()
    }

    const v = await newPage(browser)
    try {
      await uiLogin(v.page, 'dispatcher')
      await v.page.goto('/events?q=' + encodeURIComponent(no))
      await v.page.getByTestId('events-table').getByRole('link', { name: no }).click()
      await v.page.getByTestId('event-action-verify').click()
      await v.page.locator('.el-message-box').getByRole('button', { name: '核查结案' }).click()
      await v.page.getByTestId('event-state').getByText('已结案').waitFor()
      const history = await v.page.getByTestId('event-history').innerText()
      assert.match(history, /报到/)
      assert.match(history, /处置反馈/)
      assert.match(history, /核查结案/)
    } finally {
      await v.context.close()
    }
  })

  it('处置指标页有柱状图、指标表与公式', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } })
    try {
      await uiLogin(page, 'leader')
      await page.goto('/event-indicators')
      await page.locator('[data-testid="ind-chart"] canvas').first().waitFor()
      const formulas = page.getByTestId('ind-formulas')
      await formulas.waitFor()
      assert.match(await formulas.innerText(), /按期处置率/)
      await page.getByTestId('ind-table').locator('tr', { hasText: '合计' }).waitFor()
      const byTownship = page.waitForResponse((r) => r.url().includes('/api/v1/event-indicators') && r.url().includes('group=township'))
      await page.getByTestId('ind-group').getByText('按乡镇（街道）').click()
      assert.equal((await byTownship).status(), 200)
      await page.waitForFunction(() => !document.querySelector('.grid-map .overlay'))
      await shot(page, 'event-indicators')
    } finally {
      await context.close()
    }
  })
})
