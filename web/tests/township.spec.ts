import { describe, expect, it } from 'vitest'
import { townshipBody } from '@/utils/township'

describe('township bodies that receive delegations', () => {
  it('tells township governments from street offices by the statistics code, as the server does', () => {
    expect(townshipBody('government', '371521112000')).toBe('乡镇人民政府')
    expect(townshipBody('government', '371521203000')).toBe('乡镇人民政府') // 乡
    expect(townshipBody('government', '371521001000')).toBe('街道办事处')
    expect(townshipBody('government', '371521400000')).toBe('') // a development zone's committee
    expect(townshipBody('government', '371521000000')).toBe('') // the county government
    expect(townshipBody('township_office', '371521112000')).toBe('') // the working body, not the subject
    expect(townshipBody('government', '371521112201')).toBe('') // a village
  })
})
