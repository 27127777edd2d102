// e2e 公共工具：浏览器、登录、接口调用、截图。
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const BASE = process.env.ZHIFA_E2E_BASE_URL ?? 'http://127.0.0.1:8080'
export const PASSWORD = 'Tq8#Lw3-vRz'
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    baseURL: BASE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    ...options,
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  return { context, page }
}

/** 通过登录页登录，等待离开登录页。 */
export async function uiLogin(page, username, password = PASSWORD) {
  if (!new URL(page.url(), BASE).pathname.startsWith('/login')) await page.goto('/login')
  await page.getByPlaceholder('用户名').fill(username)
  await page.getByPlaceholder('密码').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** 侧边菜单（桌面）里的菜单项标题。 */
export async function menuTitles(page) {
  const menu = page.getByTestId('side-menu')
  await menu.waitFor()
  return (await menu.locator('.menu-title').allTextContents()).map((s) => s.trim())
}

/** 接口登录，返回带 Bearer 令牌的调用函数。 */
export async function apiAs(username, password = PASSWORD) {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!res.ok) throw new Error(`登录 ${username} 失败：${await res.text()}`)
  const { token } = await res.json()
  return async function call(method, p, body) {
    const r = await fetch(`${BASE}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

export async function shot(page, name) {
  // 整页截图按当前滚动位置绘制吸顶的页头与侧边栏：先回到页首，避免页头出现在页面中部。
  await page.evaluate(() => window.scrollTo(0, 0))
  // 等待过渡动画（抽屉、对话框、遮罩淡出）结束，截图才稳定。
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 5000 }).catch(() => {})
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** 等待 Element Plus 表格加载完成（无 loading 遮罩）。 */
export async function waitTable(page, testId) {
  const table = page.getByTestId(testId)
  await table.waitFor()
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`)
      return el && !el.querySelector('.el-loading-mask')
    },
    testId,
  )
  return table
}

/** 等待表格至少有一行数据。 */
export async function waitRows(page, testId) {
  await page.waitForFunction((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`)
    return el && !el.querySelector('.el-loading-mask') && el.querySelectorAll('.el-table__body-wrapper tr.el-table__row').length > 0
  }, testId)
  return page.getByTestId(testId)
}

/** 读取表格某列（按表头文字）的所有单元格文本。 */
export async function columnTexts(page, testId, header) {
  return page.evaluate(
    ({ id, header }) => {
      const el = document.querySelector(`[data-testid="${id}"]`)
      const headers = [...el.querySelectorAll('.el-table__header-wrapper th')].map((th) => th.textContent.trim())
      const idx = headers.indexOf(header)
      if (idx < 0) throw new Error(`没有列 ${header}：${headers.join(',')}`)
      return [...el.querySelectorAll('.el-table__body-wrapper tr.el-table__row')].map((tr) =>
        (tr.children[idx]?.textContent ?? '').trim(),
      )
    },
    { id: testId, header },
  )
}
