// 表单错误就近显示（三员分立）与“导出当前视图到 Excel”。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

describe('表单与导出', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('新建账号同时选择系统管理员与安全审计员：角色旁显示三员分立错误', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'security')
      await page.goto('/accounts')
      await waitRows(page, 'accounts-table')
      await page.getByRole('button', { name: '新建账号' }).click()
      const dialog = page.getByRole('dialog', { name: '新建账号' })
      await dialog.waitFor()
      await dialog.getByLabel('用户名').fill('e2e.dual')
      await dialog.getByLabel('姓名').fill('测试双角色')
      await dialog.getByLabel('初始密码').fill('Tq8#Lw3-vRzx')
      await dialog.locator('.el-form-item', { hasText: '所属机构' }).locator('.el-select__wrapper').click()
      await page.locator('.el-tree-select__popper').getByText('阳谷县综合行政执法局', { exact: true }).click()
      await dialog.locator('.el-checkbox', { hasText: /^系统管理员$/ }).click()
      await dialog.locator('.el-checkbox', { hasText: /^安全审计员$/ }).click()
      // 涉及管理员角色：不再填写初始密码，改为提交申请并写明理由。
      await dialog.getByTestId('approval-notice').waitFor()
      assert.equal(await dialog.getByLabel('初始密码').count(), 0)
      await dialog.getByLabel('申请理由').fill('新设岗位')
      await dialog.getByRole('button', { name: '提交申请' }).click()
      const item = dialog.locator('.el-form-item', { hasText: '角色' })
      await item.locator('.el-form-item__error').waitFor()
      assert.match(await item.locator('.el-form-item__error').innerText(), /三员分立/)
      await shot(page, 'account-role-separation')
    } finally {
      await context.close()
    }
  })

  it('安全管理员申请新增审计员账号，系统管理员审批后一次性密码只显示给审批人', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'security')
      await page.goto('/accounts')
      await waitRows(page, 'accounts-table')
      await page.getByRole('button', { name: '新建账号' }).click()
      const dialog = page.getByRole('dialog', { name: '新建账号' })
      await dialog.getByLabel('用户名').fill('e2e.auditor')
      await dialog.getByLabel('姓名').fill('周敏')
      await dialog.locator('.el-form-item', { hasText: '所属机构' }).locator('.el-select__wrapper').click()
      await page.locator('.el-tree-select__popper').getByText('阳谷县综合行政执法局', { exact: true }).click()
      await dialog.locator('.el-checkbox', { hasText: /^安全审计员$/ }).click()
      await dialog.getByLabel('申请理由').fill('审计岗位新进人员')
      await dialog.getByRole('button', { name: '提交申请' }).click()
      await dialog.waitFor({ state: 'hidden' })
      // 申请人本人不能审批。
      await page.goto('/accounts/requests')
      const own = page.getByTestId('requests-table').locator('tr', { hasText: 'e2e.auditor' })
      await own.getByText('须由其他管理员审批').waitFor()
    } finally {
      await context.close()
    }
    const second = await newPage(browser)
    try {
      await uiLogin(second.page, 'admin')
      await second.page.goto('/accounts/requests')
      const row = second.page.getByTestId('requests-table').locator('tr', { hasText: 'e2e.auditor' })
      await row.getByRole('button', { name: '批准', exact: true }).click()
      await second.page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '确定' }).click()
      const otp = second.page.getByTestId('one-time-password')
      await otp.waitFor()
      const password = (await otp.innerText()).trim()
      assert.equal(password.length, 16)
      await shot(second.page, 'account-request-approved')
      const auditor = await apiAs('e2e.auditor', password)
      const me = await auditor('GET', '/auth/me')
      assert.equal(me.body.account.mustChangePassword, true)
      const blocked = await auditor('GET', '/audit')
      assert.equal(blocked.status, 403)
      assert.equal(blocked.body.error.code, 'PASSWORD_CHANGE_REQUIRED')
    } finally {
      await second.context.close()
    }
  })

  it('编制管理员查看完整身份证号（记审计）后修改职务', async () => {
    const staffing = await apiAs('staffing')
    const list = await staffing('GET', '/people?q=&pageSize=1&frontline=true')
    const person = list.body.items[0]
    assert.ok(person)
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'staffing')
      await page.goto(`/people/${encodeURIComponent(person.id)}`)
      const id = page.getByTestId('id-number')
      await id.waitFor()
      assert.equal((await id.innerText()).trim(), person.idNumberMasked)
      await page.getByRole('button', { name: '查看完整' }).click()
      await page.waitForFunction(() => !document.querySelector('[data-testid="id-number"]').textContent.includes('*'))
      const full = (await id.innerText()).trim()
      assert.match(full, /^\d{17}[\dX]$/)
      assert.equal(full.slice(-4), person.idNumberMasked.slice(-4))

      await page.getByRole('button', { name: '编辑' }).click()
      const dialog = page.getByRole('dialog', { name: '编辑人员' })
      await dialog.waitFor()
      assert.equal(await dialog.getByLabel('身份证号').inputValue(), full)
      await dialog.getByLabel('职务').fill('E2E测试职务')
      await dialog.getByRole('button', { name: '保存' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByText('E2E测试职务').first().waitFor()
      await shot(page, 'person-edited')
    } finally {
      await context.close()
    }
    const after = await staffing('GET', `/people/${encodeURIComponent(person.id)}`)
    assert.equal(after.body.position, 'E2E测试职务')
    assert.equal(after.body.idNumberMasked, person.idNumberMasked, '身份证号不应被改变')
    const auditor = await apiAs('auditor')
    const log = await auditor('GET', `/audit?entity=person&action=read&pageSize=50`)
    assert.ok(
      log.body.items.some((e) => e.entityId === person.id && e.summary.includes('完整身份证号')),
      '查看完整身份证号应记入审计日志',
    )
  })

  it('系统管理员（无完整个人信息权限）修改职务时无须重填身份证号和手机号', async () => {
    const staffing = await apiAs('staffing')
    const list = await staffing('GET', '/people?q=&pageSize=2&frontline=true')
    const person = list.body.items[1]
    const before = (await staffing('GET', `/people/${encodeURIComponent(person.id)}`)).body
    assert.match(before.phone, /^1\d{10}$/)
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'admin')
      await page.goto(`/people/${encodeURIComponent(person.id)}`)
      await page.getByRole('button', { name: '编辑' }).click()
      const dialog = page.getByRole('dialog', { name: '编辑人员' })
      await dialog.waitFor()
      assert.equal(await dialog.getByLabel('身份证号').inputValue(), '')
      await dialog.getByLabel('职务').fill('E2E管理员修改')
      await dialog.getByRole('button', { name: '保存' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByText('E2E管理员修改').first().waitFor()
    } finally {
      await context.close()
    }
    const after = (await staffing('GET', `/people/${encodeURIComponent(person.id)}`)).body
    assert.equal(after.position, 'E2E管理员修改')
    assert.equal(after.phone, before.phone, '手机号应保持不变')
    assert.equal(after.idNumberMasked, before.idNumberMasked, '身份证号应保持不变')
  })

  it('新账号首次登录须修改密码', async () => {
    const security = await apiAs('security')
    const org = (await security('GET', '/orgs?kind=bureau&pageSize=1')).body.items[0]
    const created = await security('POST', '/accounts', {
      username: 'e2e.newcomer',
      displayName: '新同事',
      password: 'Initial@2026',
      orgId: org.id,
      roles: ['officer'],
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'e2e.newcomer', 'Initial@2026')
      const dialog = page.getByRole('dialog', { name: '首次登录请修改密码' })
      await dialog.waitFor()
      assert.equal(await dialog.getByRole('button', { name: '取消' }).count(), 0, '强制修改时不可取消')
      await dialog.getByLabel('当前密码').fill('Initial@2026')
      await dialog.getByLabel('新密码', { exact: true }).fill('Changed@2026x')
      await dialog.getByLabel('确认新密码').fill('Changed@2026x')
      await dialog.getByRole('button', { name: '确定' }).click()
      await dialog.waitFor({ state: 'hidden' })
    } finally {
      await context.close()
    }
    const again = await apiAs('e2e.newcomer', 'Changed@2026x')
    const me = await again('GET', '/auth/me')
    assert.equal(me.body.account.mustChangePassword, false)
  })

  it('导出当前筛选的人员为 .xlsx', async () => {
    const { context, page } = await newPage(browser, { acceptDownloads: true })
    try {
      await uiLogin(page, 'admin')
      await page.goto('/people?certStatus=expiring')
      await waitRows(page, 'people-table')
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出Excel' }).click(),
      ])
      assert.match(download.suggestedFilename(), /^执法人员-\d{8}-\d{4}\.xlsx$/)
      const file = await download.path()
      const head = fs.readFileSync(file).subarray(0, 2).toString('latin1')
      assert.equal(head, 'PK', '应为 zip 格式的 .xlsx')
    } finally {
      await context.close()
    }
  })
})
