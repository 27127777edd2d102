// (a) 各演示角色登录后的菜单；无权页面按地址访问显示“无权访问”；页头显示机构与辖区。
//
// 每个账号的期望菜单由服务端的角色定义（GET /meta 的 roles[].permissions）与账号的角色
// （GET /accounts）按约定的“菜单 ← 权限”对应关系独立算出，再加上三员分立等固定断言。
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { apiAs, launchBrowser, menuTitles, newPage, shot, uiLogin } from '../lib.mjs'

const DEMO_USERS = ['admin', 'security', 'auditor', 'leader', 'dispatcher', 'officer', 'officer.zhangqiu', 'legal', 'liaison', 'grid', 'staffing']

/** 约定：菜单项及其所需权限（工作台所有人可见；数组表示任一即可），按菜单顺序。 */
const MENU_CONTRACT = [
  ['工作台', null],
  ['事件上报', 'event.report'],
  ['我的事件', 'event.report'],
  ['事件调度', 'event.read'],
  ['处置指标', 'event.read'],
  ['网格管理', 'grid.read'],
  ['事件分类与时限', 'grid.read'],
  ['案件办理', 'case.read'],
  ['案件线索', 'case.read'],
  ['法制审核', 'case.review'],
  ['执法公示', 'case.read'],
  ['年度执法数据', 'case.read'],
  ['文书模板', 'case.settings'],
  ['行政区划', 'region.read'],
  ['组织机构', 'org.read'],
  ['执法人员', 'people.read'],
  ['改革指标', 'reform.read'],
  ['权责清单', 'catalog.read'],
  ['划转与下放', 'catalog.read'],
  ['发布前检查', 'catalog.write'],
  ['裁量基准', 'catalog.read'],
  ['期限计算', 'calendar.read'],
  ['账号与角色', 'account.read'],
  ['账号变更审批', 'account.approve'],
  ['审计日志', 'audit.read'],
  ['数据导入', ['region.write', 'people.write', 'catalog.write']],
]

/** 与角色定义无关的固定要求（三员分立、执法队员不可管理账号等）。 */
const INVARIANTS = {
  admin: { has: ['数据导入', '组织机构', '网格管理', '事件分类与时限'], lacks: ['账号与角色', '审计日志'] },
  security: { has: ['账号与角色'], lacks: ['审计日志', '数据导入', '权责清单'] },
  auditor: { has: ['审计日志'], lacks: ['账号与角色', '数据导入', '执法人员', '权责清单', '事件上报', '事件调度', '网格管理'] },
  officer: { has: ['执法人员', '权责清单', '裁量基准', '案件办理', '事件上报', '我的事件', '事件调度'], lacks: ['法制审核', '账号与角色', '审计日志', '数据导入', '发布前检查'] },
  'officer.zhangqiu': { has: ['执法人员'], lacks: ['账号与角色', '审计日志'] },
  grid: { has: ['权责清单', '事件上报', '我的事件'], lacks: ['账号与角色', '审计日志', '执法人员', '发布前检查', '事件调度', '处置指标'] },
  dispatcher: { has: ['事件上报', '我的事件', '事件调度', '处置指标', '网格管理', '事件分类与时限', '案件办理'], lacks: ['账号与角色', '审计日志'] },
  leader: { has: ['事件调度', '处置指标'], lacks: ['账号与角色', '审计日志'] },
  legal: { has: ['权责清单', '划转与下放', '发布前检查', '裁量基准', '数据导入', '法制审核'] },
  staffing: { has: ['权责清单', '发布前检查', '数据导入'] },
  liaison: { has: ['权责清单', '裁量基准'], lacks: ['发布前检查', '数据导入'] },
}

async function expectedMenus() {
  const security = await apiAs('security')
  const meta = await security('GET', '/meta')
  assert.equal(meta.status, 200)
  const perms = new Map(meta.body.roles.map((r) => [r.code, r.permissions]))
  const accounts = await security('GET', '/accounts?pageSize=100')
  assert.equal(accounts.status, 200)
  const out = {}
  for (const username of DEMO_USERS) {
    const account = accounts.body.items.find((a) => a.username === username)
    assert.ok(account, `缺少演示账号 ${username}`)
    const granted = new Set(account.roles.flatMap((r) => perms.get(r) ?? []))
    const allowed = (p) => !p || (Array.isArray(p) ? p.some((q) => granted.has(q)) : granted.has(p))
    out[username] = MENU_CONTRACT.filter(([, p]) => allowed(p)).map(([title]) => title)
  }
  return out
}

describe('菜单按角色权限生成', () => {
  let browser
  let shared
  before(async () => {
    browser = await launchBrowser()
    // 各角色共用一个浏览器上下文（静态资源可缓存），每次登录前清除会话 Cookie。
    shared = await newPage(browser)
  })
  after(async () => {
    await shared?.context.close()
    await browser?.close()
  })

  let expected
  for (const username of DEMO_USERS) {
    it(`${username} 的菜单与其权限一致`, async () => {
      expected ??= await expectedMenus()
      const { context, page } = shared
      await context.clearCookies()
      await page.goto('/login')
      await uiLogin(page, username)
      const titles = await menuTitles(page)
      assert.deepEqual(titles, expected[username])
      const inv = INVARIANTS[username]
      for (const t of inv?.has ?? []) assert.ok(titles.includes(t), `${username} 应有菜单 ${t}`)
      for (const t of inv?.lacks ?? []) assert.ok(!titles.includes(t), `${username} 不应有菜单 ${t}`)
      assert.equal(new URL(page.url()).pathname, '/')
      if (username === 'admin') {
        await page.getByTestId('todo-list').waitFor()
        await shot(page, 'workbench-admin')
      }
    })
  }

  it('按地址访问无权页面显示“无权访问”，页头显示机构与辖区', async () => {
    const { context, page } = await newPage(browser)
    try {
      await uiLogin(page, 'officer')
      await page.goto('/accounts')
      await page.getByTestId('forbidden').getByText('无权访问').waitFor()
      assert.equal(new URL(page.url()).pathname, '/accounts')
      assert.match(await page.getByTestId('header-org').innerText(), /阳谷县综合行政执法大队/)
      assert.match(await page.getByTestId('header-region').innerText(), /阳谷县/)
      await shot(page, 'forbidden-officer-accounts')
      await page.goto('/audit')
      await page.getByTestId('forbidden').waitFor()
    } finally {
      await context.close()
    }
  })
})
