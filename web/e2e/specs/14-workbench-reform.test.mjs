// 工作台一次请求取计数且不写审计；改革指标页一次请求；执法局编制表列出本机构与局队合一合计；
// 指标列出分子、分母及其口径；无 people.pii 权限的账号看不到出生日期。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, newPage, shot, uiLogin, waitRows } from '../lib.mjs'

/** 记录页面发出的 /api/v1 请求路径（不含查询串）。 */
function recordApi(page) {
  const paths = []
  page.on('request', (req) => {
    const url = new URL(req.url())
    if (url.pathname.startsWith('/api/v1/')) paths.push(url.pathname)
  })
  return paths
}

describe('工作台与改革指标', () => {
  let browser
  let auditor
  let admin
  before(async () => {
    browser = await launchBrowser()
    auditor = await apiAs('auditor')
    admin = await apiAs('admin')
  })
  after(async () => {
    await browser?.close()
  })

  async function auditTotal() {
    const res = await auditor('GET', '/audit?pageSize=1')
    assert.equal(res.status, 200)
    return res.body.total
  }

  it('执法队员的工作台只发一次计数请求，不查人员列表，不写审计', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.getByTestId('workbench-stats').waitFor()
      const before = await auditTotal()
      const paths = recordApi(page)
      await page.reload()
      await page.getByTestId('todo-expiring').waitFor()
      await page.waitForFunction(() => !document.querySelector('[data-testid="todo-list"] .el-skeleton'))
      await page.getByTestId('workbench-stats').waitFor()
      assert.equal(paths.filter((p) => p === '/api/v1/workbench/summary').length, 1, paths.join(' '))
      assert.equal(paths.filter((p) => p.startsWith('/api/v1/people') || p.startsWith('/api/v1/orgs')).length, 0, paths.join(' '))
      assert.equal(await auditTotal(), before, '工作台计数写入了审计日志')
      const officer = await apiAs('officer')
      const expiring = await officer('GET', '/people?certStatus=expiring&pageSize=1')
      assert.equal((await page.getByTestId('todo-expiring').locator('.todo-count').innerText()).trim(), String(expiring.body.total))
    } finally {
      await context.close()
    }
  })

  it('改革指标页一次请求取全辖区指标，并列出统计口径', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'leader')
      const paths = recordApi(page)
      await page.goto('/reform')
      await waitRows(page, 'reform-table')
      assert.equal(paths.filter((p) => p === '/api/v1/reform/summary').length, 1, paths.join(' '))
      assert.equal(paths.filter((p) => /^\/api\/v1\/orgs\/[^/]+\/reform$/.test(p)).length, 0, paths.join(' '))
      const defs = page.getByTestId('reform-definitions')
      await defs.getByText('核定编制总数', { exact: false }).first().waitFor()
      assert.match(await page.getByTestId('reform-table').innerText(), /80\.5%/)
    } finally {
      await context.close()
    }
  })

  it('执法局详情：本机构与局队合一合计，一线占比 294 / 365 未达标', async () => {
    const bureaus = await admin('GET', '/orgs?kind=bureau&pageSize=5')
    const bureau = bureaus.body.items[0]
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'leader')
      await page.goto(`/orgs/${encodeURIComponent(bureau.id)}`)
      const table = page.getByTestId('staffing-table')
      await table.getByText('局队合一合计', { exact: false }).waitFor()
      assert.match(await page.getByTestId('staffing-totals').innerText(), /局队合一合计编制内：核定 365，实有\s*334/)
      const checks = page.getByTestId('reform-checks')
      await checks.getByText('分子 294').waitFor()
      await checks.getByText('分母 365').waitFor()
      assert.match(await checks.innerText(), /未达标/)
      await shot(page, 'org-bureau-subtree')
    } finally {
      await context.close()
    }
  })

  it('人员详情：无 people.pii 的执法队员看不到出生日期，领导看得到', async () => {
    const officer = await apiAs('officer')
    const list = await officer('GET', '/people?pageSize=1')
    const person = list.body.items[0]
    for (const [user, shown] of [
      ['officer', false],
      ['leader', true],
    ]) {
      const { context, page } = await newPage(browser)
      try {
        await uiLogin(page, user)
        await page.goto(`/people/${encodeURIComponent(person.id)}`)
        await page.getByTestId('id-number').waitFor()
        assert.equal(await page.getByText('出生日期').count(), shown ? 1 : 0, `${user} 出生日期`)
      } finally {
        await context.close()
      }
    }
  })
})
