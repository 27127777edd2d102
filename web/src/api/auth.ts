import { http } from './http'
import type { LoginResponse, MeResponse } from './types'

/** POST /auth/login：成功后服务端同时写入 HttpOnly 会话 Cookie。 */
export function login(username: string, password: string): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/login', { username, password }, { silent401: true })
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', {}, { silent401: true })
}

/** GET /auth/me；silent 为 true 时 401 不触发全局跳转（用于启动时探测会话）。 */
export function fetchMe(silent = false): Promise<MeResponse> {
  return http.get<MeResponse>('/auth/me', { silent401: silent })
}

export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/auth/password', { oldPassword, newPassword })
}
