// 辖区设置：改革指标阈值与裁量阶次划分规则用同一张卡片（按字段说明生成）显示取值与来源；
// 县级设置后乡镇看到“采用 阳谷县 的设置”；调整须写依据、按范围校验；修改记录与撤销本级设置。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, columnTexts, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

const COUNTY = '371521000000'

describe('辖区设置', () => {
  let browser
  before(async () => {
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
  })

  it('编制管理员调整本县改革指标阈值：范围校验、须写依据，来源改为本级设置', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'staffing')
      await page.goto('/reform')
      const card = page.getByTestId('setting-reform-thresholds')
      await card.getByTestId('setting-source').getByText('全国默认值').waitFor()
      assert.equal((await card.locator('[data-field="keyTownshipMin"] b').innerText()).trim(), '8 人')
      assert.equal((await card.locator('[data-field="frontlineMinPct"] b').innerText()).trim(), '85%')
      await shot(page, 'settings-reform-national')

      await card.getByTestId('setting-edit').click()
      const dialog = page.getByRole('dialog', { name: '调整阳谷县的改革指标阈值' })
      await dialog.waitFor()
      // 清空一项、不写依据：两处都在字段旁提示，不提交。
      const keyMin = dialog.locator('[data-field="keyTownshipMin"] input')
      await keyMin.fill('')
      await keyMin.blur()
      await dialog.getByTestId('setting-save').click()
      await dialog.locator('.el-form-item', { hasText: '重点乡镇（街道）执法人员不少于' }).locator('.el-form-item__error').getByText('请填写').waitFor()
      await dialog.locator('.el-form-item', { hasText: '设定依据' }).locator('.el-form-item__error').getByText('请填写设定依据').waitFor()
      // 输入超出范围的数被限制在范围内（0–1000 人）。
      await keyMin.fill('5000')
      await keyMin.blur()
      assert.equal(await keyMin.inputValue(), '1000')
      await keyMin.fill('6')
      await keyMin.blur()
      await dialog.getByTestId('setting-basis').fill('阳政办发〔2024〕3号')
      await dialog.getByTestId('setting-basis').blur()
      await dialog.locator('.el-form-item__error').first().waitFor({ state: 'detached' })
      await shot(page, 'settings-reform-edit')
      await dialog.getByTestId('setting-save').click()
      await dialog.waitFor({ state: 'hidden' })

      await card.getByTestId('setting-source').getByText('本级（阳谷县）的设置，依据 阳政办发〔2024〕3号').waitFor()
      assert.equal((await card.locator('[data-field="keyTownshipMin"] b').innerText()).trim(), '6 人')
      assert.match(await card.getByTestId('setting-chain').innerText(), /全国默认\s*默认.*山东省\s*未设置.*阳谷县\s*已设置/s)
      await shot(page, 'settings-reform-county')
    } finally {
      await context.close()
    }
  })

  it('县级设置裁量阶次划分规则后，张秋镇执法队员看到“采用 阳谷县 的设置”且不能调整', async () => {
    const legal = await apiAs('legal')
    // 各项检查可设为 off / warning / error（也可填中文“不检查、提醒、拒绝”，保存为代码）。
    const value = {
      midpoint: '拒绝',
      minStepsCheck: 'error',
      maxOnlyCheck: 'warning',
      orderCheck: 'error',
      minSteps: 3,
      rangeLowPct: 30,
      rangeHighPct: 70,
      lighterMaxPct: 20,
      generalMinPct: 35,
      generalMaxPct: 60,
    }
    const set = await legal('PUT', `/settings/discretion.tiers/${COUNTY}`, { value, basis: '阳综执发〔2026〕1号' })
    assert.equal(set.status, 200, JSON.stringify(set.body))
    // 服务端按字段报错：一般下限低于从轻上限。
    const bad = await legal('PUT', `/settings/discretion.tiers/${COUNTY}`, { value: { ...value, generalMinPct: 10 }, basis: '阳综执发〔2026〕1号' })
    assert.equal(bad.status, 400)
    assert.equal(bad.body.error.field, 'value.generalMinPct')

    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer.zhangqiu')
      await page.goto('/discretion')
      const card = page.getByTestId('setting-discretion-tiers')
      await card.getByTestId('setting-source').getByText('采用 阳谷县 的设置，依据 阳综执发〔2026〕1号').waitFor()
      assert.equal((await card.locator('[data-field="generalMinPct"] b').innerText()).trim(), '35%')
      assert.equal((await card.locator('[data-field="midpoint"] b').innerText()).trim(), '拒绝')
      assert.match(await card.getByTestId('setting-chain').innerText(), /阳谷县\s*已设置.*张秋镇\s*未设置/s)
      assert.equal(await card.getByTestId('setting-edit').count(), 0)
      await shot(page, 'settings-discretion-township')
    } finally {
      await context.close()
    }
    const cleared = await legal('DELETE', `/settings/discretion.tiers/${COUNTY}`, { reason: '演示结束' })
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body))
  })

  it('法制审核人员在控制台把“一般档须包含中间值”从下拉框改为“拒绝”，卡片显示中文名称', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'legal')
      await page.goto('/discretion')
      const card = page.getByTestId('setting-discretion-tiers')
      await card.getByTestId('setting-source').getByText('全国默认值').waitFor()
      assert.equal((await card.locator('[data-field="midpoint"] b').innerText()).trim(), '不检查')
      await card.getByTestId('setting-edit').click()
      const dialog = page.getByRole('dialog', { name: '调整阳谷县的裁量阶次划分规则' })
      await dialog.waitFor()
      await dialog.locator('[data-field="midpoint"]').locator('xpath=ancestor-or-self::*[contains(@class,"el-select")][1]').locator('.el-select__wrapper').click()
      const options = page.locator('.el-select-dropdown__item:visible')
      await options.first().waitFor()
      assert.deepEqual((await options.allInnerTexts()).map((t) => t.trim()), ['不检查', '提醒', '拒绝'])
      await options.filter({ hasText: '拒绝' }).click()
      await dialog.getByTestId('setting-basis').fill('阳综执发〔2026〕2号')
      await shot(page, 'settings-discretion-choice')
      await dialog.getByTestId('setting-save').click()
      await dialog.waitFor({ state: 'hidden' })
      await card.getByTestId('setting-source').getByText('本级（阳谷县）的设置，依据 阳综执发〔2026〕2号').waitFor()
      assert.equal((await card.locator('[data-field="midpoint"] b').innerText()).trim(), '拒绝')
    } finally {
      await context.close()
    }
    const legal = await apiAs('legal')
    const got = await legal('GET', `/settings/discretion.tiers?regionCode=${COUNTY}`)
    assert.equal(got.body.own.value.midpoint, 'error', JSON.stringify(got.body))
    const cleared = await legal('DELETE', `/settings/discretion.tiers/${COUNTY}`, { reason: '演示结束' })
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body))
  })

  it('修改记录逐项列出变化；撤销本级设置须写理由，之后改用全国默认值', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'staffing')
      await page.goto('/reform')
      const card = page.getByTestId('setting-reform-thresholds')
      await card.getByTestId('setting-source').getByText('本级（阳谷县）的设置').waitFor()
      // 再调整一次，修改记录中出现“6 人 → 7 人”。
      await card.getByTestId('setting-edit').click()
      const dialog = page.getByRole('dialog', { name: '调整阳谷县的改革指标阈值' })
      await dialog.waitFor()
      assert.equal(await dialog.getByTestId('setting-basis').inputValue(), '阳政办发〔2024〕3号')
      await dialog.locator('[data-field="keyTownshipMin"] input').fill('7')
      await dialog.getByTestId('setting-basis').fill('阳政办发〔2025〕9号')
      await dialog.getByTestId('setting-save').click()
      await dialog.waitFor({ state: 'hidden' })
      await card.getByTestId('setting-source').getByText('依据 阳政办发〔2025〕9号').waitFor()

      await card.getByTestId('setting-history').click()
      const history = page.getByRole('dialog', { name: '阳谷县改革指标阈值的修改记录' })
      await history.waitFor()
      await waitRows(page, 'setting-history-table')
      assert.deepEqual(await columnTexts(page, 'setting-history-table', '操作'), ['设置', '设置'])
      const contents = await columnTexts(page, 'setting-history-table', '内容')
      assert.match(contents[0], /重点乡镇（街道）执法人员不少于：6 人 → 7 人/)
      assert.doesNotMatch(contents[0], /一线执法人员/, '未改动的字段不列出')
      assert.match(contents[1], /县级执法局一线执法人员占编制总数不低于 85%/)
      assert.deepEqual(await columnTexts(page, 'setting-history-table', '操作人'), ['郭宏', '郭宏'])
      await shot(page, 'settings-history')
      await history.getByRole('button', { name: 'Close' }).or(history.locator('.el-dialog__headerbtn')).first().click()
      await history.waitFor({ state: 'hidden' })

      await card.getByTestId('setting-revert').click()
      const revert = page.getByRole('dialog', { name: '撤销本级设置' })
      await revert.waitFor()
      await revert.getByText('撤销后阳谷县将采用全国默认值').waitFor()
      await revert.getByTestId('setting-revert-confirm').click()
      await revert.locator('.el-form-item__error').getByText('请填写撤销理由').waitFor()
      await revert.getByTestId('setting-revert-reason').fill('改按全国默认值执行')
      await revert.getByTestId('setting-revert-confirm').click()
      await revert.waitFor({ state: 'hidden' })
      await card.getByTestId('setting-source').getByText('全国默认值').waitFor()
      assert.equal((await card.locator('[data-field="keyTownshipMin"] b').innerText()).trim(), '8 人')
      assert.equal(await card.getByTestId('setting-revert').count(), 0)

      await card.getByTestId('setting-history').click()
      await history.waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="setting-history-table"] tr.el-table__row').length === 3)
      assert.deepEqual(await columnTexts(page, 'setting-history-table', '操作'), ['撤销', '设置', '设置'])
      const [cleared] = await columnTexts(page, 'setting-history-table', '依据 / 理由')
      assert.equal(cleared, '改按全国默认值执行')
      await shot(page, 'settings-history-reverted')
    } finally {
      await context.close()
    }
    // 每次修改都记入审计日志，对象为“改革指标阈值（阳谷县）”。
    const auditor = await apiAs('auditor')
    const log = await auditor('GET', '/audit?entity=reform.thresholds&pageSize=10')
    assert.equal(log.status, 200)
    assert.equal(log.body.total, 3)
    assert.ok(log.body.items.every((e) => e.entityName === '改革指标阈值（阳谷县）'), JSON.stringify(log.body.items))
  })
})
