import { describe, expect, it } from 'vitest'
import { activeMenuPath, buildMenu, MENU_ITEMS } from '@/utils/menu'

const titles = (perms: string[]) => buildMenu(perms).map((m) => m.title)

describe('buildMenu', () => {
  it('only shows 工作台 without permissions', () => {
    expect(titles([])).toEqual(['工作台'])
  })

  it('shows the items whose permission is granted, in menu order', () => {
    expect(titles(['people.read', 'region.read', 'org.read'])).toEqual(['工作台', '行政区划', '组织机构', '执法人员'])
  })

  it('hides items for write-only or unrelated permissions', () => {
    expect(titles(['people.write', 'people.pii', 'reform.write', 'account.write', 'region.write'])).toEqual(['工作台'])
  })

  it('shows every item when all read permissions are present', () => {
    const all = MENU_ITEMS.flatMap((m) => (m.permission ? [m.permission] : []))
    expect(titles(all)).toEqual(['工作台', '行政区划', '组织机构', '执法人员', '改革指标', '账号与角色', '审计日志', '数据导入'])
  })

  it('matches the 安全审计员 role (region.read, org.read, audit.read)', () => {
    expect(titles(['audit.read', 'org.read', 'region.read'])).toEqual(['工作台', '行政区划', '组织机构', '审计日志'])
  })
})

describe('activeMenuPath', () => {
  it.each([
    ['/', '/'],
    ['/orgs', '/orgs'],
    ['/orgs/42', '/orgs'],
    ['/people/abc?x=1', '/people'],
    ['/unknown/page', '/'],
  ])('%s → %s', (path, expected) => {
    expect(activeMenuPath(path)).toBe(expected)
  })
})
