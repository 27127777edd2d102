import { describe, expect, it } from 'vitest'
import { chainName, chainPosition, chainVerdict, entityLabel, kindName, shortHash } from '@/utils/audit'
import type { AuditChainReport } from '@/api/types'

const entities = [
  { code: 'account', name: '账号' },
  { code: 'catalog_item', name: '权责清单事项' },
]

describe('audit display', () => {
  it('names kinds from the server list and shows unknown codes as they are', () => {
    expect(kindName(entities, 'catalog_item')).toBe('权责清单事项')
    expect(kindName(entities, 'widget')).toBe('widget')
    expect(kindName([], 'account')).toBe('account')
  })

  it('shows the record name, falling back to a short id for entries without one', () => {
    expect(entityLabel(entities, { entity: 'account', entityId: '01a22e84-0000-7000-8000-000000000000', entityName: 'leader（孙志强）' })).toBe(
      '账号 leader（孙志强）',
    )
    expect(entityLabel(entities, { entity: 'account', entityId: '01a22e84-0000-7000-8000-000000000000', entityName: '' })).toBe(
      '账号 #01a22e84…',
    )
    expect(entityLabel(entities, { entity: 'catalog_item', entityId: '', entityName: '' })).toBe('权责清单事项')
  })

  it('names chains and positions', () => {
    expect(chainName('')).toBe('系统级')
    expect(chainName('371521')).toBe('371521')
    expect(chainPosition({ chain: '371521', seq: 12 })).toBe('371521 #12')
    expect(shortHash('')).toBe('—')
    expect(shortHash('0123456789abcdef')).toBe('0123456789…')
  })

  it('states a chain verdict', () => {
    const ok: AuditChainReport = { chain: '371521', count: 3, headSeq: 3, headMac: 'x', ok: true, anchors: 1 }
    expect(chainVerdict(ok)).toBe('完整')
    expect(chainVerdict({ ...ok, ok: false, brokenSeq: 7, problem: 'missing', reason: '…' })).toBe('第7条 记录缺失')
    expect(chainVerdict({ ...ok, ok: false, brokenSeq: 5, problem: 'truncated', reason: '…' })).toBe('第5条 被截断')
  })
})
