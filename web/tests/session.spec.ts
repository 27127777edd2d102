import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from '@/stores/session'

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const me = {
  account: {
    id: 'a1',
    username: 'auditor',
    displayName: '赵立新',
    orgId: 'o1',
    orgName: '阳谷县综合行政执法局',
    regionCode: '371521000000',
    regionName: '阳谷县',
    roles: ['auditor'],
    mustChangePassword: false,
  },
  permissions: ['audit.read', 'org.read', 'region.read'],
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('session store', () => {
  it('loads the account and builds the menu from permissions', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, me)))
    const s = useSessionStore()
    expect(await s.ensureChecked()).toBe(true)
    expect(s.isLoggedIn).toBe(true)
    expect(s.can('audit.read')).toBe(true)
    expect(s.can('account.read')).toBe(false)
    expect(s.menu.map((m) => m.title)).toEqual(['工作台', '行政区划', '组织机构', '审计日志'])
  })

  it('treats 401 as logged out and checks only once', async () => {
    const fetch = vi.fn(async () => respond(401, { error: { code: 'SESSION_REQUIRED', message: '请先登录' } }))
    vi.stubGlobal('fetch', fetch)
    const s = useSessionStore()
    expect(await s.ensureChecked()).toBe(false)
    expect(await s.ensureChecked()).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(s.menu.map((m) => m.title)).toEqual(['工作台'])
  })

  it('propagates server errors other than 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(500, { error: { code: 'INTERNAL', message: '系统内部错误' } })))
    const s = useSessionStore()
    await expect(s.refresh()).rejects.toMatchObject({ code: 'INTERNAL' })
  })

  it('clear() forgets the account and forces a new check', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, me)))
    const s = useSessionStore()
    await s.refresh()
    s.clear()
    expect(s.isLoggedIn).toBe(false)
    expect(s.checked).toBe(false)
  })
})
