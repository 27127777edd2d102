import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@/composables/feedback', () => ({ showError: vi.fn() }))

import { ApiError } from '@/api/http'
import { showError } from '@/composables/feedback'
import { useRecord, useTask } from '@/composables/useTask'

const apiError = (status: number, message = '出错了', code = 'X') => new ApiError(status, { code, message, details: [] })

beforeEach(() => vi.mocked(showError).mockClear())

describe('useTask', () => {
  it('is loading while the action runs and returns its result', async () => {
    let during = false
    const t = useTask(async (a: number, b: number) => {
      during = t.loading.value
      return a + b
    })
    expect(await t.run(2, 3)).toBe(5)
    expect(during).toBe(true)
    expect(t.loading.value).toBe(false)
    expect(showError).not.toHaveBeenCalled()
  })

  it('shows a failure as a message by default and returns undefined', async () => {
    const e = apiError(400)
    const t = useTask(() => Promise.reject(e))
    expect(await t.run()).toBeUndefined()
    expect(t.loading.value).toBe(false)
    expect(showError).toHaveBeenCalledWith(e)
    expect(t.error.value).toBe('')
  })

  it('keeps the message for the page to show inline, cleared on the next run', async () => {
    let fail = true
    const t = useTask(async () => {
      if (fail) throw apiError(409, '已被他人修改')
      return 1
    }, { errors: 'inline' })
    await t.run()
    expect(t.error.value).toBe('已被他人修改')
    expect(showError).not.toHaveBeenCalled()
    fail = false
    await t.run()
    expect(t.error.value).toBe('')
  })

  it('says nothing inline when the session has expired (the login page takes over)', async () => {
    const t = useTask(() => Promise.reject(apiError(401)), { errors: 'inline' })
    await t.run()
    expect(t.error.value).toBe('')
  })

  it('hands the error to a handler of the caller', async () => {
    const handler = vi.fn()
    const e = apiError(500)
    const t = useTask(() => Promise.reject(e), { errors: handler })
    await t.run()
    expect(handler).toHaveBeenCalledWith(e)
    expect(showError).not.toHaveBeenCalled()
  })
})

describe('useRecord', () => {
  it('loads the record', async () => {
    const r = useRecord(async () => ({ id: 1 }))
    await r.load()
    expect(r.data.value).toEqual({ id: 1 })
    expect(r.missing.value).toBe(false)
    expect(r.loading.value).toBe(false)
  })

  it('marks a record that does not exist or is out of reach as missing, without a message', async () => {
    let fetch = () => Promise.resolve({ id: 1 })
    const r = useRecord(() => fetch())
    await r.load()
    fetch = () => Promise.reject(apiError(404, '不存在', 'NOT_FOUND'))
    await r.load()
    expect(r.data.value).toBeNull()
    expect(r.missing.value).toBe(true)
    expect(showError).not.toHaveBeenCalled()
    fetch = () => Promise.resolve({ id: 2 })
    await r.load()
    expect(r.missing.value).toBe(false)
    expect(r.data.value).toEqual({ id: 2 })
  })

  it('shows other errors and clears the record', async () => {
    const e = apiError(500)
    const r = useRecord(() => Promise.reject(e))
    await r.load()
    expect(r.data.value).toBeNull()
    expect(r.missing.value).toBe(false)
    expect(showError).toHaveBeenCalledWith(e)
  })
})
