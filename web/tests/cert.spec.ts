import { describe, expect, it } from 'vitest'
import type { Certificate } from '@/api/types'
import { certTag } from '@/utils/cert'

function cert(partial: Partial<Certificate>): Certificate {
  return { number: 'SD-001', domains: ['城市管理'], issuer: '', validFrom: '2024-01-01', validTo: '2026-12-31', status: 'valid', daysLeft: 300, ...partial }
}

describe('certTag', () => {
  it('expired → red 已过期', () => {
    const t = certTag(cert({ status: 'expired', daysLeft: -5, validTo: '2026-01-01' }))
    expect(t).toMatchObject({ label: '已过期', type: 'danger' })
    expect(t.hint).toContain('5 天前')
  })

  it('expiring → orange 30天内到期 with days left', () => {
    const t = certTag(cert({ status: 'expiring', daysLeft: 12 }))
    expect(t).toMatchObject({ label: '30天内到期', type: 'warning' })
    expect(t.hint).toContain('剩余 12 天')
  })

  it('valid → green 有效', () => {
    expect(certTag(cert({}))).toMatchObject({ label: '有效', type: 'success' })
  })

  it('none, null or missing number → 无执法证', () => {
    expect(certTag(null).label).toBe('无执法证')
    expect(certTag(undefined).type).toBe('info')
    expect(certTag(cert({ status: 'none' })).label).toBe('无执法证')
    expect(certTag(cert({ number: '' })).label).toBe('无执法证')
  })
})
