import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import FilterBar from '@/components/FilterBar.vue'
import PagedTable from '@/components/PagedTable.vue'
import NotFoundView from '@/views/NotFoundView.vue'
import type { ExportColumn } from '@/utils/export'

function fakeTable() {
  return {
    rows: ref([{ id: 1, name: '张三' }]),
    total: ref(1),
    loading: ref(false),
    page: ref(1),
    pageSize: ref(20),
    exporting: ref(false),
    search: vi.fn(async () => {}),
    reset: vi.fn(async () => {}),
    exportAll: vi.fn(async () => {}),
    defaultSort: () => undefined,
    onSortChange: vi.fn(),
    onPageChange: vi.fn(),
    onSizeChange: vi.fn(),
  }
}

const buttons = (w: ReturnType<typeof mount>) => w.findAll('button').map((b) => b.text())

describe('FilterBar', () => {
  it('offers query, reset and export, and searches on submit', async () => {
    const table = fakeTable()
    const columns: ExportColumn<unknown>[] = [{ header: '姓名', value: (r) => (r as { name: string }).name }]
    const w = mount(FilterBar, { props: { table, exportTitle: '执法人员', exportColumns: columns }, slots: { default: '<input class="q" />' } })
    expect(w.find('input.q').exists()).toBe(true)
    expect(buttons(w)).toEqual(['查询', '重置', '导出Excel'])
    await w.find('form').trigger('submit')
    expect(table.search).toHaveBeenCalledTimes(1)
    await w.findAll('button')[1]!.trigger('click')
    expect(table.reset).toHaveBeenCalledTimes(1)
    await w.findAll('button')[2]!.trigger('click')
    expect(table.exportAll).toHaveBeenCalledWith('执法人员', columns)
  })

  it('can run its own query, leave out reset, or show no buttons at all', async () => {
    const table = fakeTable()
    const search = vi.fn()
    const w = mount(FilterBar, { props: { table, search, resettable: false } })
    expect(buttons(w)).toEqual(['查询'])
    await w.find('form').trigger('submit')
    expect(search).toHaveBeenCalledTimes(1)
    expect(table.search).not.toHaveBeenCalled()
    expect(buttons(mount(FilterBar, { props: { table, buttons: false } }))).toEqual([])
  })
})

describe('PagedTable', () => {
  it('hands its attributes to the table and pages below it', async () => {
    const table = fakeTable()
    const w = mount(PagedTable, {
      props: { table },
      attrs: { 'data-testid': 'people-table', 'empty-text': '暂无人员' },
    })
    expect(w.find('[data-testid="people-table"]').classes()).toContain('el-table')
    expect(w.find('.table-footer .el-pagination').exists()).toBe(true)
  })
})

describe('NotFoundView', () => {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  const view = (props: Record<string, string>) => mount(NotFoundView, { props, global: { plugins: [router] } })

  it('says the page does not exist by default', () => {
    const w = view({})
    expect(w.get('[data-testid="not-found"]').text()).toContain('页面不存在')
    expect(buttons(w)).toEqual(['返回工作台'])
  })

  it('says which record is missing or out of reach, and goes back to its list', () => {
    const w = view({ record: '人员', backTo: '/people' })
    expect(w.text()).toContain('不存在或无权查看')
    expect(w.text()).toContain('该人员不存在，或不在您的管辖范围内。')
    expect(buttons(w)).toEqual(['返回人员列表'])
  })

  it('keeps titles given by the page', () => {
    const w = view({ title: '裁量基准不存在或无权查看', backTo: '/discretion', backText: '返回裁量基准' })
    expect(w.text()).toContain('裁量基准不存在或无权查看')
    expect(w.text()).toContain('您访问的页面不存在，请检查地址是否正确。')
    expect(buttons(w)).toEqual(['返回裁量基准'])
  })
})
