/**
 * 登录后的回跳地址：只接受站内路径，拒绝 //host、协议地址与登录页自身，防止开放重定向。
 */
export function safeRedirect(raw: unknown, fallback = '/'): string {
  const value = Array.isArray(raw) ? raw[0] : raw
  if (typeof value !== 'string' || value === '') return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  if (/^\/login(?:[/?#]|$)/.test(value)) return fallback
  return value
}
