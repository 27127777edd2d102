import { describe, expect, it } from 'vitest'
import { fenToYuan, formatFenRange, formatMultiple, formatYuan, formatYuanText, parseYuan, yuanToFen } from '@/utils/money'

describe('formatYuan (fen → yuan with thousands separators)', () => {
  it.each([
    [0, '0'],
    [100, '1'],
    [500000, '5,000'],
    [5000000, '50,000'],
    [123456789, '1,234,567.89'],
    [12345, '123.45'],
    [1205, '12.05'],
    [-250000, '-2,500'],
  ])('%d → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })

  it('shows a dash for missing values', () => {
    expect(formatYuan(null)).toBe('—')
    expect(formatYuan(undefined)).toBe('—')
    expect(formatYuan(Number.NaN)).toBe('—')
    expect(formatYuanText(null)).toBe('—')
  })

  it('appends 元', () => {
    expect(formatYuanText(3600000)).toBe('36,000元')
  })
})

describe('formatFenRange', () => {
  it('writes both bounds, a maximum only or a minimum only', () => {
    expect(formatFenRange(3600000, 5000000)).toBe('36,000元至50,000元')
    expect(formatFenRange(0, 2000000)).toBe('20,000元以下')
    expect(formatFenRange(50000, null)).toBe('500元以上')
    expect(formatFenRange(6000, 6000)).toBe('60元')
    expect(formatFenRange(null, null)).toBe('—')
  })
})

describe('parseYuan (user input in yuan → fen)', () => {
  it.each([
    ['5000', 500000],
    ['5,000', 500000],
    ['5，000.5', 500050],
    ['1200.05元', 120005],
    ['0.5万', 500000],
    ['3万元', 3000000],
    [' 12 ', 1200],
    ['0', 0],
  ])('%s → %d', (input, fen) => {
    expect(parseYuan(input)).toBe(fen)
  })

  it('returns null for empty input and NaN for invalid input', () => {
    expect(parseYuan('')).toBeNull()
    expect(parseYuan('  ')).toBeNull()
    expect(parseYuan(null)).toBeNull()
    expect(parseYuan('abc')).toBeNaN()
    expect(parseYuan('-5')).toBeNaN()
    expect(parseYuan('1.234')).toBeNaN()
    expect(parseYuan('1e5')).toBeNaN()
  })

  it('accepts numbers', () => {
    expect(parseYuan(12.34)).toBe(1234)
    expect(parseYuan(-1)).toBeNaN()
  })
})

describe('yuan ↔ fen for number inputs', () => {
  it('rounds to whole fen and keeps null', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(null)).toBeNull()
    expect(fenToYuan(123456)).toBe(1234.56)
    expect(fenToYuan(null)).toBeNull()
  })
})

describe('formatMultiple (percent ×100)', () => {
  it('writes multiples and percentages', () => {
    expect(formatMultiple(1000)).toBe('10倍')
    expect(formatMultiple(150)).toBe('1.5倍')
    expect(formatMultiple(50)).toBe('50%')
    expect(formatMultiple(5)).toBe('5%')
    expect(formatMultiple(null)).toBe('—')
  })
})
