import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, request, setUnauthorizedHandler } from '@/api/http'
import { listRegions } from '@/api/regions'

function mockFetch(status: number, body: unknown) {
  const fn = vi.fn(async (_url: string, _init?: RequestInit) =>
    new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  )
  vi.stubGlobal('fetch', fn)
  return fn
}

afterEach(() => {
  vi.unstubAllGlobals()
  setUnauthorizedHandler(null)
})

describe('request', () => {
  it('sends JSON with same-origin credentials', async () => {
    const fn = mockFetch(200, { ok: true })
    await request('POST', '/things', { body: { a: 1 } })
    const [url, init] = fn.mock.calls[0]!
    expect(url).toBe('/api/v1/things')
    expect(init?.credentials).toBe('same-origin')
    expect(init?.body).toBe('{"a":1}')
  })

  it('calls the 401 handler unless silent', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    mockFetch(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期' } })
    await expect(request('GET', '/people')).rejects.toBeInstanceOf(ApiError)
    expect(handler).toHaveBeenCalledTimes(1)
    await expect(request('GET', '/auth/me', { silent401: true })).rejects.toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('maps a network failure to a Chinese message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    await expect(request('GET', '/x')).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' })
  })

  it('sends parent= for the region root', async () => {
    const fn = mockFetch(200, { items: [], total: 0, page: 1, pageSize: 500 })
    await listRegions({ parent: '', page: 1, pageSize: 500 })
    expect(fn.mock.calls[0]![0]).toBe('/api/v1/regions?page=1&pageSize=500&parent=')
  })
})
