// 公众门户页脚：按《政府网站发展指引》显示主办单位、网站标识码、ICP备案号与公安机关备案号；
// 以 --demo 启动且未配置这些选项时显示演示县的示例值，并明确标注“演示”。
// 检索同义词：输入“摆摊”能查到“占道经营”事项。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot } from '../lib.mjs'

describe('公众门户：页脚与同义词检索', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('页脚显示网站标识并标注演示值', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/portal')
      const footer = page.getByTestId('portal-footer')
      await footer.getByTestId('site-code').waitFor()
      const text = await footer.innerText()
      assert.match(text, /主办单位：阳谷县综合行政执法局/)
      assert.match(text, /网站标识码：3715210000/)
      assert.match(text, /鲁ICP备/)
      assert.match(text, /鲁公网安备/)
      assert.match(await footer.getByTestId('site-demo').innerText(), /演示/)
      await shot(page, 'portal-footer')
    } finally {
      await context.close()
    }
  })

  it('按群众用语检索：摆摊 → 占道经营', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/portal')
      const section = page.getByTestId('portal-catalogue')
      await section.getByTestId('portal-entry').first().waitFor()
      await section.getByLabel('检索权责清单').fill('摆摊')
      await section.getByTestId('portal-search').click()
      await page.waitForURL((u) => u.searchParams.get('q') === '摆摊')
      await section.getByTestId('portal-entry').filter({ hasText: '占道经营' }).first().waitFor()
    } finally {
      await context.close()
    }
  })
})
