import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

vi.mock('@/composables/feedback', () => ({ showError: vi.fn(), showSuccess: vi.fn() }))

import { ApiError } from '@/api/http'
import { showError, showSuccess } from '@/composables/feedback'
import { useFormSubmit, type ValidatableForm } from '@/composables/useFormSubmit'
import { decisionFieldAlias } from '@/utils/errors'

const invalid = (field: string, details: { code: string; field?: string; row?: number; message: string }[] = []) =>
  new ApiError(400, { code: 'X', message: `${field} 有误`, field, details })

function formRef(valid: boolean) {
  const form: ValidatableForm = { validate: vi.fn(async () => (valid ? true : Promise.reject(new Error('invalid')))), clearValidate: vi.fn() }
  return ref<ValidatableForm | undefined>(form)
}

beforeEach(() => {
  vi.mocked(showError).mockClear()
  vi.mocked(showSuccess).mockClear()
})

describe('useFormSubmit', () => {
  it('validates, shows saving while the action runs, and reports success', async () => {
    const f = useFormSubmit({ fields: ['name'], formRef: formRef(true) })
    let during = false
    const r = await f.submit(
      async () => {
        during = f.saving.value
        return 42
      },
      { success: (v) => `已保存 ${v}` },
    )
    expect(r).toEqual({ ok: true, value: 42 })
    expect(during).toBe(true)
    expect(f.saving.value).toBe(false)
    expect(showSuccess).toHaveBeenCalledWith('已保存 42')
  })

  it('does not call the action when front-end validation fails', async () => {
    const f = useFormSubmit({ fields: ['name'], formRef: formRef(false) })
    const action = vi.fn(async () => 1)
    expect(await f.submit(action)).toEqual({ ok: false })
    expect(action).not.toHaveBeenCalled()
  })

  it('shows a field error next to the field without a global message', async () => {
    const f = useFormSubmit({ fields: ['name', 'roles'] })
    const r = await f.submit(() => Promise.reject(invalid('roles')))
    expect(r.ok).toBe(false)
    expect(f.fieldErrors.roles).toBe('roles 有误')
    expect(showError).not.toHaveBeenCalled()
  })

  it('falls back to a global message when no field matches, and clears old errors on the next submit', async () => {
    const f = useFormSubmit({ fields: ['name'] })
    await f.submit(() => Promise.reject(invalid('name')))
    expect(f.fieldErrors.name).toBeTruthy()
    await f.submit(() => Promise.reject(invalid('other')))
    expect(f.fieldErrors.name).toBeUndefined()
    expect(showError).toHaveBeenCalledTimes(1)
  })

  it('keeps every detail and rewrites nested fields with an alias', async () => {
    const f = useFormSubmit({ fields: ['items', 'targets'], alias: decisionFieldAlias, listsDetails: true })
    const e = new ApiError(422, {
      code: 'CATALOG_DELEGATION_OVERLAP',
      message: '决定有2处问题，未登记',
      details: [
        { code: 'X', field: 'delegations[0].items', message: '事项CSGL-CF-001已下放' },
        { code: 'X', field: 'delegations[0].targets', message: '不是乡镇执法办公室' },
      ],
    })
    await f.submit(() => Promise.reject(e))
    expect(f.fieldErrors).toEqual({ items: '事项CSGL-CF-001已下放', targets: '不是乡镇执法办公室' })
    expect(f.details.value).toHaveLength(2)
    expect(showError).not.toHaveBeenCalled()
  })

  it('reset clears errors and the form validation state', async () => {
    const form = formRef(true)
    const f = useFormSubmit({ fields: ['name'], formRef: form })
    f.setErrors({ name: '必填', other: undefined })
    expect(f.fieldErrors).toEqual({ name: '必填' })
    f.reset()
    expect(f.fieldErrors).toEqual({})
    expect(form.value?.clearValidate).toHaveBeenCalled()
  })
})
