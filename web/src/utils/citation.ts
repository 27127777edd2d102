// 法律依据的显示：与后端 Citation.Ref / String 一致（《条例》第三十四条第一款第（一）项：原文）。

import type { Citation } from '@/api/types'

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
const UNITS = ['千', '百', '十', '']

/** 1–9999 写成法条用的汉字数字：三十四、一百一十八、一百零一、十。 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) return String(n)
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10]
  let out = ''
  let zero = false
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out) zero = true
      return
    }
    if (zero) {
      out += '零'
      zero = false
    }
    // 二十以下的“十”单独开头：十二，而不是一十二；在更大的数中写作一百一十八。
    if (!(i === 2 && d === 1 && out === '')) out += DIGITS[d]
    out += UNITS[i]
  })
  return out
}

/** 条款引用（不含原文）。 */
export function citationRef(c: Citation): string {
  let s = `《${c.law}》`
  if (c.edition) s += `（${c.edition}）`
  s += `第${chineseNumeral(c.article)}条`
  if (c.paragraph && c.paragraph > 0) s += `第${chineseNumeral(c.paragraph)}款`
  if (c.item && c.item > 0) s += `第（${chineseNumeral(c.item)}）项`
  return s
}

/** 清单单元格格式：引用：原文。 */
export function citationText(c: Citation): string {
  return c.text ? `${citationRef(c)}：${c.text}` : citationRef(c)
}

export function citationsText(cs: readonly Citation[] | null | undefined): string {
  return (cs ?? []).map(citationText).join('；')
}

/** 空白的引用（编辑器新增一行）。 */
export function emptyCitation(): Citation {
  return { law: '', edition: '', article: 1, paragraph: 0, item: 0, text: '' }
}

/** 提交前规整：去掉书名号与首尾空白，0 的款、项省略。 */
export function normalizeCitation(c: Citation): Citation {
  const out: Citation = { law: c.law.trim().replace(/^《|》$/g, ''), article: Math.trunc(c.article), text: c.text.trim() }
  const edition = c.edition?.trim()
  if (edition) out.edition = edition
  if (c.paragraph && c.paragraph > 0) out.paragraph = Math.trunc(c.paragraph)
  if (c.item && c.item > 0) out.item = Math.trunc(c.item)
  return out
}
