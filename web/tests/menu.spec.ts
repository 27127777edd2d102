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
    expect(titles(all)).toEqual([
      '工作台',
      '行政区划',
      '组织机构',
      '执法人员',
      '改革指标',
      '权责清单',
      '划转与下放',
      '发布前检查',
      '裁量基准',
      '账号与角色',
      '账号变更审批',
      '审计日志',
      '数据导入',
    ])
  })

  it('shows the catalogue to catalog.read and the pre-publication checks only to catalog.write', () => {
    // 执法队员：region.read org.read people.read catalog.read
    expect(titles(['region.read', 'org.read', 'people.read', 'catalog.read'])).toEqual([
      '工作台',
      '行政区划',
      '组织机构',
      '执法人员',
      '权责清单',
      '划转与下放',
      '裁量基准',
    ])
    // 法制审核员：catalog.read catalog.write import.run …
    expect(titles(['region.read', 'org.read', 'people.read', 'catalog.read', 'catalog.write', 'import.run'])).toEqual([
      '工作台',
      '行政区划',
      '组织机构',
      '执法人员',
      '权责清单',
      '划转与下放',
      '发布前检查',
      '裁量基准',
      '数据导入',
    ])
    expect(titles(['catalog.write'])).toEqual(['工作台', '发布前检查'])
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
    ['/catalog', '/catalog'],
    ['/catalog/0199-abc', '/catalog'],
    ['/catalog/decisions', '/catalog/decisions'],
    ['/catalog/decisions?q=阳政发', '/catalog/decisions'],
    ['/catalog/checks', '/catalog/checks'],
    ['/discretion/abc/edit', '/discretion'],
  ])('%s → %s', (path, expected) => {
    expect(activeMenuPath(path)).toBe(expected)
  })
})
