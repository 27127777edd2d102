// 下放的承接主体（行政处罚法 第二十四条）：乡镇人民政府、街道办事处，与后端 catalog.townshipBody
// 同一规则——机构类型为人民政府，所在区划为乡级，区划代码第7–9位 001–099 为街道、100–399 为乡镇
// （400 以上为开发区等类似乡级单位，其管理委员会不能承接下放）。

export type TownshipBody = '乡镇人民政府' | '街道办事处' | ''

export function townshipBody(kind: string, regionCode: string): TownshipBody {
  if (kind !== 'government' || !/^\d{12}$/.test(regionCode)) return ''
  if (regionCode.slice(6, 9) === '000' || regionCode.slice(9) !== '000') return ''
  const serial = Number(regionCode.slice(6, 9))
  if (serial >= 1 && serial <= 99) return '街道办事处'
  if (serial >= 100 && serial <= 399) return '乡镇人民政府'
  return ''
}
