// 文书：执法队员在手机上为案件出具询问笔录，被询问人在手机上手写签名；步骤未办的文书说明原因不能制作；
// 承办人导出卷宗；出具的 PDF 经门户核验页（扫码进入，无需登录）核对为真，改动过的文件被指出；
// 法制审核员修改本辖区的文书模板，预览后保存，有误的模板不保存。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { apiAs, launchBrowser, newPage, shot, uiLogin } from '../lib.mjs'

// 120×120 的透明底红色圆形印章（PNG）。
const SEAL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAHgAAAB4CAYAAAA5ZDbSAAAB20lEQVR42u3d2W1CURBEQYJw/kE5CMfhHAxGzOlqif83XQyb4PJ4iIiIiIiIiEg2319fP1o4Cvfqm1ZjoMAHUWEPocIegwU9Agt6BBb0EC7kf4BdubYZXNcbxXXtQVjzRHHNFi3AnIY277Vhl5+SDAjZYLr4sIF8sHOwF7jhbuCGO4Ib7gpuvDPA4c7ghruDG+8QbrhH2xvvEm64T7jxXgGHe4Ub7xfwODCiwx3b3vgWAx4HRnO4a9sb32K48S0GDFiuApeef69d61t6v4x7/c4J+AnYwhyTwKUfZgN+Ie7FeQAD7gAXjz0CDBgwYMC7wFfKqJ4z+ZbrtMEeogEDBgwYMGCfZAEGXAZ+FvnaLJPAf0W+OMcs8LUPaj4a2HeyAndO36qMbi9gwIAXgCEHXhwCjm6vLR55awd44L074OjDsy0e2F7AA8CQB3oFPNAr5Hifzose6BJwvEdbPNAh5IHuIMc7AzzQGeSBriAPdAQ53o1/AB/oJfe/9bqAPNnBMvLM7JUfgZnX0Ju4zwx/pYDybG8povQb5Im3iJePWCgdD/HRRb27rNrZH2dK+68Ci8ciZqA/6faQLjLVKDTFKDS1KDSlIDaNILbWY+BaPXpH0IKIiIiIiMhsfgEHCxSN6AlbJQAAAABJRU5ErkJggg==', 'base64')

/** 在签名板上画一笔。 */
async function sign(page, testId) {
  const canvas = page.getByTestId(testId).locator('canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  await page.mouse.move(box.x + 20, box.y + box.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + (i * (box.width - 40)) / 12, box.y + box.height / 2 + (i % 2 ? -15 : 15))
  }
  await page.mouse.up()
}

/** PDF 的文字（poppler 的 pdftotext），去掉空白。 */
function pdfText(buf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-doc-'))
  const file = path.join(dir, 'doc.pdf')
  fs.writeFileSync(file, buf)
  try {
    return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

describe('文书', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('手机：出具询问笔录并手写签名，核验页核对真伪', async () => {
    const officer = await apiAs('officer')
    const found = await officer('GET', `/cases?q=${encodeURIComponent('王某运输渣土未密闭案')}&pageSize=5`)
    const id = found.body.items[0].id
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    let pdf
    let verifyHref
    try {
      await uiLogin(page, 'officer')
      await page.goto(`/cases/${id}`)
      const card = page.getByTestId('case-documents')
      await card.waitFor()
      // 尚未告知：决定书不能制作，写明原因与条款。
      await card.getByRole('button', { name: /尚不能制作的文书/ }).click()
      await card.getByText(/行政处罚决定书：.*作出行政处罚决定后才能制作决定书（行政处罚法 第五十九条）/).waitFor()
      // 预览：新窗口打开标“预览”的 PDF。
      const [popup] = await Promise.all([context.waitForEvent('page'), card.getByTestId('document-preview-inquiry_record').click()])
      assert.match(popup.url(), /\/documents\/preview\?kind=inquiry_record/)
      const pre = await page.request.get(popup.url())
      assert.equal(pre.headers()['content-type'], 'application/pdf')
      assert.match(pdfText(await pre.body()), /询问笔录.*之（待编号）/)
      await popup.close()

      await card.getByTestId('document-issue-inquiry_record').click()
      const dialog = page.getByTestId('document-dialog')
      await sign(page, 'signature-被询问人')
      await dialog.getByTestId('signature-被询问人').getByText('已签名').waitFor()
      await shot(page, 'documents-phone-sign')
      await dialog.getByTestId('document-issue').click()
      await dialog.waitFor({ state: 'hidden' })
      const item = card.getByTestId('document-item').filter({ hasText: '询问笔录' }).last()
      await item.waitFor()
      assert.match(await item.innerText(), /SM3 [0-9a-f]{64}/)
      await shot(page, 'documents-phone-list')
      const res = await page.request.get(await item.getByTestId('document-view').getAttribute('href'))
      assert.equal(res.status(), 200)
      pdf = Buffer.from(await res.body())
      const text = pdfText(pdf)
      assert.match(text, /阳谷县综合行政执法局/)
      assert.match(text, /询问笔录/)
      assert.match(text, /被询问人（签名）/)
      verifyHref = await item.getByRole('link', { name: '核验页' }).getAttribute('href')
      // 卷宗：封面、目录、文书原件、证据清单、备考表。
      const file = await page.request.get(await card.getByTestId('case-file-pdf').getAttribute('href'))
      assert.equal(file.status(), 200)
      assert.match(pdfText(await file.body()), /行政处罚案卷.*卷内目录.*询问笔录.*证据清单.*备考表/)
    } finally {
      await context.close()
    }

    // 扫码进入核验页：不登录。
    const anon = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    try {
      await anon.page.goto(verifyHref)
      await anon.page.getByTestId('verify-signature').getByText(/电子签名有效/).waitFor()
      await anon.page.getByTestId('verify-facts').getByText('王某', { exact: true }).waitFor()
      await anon.page.getByTestId('verify-file').setInputFiles({ name: '询问笔录.pdf', mimeType: 'application/pdf', buffer: pdf })
      await anon.page.getByTestId('verify-result').getByText('文件与出具的文书一致，未被改动').waitFor()
      await shot(anon.page, 'documents-verify-genuine')
      const altered = Buffer.from(pdf)
      altered[altered.length - 20] ^= 1
      await anon.page.getByTestId('verify-file').setInputFiles({ name: '改过的.pdf', mimeType: 'application/pdf', buffer: altered })
      await anon.page.getByTestId('verify-result').getByText(/不一致：文件已被改动/).waitFor()
      await shot(anon.page, 'documents-verify-altered')
      // 二维码无法识别：上传文件按摘要查找。
      await anon.page.goto('/portal/verify')
      await anon.page.getByTestId('verify-file').setInputFiles({ name: '询问笔录.pdf', mimeType: 'application/pdf', buffer: pdf })
      await anon.page.getByTestId('verify-title').getByText('询问笔录').waitFor()
      await anon.page.getByTestId('verify-result').getByText('文件与出具的文书一致，未被改动').waitFor()
    } finally {
      await anon.context.close()
    }
  })

  it('法制审核员修改本辖区的责令改正通知书模板：预览、保存；有误的模板不保存', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto('/documents/templates')
      // 本局的印章：上传后显示，此后出具的文书加盖。
      const seal = page.getByTestId('seal-card')
      await seal.getByText('尚未设置印章').waitFor()
      await seal.getByTestId('seal-file').setInputFiles({ name: '印章.png', mimeType: 'image/png', buffer: SEAL })
      await seal.locator('img.seal-img').waitFor()
      const row = page.getByTestId('template-table').locator('tr', { hasText: '责令改正通知书' })
      await row.getByText('全国默认').waitFor()
      await row.getByTestId('template-edit-correction_order').click()
      const dialog = page.getByTestId('template-dialog')
      const body = dialog.getByTestId('template-body')
      await body.waitFor()
      const original = await body.inputValue()
      // 有误：数据项不存在，不保存。
      await body.fill(original + '\n联系人：{{.机关.不存在}}')
      await dialog.getByTestId('template-save').click()
      await page.locator('.el-message', { hasText: '模板有误' }).waitFor()
      await body.fill(original.replace('[落款]', '如对本通知有异议，可向本机关法制机构反映。\n[落款]'))
      const [popup] = await Promise.all([context.waitForEvent('page'), dialog.getByTestId('template-preview').click()])
      await popup.waitForLoadState().catch(() => {})
      assert.match(popup.url(), /^blob:/)
      await popup.close()
      await shot(page, 'documents-template-edit')
      await dialog.getByTestId('template-save').click()
      await dialog.waitFor({ state: 'hidden' })
      await row.getByText(/第1版/).waitFor()
      await shot(page, 'documents-templates')
    } finally {
      await context.close()
    }
  })
})
