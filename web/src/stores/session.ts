import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import { isApiError } from '@/api/http'
import type { Permission, SessionAccount } from '@/api/types'
import { buildMenu } from '@/utils/menu'

interface SessionState {
  account: SessionAccount | null
  permissions: Permission[]
  /** 是否已向服务端确认过会话状态。 */
  checked: boolean
}

export const useSessionStore = defineStore('session', {
  state: (): SessionState => ({ account: null, permissions: [], checked: false }),
  getters: {
    isLoggedIn: (s) => s.account !== null,
    menu: (s) => buildMenu(s.permissions),
    can: (s) => (permission: Permission) => s.permissions.includes(permission),
  },
  actions: {
    /** 探测当前会话；401 视为未登录，其他错误向上抛出。 */
    async refresh(): Promise<boolean> {
      try {
        const me = await authApi.fetchMe(true)
        this.account = me.account
        this.permissions = me.permissions ?? []
        return true
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          this.account = null
          this.permissions = []
          return false
        }
        throw e
      } finally {
        this.checked = true
      }
    },
    async ensureChecked(): Promise<boolean> {
      if (this.checked) return this.isLoggedIn
      return this.refresh()
    },
    async login(username: string, password: string): Promise<void> {
      await authApi.login(username, password)
      await this.refresh()
    },
    async logout(): Promise<void> {
      try {
        await authApi.logout()
      } finally {
        this.clear()
      }
    },
    /** 会话失效（401）时清空本地状态，下次导航会重新探测。 */
    clear(): void {
      this.account = null
      this.permissions = []
      this.checked = false
    },
    markPasswordChanged(): void {
      if (this.account) this.account = { ...this.account, mustChangePassword: false }
    },
  },
})
