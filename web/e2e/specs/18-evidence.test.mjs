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
      await card.getByTestId('evidence-verify').click()
      await card.getByTestId('evidence-report').getByText(/全过程记录完整/).waitFor()
      await shot(page, 'evidence-phone-list')

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
})
