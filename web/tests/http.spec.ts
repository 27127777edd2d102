import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, download, fileNameFromDisposition, path, request, setUnauthorizedHandler } from '@/api/http'
import { exportCatalog } from '@/api/catalog'
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

describe('path', () => {
  it('encodes each inserted segment and nothing else', () => {
    expect(path`/people/${12}/certificates`).toBe('/people/12/certificates')
    expect(path`/settings/${'reform.thresholds'}/${'3715/21 x'}`).toBe('/settings/reform.thresholds/3715%2F21%20x')
    expect(path`/orgs`).toBe('/orgs')
  })
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

describe('download', () => {
  it('reads the UTF-8 file name from Content-Disposition', () => {
    expect(fileNameFromDisposition(`attachment; filename="catalog.xlsx"; filename*=UTF-8''%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95.xlsx`, 'x')).toBe('权责清单.xlsx')
    expect(fileNameFromDisposition('attachment; filename="catalog.csv"', 'x')).toBe('catalog.csv')
    expect(fileNameFromDisposition(null, '默认.xlsx')).toBe('默认.xlsx')
  })

  it('exports with the list filters but without paging, and throws the API error on failure', async () => {
    const fn = vi.fn(async () => new Response('PK', { status: 200, headers: { 'Content-Disposition': `attachment; filename*=UTF-8''a.xlsx` } }))
    vi.stubGlobal('fetch', fn)
    const f = await exportCatalog({ q: '油烟', domain: '城市管理', page: 2, pageSize: 20, sort: 'code', order: 'asc' })
    expect(String((fn.mock.calls[0] as unknown[])[0])).toBe('/api/v1/catalog/export?format=xlsx&q=%E6%B2%B9%E7%83%9F&domain=%E5%9F%8E%E5%B8%82%E7%AE%A1%E7%90%86')
    expect(f.fileName).toBe('a.xlsx')
    mockFetch(403, { error: { code: 'FORBIDDEN', message: '没有权限' } })
    await expect(download('/catalog/export', {}, 'x')).rejects.toMatchObject({ status: 403, message: '没有权限' })
  })
})
