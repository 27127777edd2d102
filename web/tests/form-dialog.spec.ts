import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick, reactive, ref } from 'vue'
import FormDialog from '@/components/FormDialog.vue'
import type { ValidatableForm } from '@/composables/useFormSubmit'

function fakeDialog(open = true) {
  const isOpen = ref(open)
  return {
    form: reactive({ name: '' }),
    formRef: ref<ValidatableForm>(),
    saving: ref(false),
    isOpen: () => isOpen.value,
    close: vi.fn(() => {
      isOpen.value = false
    }),
  }
}

const dialogButtons = () => [...document.body.querySelectorAll('.el-dialog__footer button')].map((b) => b.textContent?.trim())

afterEach(() => {
  document.body.innerHTML = ''
})

describe('FormDialog', () => {
  it('shows the form with cancel and save, submits, and binds the form for validation', async () => {
    const dialog = fakeDialog()
    const w = mount(FormDialog, {
      props: { dialog, title: '新增机构', confirmTestId: 'save' },
      slots: { default: '<input class="name" />', intro: '<p class="intro">说明</p>' },
      attachTo: document.body,
    })
    await flushPromises()
    expect(document.body.querySelector('.el-dialog__title')?.textContent).toBe('新增机构')
    expect(document.body.querySelector('.intro')).not.toBeNull()
    expect(document.body.querySelector('form input.name')).not.toBeNull()
    expect(dialogButtons()).toEqual(['取消', '保存'])
    expect(typeof dialog.formRef.value?.validate).toBe('function')

    ;(document.body.querySelector('[data-testid="save"]') as HTMLButtonElement).click()
    expect(w.emitted('submit')).toHaveLength(1)
    ;(document.body.querySelector('.el-dialog__footer button') as HTMLButtonElement).click()
    expect(dialog.close).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('can leave out cancel and name its confirm button', async () => {
    const dialog = fakeDialog()
    const w = mount(FormDialog, {
      props: { dialog, title: '修改密码', cancelable: false, confirmText: '确定' },
      attachTo: document.body,
    })
    await nextTick()
    expect(dialogButtons()).toEqual(['确定'])
    w.unmount()
  })
})
