import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import StatusTag from '@/components/StatusTag.vue'
import { accountRequestStatus, accountStatus } from '@/utils/status'

describe('status tags', () => {
  it('names an account by its state, disabled before locked', () => {
    expect(accountStatus({ disabled: true, locked: true })).toEqual({ label: '已停用', type: 'info' })
    expect(accountStatus({ disabled: false, locked: true })).toEqual({ label: '已锁定', type: 'danger' })
    expect(accountStatus({ disabled: false, locked: false })).toEqual({ label: '正常', type: 'success' })
  })

  it('names the states of an account change request, and shows an unknown code as it is', () => {
    expect(accountRequestStatus('pending')).toEqual({ label: '待审批', type: 'warning' })
    expect(accountRequestStatus('rejected').label).toBe('未批准')
    expect(accountRequestStatus('withdrawn')).toEqual({ label: 'withdrawn', type: 'primary' })
  })

  it('renders the label in the colour of its type', () => {
    const w = mount(StatusTag, { props: { tag: { label: '已锁定', type: 'danger' } } })
    expect(w.text()).toBe('已锁定')
    expect(w.find('.el-tag').classes()).toContain('el-tag--danger')
  })
})
