// (f) 深链接刷新；(g) 会话失效后跳转登录页并在登录后回到原页面；公众门户无需登录。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('导航与会话', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('在 /people 刷新后仍停留在 /people', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto('/people?certStatus=valid')
      await waitRows(page, 'people-table')
      await page.reload()
      assert.equal(new URL(page.url()).pathname, '/people')
      assert.equal(new URL(page.url()).searchParams.get('certStatus'), 'valid')
      await page.getByRole('heading', { name: '执法人员' }).waitFor()
      await waitRows(page, 'people-table')
      await shot(page, 'people-admin')
    } finally {
      await context.close()
    }
  })

  it('清除会话 Cookie 后导航跳到登录页，登录后回到原页面', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto('/people')
      await waitRows(page, 'people-table')
      await context.clearCookies()
      await page.getByTestId('side-menu').getByText('组织机构').click()
      await page.waitForURL((url) => url.pathname === '/login')
      assert.equal(new URL(page.url()).searchParams.get('redirect'), '/orgs')
      await shot(page, 'login-redirect')
      await uiLogin(page, 'admin')
      await page.waitForURL((url) => url.pathname === '/orgs')
      await page.getByTestId('org-tree').waitFor()

      // 整页加载受保护地址同样跳转并带回跳地址
      await context.clearCookies()
      await page.goto('/regions')
      await page.waitForURL((url) => url.pathname === '/login')
      assert.equal(new URL(page.url()).searchParams.get('redirect'), '/regions')
      await uiLogin(page, 'admin')
      await page.waitForURL((url) => url.pathname === '/regions')
    } finally {
      await context.close()
    }
  })

  it('退出登录后会话失效', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'leader')
      await page.getByTestId('user-menu').click()
      await page.getByTestId('logout').click()
      await page.waitForURL((url) => url.pathname === '/login')
      await page.goto('/people')
      await page.waitForURL((url) => url.pathname === '/login')
      assert.equal(new URL(page.url()).searchParams.get('redirect'), '/people')
    } finally {
      await context.close()
    }
  })

  it('公众门户无需登录', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto('/portal')
      await page.getByTestId('portal-title').getByText('阳谷县综合行政执法一体化平台').waitFor()
      await page.getByText('权责清单公示').first().waitFor()
      await page.getByText('执法公示').first().waitFor()
      await page.getByTestId('staff-login').click()
      await page.waitForURL((url) => url.pathname === '/login')
      await page.goto('/portal')
      await shot(page, 'portal')
    } finally {
      await context.close()
    }
  })
})
