/**
 * 日期范围（本地日期 YYYY-MM-DD，含首尾两日）→ 接口的 from/to（RFC 3339，to 为次日零点，开区间）。
 */
export function dayRangeToIso(from: string, to: string): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {}
  const f = parseDay(from)
  const t = parseDay(to)
  if (f) out.from = f.toISOString()
  if (t) {
    t.setDate(t.getDate() + 1)
    out.to = t.toISOString()
  }
  return out
}

function parseDay(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return Number.isNaN(d.getTime()) ? null : d
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** 某一时刻的本地日期 YYYY-MM-DD。 */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`
}

/** 本地日期 YYYY-MM-DD（默认今天）。 */
export function todayIso(now = new Date()): string {
  return localIsoDate(now)
}

/** 本年 1 月 1 日。 */
export function yearStartIso(now = new Date()): string {
  return `${now.getFullYear()}-01-01`
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && parseDay(s) !== null
}
