import { describe, expect, it } from 'vitest'
import { VERSION_STATE_NAMES, VERSION_STATE_TAG, VERSION_STATUS_NAMES, isStale, windowText } from '@/utils/lifecycle'
import { ApiError } from '@/api/http'

describe('versioned records', () => {
  it('names every state and status the server writes', () => {
    for (const s of ['draft', 'pending', 'in_force', 'expired', 'repealed'] as const) {
      expect(VERSION_STATE_NAMES[s]).toBeTruthy()
      expect(VERSION_STATE_TAG[s]).toBeTruthy()
    }
    expect(VERSION_STATE_NAMES.pending).toBe('已发布，待施行')
    expect(Object.keys(VERSION_STATUS_NAMES)).toEqual(['draft', 'published', 'repealed'])
  })

  it('writes a window with its end excluded', () => {
    expect(windowText({ effectiveFrom: '', effectiveTo: '' })).toBe('未定生效日期')
    expect(windowText({ effectiveFrom: '2024-01-01', effectiveTo: '' })).toBe('2024-01-01 起')
    expect(windowText({ effectiveFrom: '2024-01-01', effectiveTo: '2025-01-01' })).toBe('2024-01-01 至 2025-01-01（不含）')
  })

  it('tells a stale change from other conflicts', () => {
    expect(isStale(new ApiError(409, { code: 'STALE', message: '已被他人修改' }))).toBe(true)
    expect(isStale(new ApiError(409, { code: 'VERSION_NOT_DRAFT', message: '只能发布草稿' }))).toBe(false)
    expect(isStale(new Error('x'))).toBe(false)
  })
})
