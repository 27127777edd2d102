import { describe, expect, it } from 'vitest'
import type { CatalogVersion } from '@/api/types'
import { applyFine, describeFine, emptyItemForm, itemFormToInput, noFine, versionToInput, versionToItemForm } from '@/utils/catalogForm'

const version: CatalogVersion = {
  id: 'v1',
  itemId: 'i1',
  regionCode: '371521000000',
  version: 1,
  state: 'in_force',
  revision: 2,
  status: 'published',
  statusName: '已发布',
  effectiveFrom: '2021-01-01',
  effectiveTo: '',
  docNo: '阳政办发〔2020〕35号',
  name: '对排放油烟的行政处罚',
  type: 'penalty',
  typeName: '行政处罚',
  domain: '生态环境',
  category: 'general',
  categoryName: '一般性',
  level: 'county',
  levelName: '县级',
  ownerOrgId: 'o1',
  ownerOrgName: '生态环境分局',
  violatedBasis: [{ law: '中华人民共和国大气污染防治法', article: 81, paragraph: 1, text: '……' }],
  penaltyBasis: [{ law: '中华人民共和国大气污染防治法', article: 118, paragraph: 1, text: '……' }],
  penaltyKinds: ['罚款', '责令停产停业'],
  fine: { minFen: 500000, maxFen: 5000000, multipleMin: null, multipleMax: null, multipleBase: '', unit: '', perUnitMinFen: null, perUnitMaxFen: null },
  superviseDuties: ['日常监管', '发现移送'],
  enforceDuties: ['立案查处'],
  note: '',
  createdAt: '',
  createdBy: '',
  publishedAt: '',
  docTitle: '',
  repealReason: '',
  repealDocNo: '',
}

describe('item form', () => {
  it('fills the form from a version in yuan and one duty per line', () => {
    const f = versionToItemForm('CSGL-CF-014', version, false)
    expect(f.fineMinYuan).toBe(5000)
    expect(f.fineMaxYuan).toBe(50000)
    expect(f.superviseDuties).toBe('日常监管\n发现移送')
    expect(f.effectiveFrom).toBe('')
    expect(f.docNo).toBe('')
    expect(versionToItemForm('X', version, true).docNo).toBe('阳政办发〔2020〕35号')
  })

  it('converts the form back to the API input in fen and percent', () => {
    const f = { ...versionToItemForm('CSGL-CF-014', version, true), multipleMin: 0.05, multipleMax: 10, multipleBase: '违法所得', enforceDuties: ' 立案 \n\n 处罚 ' }
    const input = itemFormToInput(f, true)
    expect(input.code).toBe('CSGL-CF-014')
    expect(input.fine).toEqual({
      minFen: 500000,
      maxFen: 5000000,
      multipleMin: 5,
      multipleMax: 1000,
      multipleBase: '违法所得',
      unit: '',
      perUnitMinFen: null,
      perUnitMaxFen: null,
    })
    expect(input.enforceDuties).toEqual(['立案', '处罚'])
    expect(itemFormToInput(f, false)).not.toHaveProperty('code')
  })

  it('sends no penalty kinds or fine for items that are not penalties', () => {
    const f = { ...emptyItemForm(), type: 'inspection' as const, penaltyKinds: ['罚款'], fineMaxYuan: 100, multipleBase: '违法所得' }
    const input = itemFormToInput(f, true)
    expect(input.penaltyKinds).toEqual([])
    expect(input.fine).toEqual(noFine())
  })

  it('keeps a published version unchanged when re-sent', () => {
    expect(versionToInput(version)).toMatchObject({ name: version.name, fine: version.fine, effectiveFrom: '2021-01-01' })
  })

  it('describes the statutory fine like the backend', () => {
    expect(describeFine(version.fine)).toBe('5,000元至5万元')
    expect(describeFine({ ...noFine(), maxFen: 2000000 })).toBe('2万元以下')
    expect(describeFine({ ...noFine(), multipleMin: 5, multipleMax: 1000, multipleBase: '建设工程造价' })).toBe('建设工程造价5%至10倍')
    expect(describeFine({ ...noFine(), multipleMin: 100, multipleMax: 200, multipleBase: '赔偿额' })).toBe('赔偿额1倍至2倍')
    expect(describeFine(noFine())).toBe('未规定罚款幅度')
    expect(describeFine({ ...noFine(), unit: '平方米', perUnitMinFen: 100000, perUnitMaxFen: 100000 })).toBe('每平方米1,000元')
    expect(describeFine({ ...noFine(), unit: '处', perUnitMinFen: 500000, perUnitMaxFen: 2000000, maxFen: 10000000 })).toBe(
      '每处5,000元至2万元（总额不超过10万元）',
    )
  })

  it('sends a per-unit fine with its unit, and none without one', () => {
    const f = { ...emptyItemForm(), unit: '处', unitMinYuan: 5000, unitMaxYuan: 20000, fineMaxYuan: 100000 }
    expect(itemFormToInput(f, true).fine).toMatchObject({ unit: '处', perUnitMinFen: 500000, perUnitMaxFen: 2000000, maxFen: 10000000 })
    expect(itemFormToInput({ ...f, unit: ' ' }, true).fine).toMatchObject({ unit: '', perUnitMinFen: null, perUnitMaxFen: null })
    const g = emptyItemForm()
    applyFine(g, { ...noFine(), unit: '平方米', perUnitMinFen: 100000, perUnitMaxFen: 100000 })
    expect([g.unit, g.unitMinYuan, g.unitMaxYuan, g.fineMaxYuan]).toEqual(['平方米', 1000, 1000, null])
  })
})
