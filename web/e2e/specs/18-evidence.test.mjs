// 证据与全过程记录：执法队员在手机上为案件拍照登记证据（带卫星定位位置），证据有 SM3 摘要；
// 内容与种类不符的文件被拒绝；撤回须写理由且证据仍在清单中；校验记录显示完整。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

// 1×1 像素的 PNG。
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('证据与全过程记录', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('手机：拍照登记证据（带位置），撤回须写理由，校验记录完整', async () => {
    const officer = await apiAs('officer')
    const found = await officer('GET', `/cases?q=${encodeURIComponent('王某运输渣土未密闭案')}&pageSize=5`)
    const id = found.body.items[0].id
    const { context, page } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: 36.11253, longitude: 115.78361, accuracy: 8 },
    })
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/cases/${id}`)
      const card = page.getByTestId('case-evidence')
      await card.getByTestId('evidence-add').click()
      const dialog = page.getByTestId('evidence-dialog')
      await dialog.getByTestId('evidence-where').getByText('36.112530, 115.783610（WGS-84，精度8米）').waitFor()
      // 内容不是照片：被拒绝，不登记。
      await dialog.getByTestId('evidence-file').setInputFiles({ name: '假照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4 不是照片') })
      await dialog.getByTestId('evidence-save').click()
      await page.locator('.el-message', { hasText: '不是照片' }).waitFor()
      await dialog.getByTestId('evidence-file').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
      await shot(page, 'evidence-phone-dialog')
      await dialog.getByTestId('evidence-save').click()
      await dialog.waitFor({ state: 'hidden' })
      const item = card.getByTestId('evidence-item').filter({ hasText: '现场照片.png' })
      await item.waitFor()
      assert.match(await item.innerText(), /SM3 [0-9a-f]{64}/)
      assert.match(await item.innerText(), /36\.112530, 115\.783610（WGS-84/)
      // 照片有缩略图。
      await item.getByTestId('evidence-thumb').waitFor()
      assert.ok((await item.getByTestId('evidence-thumb').evaluate((img) => img.decode().then(() => img.naturalWidth))) > 0)
      await card.getByTestId('evidence-verify').click()
      await card.getByTestId('evidence-report').getByText(/全过程记录完整/).waitFor()
      await shot(page, 'evidence-phone-list')
      // 查看原件：与上传的字节相同。
      const href = await item.getByTestId('evidence-view').getAttribute('href')
      const res = await page.request.get(href)
      assert.equal(res.status(), 200)
      assert.deepEqual(Buffer.from(await res.body()), PNG)

      await item.getByRole('button', { name: '撤回' }).click()
      const box = page.locator('.el-message-box')
      await box.getByRole('button', { name: '撤回' }).click()
      await box.locator('.el-message-box__errormsg', { hasText: '请写明撤回理由' }).waitFor()
      await box.locator('input').fill('拍摄对象有误')
      await box.getByRole('button', { name: '撤回' }).click()
      await item.getByText('已撤回').waitFor()
      await item.getByText('拍摄对象有误').waitFor()
      await card.getByTestId('evidence-verify').click()
      await card.getByTestId('evidence-report').getByText(/全过程记录完整/).waitFor()
    } finally {
      await context.close()
    }
  })

  it('执法记录仪视频分段上传：第二段上传时断线，从已收到处继续，登记的摘要与原文件一致', async () => {
    const officer = await apiAs('officer')
    const found = await officer('GET', `/cases?q=${encodeURIComponent('王某运输渣土未密闭案')}&pageSize=5`)
    const id = found.body.items[0].id
    // 10 MB 的 MP4：ftyp 盒之后是填充字节。
    const video = Buffer.alloc(10 << 20, 7)
    Buffer.from('00000018667479706d7034320000000069736f6d6d703432', 'hex').copy(video)
    const { context, page } = await newPage(browser)
    let dropped = 0
    await page.route('**/api/v1/evidence-uploads/*?offset=8388608', async (route) => {
      if (dropped++ === 0) await route.abort('connectionreset')
      else await route.continue()
    })
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/cases/${id}`)
      const card = page.getByTestId('case-evidence')
      await card.getByTestId('evidence-add').click()
      const dialog = page.getByTestId('evidence-dialog')
      await dialog.getByTestId('evidence-kind').getByText('执法记录仪视频').click()
      await dialog.getByTestId('evidence-file').setInputFiles({ name: '记录仪0371.mp4', mimeType: 'video/mp4', buffer: video })
      await dialog.getByTestId('evidence-save').click()
      await dialog.waitFor({ state: 'hidden', timeout: 60_000 })
      const item = card.getByTestId('evidence-item').filter({ hasText: '记录仪0371.mp4' })
      await item.waitFor()
      assert.equal(dropped, 2, '第二段断线一次后重传')
      const list = await officer('GET', `/cases/${id}/evidence`)
      const ev = list.body.find((x) => x.name === '记录仪0371.mp4')
      assert.equal(ev.size, video.length)
      const res = await page.request.get(`/api/v1/cases/${id}/evidence/${ev.id}/file`)
      assert.ok(Buffer.from(await res.body()).equals(video), '取回的文件与原文件逐字节相同')
      await card.getByTestId('evidence-verify').click()
      await card.getByTestId('evidence-report').getByText(/全过程记录完整/).waitFor()
    } finally {
      await context.close()
    }
  })
})
