import type { RouteRecordRaw } from 'vue-router'
import { IMPORT_PERMISSIONS } from '@/utils/menu'

// 所有页面均按需加载（首屏只含入口与登录页所需代码）。
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/portal',
    name: 'portal',
    component: () => import('@/views/PortalView.vue'),
    meta: { title: '公众门户', public: true },
  },
  {
    path: '/portal/catalog/:id',
    name: 'portal-catalog-item',
    component: () => import('@/views/PortalCatalogItemView.vue'),
    meta: { title: '权责清单事项', public: true },
  },
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'workbench',
        component: () => import('@/views/WorkbenchView.vue'),
        meta: { title: '工作台' },
      },
      {
        path: 'regions',
        name: 'regions',
        component: () => import('@/views/RegionsView.vue'),
        meta: { title: '行政区划', permission: 'region.read' },
      },
      {
        path: 'orgs',
        name: 'orgs',
        component: () => import('@/views/OrgsView.vue'),
        meta: { title: '组织机构', permission: 'org.read' },
      },
      {
        path: 'orgs/:id',
        name: 'org-detail',
        component: () => import('@/views/OrgsView.vue'),
        meta: { title: '机构详情', permission: 'org.read', parent: 'orgs' },
      },
      {
        path: 'people',
        name: 'people',
        component: () => import('@/views/PeopleView.vue'),
        meta: { title: '执法人员', permission: 'people.read' },
      },
      {
        path: 'people/:id',
        name: 'person-detail',
        component: () => import('@/views/PersonDetailView.vue'),
        meta: { title: '人员详情', permission: 'people.read', parent: 'people' },
      },
      {
        path: 'reform',
        name: 'reform',
        component: () => import('@/views/ReformView.vue'),
        meta: { title: '改革指标', permission: 'reform.read' },
      },
      {
        path: 'catalog',
        name: 'catalog',
        component: () => import('@/views/CatalogView.vue'),
        meta: { title: '权责清单', permission: 'catalog.read' },
      },
      {
        path: 'catalog/decisions',
        name: 'catalog-decisions',
        component: () => import('@/views/DecisionsView.vue'),
        meta: { title: '划转与下放', permission: 'catalog.read', parent: 'catalog' },
      },
      {
        path: 'catalog/checks',
        name: 'catalog-checks',
        component: () => import('@/views/CatalogChecksView.vue'),
        meta: { title: '发布前检查', permission: 'catalog.write', parent: 'catalog' },
      },
      {
        path: 'catalog/:id',
        name: 'catalog-item',
        component: () => import('@/views/CatalogItemView.vue'),
        meta: { title: '事项详情', permission: 'catalog.read', parent: 'catalog' },
      },
      {
        path: 'discretion',
        name: 'discretion',
        component: () => import('@/views/DiscretionView.vue'),
        meta: { title: '裁量基准', permission: 'catalog.read' },
      },
      {
        path: 'discretion/new',
        name: 'discretion-new',
        component: () => import('@/views/BenchmarkEditView.vue'),
        meta: { title: '新建裁量基准', permission: 'catalog.write', parent: 'discretion' },
      },
      {
        path: 'discretion/:id',
        name: 'discretion-detail',
        component: () => import('@/views/BenchmarkView.vue'),
        meta: { title: '裁量基准详情', permission: 'catalog.read', parent: 'discretion' },
      },
      {
        path: 'discretion/:id/edit',
        name: 'discretion-edit',
        component: () => import('@/views/BenchmarkEditView.vue'),
        meta: { title: '编辑裁量基准', permission: 'catalog.write', parent: 'discretion' },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('@/views/CasesView.vue'),
        meta: { title: '案件办理', permission: 'case.read' },
      },
      {
        path: 'cases/new',
        name: 'case-new',
        component: () => import('@/views/CaseNewView.vue'),
        meta: { title: '立案申请', permission: 'case.handle', parent: 'cases' },
      },
      {
        path: 'cases/legal',
        name: 'cases-legal',
        component: () => import('@/views/CasesView.vue'),
        meta: { title: '法制审核', permission: 'case.review', caseQueue: 'legal' },
      },
      {
        path: 'cases/:id',
        name: 'case-detail',
        component: () => import('@/views/CaseView.vue'),
        meta: { title: '案件详情', permission: 'case.read', parent: 'cases' },
      },
      {
        path: 'leads',
        name: 'leads',
        component: () => import('@/views/LeadsView.vue'),
        meta: { title: '案件线索', permission: 'case.read' },
      },
      {
        path: 'accounts',
        name: 'accounts',
        component: () => import('@/views/AccountsView.vue'),
        meta: { title: '账号与角色', permission: 'account.read' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/views/CalendarView.vue'),
        meta: { title: '期限计算', permission: 'calendar.read' },
      },
      {
        path: 'accounts/requests',
        name: 'account-requests',
        component: () => import('@/views/AccountRequestsView.vue'),
        meta: { title: '账号变更审批', permission: 'account.approve' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/AuditView.vue'),
        meta: { title: '审计日志', permission: 'audit.read' },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('@/views/ImportsView.vue'),
        meta: { title: '数据导入', permission: IMPORT_PERMISSIONS },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/NotFoundView.vue'),
        meta: { title: '页面不存在' },
      },
    ],
  },
]
