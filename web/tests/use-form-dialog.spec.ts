import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'

vi.mock('@/composables/feedback', () => ({ showError: vi.fn(), showSuccess: vi.fn() }))

import { ApiError } from '@/api/http'
import { showError, showSuccess } from '@/composables/feedback'
import { useFormDialog } from '@/composables/useFormDialog'
import type { ValidatableForm } from '@/composables/useFormSubmit'

function setup(values: () => Record<string, unknown> = () => ({ name: '', roles: [] as string[] })) {
  const open = ref(false)
  const onOpen = vi.fn()
  const order: string[] = []
  const dialog = useFormDialog({
    fields: ['name', 'roles'],
    open: () => open.value,
    close: () => {
      order.push('close')
      open.value = false
    },
    values,
    onOpen,
  })
  const form: ValidatableForm = { validate: vi.fn(async () => true), clearValidate: vi.fn() }
  dialog.formRef.value = form
  return { open, onOpen, order, dialog, form }
}

beforeEach(() => {
  vi.mocked(showError).mockClear()
  vi.mocked(showSuccess).mockClear()
})

describe('useFormDialog', () => {
  it('starts from the initial values', () => {
    const { dialog } = setup(() => ({ name: '甲', roles: ['admin'] }))
    expect(dialog.form).toEqual({ name: '甲', roles: ['admin'] })
  })

  it('refills the form, drops keys the values lack and clears old errors each time it opens', async () => {
    let next: Record<string, unknown> = { name: '张三', roles: ['officer'] }
    const { open, onOpen, dialog, form } = setup(() => next)
    dialog.form.extra = 'stale'
    dialog.setErrors({ name: '旧错误' })
    open.value = true
    await nextTick()
    expect(onOpen).toHaveBeenCalledTimes(1)
    expect(dialog.form).toEqual({ name: '张三', roles: ['officer'] })
    expect(dialog.fieldErrors.name).toBeUndefined()
    expect(form.clearValidate).toHaveBeenCalled()

    open.value = false
    await nextTick()
    expect(onOpen).toHaveBeenCalledTimes(1)
    next = { name: '', roles: [] }
    open.value = true
    await nextTick()
    expect(dialog.form).toEqual({ name: '', roles: [] })
  })

  it('on success reports, calls done with the result and then closes', async () => {
    const { open, order, dialog } = setup()
    open.value = true
    await nextTick()
    const r = await dialog.save(async () => 7, { success: '已保存', done: (v) => order.push(`done ${v}`) })
    expect(r).toEqual({ ok: true, value: 7 })
    expect(order).toEqual(['done 7', 'close'])
    expect(open.value).toBe(false)
    expect(showSuccess).toHaveBeenCalledWith('已保存')
  })

  it('stays open with the coded error next to its field when the API refuses', async () => {
    const { open, order, dialog } = setup()
    open.value = true
    await nextTick()
    const done = vi.fn()
    const r = await dialog.save(() => Promise.reject(new ApiError(400, { code: 'ROLE', message: '角色不能为空', field: 'roles', details: [] })), { done })
    expect(r.ok).toBe(false)
    expect(done).not.toHaveBeenCalled()
    expect(order).toEqual([])
    expect(open.value).toBe(true)
    expect(dialog.fieldErrors.roles).toBe('角色不能为空')
    expect(showError).not.toHaveBeenCalled()
  })

  it('does not call the action when front-end validation fails', async () => {
    const { dialog, form } = setup()
    vi.mocked(form.validate).mockRejectedValueOnce(new Error('invalid'))
    const action = vi.fn(async () => 1)
    expect(await dialog.save(action)).toEqual({ ok: false })
    expect(action).not.toHaveBeenCalled()
  })

  it('reads a changing list of fields when mapping errors', async () => {
    const names = ref(['a'])
    const dialog = useFormDialog({
      get fields() {
        return names.value
      },
      open: () => false,
      close: () => {},
      values: () => ({}),
    })
    names.value = ['a', 'b']
    await dialog.save(() => Promise.reject(new ApiError(400, { code: 'X', message: 'b 有误', field: 'b', details: [] })))
    expect(dialog.fieldErrors.b).toBe('b 有误')
  })
})
