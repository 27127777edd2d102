import { describe, expect, it } from 'vitest'
import { activeMenuPath, buildMenu, IMPORT_PERMISSIONS, MENU_ITEMS, permits } from '@/utils/menu'

const titles = (perms: string[]) => buildMenu(perms).map((m) => m.title)

describe('buildMenu', () => {
  it('only shows 工作台 without permissions', () => {
    expect(titles([])).toEqual(['工作台'])
  })

  it('shows the items whose permission is granted, in menu order', () => {
    expect(titles(['people.read', 'region.read', 'org.read'])).toEqual(['工作台', '行政区划', '组织机构', '执法人员'])
  })

  it('hides items for write-only or unrelated permissions', () => {
    expect(titles(['people.pii', 'reform.write', 'account.write', 'org.write'])).toEqual(['工作台'])
  })

  it('shows every item when all read permissions are present', () => {
    const all = MENU_ITEMS.flatMap((m) => (m.permission === undefined ? [] : typeof m.permission === 'string' ? [m.permission] : [...m.permission]))
    expect(titles(all)).toEqual([
      '工作台',
      '事件上报',
      '我的事件',
      '事件调度',
      '处置指标',
      '网格管理',
      '事件分类与时限',
      '案件办理',
      '案件线索',
      '法制审核',
      '执法公示',
      '年度执法数据',
      '文书模板',
      '行政区划',
      '组织机构',
      '执法人员',
      '改革指标',
      '权责清单',
      '划转与下放',
      '发布前检查',
      '裁量基准',
      '期限计算',
      '账号与角色',
      '账号变更审批',
      '审计日志',
      '数据导入',
    ])
  })

  it('shows the catalogue to catalog.read and the pre-publication checks only to catalog.write', () => {
    // 执法队员：region.read org.read people.read catalog.read calendar.read
    expect(titles(['region.read', 'org.read', 'people.read', 'catalog.read', 'calendar.read'])).toEqual([
      '工作台',
      '行政区划',
      '组织机构',
      '执法人员',
      '权责清单',
      '划转与下放',
      '裁量基准',
      '期限计算',
    ])
    // 法制审核员：catalog.read catalog.write …（可导入权责清单）
    expect(titles(['region.read', 'org.read', 'people.read', 'catalog.read', 'catalog.write', 'calendar.read'])).toEqual([
      '工作台',
      '行政区划',
      '组织机构',
      '执法人员',
      '权责清单',
      '划转与下放',
      '发布前检查',
      '裁量基准',
      '期限计算',
      '数据导入',
    ])
    expect(titles(['catalog.write'])).toEqual(['工作台', '发布前检查', '数据导入'])
  })

  it('shows 数据导入 to anyone who may write what some import writes, and to no one else', () => {
    expect(titles(['region.write'])).toEqual(['工作台', '数据导入'])
    expect(titles(['people.write'])).toEqual(['工作台', '数据导入'])
    expect(titles(['region.read', 'people.read', 'org.write', 'reform.write', 'import.run'])).not.toContain('数据导入')
  })

  it('permits a single permission or any of several', () => {
    expect(permits([], undefined)).toBe(true)
    expect(permits(['people.read'], 'people.read')).toBe(true)
    expect(permits(['people.read'], 'people.write')).toBe(false)
    expect(permits(['catalog.write'], IMPORT_PERMISSIONS)).toBe(true)
    expect(permits(['catalog.read', 'region.read'], IMPORT_PERMISSIONS)).toBe(false)
  })

  it('shows 事件上报 and 我的事件 to reporters, the queue and the indicators to event.read', () => {
    // 网格员：event.report grid.read（只看本人上报的事件）
    expect(titles(['region.read', 'org.read', 'catalog.read', 'calendar.read', 'grid.read', 'event.report'])).toEqual([
      '工作台',
      '事件上报',
      '我的事件',
      '网格管理',
      '事件分类与时限',
      '行政区划',
      '组织机构',
      '权责清单',
      '划转与下放',
      '裁量基准',
      '期限计算',
    ])
    // 调度员：event.read event.report event.dispatch
    expect(titles(['event.read', 'event.report', 'event.dispatch', 'grid.read'])).toEqual([
      '工作台',
      '事件上报',
      '我的事件',
      '事件调度',
      '处置指标',
      '网格管理',
      '事件分类与时限',
    ])
    // 领导只看不报：没有上报入口
    expect(titles(['event.read', 'grid.read'])).toEqual(['工作台', '事件调度', '处置指标', '网格管理', '事件分类与时限'])
  })

  it('shows 网格管理 and 事件分类与时限 to grid.read only (writing is decided on the page)', () => {
    expect(titles(['grid.read'])).toEqual(['工作台', '网格管理', '事件分类与时限'])
    expect(titles(['grid.write'])).toEqual(['工作台'])
    expect(titles(['event.settings'])).toEqual(['工作台'])
    // 系统管理员：grid.read grid.write event.settings，没有 event.read
    expect(titles(['region.read', 'grid.read', 'grid.write', 'event.settings'])).toEqual(['工作台', '网格管理', '事件分类与时限', '行政区划'])
  })

  it('matches the 安全审计员 role (region.read, org.read, audit.read, calendar.read)', () => {
    expect(titles(['audit.read', 'org.read', 'region.read', 'calendar.read'])).toEqual(['工作台', '行政区划', '组织机构', '期限计算', '审计日志'])
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
    ['/events', '/events'],
    ['/events/0199-abc', '/events'],
    ['/event-indicators', '/event-indicators'],
    ['/grids', '/grids'],
    ['/grids?kind=special', '/grids'],
    ['/event-categories', '/event-categories'],
    ['/m/report', '/m/report'],
    ['/m/events', '/m/events'],
  ])('%s → %s', (path, expected) => {
    expect(activeMenuPath(path)).toBe(expected)
  })
})
