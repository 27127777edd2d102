// 公民身份号码（GB 11643）校验：18 位，末位为 ISO 7064 MOD 11-2 校验字符。

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS[sum % 11] ?? ''
}

export function isValidIdNumber(raw: string): boolean {
  const v = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return false
  const y = Number(v.slice(6, 10))
  const m = Number(v.slice(10, 12))
  const d = Number(v.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  return idNumberCheckChar(v.slice(0, 17)) === v[17]
}
