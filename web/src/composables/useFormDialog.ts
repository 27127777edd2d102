// 表单对话框的共同流程：每次打开时按初值重填表单并清除上次的错误；提交走 useFormSubmit（校验、保存中、
// 后端错误就近显示）；成功后通知调用方并关闭。界面见 components/FormDialog.vue。
import { reactive, ref, watch } from 'vue'
import { useFormSubmit, type FormSubmitOptions, type SubmitOptions, type SubmitResult, type ValidatableForm } from './useFormSubmit'

export interface FormDialogOptions<F extends object> extends Omit<FormSubmitOptions, 'formRef'> {
  /** 对话框是否打开，通常为 () => props.modelValue。 */
  open: () => boolean
  /** 关闭对话框，通常为 () => emit('update:modelValue', false)。 */
  close: () => void
  /** 表单初值：创建时取一次，此后每次打开时重取（表单中初值没有的键被删去）。 */
  values: () => F
  /** 打开时另做的事，如载入代码表。 */
  onOpen?: () => void
}

export interface SaveOptions<T> extends SubmitOptions<T> {
  /** 成功后、关闭前调用，如 emit('saved', value)。 */
  done?: (value: T) => void
}

export function useFormDialog<F extends object>(options: FormDialogOptions<F>) {
  const formRef = ref<ValidatableForm>()
  const form = reactive({ ...options.values() }) as F
  const submitter = useFormSubmit({
    get fields() {
      return options.fields
    },
    alias: options.alias,
    listsDetails: options.listsDetails,
    formRef,
  })

  function fill(values: F): void {
    const target = form as Record<string, unknown>
    for (const k of Object.keys(target)) if (!(k in values)) delete target[k]
    Object.assign(target, values)
  }

  watch(options.open, (open) => {
    if (!open) return
    options.onOpen?.()
    fill(options.values())
    submitter.reset()
  })

  /** 提交；成功时调用 done 并关闭对话框。 */
  async function save<T>(action: () => Promise<T>, opts: SaveOptions<T> = {}): Promise<SubmitResult<T>> {
    const result = await submitter.submit(action, opts)
    if (result.ok) {
      opts.done?.(result.value)
      options.close()
    }
    return result
  }

  return { ...submitter, form, formRef, save, isOpen: options.open, close: options.close }
}

/** FormDialog 组件用到的部分。 */
export type FormDialogState = Pick<ReturnType<typeof useFormDialog<object>>, 'form' | 'formRef' | 'saving' | 'isOpen' | 'close'>
