import { describe, expect, it } from 'vitest'
import { chineseNumeral, citationRef, citationText, citationsText, normalizeCitation } from '@/utils/citation'

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [34, '三十四'],
    [101, '一百零一'],
    [110, '一百一十'],
    [118, '一百一十八'],
    [1010, '一千零一十'],
    [2001, '二千零一'],
  ])('%d → %s', (n, s) => {
    expect(chineseNumeral(n)).toBe(s)
  })

  it('leaves numbers outside 1–9999 as digits', () => {
    expect(chineseNumeral(0)).toBe('0')
    expect(chineseNumeral(10000)).toBe('10000')
  })
})

describe('citation formatting', () => {
  const c = { law: '城市市容和环境卫生管理条例', article: 34, item: 1, text: '随地吐痰、便溺的' }

  it('writes the reference as the catalogue does', () => {
    expect(citationRef(c)).toBe('《城市市容和环境卫生管理条例》第三十四条第（一）项')
    expect(citationRef({ law: '中华人民共和国大气污染防治法', article: 118, paragraph: 1, text: '' })).toBe(
      '《中华人民共和国大气污染防治法》第一百一十八条第一款',
    )
    expect(citationRef({ law: '安全生产法', edition: '2021年修正', article: 97, text: '' })).toBe('《安全生产法》（2021年修正）第九十七条')
  })

  it('joins the text with a full-width colon and several citations with ；', () => {
    expect(citationText(c)).toBe('《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰、便溺的')
    expect(citationsText([c, { law: 'A', article: 2, text: '' }])).toBe(
      '《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰、便溺的；《A》第二条',
    )
  })

  it('normalises before sending: strips book-title marks and drops zero paragraphs and items', () => {
    expect(normalizeCitation({ law: ' 《食品安全法》 ', edition: ' ', article: 122, paragraph: 0, item: 0, text: ' 原文 ' })).toEqual({
      law: '食品安全法',
      article: 122,
      text: '原文',
    })
  })
})
