// 表单提交的共同流程：清除旧错误 → 前端校验 → 保存中 → 调用接口 → 成功提示；
// 失败时把后端的 field / details 映射到表单项旁（mapErrorToForm），无法定位的错误用全局提示。
import { reactive, ref, shallowRef, type Ref } from 'vue'
import { isApiError } from '@/api/http'
import type { ApiErrorDetail } from '@/api/types'
import { mapErrorToForm, type FieldAlias } from '@/utils/errors'
import { showError, showSuccess } from './feedback'

/** el-form 实例中用到的部分（便于单元测试替身）。 */
export interface ValidatableForm {
  validate: () => Promise<unknown>
  clearValidate: (props?: string | string[]) => void
}

export interface FormSubmitOptions {
  /** 表单字段名（el-form-item 的 prop），后端错误按这些名字就近显示。 */
  fields: readonly string[]
  formRef?: Ref<ValidatableForm | undefined>
  /** 后端字段名的改写，如 delegations[0].targets → targets。 */
  alias?: FieldAlias
  /** 表单自行列出全部明细（details）时，有明细的错误不再弹出全局提示。 */
  listsDetails?: boolean
}

export interface SubmitOptions<T> {
  /** 成功提示；缺省不提示。 */
  success?: string | ((result: T) => string)
  /** 是否先做前端校验（默认 true，有 formRef 时生效）。 */
  validate?: boolean
}

export type SubmitResult<T> = { ok: true; value: T } | { ok: false }

export function useFormSubmit(options: FormSubmitOptions) {
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})
  /** 后端返回的全部明细（逐行、逐项的问题），供错误清单展示。 */
  const details = shallowRef<ApiErrorDetail[]>([])

  function clearErrors(): void {
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k]
    details.value = []
  }

  /** 打开对话框时调用：清除后端错误与前端校验提示。 */
  function reset(): void {
    clearErrors()
    options.formRef?.value?.clearValidate()
  }

  function setErrors(errors: Record<string, string | undefined>): void {
    for (const [k, v] of Object.entries(errors)) if (v) fieldErrors[k] = v
  }

  async function submit<T>(action: () => Promise<T>, opts: SubmitOptions<T> = {}): Promise<SubmitResult<T>> {
    clearErrors()
    const form = options.formRef?.value
    if (form && opts.validate !== false) {
      const valid = await form.validate().then(
        (v) => v !== false,
        () => false,
      )
      if (!valid) return { ok: false }
    }
    saving.value = true
    try {
      const value = await action()
      if (opts.success) showSuccess(typeof opts.success === 'function' ? opts.success(value) : opts.success)
      return { ok: true, value }
    } catch (e) {
      const mapped = mapErrorToForm(e, options.fields, options.alias)
      Object.assign(fieldErrors, mapped.fieldErrors)
      if (isApiError(e)) details.value = e.details
      const listed = options.listsDetails && isApiError(e) && e.details.length > 0
      if (mapped.message && !listed) showError(e)
      return { ok: false }
    } finally {
      saving.value = false
    }
  }

  return { saving, fieldErrors, details, submit, clearErrors, reset, setErrors }
}
