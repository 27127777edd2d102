// 网格管理与事件分类：系统管理员看到本辖区的网格表与网格图层，导入有误的网格文件时逐个要素列出错误、不导入任何网格；
// 系统管理员修改事件分类的处置时限并保存（随后改回）；调度员只能查看分类与时限。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

/** 张秋镇一带的网格：第1个要素的外环首尾不闭合，第2个编码不合规、缺村（社区）。 */
const BAD_GRIDS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: 'T-OPEN-0001', name: '测试网格（未闭合）', kind: 'basic', township: '张秋镇' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [115.9, 36.0],
            [115.91, 36.0],
            [115.91, 36.01],
            [115.9, 36.01],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { code: 'X', name: '测试网格（编码不合规）', kind: 'basic', township: '张秋镇' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [115.92, 36.0],
            [115.93, 36.0],
            [115.93, 36.01],
            [115.92, 36.01],
            [115.92, 36.0],
          ],
        ],
      },
    },
  ],
})

/** 一个合规的基础网格（张秋镇某村），只用于“检查”，不导入。 */
function goodGrids(village) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: 'T-GOOD-0001', name: '测试网格', kind: 'basic', township: '张秋镇', village },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [115.9, 36.0],
              [115.91, 36.0],
              [115.91, 36.01],
              [115.9, 36.01],
              [115.9, 36.0],
            ],
          ],
        },
      },
    ],
  })
}

/** 网格图层已绘制（画布上有足够多的非透明像素）。 */
async function assertMapPainted(page) {
  const map = page.getByTestId('grid-map')
  await map.locator('canvas').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('.grid-map .overlay'))
  const painted = await map.locator('canvas').first().evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height)
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
    return n
  })
  assert.ok(painted > 1000, `网格图层未绘制（${painted} 个像素）`)
}

async function gridTotal(page) {
  await waitRows(page, 'grids-table')
  return Number((await page.getByTestId('grids-total').innerText()).trim())
}

/** 分类表中某小类所在的行。 */
function categoryRow(page, code) {
  return page
    .getByTestId('categories-table')
    .locator('tr.el-table__row')
    .filter({ has: page.locator('[data-testid="category-code"]', { hasText: new RegExp(`^${code}$`) }) })
}

async function setHandleAmount(page, code, value) {
  const input = categoryRow(page, code).getByTestId('category-handle-amount').locator('input')
  await input.fill(String(value))
  await input.press('Tab')
  await page.getByTestId('categories-dirty').waitFor()
  await page.getByTestId('categories-save').click()
  await page.getByText('事件分类与时限已保存').first().waitFor()
  await page.getByTestId('categories-dirty').waitFor({ state: 'hidden' })
}

async function handleAmount(page, code) {
  await waitRows(page, 'categories-table')
  return categoryRow(page, code).getByTestId('category-handle-amount').locator('input').inputValue()
}

describe('网格管理与事件分类', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('系统管理员看到网格表与网格图层；导入未闭合的网格时逐个要素列出错误，不导入任何网格', async () => {
    const admin = await apiAs('admin')
    const basic = await admin('GET', '/grids?kind=basic&pageSize=1')
    assert.equal(basic.status, 200)
    assert.ok(basic.body.total > 1000, `演示数据应有上千个基础网格：${basic.body.total}`)
    const all = await admin('GET', '/grids?pageSize=1')

    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } })
    try {
      await uiLogin(page, 'admin')
      await page.getByTestId('side-menu').getByText('网格管理', { exact: true }).click()
      await page.waitForURL(/\/grids$/)
      const total = await gridTotal(page)
      assert.equal(total, all.body.total)
      await assertMapPainted(page)
      const first = page.getByTestId('grids-table').locator('tr.el-table__row').first()
      const text = await first.innerText()
      assert.match(text, /基础网格|专属网格/)
      assert.match(text, /\d+\.\d{2}/, '面积以平方千米显示，两位小数')
      // 点选一行：地图突出显示该网格
      await first.click()
      await page.getByTestId('grids-map-card').getByText(/已选中/).waitFor()
      await shot(page, 'grids-admin')

      // 只看基础网格
      await page.goto('/grids?kind=basic')
      assert.equal(await gridTotal(page), basic.body.total)

      await page.getByTestId('grid-import-open').click()
      const dialog = page.getByTestId('grid-import-dialog')
      await dialog.getByTestId('grid-import-check').waitFor()
      assert.ok(await dialog.getByTestId('grid-import-check').isDisabled(), '未选文件时不能检查')
      await dialog.locator('input[type=file]').setInputFiles({ name: '网格.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(BAD_GRIDS) })
      await dialog.getByTestId('grid-import-crs').locator('.el-select__wrapper').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'GCJ02' }).click()
      await dialog.getByTestId('grid-import-check').click()
      const failure = dialog.getByTestId('grid-import-failure')
      await failure.waitFor()
      assert.match(await failure.innerText(), /未导入任何网格/)
      const errors = dialog.getByTestId('import-errors')
      await errors.waitFor()
      const errorText = await errors.innerText()
      assert.match(errorText, /GEO_RING_OPEN/)
      assert.match(errorText, /首尾坐标必须相同/)
      assert.match(errorText, /第1个要素/)
      assert.match(errorText, /第2个要素/)
      assert.match(errorText, /GRID_CODE_INVALID/)
      assert.ok(await dialog.getByTestId('grid-import-start').isDisabled(), '检查未通过时不能导入')
      await shot(page, 'grids-import-errors')

      // 改正后检查通过：列出统计与将替换的网格数（只检查，不导入）
      const villages = await admin('GET', '/regions?parent=371521112000&pageSize=1')
      const village = villages.body.items[0].code
      await dialog.locator('input[type=file]').setInputFiles({ name: '网格2.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(goodGrids(village)) })
      await failure.waitFor({ state: 'hidden' })
      await dialog.getByTestId('grid-import-check').click()
      const result = dialog.getByTestId('grid-import-result')
      await result.waitFor()
      const resultText = await result.innerText()
      assert.match(resultText, /检查通过，尚未导入/)
      assert.match(resultText, /基础网格\s*1 个/)
      assert.match(resultText, /张秋镇/)
      assert.equal(Number(await dialog.getByTestId('grid-import-replaced').innerText()), all.body.total)
      assert.ok(await dialog.getByTestId('grid-import-start').isEnabled(), '检查通过后可导入')
      await shot(page, 'grids-import-checked')
      await dialog.getByRole('button', { name: '取消' }).click()
      await dialog.waitFor({ state: 'hidden' })

      // 什么也没有导入
      await page.goto('/grids')
      assert.equal(await gridTotal(page), total)
      const again = await admin('GET', '/grids?pageSize=1')
      assert.equal(again.body.total, all.body.total)
    } finally {
      await context.close()
    }
  })

  it('系统管理员修改占道经营的处置时限并保存，重新载入后仍是新值；随后改回', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } })
    try {
      await uiLogin(page, 'admin')
      await page.getByTestId('side-menu').getByText('事件分类与时限', { exact: true }).click()
      await page.waitForURL(/\/event-categories$/)
      assert.equal(await handleAmount(page, 'SJ0501'), '4')
      const row = categoryRow(page, 'SJ0501')
      assert.equal(await row.getByTestId('category-name').inputValue(), '占道经营')
      assert.match(await row.getByTestId('category-handle-unit').innerText(), /工作时/)
      assert.match(await page.getByTestId('categories-source').innerText(), /本级或上级设置|全国默认（GB\/T 30428\.2）/)

      await setHandleAmount(page, 'SJ0501', 6)
      await page.reload()
      assert.equal(await handleAmount(page, 'SJ0501'), '6')
      assert.match(await categoryRow(page, 'SJ0501').getByTestId('category-handle-unit').innerText(), /工作时/)
      assert.equal(await page.getByTestId('categories-source').innerText(), '本级或上级设置')
      await shot(page, 'event-categories-admin')

      // 不合规的时限：逐项列出，不保存
      const input = categoryRow(page, 'SJ0501').getByTestId('category-name')
      await input.fill('')
      await page.getByTestId('categories-save').click()
      const failure = page.getByTestId('categories-failure')
      await failure.waitFor()
      assert.match(await failure.innerText(), /未保存/)
      assert.match(await page.getByTestId('import-errors').innerText(), /SJ0501[\s\S]*EVENT_CATEGORY_NAME_INVALID/)
      await shot(page, 'event-categories-errors')
      await input.fill('占道经营')

      await setHandleAmount(page, 'SJ0501', 4)
      await page.reload()
      assert.equal(await handleAmount(page, 'SJ0501'), '4')
      assert.equal(await categoryRow(page, 'SJ0501').getByTestId('category-name').inputValue(), '占道经营')
    } finally {
      await context.close()
    }
    const dispatcher = await apiAs('dispatcher')
    const tree = await dispatcher('GET', '/event-categories')
    const sj0501 = tree.body.categories.find((c) => c.code === 'SJ0501')
    assert.deepEqual([sj0501.name, sj0501.handleAmount, sj0501.handleUnit], ['占道经营', 4, 'hours'])
  })

  it('调度员可查看事件分类与时限，不能修改', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } })
    try {
      await uiLogin(page, 'dispatcher')
      await page.getByTestId('side-menu').getByText('事件分类与时限', { exact: true }).click()
      await page.waitForURL(/\/event-categories$/)
      await waitRows(page, 'categories-table')
      const row = categoryRow(page, 'SJ0501')
      assert.match(await row.innerText(), /占道经营/)
      assert.equal((await row.getByTestId('category-limit').innerText()).trim(), '4个工作时')
      assert.equal(await page.getByTestId('categories-save').count(), 0, '调度员不应有保存按钮')
      assert.equal(await page.getByTestId('categories-table').locator('input').count(), 0, '调度员不应能编辑')
      assert.match(await page.getByTestId('categories-source').innerText(), /本级或上级设置|全国默认/)
      await shot(page, 'event-categories-dispatcher')

      // 网格管理：只读，没有导入按钮
      await page.goto('/grids')
      await waitRows(page, 'grids-table')
      assert.equal(await page.getByTestId('grid-import-open').count(), 0)
    } finally {
      await context.close()
    }
  })
})
