import { createRouter, createWebHistory, type Router } from 'vue-router'
import type { Pinia } from 'pinia'
import { routes } from './routes'
import { setUnauthorizedHandler } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import type { PermissionRule } from '@/utils/menu'
import { safeRedirect } from '@/utils/redirect'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** 访问该页面所需权限（数组表示任一即可）；缺少时在原地址显示“无权访问”。 */
    permission?: PermissionRule
    /** 无需登录。 */
    public?: boolean
    /** 面包屑中的上级路由名。 */
    parent?: string
    /** 案件列表的固定筛选：legal 为法制审核队列。 */
    caseQueue?: 'legal'
  }
}

const SITE_TITLE = '综合行政执法一体化平台'

export function setupRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash, top: 8 } : { top: 0 }),
  })

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia)
    if (to.name === 'login') {
      // 已登录用户访问登录页时直接回到目标页。
      if (session.checked ? session.isLoggedIn : await session.refresh().catch(() => false)) {
        return safeRedirect(to.query.redirect)
      }
      return true
    }
    if (to.meta.public) return true
    let loggedIn = false
    try {
      loggedIn = await session.ensureChecked()
    } catch {
      loggedIn = false
    }
    if (!loggedIn) return { name: 'login', query: { redirect: to.fullPath } }
    return true
  })

  // 发布新版本后旧页面按需加载的 chunk 已不存在：整页加载目标地址一次（防止循环）。
  router.onError((err: unknown, to) => {
    const msg = err instanceof Error ? err.message : String(err)
    if (!/dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(msg)) return
    const key = `zhifa:chunk-reload:${to.fullPath}`
    if (sessionStorage.getItem(key)) return
    sessionStorage.setItem(key, '1')
    window.location.assign(to.fullPath)
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} - ${SITE_TITLE}` : SITE_TITLE
  })

  // 任一接口返回 401：清空会话并跳转登录页，登录后回到当前页面。
  let redirecting = false
  setUnauthorizedHandler(() => {
    const session = useSessionStore(pinia)
    session.clear()
    const current = router.currentRoute.value
    if (redirecting || current.meta.public) return
    redirecting = true
    void router
      .replace({ name: 'login', query: { redirect: current.fullPath } })
      .finally(() => {
        redirecting = false
      })
  })

  return router
}
