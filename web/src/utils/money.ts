// 金额：接口中一律为整数“分”，界面显示“元”（千分位）。

/** 分 → “12,345.67”（整元不带小数）；非数值显示“—”。 */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  const negative = fen < 0
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const int = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const text = cents === 0 ? int : `${int}.${String(cents).padStart(2, '0')}`
  return negative ? `-${text}` : text
}

/** 分 → “12,345.67元”。 */
export function formatYuanText(fen: number | null | undefined): string {
  const s = formatYuan(fen)
  return s === '—' ? s : `${s}元`
}

/** 罚款区间：min 为 0 或缺省时写“N元以下”，max 缺省时写“N元以上”。 */
export function formatFenRange(minFen: number | null | undefined, maxFen: number | null | undefined): string {
  const hasMin = typeof minFen === 'number' && minFen > 0
  const hasMax = typeof maxFen === 'number' && maxFen > 0
  if (hasMin && hasMax) return minFen === maxFen ? `${formatYuan(minFen)}元` : `${formatYuan(minFen)}元至${formatYuan(maxFen)}元`
  if (hasMax) return `${formatYuan(maxFen)}元以下`
  if (hasMin) return `${formatYuan(minFen)}元以上`
  return '—'
}

/**
 * 用户输入的元（“5,000”“5000.5”“0.5万”“5000元”）→ 分；空串为 null；无效或超过两位小数时为 NaN。
 */
export function parseYuan(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input * 100) : Number.NaN
  let s = input.replace(/[,，\s]/g, '').replace(/元$/, '')
  if (s === '') return null
  let scale = 100
  if (s.endsWith('万')) {
    s = s.slice(0, -1)
    scale = 1_000_000
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return Number.NaN
  const [int, frac = ''] = s.split('.') as [string, string?]
  const decimals = scale === 100 ? 2 : 6
  if (frac.length > decimals) return Number.NaN
  const fen = Number(int + frac.padEnd(decimals, '0'))
  return Number.isSafeInteger(fen) ? fen : Number.NaN
}

/** 元（数字，最多两位小数）→ 分；null/undefined 保持 null。 */
export function yuanToFen(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return null
  return Math.round(yuan * 100)
}

/** 分 → 元（数字），供数字输入框编辑。 */
export function fenToYuan(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return null
  return fen / 100
}

/** 倍数（百分数）→ “10倍”“50%”“1.5倍”。 */
export function formatMultiple(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—'
  if (pct % 100 === 0) return `${pct / 100}倍`
  if (pct > 100) return `${pct / 100}倍`
  return `${pct}%`
}
