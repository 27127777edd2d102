import { describe, expect, it } from 'vitest'
import { ApiError, fallbackMessage, toApiError } from '@/api/http'
import { errorMessage, isNotFound, mapErrorToForm, matchField } from '@/utils/errors'

const FIELDS = ['name', 'parentId', 'regionCode', 'quota', 'domains'] as const

describe('toApiError', () => {
  it('reads the standard error body', () => {
    const e = toApiError(422, {
      error: {
        code: 'IMPORT_INVALID',
        message: '导入文件有错误',
        details: [{ row: 3, field: 'parentCode', code: 'REGION_PARENT_UNKNOWN', message: '第3行：上级区划代码不存在' }],
      },
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.code).toBe('IMPORT_INVALID')
    expect(e.details).toHaveLength(1)
    expect(e.details[0]?.row).toBe(3)
  })

  it('never exposes the HTTP status when the body is missing', () => {
    for (const status of [0, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503]) {
      const e = toApiError(status, undefined)
      expect(e.message).not.toMatch(/\d{3}/)
      expect(e.message).toBe(fallbackMessage(status))
    }
    expect(toApiError(0, undefined).code).toBe('NETWORK_ERROR')
  })

  it('falls back when message is empty', () => {
    const e = toApiError(500, { error: { code: 'INTERNAL', message: '' } })
    expect(e.message).toBe(fallbackMessage(500))
  })
})

describe('matchField', () => {
  it.each([
    ['name', 'name'],
    ['parent_id', 'parentId'],
    ['region_code', 'regionCode'],
    ['quota.admin', 'quota'],
    ['domains[1]', 'domains'],
    ['unknown', null],
    [undefined, null],
  ])('%s → %s', (field, expected) => {
    expect(matchField(field, FIELDS)).toBe(expected)
  })
})

describe('mapErrorToForm', () => {
  it('puts a field error next to its field and shows no global message', () => {
    const e = new ApiError(400, { code: 'ORG_NAME_TAKEN', message: '机构名称已存在', field: 'name' })
    expect(mapErrorToForm(e, FIELDS)).toEqual({ fieldErrors: { name: '机构名称已存在' }, message: null })
  })

  it('falls back to a global message when the field is not on the form', () => {
    const e = new ApiError(400, { code: 'ROLE_SEPARATION', message: '三员分立', field: 'roles' })
    expect(mapErrorToForm(e, FIELDS)).toEqual({ fieldErrors: {}, message: '三员分立' })
  })

  it('maps field-level details without row numbers', () => {
    const e = new ApiError(400, {
      code: 'INVALID',
      message: '输入有误',
      details: [
        { field: 'regionCode', code: 'X', message: '区划不存在' },
        { row: 2, field: 'name', code: 'Y', message: '第2行' },
      ],
    })
    const m = mapErrorToForm(e, FIELDS)
    expect(m.fieldErrors).toEqual({ regionCode: '区划不存在' })
    expect(m.message).toBe('输入有误')
  })

  it('handles non-API errors with a generic Chinese message', () => {
    const m = mapErrorToForm(new TypeError('boom'), FIELDS)
    expect(m.fieldErrors).toEqual({})
    expect(m.message).toBe(errorMessage(new TypeError('boom')))
    expect(m.message).not.toContain('boom')
  })
})

describe('rule citation', () => {
  it('appends the rule to field and global messages', () => {
    const e = new ApiError(400, {
      code: 'ROLE_SEPARATION',
      message: '系统管理员、安全管理员、安全审计员须由不同账号担任（三员分立）',
      field: 'roles',
      rule: 'GB/T 22239-2019 三员分立',
    })
    expect(mapErrorToForm(e, ['roles']).fieldErrors.roles).toBe(
      '系统管理员、安全管理员、安全审计员须由不同账号担任（三员分立）（依据：GB/T 22239-2019 三员分立）',
    )
    expect(errorMessage(e)).toContain('依据：GB/T 22239-2019')
    expect(toApiError(400, { error: { code: 'X', message: 'm', rule: 'r' } }).rule).toBe('r')
  })
})

describe('isNotFound', () => {
  it('recognises 404 and NOT_FOUND', () => {
    expect(isNotFound(new ApiError(404, { code: 'NOT_FOUND', message: '人员不存在或无权查看' }))).toBe(true)
    expect(isNotFound(new ApiError(403, { code: 'FORBIDDEN', message: '无权' }))).toBe(false)
  })
})
