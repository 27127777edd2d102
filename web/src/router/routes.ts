import type { RouteMeta, RouteRecordRaw, RouteRecordSingleView } from 'vue-router'
import { IMPORT_PERMISSIONS, type PermissionRule } from '@/utils/menu'

/** 事件队列与事件页：查看本辖区事件的，或上报事件的（只看到本人上报的）。 */
const EVENT_VIEWERS: PermissionRule = ['event.read', 'event.report']

/** 一个页面的路由：地址、路由名、按需加载的视图与 meta（标题、所需权限、面包屑上级）。 */
function page(path: string, name: string, component: RouteRecordSingleView['component'], meta: RouteMeta): RouteRecordRaw {
  return { path, name, component, meta }
}

// 所有页面均按需加载（首屏只含入口与登录页所需代码）。
export const routes: RouteRecordRaw[] = [
  page('/login', 'login', () => import('@/views/LoginView.vue'), { title: '登录', public: true }),
  page('/portal', 'portal', () => import('@/views/PortalView.vue'), { title: '公众门户', public: true }),
  page('/portal/verify', 'portal-verify-upload', () => import('@/views/PortalVerifyView.vue'), { title: '文书核验', public: true }),
  page('/portal/verify/:id', 'portal-verify', () => import('@/views/PortalVerifyView.vue'), { title: '文书核验', public: true }),
  page('/portal/catalog/:id', 'portal-catalog-item', () => import('@/views/PortalCatalogItemView.vue'), { title: '权责清单事项', public: true }),
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      page('', 'workbench', () => import('@/views/WorkbenchView.vue'), { title: '工作台' }),
      page('m/report', 'event-report', () => import('@/views/EventReportView.vue'), { title: '事件上报', permission: 'event.report' }),
      page('m/events', 'my-events', () => import('@/views/MyEventsView.vue'), { title: '我的事件', permission: 'event.report' }),
      page('events', 'events', () => import('@/views/EventsView.vue'), { title: '事件调度', permission: EVENT_VIEWERS }),
      page('events/:id', 'event-detail', () => import('@/views/EventView.vue'), { title: '事件详情', permission: EVENT_VIEWERS, parent: 'events' }),
      page('event-indicators', 'event-indicators', () => import('@/views/EventIndicatorsView.vue'), { title: '处置指标', permission: 'event.read' }),
      page('grids', 'grids', () => import('@/views/GridsView.vue'), { title: '网格管理', permission: 'grid.read' }),
      page('event-categories', 'event-categories', () => import('@/views/EventCategoriesView.vue'), { title: '事件分类与时限', permission: 'grid.read' }),
      page('regions', 'regions', () => import('@/views/RegionsView.vue'), { title: '行政区划', permission: 'region.read' }),
      page('orgs', 'orgs', () => import('@/views/OrgsView.vue'), { title: '组织机构', permission: 'org.read' }),
      page('orgs/:id', 'org-detail', () => import('@/views/OrgsView.vue'), { title: '机构详情', permission: 'org.read', parent: 'orgs' }),
      page('people', 'people', () => import('@/views/PeopleView.vue'), { title: '执法人员', permission: 'people.read' }),
      page('people/:id', 'person-detail', () => import('@/views/PersonDetailView.vue'), { title: '人员详情', permission: 'people.read', parent: 'people' }),
      page('reform', 'reform', () => import('@/views/ReformView.vue'), { title: '改革指标', permission: 'reform.read' }),
      page('catalog', 'catalog', () => import('@/views/CatalogView.vue'), { title: '权责清单', permission: 'catalog.read' }),
      page('catalog/decisions', 'catalog-decisions', () => import('@/views/DecisionsView.vue'), { title: '划转与下放', permission: 'catalog.read', parent: 'catalog' }),
      page('catalog/checks', 'catalog-checks', () => import('@/views/CatalogChecksView.vue'), { title: '发布前检查', permission: 'catalog.write', parent: 'catalog' }),
      page('catalog/:id', 'catalog-item', () => import('@/views/CatalogItemView.vue'), { title: '事项详情', permission: 'catalog.read', parent: 'catalog' }),
      page('discretion', 'discretion', () => import('@/views/DiscretionView.vue'), { title: '裁量基准', permission: 'catalog.read' }),
      page('discretion/new', 'discretion-new', () => import('@/views/BenchmarkEditView.vue'), { title: '新建裁量基准', permission: 'catalog.write', parent: 'discretion' }),
      page('discretion/:id', 'discretion-detail', () => import('@/views/BenchmarkView.vue'), { title: '裁量基准详情', permission: 'catalog.read', parent: 'discretion' }),
      page('discretion/:id/edit', 'discretion-edit', () => import('@/views/BenchmarkEditView.vue'), { title: '编辑裁量基准', permission: 'catalog.write', parent: 'discretion' }),
      page('cases', 'cases', () => import('@/views/CasesView.vue'), { title: '案件办理', permission: 'case.read' }),
      page('cases/new', 'case-new', () => import('@/views/CaseNewView.vue'), { title: '立案申请', permission: 'case.handle', parent: 'cases' }),
      page('cases/legal', 'cases-legal', () => import('@/views/CasesView.vue'), { title: '法制审核', permission: 'case.review', caseQueue: 'legal' }),
      page('cases/:id', 'case-detail', () => import('@/views/CaseView.vue'), { title: '案件详情', permission: 'case.read', parent: 'cases' }),
      page('statistics', 'statistics', () => import('@/views/StatisticsView.vue'), { title: '年度执法数据', permission: 'case.read' }),
      page('publicity', 'publicity', () => import('@/views/PublicityView.vue'), { title: '执法公示', permission: 'case.read' }),
      page('documents/templates', 'document-templates', () => import('@/views/DocumentTemplatesView.vue'), { title: '文书模板', permission: 'case.settings' }),
      page('leads', 'leads', () => import('@/views/LeadsView.vue'), { title: '案件线索', permission: 'case.read' }),
      page('accounts', 'accounts', () => import('@/views/AccountsView.vue'), { title: '账号与角色', permission: 'account.read' }),
      page('calendar', 'calendar', () => import('@/views/CalendarView.vue'), { title: '期限计算', permission: 'calendar.read' }),
      page('accounts/requests', 'account-requests', () => import('@/views/AccountRequestsView.vue'), { title: '账号变更审批', permission: 'account.approve' }),
      page('audit', 'audit', () => import('@/views/AuditView.vue'), { title: '审计日志', permission: 'audit.read' }),
      page('imports', 'imports', () => import('@/views/ImportsView.vue'), { title: '数据导入', permission: IMPORT_PERMISSIONS }),
      page(':pathMatch(.*)*', 'not-found', () => import('@/views/NotFoundView.vue'), { title: '页面不存在' }),
    ],
  },
]
