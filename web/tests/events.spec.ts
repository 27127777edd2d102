import { describe, expect, it } from 'vitest'
import type { EventCategory } from '@/api/events'
import {
  actionForm,
  bubbleRadius,
  categoryGroups,
  categoryLimit,
  clockOf,
  confidence,
  countdown,
  formatRemaining,
  hours,
  leafCategories,
  rateColor,
  percent,
} from '@/utils/events'
import { validTileUrl } from '@/utils/mapTiles'

const cat = (code: string, parentCode: string, name: string, sort: number, extra: Partial<EventCategory> = {}): EventCategory => ({
  code,
  parentCode,
  name,
  kind: code.startsWith('BJ') ? 'part' : 'event',
  itemCodes: [],
  ownerOrgId: '',
  ownerName: '',
  registerMinutes: 30,
  handleAmount: parentCode ? 4 : 0,
  handleUnit: parentCode ? 'hours' : '',
  sort,
  ...extra,
})

describe('事件倒计时', () => {
  const e = { state: 'dispatched', registerDue: '2026-03-02T01:00:00Z', handleDue: '2026-03-02T06:00:00Z' }

  it('counts down to the handling limit once dispatched, to the registration limit while reported', () => {
    expect(clockOf(e)).toEqual({ due: e.handleDue, label: '处置' })
    expect(clockOf({ ...e, state: 'reported' })).toEqual({ due: e.registerDue, label: '立案' })
    expect(clockOf({ ...e, state: 'suspended' })).toBeNull()
    expect(clockOf({ ...e, state: 'closed' })).toBeNull()
    expect(clockOf({ ...e, state: 'feedback' })).toBeNull()
    expect(clockOf({ ...e, state: 'registered', handleDue: '' })).toBeNull()
  })

  it('formats the remaining time and turns overdue when the limit has passed', () => {
    expect(formatRemaining(3_723_000)).toBe('剩余 01:02:03')
    expect(formatRemaining(2 * 86_400_000 + 5_000)).toBe('剩余 2天00:00:05')
    expect(formatRemaining(-61_000)).toBe('超时 00:01:01')
    const due = Date.parse(e.handleDue)
    expect(countdown(e, due - 1000)).toMatchObject({ text: '剩余 00:00:01', overdue: false, soon: true, label: '处置' })
    expect(countdown(e, due + 1000)).toMatchObject({ text: '超时 00:00:01', overdue: true, soon: false })
    expect(countdown(e, due - 7_200_000)?.soon).toBe(false)
    expect(countdown({ ...e, handleDue: 'x' }, due)).toBeNull()
  })
})

describe('事件分类', () => {
  const tree = [
    cat('SJ05', '', '街面秩序', 20),
    cat('SJ0501', 'SJ05', '占道经营', 21),
    cat('BJ01', '', '公用设施', 1),
    cat('BJ0103', 'BJ01', '路灯', 3, { handleAmount: 2, handleUnit: 'days' }),
    cat('BJ0101', 'BJ01', '上水井盖', 2),
    cat('SJ09', '', '空大类', 30),
  ]

  it('offers only subclasses, grouped under their class in order', () => {
    expect(leafCategories(tree).map((c) => c.code)).toEqual(['SJ0501', 'BJ0103', 'BJ0101'])
    const groups = categoryGroups(tree)
    expect(groups.map((g) => g.name)).toEqual(['公用设施', '街面秩序'])
    expect(groups[0]!.options.map((c) => c.name)).toEqual(['上水井盖', '路灯'])
  })

  it('describes the handling limit in working hours or days', () => {
    expect(categoryLimit(tree[1]!)).toBe('4个工作时')
    expect(categoryLimit(tree[3]!)).toBe('2个工作日')
    expect(categoryLimit(tree[0]!)).toBe('')
  })
})

describe('处置环节的表单', () => {
  it('requires a reason exactly for the steps the server requires one for', () => {
    const withReason = ['register', 'dispatch', 'reject', 'accept', 'return', 'feedback', 'verify', 'rework', 'extend', 'approve', 'deny', 'suspend', 'resume', 'case', 'reply', 'callback'].filter(
      (a) => actionForm(a).reason,
    )
    expect(withReason).toEqual(['reject', 'return', 'rework', 'extend', 'deny', 'suspend', 'resume', 'case'])
  })

  it('asks each step for what it needs', () => {
    expect(actionForm('register')).toMatchObject({ category: true })
    expect(actionForm('dispatch')).toMatchObject({ category: true, teams: true })
    expect(actionForm('feedback')).toMatchObject({ result: true, reply: true, photos: true })
    expect(actionForm('extend')).toMatchObject({ reason: true, extend: true })
    expect(actionForm('callback')).toMatchObject({ satisfaction: true })
    expect(actionForm('accept').confirmOnly).toBe(true)
    expect(actionForm('verify').confirmOnly).toBe(true)
    expect(actionForm('approve').confirmOnly).toBeFalsy()
  })
})

describe('指标格式', () => {
  it('shows null indicators as a dash', () => {
    expect(percent(null)).toBe('—')
    expect(percent(87.7)).toBe('87.7%')
    expect(percent(100)).toBe('100.0%')
    expect(percent(0)).toBe('0.0%')
    expect(hours(null)).toBe('—')
    expect(hours(3.25)).toBe('3.3 小时')
    expect(confidence(0.826)).toBe('83%')
  })

  it('colours the on-time rate and sizes the bubbles by reports', () => {
    expect(rateColor(null)).toBe('#909399')
    expect(rateColor(95)).toBe('#67c23a')
    expect(rateColor(80)).toBe('#e6a23c')
    expect(rateColor(20)).toBe('#f56c6c')
    expect(rateColor(0)).toBe('#f56c6c')
    expect(bubbleRadius(0, 10)).toBe(5)
    expect(bubbleRadius(10, 10)).toBe(22)
    expect(bubbleRadius(5, 10)).toBeGreaterThan(5)
    expect(bubbleRadius(5, 10)).toBeLessThan(22)
  })
})

describe('底图地址', () => {
  it('accepts only http(s) templates with {z}/{x}/{y}', () => {
    expect(validTileUrl('https://tiles.example.gov.cn/{z}/{x}/{y}.png')).toBe(true)
    expect(validTileUrl('http://10.0.0.8/t/{z}/{y}/{x}')).toBe(true)
    expect(validTileUrl('https://tiles.example.gov.cn/tile.png')).toBe(false)
    expect(validTileUrl('javascript:alert(1)/{z}/{x}/{y}')).toBe(false)
    expect(validTileUrl('')).toBe(false)
  })
})
