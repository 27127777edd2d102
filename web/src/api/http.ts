// 统一的 HTTP 客户端：同源 Cookie 会话、统一错误结构、401 跳转登录。

import type { ApiErrorDetail, ApiErrorPayload } from './types'
import { toQueryString, type QueryValue, type ToQueryOptions } from '@/utils/query'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly rule?: string
  readonly details: ApiErrorDetail[]

  constructor(status: number, payload: ApiErrorPayload) {
    super(payload.message)
    this.name = 'ApiError'
    this.status = status
    this.code = payload.code
    this.field = payload.field || undefined
    this.rule = payload.rule || undefined
    this.details = Array.isArray(payload.details) ? payload.details : []
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** 接口路径：插入的各段（编号、区划代码）逐段编码，如 path`/people/${id}/certificates`。 */
export function path(strings: TemplateStringsArray, ...segments: (string | number)[]): string {
  return strings.reduce((out, s, i) => out + s + (i < segments.length ? encodeURIComponent(String(segments[i])) : ''), '')
}

/** 没有标准错误体时按状态类别给出中文提示，不向用户暴露 HTTP 状态码。 */
export function fallbackMessage(status: number): string {
  if (status === 0) return '网络连接失败，请检查网络后重试'
  if (status === 401) return '登录已失效，请重新登录'
  if (status === 403) return '没有执行该操作的权限'
  if (status === 404) return '请求的资源不存在或无权查看'
  if (status === 409) return '数据已被修改，请刷新后重试'
  if (status === 413) return '上传的文件过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return '服务器暂时无法处理请求，请稍后重试'
  return '请求未能完成，请检查输入后重试'
}

/** 把响应体解析为 ApiError；兼容缺失或非 JSON 的错误体。 */
export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body) {
    const err = (body as { error: unknown }).error
    if (err && typeof err === 'object') {
      const e = err as Partial<ApiErrorPayload>
      return new ApiError(status, {
        code: typeof e.code === 'string' && e.code ? e.code : 'UNKNOWN',
        message: typeof e.message === 'string' && e.message ? e.message : fallbackMessage(status),
        field: typeof e.field === 'string' ? e.field : undefined,
        rule: typeof e.rule === 'string' ? e.rule : undefined,
        details: Array.isArray(e.details) ? e.details : [],
      })
    }
  }
  return new ApiError(status, { code: status === 0 ? 'NETWORK_ERROR' : 'HTTP_ERROR', message: fallbackMessage(status) })
}

type UnauthorizedHandler = () => void
let unauthorizedHandler: UnauthorizedHandler | null = null

/** 注册 401 处理器（由路由层设置为“跳转登录页并带回跳地址”）。 */
export function setUnauthorizedHandler(fn: UnauthorizedHandler | null): void {
  unauthorizedHandler = fn
}

export interface RequestOptions {
  query?: Record<string, QueryValue>
  queryOptions?: ToQueryOptions
  body?: unknown
  /** 原样发送的文件（证据）：请求体即文件本身，说明放在 query 中。 */
  file?: Blob
  signal?: AbortSignal
  /** 为 true 时 401 不触发跳转（如登录、启动时探测会话）。 */
  silent401?: boolean
}

function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function handleFailure(status: number, body: unknown, silent401: boolean | undefined): ApiError {
  const err = toApiError(status, body)
  if (status === 401 && !silent401 && unauthorizedHandler) unauthorizedHandler()
  return err
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const url = API_BASE + path + (options.query ? toQueryString(options.query, options.queryOptions) : '')
  const headers: Record<string, string> = { Accept: 'application/json' }
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal: options.signal }
  if (options.file !== undefined) {
    headers['Content-Type'] = 'application/octet-stream'
    init.body = options.file
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  let res: Response
  try {
    res = await fetch(url, init)
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw toApiError(0, undefined)
  }
  const body = parseJson(await res.text())
  if (!res.ok) throw handleFailure(res.status, body, options.silent401)
  return body as T
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  del: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
}

/** 从 Content-Disposition 取文件名（优先 RFC 5987 的 filename*=UTF-8''…）。 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // 编码有误时退回普通文件名
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain?.[1]?.trim() || fallback
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
}

/** GET 下载文件（导出、模板）：失败时与 JSON 接口一样抛出 ApiError。 */
export async function download(
  path: string,
  query: Record<string, QueryValue> | undefined,
  fallbackName: string,
): Promise<DownloadedFile> {
  const url = API_BASE + path + (query ? toQueryString(query) : '')
  let res: Response
  try {
    res = await fetch(url, { method: 'GET', credentials: 'same-origin', headers: { Accept: '*/*' } })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw toApiError(0, undefined)
  }
  if (!res.ok) throw handleFailure(res.status, parseJson(await res.text()), false)
  return { blob: await res.blob(), fileName: fileNameFromDisposition(res.headers.get('Content-Disposition'), fallbackName) }
}

export interface UploadProgress {
  loaded: number
  total: number
  percent: number
}

/**
 * multipart 上传（字段名 file），用 XMLHttpRequest 以获得上传进度事件。
 */
export function upload<T>(
  path: string,
  file: Blob,
  fileName: string,
  onProgress?: (p: UploadProgress) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', API_BASE + path)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (ev) => {
      if (!onProgress || !ev.lengthComputable) return
      onProgress({ loaded: ev.loaded, total: ev.total, percent: Math.round((ev.loaded / ev.total) * 100) })
    }
    xhr.onload = () => {
      const body = parseJson(xhr.responseText)
      // 服务端已应答即表示文件已全部上传（校验失败也一样）。
      onProgress?.({ loaded: file.size, total: file.size, percent: 100 })
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T)
      } else {
        reject(handleFailure(xhr.status, body, false))
      }
    }
    xhr.onerror = () => reject(toApiError(0, undefined))
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'))
    const form = new FormData()
    for (const [k, v] of Object.entries(fields)) form.append(k, v)
    form.append('file', file, fileName)
    xhr.send(form)
  })
}
