#!/usr/bin/env node
// 测量公众门户首次加载（空缓存）经网络传输的字节数：用 Debian Chromium 打开 /portal，
// 等网络空闲后按 CDP 的 encodedDataLength（含响应头、按实际编码后的正文）累计。
//   node scripts/portal-transfer.mjs http://127.0.0.1:8080
import { chromium } from 'playwright-core'

const base = process.argv[2] ?? 'http://127.0.0.1:8080'
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
try {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const requests = new Map()
  cdp.on('Network.responseReceived', (e) => {
    requests.set(e.requestId, { url: e.response.url, type: e.type, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '', decoded: 0, encoded: 0 })
  })
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId)
    if (r) r.decoded += e.dataLength
  })
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId)
    if (r) r.encoded = e.encodedDataLength
  })
  await page.goto(`${base}/portal`, { waitUntil: 'networkidle' })
  await page.getByTestId('portal-entry').first().waitFor()
  await page.waitForLoadState('networkidle')
  const rows = [...requests.values()]
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`
  const byType = {}
  for (const r of rows) {
    const t = (byType[r.type] ??= { n: 0, encoded: 0, decoded: 0 })
    t.n++
    t.encoded += r.encoded
    t.decoded += r.decoded
  }
  for (const [type, t] of Object.entries(byType)) console.log(`${type.padEnd(12)} ${String(t.n).padStart(3)} 个  传输 ${kb(t.encoded).padStart(9)}  解码后 ${kb(t.decoded).padStart(9)}`)
  const total = rows.reduce((a, r) => a + r.encoded, 0)
  const decoded = rows.reduce((a, r) => a + r.decoded, 0)
  console.log(`合计 ${rows.length} 个请求：传输 ${kb(total)}（解码后 ${kb(decoded)}）`)
  if (process.env.VERBOSE) for (const r of rows) console.log(r.encoding.padEnd(5), String(r.encoded).padStart(8), r.url)
} finally {
  await browser.close()
}
