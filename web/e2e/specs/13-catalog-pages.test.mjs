// 权责清单各页面冒烟：清单（筛选、统计、深链接、后端导出）、事项详情、划转与下放、发布前检查、
// 裁量基准列表与详情、机构详情中的“可行使事项”。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('权责清单页面', () => {
  let browser
  let legal
  before(async () => {
    browser = await launchBrowser()
    legal = await apiAs('legal')
  })
  after(async () => {
    await browser?.close()
  })

  it('清单：按机构筛选显示按类型、领域的统计，刷新保持筛选，并按筛选导出 .xlsx', async () => {
    const office = (await legal('GET', `/orgs?q=${encodeURIComponent('张秋镇综合行政执法办公室')}&pageSize=1`)).body.items[0]
    assert.ok(office)
    const expected = (await legal('GET', `/catalog/orgs/${office.id}/items?pageSize=1`)).body
    const { context, page } = await newPage(browser, { acceptDownloads: true })
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/catalog?orgId=${office.id}`)
      await waitRows(page, 'catalog-table')
      const counts = page.getByTestId('catalog-counts')
      await counts.getByText(`共 ${expected.total} 项`).waitFor()
      await counts.getByText(`城市管理 ${expected.byDomain.find((d) => d.name === '城市管理').count}`).waitFor()
      await shot(page, 'catalog-list')
      await page.reload()
      await waitRows(page, 'catalog-table')
      assert.equal(new URL(page.url()).searchParams.get('orgId'), office.id)

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()])
      assert.match(download.suggestedFilename(), /\.xlsx$/)
      assert.equal(fs.readFileSync(await download.path()).subarray(0, 2).toString('latin1'), 'PK')
    } finally {
      await context.close()
    }
  })

  it('事项详情、划转与下放、发布前检查、裁量基准', async () => {
    const item = (await legal('GET', '/catalog/items?q=CSGL-CF-015')).body.items[0]
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto(`/catalog/${item.id}`)
      await page.getByTestId('item-basis').getByText('《中华人民共和国大气污染防治法》第一百一十八条第三款').waitFor()
      assert.equal((await page.getByTestId('item-fine').innerText()).trim(), '500元至2万元')
      await shot(page, 'catalog-item')
      await page.getByRole('tab', { name: '版本沿革' }).click()
      await page.getByTestId('versions').getByText('第1版').waitFor()
      assert.equal(new URL(page.url()).searchParams.get('tab'), 'versions')

      await page.goto('/catalog/decisions')
      await waitRows(page, 'decisions-table')
      await page.getByTestId('decisions-table').getByText('阳政发〔2022〕8号').click()
      const drawer = page.getByTestId('decision-drawer')
      await drawer.getByText('CSGL-CF-015').first().waitFor()
      await shot(page, 'catalog-decisions')

      await page.goto('/catalog/checks')
      await page.getByTestId('checks-table').getByText('CSGL-CF-099').first().waitFor()
      await shot(page, 'catalog-checks')

      await page.goto('/discretion')
      await waitRows(page, 'benchmarks-table')
      await page.getByTestId('setting-discretion-tiers').getByTestId('setting-source').getByText('全国默认值').waitFor()
      await page.getByTestId('benchmarks-table').getByText('CSGL-CF-015').click()
      await page.waitForURL(/\/discretion\/[^/]+$/)
      await page.getByTestId('benchmark-content').getByText('没收非法财物（烧烤工具）；没收违法所得').first().waitFor()
      await shot(page, 'discretion-benchmark')
    } finally {
      await context.close()
    }
  })

  it('机构详情：张秋镇执法办可行使的事项与本年变化', async () => {
    const office = (await legal('GET', `/orgs?q=${encodeURIComponent('张秋镇综合行政执法办公室')}&pageSize=1`)).body.items[0]
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'staffing')
      await page.goto(`/orgs/${office.id}`)
      const card = page.getByTestId('org-catalog')
      await card.getByText('本年变化').waitFor()
      const total = (await legal('GET', `/catalog/orgs/${office.id}/items?pageSize=1`)).body.total
      assert.equal((await card.getByTestId('org-catalog-total').innerText()).trim(), String(total))
      await shot(page, 'org-catalog')
      await card.getByTestId('org-catalog-link').click()
      await page.waitForURL((u) => u.pathname === '/catalog' && u.searchParams.get('orgId') === office.id)
    } finally {
      await context.close()
    }
  })
})
