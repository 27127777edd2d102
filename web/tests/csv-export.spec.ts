import { describe, expect, it, vi } from 'vitest'
import { csvEscape, PEOPLE_TEMPLATE, REGION_TEMPLATE, templateCsv, toCsv } from '@/utils/csv'
import { exportFileName, fetchAllPages, toSheetRows, type ExportColumn } from '@/utils/export'
import type { Page } from '@/api/types'

describe('CSV templates', () => {
  it('regions template has the import column names', () => {
    expect(templateCsv(REGION_TEMPLATE)).toBe('\uFEFFcode,name,parentCode\r\n')
  })

  it('people template has the import column names in order', () => {
    expect(templateCsv(PEOPLE_TEMPLATE)).toBe(
      '\uFEFFname,idNumber,phone,postOrgName,workOrgName,postType,position,frontline,certNumber,certDomains,certValidFrom,certValidTo\r\n',
    )
  })
})

describe('csvEscape / toCsv', () => {
  it('quotes commas, quotes and newlines', () => {
    expect(csvEscape('a,b')).toBe('"a,b"')
    expect(csvEscape('say "hi"')).toBe('"say ""hi"""')
    expect(csvEscape('line1\nline2')).toBe('"line1\nline2"')
    expect(csvEscape(null)).toBe('')
  })

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(csvEscape('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvEscape('@cmd')).toBe("'@cmd")
    expect(csvEscape('-12.5')).toBe('-12.5')
  })

  it('joins rows with CRLF', () => {
    expect(toCsv([['a', 1], ['b', true]])).toBe('a,1\r\nb,true\r\n')
  })
})

interface Row {
  name: string
  n?: number
  cert: { validTo: string } | null
}

const columns: ExportColumn<Row>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '数量', value: (r) => r.n },
  { header: '有效期至', value: (r) => r.cert?.validTo ?? '' },
]

describe('toSheetRows', () => {
  it('maps rows to header + cells, undefined and NaN become empty', () => {
    expect(
      toSheetRows(
        [
          { name: '张三', n: 3, cert: { validTo: '2027-01-01' } },
          { name: '李四', n: Number.NaN, cert: null },
          { name: '王五', cert: null },
        ],
        columns,
      ),
    ).toEqual([
      ['姓名', '数量', '有效期至'],
      ['张三', 3, '2027-01-01'],
      ['李四', null, ''],
      ['王五', null, ''],
    ])
  })
})

describe('fetchAllPages', () => {
  function pager(total: number) {
    return vi.fn(async (page: number, pageSize: number): Promise<Page<number>> => {
      const start = (page - 1) * pageSize
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i)
      return { items, total, page, pageSize }
    })
  }

  it('fetches every page with pageSize 500', async () => {
    const fetch = pager(1234)
    const res = await fetchAllPages(fetch)
    expect(res.items).toHaveLength(1234)
    expect(res.truncated).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(fetch.mock.calls.map((c) => c[1])).toEqual([500, 500, 500])
  })

  it('stops on an empty page even if total is wrong', async () => {
    const fetch = vi.fn(async (page: number, pageSize: number): Promise<Page<number>> => ({
      items: page === 1 ? [1, 2] : [],
      total: 10,
      page,
      pageSize,
    }))
    const res = await fetchAllPages(fetch)
    expect(res.items).toEqual([1, 2])
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('truncates at the row limit', async () => {
    const res = await fetchAllPages(pager(2000), 500, 1000)
    expect(res.items).toHaveLength(1000)
    expect(res.truncated).toBe(true)
  })
})

describe('exportFileName', () => {
  it('stamps the date and strips illegal characters', () => {
    expect(exportFileName('人员/名单', new Date(2026, 0, 5, 9, 7))).toBe('人员_名单-20260105-0907.xlsx')
  })
})
