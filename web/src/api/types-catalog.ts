// 权责清单（internal/catalog）与裁量基准（internal/discretion）的接口类型；字段名与后端 JSON 标签一致。
// 金额一律为整数“分”（*Fen），倍数为百分数（1000 = 10倍）。

import type { CodeName } from './types'

// ---- 权责清单：代码表 ----
export type ItemType = 'penalty' | 'coercion' | 'inspection' | 'levy' | 'other'
export type ItemCategory = 'general' | 'professional'
export type ItemLevel = 'province' | 'city' | 'county' | 'township'
export type ItemStatus = 'draft' | 'published' | 'repealed'
/** 行使方式：主管部门自行行使 / 划转 / 下放。 */
export type ExerciseMode = 'owner' | 'transfer' | 'delegate'

export interface CatalogDomain {
  name: string
  sortOrder: number
  regionCode: string
}

export interface CatalogMeta {
  types: CodeName[]
  categories: CodeName[]
  levels: CodeName[]
  statuses: CodeName[]
  modes: CodeName[]
  penaltyKinds: string[]
  multipleBases: string[]
  domains: CatalogDomain[]
}

/** 结构化法律依据：《law》（edition）第 article 条第 paragraph 款第（item）项：text。 */
export interface Citation {
  law: string
  edition?: string
  article: number
  paragraph?: number
  item?: number
  text: string
}

/** 法定罚款幅度：金额（分）和/或倍数（百分数），无界为 null。 */
export interface Fine {
  minFen: number | null
  maxFen: number | null
  multipleMin: number | null
  multipleMax: number | null
  multipleBase: string
}

export interface CatalogItem {
  id: string
  regionCode: string
  code: string
  status: ItemStatus
  statusName: string
  pendingDraft: boolean
  versionId: string
  seq: number
  versionStatus: ItemStatus
  name: string
  type: ItemType
  typeName: string
  domain: string
  category: ItemCategory
  categoryName: string
  level: ItemLevel
  levelName: string
  ownerOrgId: string
  ownerOrgName: string
  effectiveFrom: string
  effectiveTo: string
  docNo: string
}

export interface CatalogVersion {
  id: string
  itemId: string
  regionCode: string
  seq: number
  status: ItemStatus
  statusName: string
  effectiveFrom: string
  effectiveTo: string
  docNo: string
  name: string
  type: ItemType
  typeName: string
  domain: string
  category: ItemCategory
  categoryName: string
  level: ItemLevel
  levelName: string
  ownerOrgId: string
  ownerOrgName: string
  violatedBasis: Citation[]
  penaltyBasis: Citation[]
  penaltyKinds: string[]
  fine: Fine
  superviseDuties: string[]
  enforceDuties: string[]
  note: string
  createdAt: string
  createdBy: string
  publishedAt: string
}

export interface VersionSummary {
  id: string
  seq: number
  status: ItemStatus
  statusName: string
  effectiveFrom: string
  effectiveTo: string
  docNo: string
  name: string
  note: string
  createdAt: string
  publishedAt: string
}

/** 一次划转或下放及其收回情况。 */
export interface Assignment {
  id: string
  itemId: string
  itemCode: string
  itemName: string
  decisionId: string
  decisionDocNo: string
  kind: ExerciseMode
  kindName: string
  fromOrgId: string
  fromOrgName: string
  targetOrgId: string
  targetOrgName: string
  placeCode: string
  partial: boolean
  partNote: string
  effectiveFrom: string
  effectiveTo: string
  revokedById: string
  revokedByDocNo: string
}

export interface CatalogDetail {
  item: CatalogItem
  asOf: string
  inForce: boolean
  version: CatalogVersion | null
  versions: VersionSummary[]
  assignments: Assignment[]
}

export interface CatalogListParams {
  page?: number
  pageSize?: number
  sort?: string
  order?: 'asc' | 'desc'
  q?: string
  domain?: string
  type?: ItemType | ''
  category?: ItemCategory | ''
  status?: ItemStatus | ''
  orgId?: string
  asOf?: string
  regionCode?: string
}

/** 新增事项、修改草稿、新增版本的请求体。 */
export interface CatalogItemInput {
  code?: string
  regionCode?: string
  name: string
  type: ItemType
  domain: string
  category: ItemCategory
  level: ItemLevel
  ownerOrgId: string
  violatedBasis: Citation[]
  penaltyBasis: Citation[]
  penaltyKinds: string[]
  fine: Fine
  superviseDuties: string[]
  enforceDuties: string[]
  effectiveFrom: string
  docNo: string
  note: string
}

export interface CatalogRepealInput {
  effectiveDate: string
  docNo: string
  reason: string
}

export interface OrgRef {
  id: string
  name: string
  kind: string
}

export interface DecisionRef {
  id: string
  docNo: string
  title: string
  effectiveDate: string
}

/** 行使主体查询结果（谁来行使）。 */
export interface Exercise {
  item: { id: string; code: string; name: string; regionCode: string }
  version: { id: string; seq: number; effectiveFrom: string; effectiveTo: string; docNo: string }
  place: string
  placeName: string
  date: string
  body: OrgRef
  mode: ExerciseMode
  modeName: string
  decision: DecisionRef | null
  assignmentId: string
  partial: boolean
  partNote: string
  remainder: OrgRef | null
  explanation: string
  warnings: string[]
}

export interface OrgItem {
  itemId: string
  code: string
  name: string
  type: ItemType
  typeName: string
  domain: string
  mode: ExerciseMode
  modeName: string
  partial: boolean
  partNote: string
  decisionId: string
  docNo: string
  placeCode: string
  delegatedTo: number
  versionId: string
  effectiveFrom: string
}

export interface CountEntry {
  code: string
  name: string
  count: number
}

export interface OrgItems {
  org: OrgRef
  date: string
  total: number
  byDomain: CountEntry[]
  byType: CountEntry[]
  items: OrgItem[]
  page: number
  pageSize: number
}

export interface OrgDiff {
  org: OrgRef
  from: string
  to: string
  gained: OrgItem[]
  lost: OrgItem[]
}

export interface Decision {
  id: string
  regionCode: string
  docNo: string
  title: string
  effectiveDate: string
  note: string
  createdAt: string
  transfers: number
  delegations: number
  revocations: number
}

export interface DecisionDetail extends Decision {
  made: Assignment[]
  revoked: Assignment[]
}

export interface MoveInput {
  items: string[]
  targets: string[]
  partial: boolean
  partNote: string
}

export interface RevokeInput {
  items: string[]
  targets: string[]
  kind: '' | 'transfer' | 'delegate'
  assignmentIds: string[]
}

export interface DecisionInput {
  docNo: string
  title: string
  effectiveDate: string
  note: string
  transfers: MoveInput[]
  delegations: MoveInput[]
  revocations: RevokeInput[]
}

export interface RevokeDecisionInput {
  docNo: string
  title: string
  effectiveDate: string
  note: string
  items: string[]
  targets: string[]
}

export interface CatalogProblem {
  code: string
  severity: 'error' | 'warning'
  itemId?: string
  itemCode?: string
  itemName?: string
  field?: string
  message: string
  rule?: string
}

export interface CatalogChecksReport {
  date: string
  items: number
  errors: number
  warnings: number
  byCode: Record<string, number>
  problems: CatalogProblem[]
}

// ---- 公众门户 ----
export interface PublicCatalogItem {
  id: string
  code: string
  name: string
  type: ItemType
  typeName: string
  domain: string
  category: ItemCategory
  categoryName: string
  level: ItemLevel
  levelName: string
  body: OrgRef
  mode: ExerciseMode
  modeName: string
  partial: boolean
  /** 今日下放的乡镇（街道）数。 */
  delegatedTo: number
  owner: OrgRef
  effectiveFrom: string
  docNo: string
}

export interface PublicCatalogVersion {
  seq: number
  effectiveFrom: string
  docNo: string
  violatedBasis: Citation[]
  penaltyBasis: Citation[]
  penaltyKinds: string[]
  fine: Fine
  fineText: string
  superviseDuties: string[]
  enforceDuties: string[]
}

export interface PublicDelegation {
  office: OrgRef
  placeCode: string
  docNo: string
  effectiveFrom: string
}

export interface PublicCatalogDetail {
  item: PublicCatalogItem
  version: PublicCatalogVersion
  delegations: PublicDelegation[]
}

export interface PublicCatalogParams {
  page?: number
  pageSize?: number
  q?: string
  domain?: string
  type?: string
  orgId?: string
  township?: string
}

// ---- 裁量基准 ----
export type TierLevel = 'no_penalty' | 'mitigated' | 'lighter' | 'general' | 'heavier'
export type BenchmarkStatus = 'draft' | 'published' | 'repealed'
export type BenchmarkState = 'draft' | 'scheduled' | 'in_force' | 'expired' | 'repealed'
export type ConditionKind =
  | 'first_offence'
  | 'prior_count'
  | 'harm'
  | 'corrected_promptly'
  | 'refused_correction'
  | 'threatened_staff'
  | 'serious_consequences'
  | 'illegal_gains'
  | 'goods_value'
  | 'units'
  | 'note'
export type HarmLevel = 'none' | 'minor' | 'general' | 'serious'
export type StandardKind = 'warning' | 'fixed' | 'range' | 'multiple' | 'percent' | 'per_unit'
export type NoPenaltyKind = 'minor' | 'first' | 'no_fault'

export interface Condition {
  kind: ConditionKind | string
  not?: boolean
  minCount?: number
  maxCount?: number
  lookbackDays?: number
  harm?: string[]
  withinDays?: number
  minFen?: number
  maxFen?: number
  minUnits?: number
  maxUnits?: number
  text?: string
}

export interface Standard {
  kind: StandardKind | string
  warning?: boolean
  minFen: number
  maxFen: number
  multipleMinPct: number
  multipleMaxPct: number
  base?: string
  unit?: string
  perUnitMinFen: number
  perUnitMaxFen: number
  measures: string[]
}

export interface Tier {
  level: TierLevel | string
  provision?: string
  match?: 'all' | 'any' | string
  conditions: Condition[]
  standard: Standard
  description?: string
}

export interface StatuteRange {
  fineMinFen: number
  fineMaxFen: number
  multipleMinPct: number
  multipleMaxPct: number
  multipleBase: string
}

export interface Provision {
  key: string
  label: string
  when: Condition[]
  range: StatuteRange
}

export interface NoPenaltyEntry {
  kind: NoPenaltyKind | string
  conditions: Condition[]
  education: string
  basis?: string
}

export interface BenchmarkContent {
  provisions: Provision[]
  tiers: Tier[]
  noPenalty: NoPenaltyEntry[]
}

export interface Statute {
  itemId: string
  itemCode: string
  itemName: string
  versionId: string
  effectiveFrom?: string
  citation?: string
  penaltyKinds: string[]
  fineMinFen: number
  fineMaxFen: number
  multipleMinPct: number
  multipleMaxPct: number
  multipleBase: string
}

export interface BenchmarkSummary {
  id: string
  regionCode: string
  regionName: string
  itemId: string
  itemCode: string
  itemName: string
  version: number
  status: BenchmarkStatus
  state: BenchmarkState
  title: string
  docNumber: string
  effectiveFrom: string
  effectiveTo: string
  updatedAt: string
}

export interface Benchmark extends BenchmarkContent {
  id: string
  regionCode: string
  regionName: string
  itemId: string
  itemCode: string
  itemName: string
  version: number
  status: BenchmarkStatus
  state: BenchmarkState
  title: string
  docNumber: string
  effectiveFrom: string
  effectiveTo: string
  statute: Statute | null
  note: string
  repealReason?: string
  createdAt: string
  updatedAt: string
  publishedAt?: string
}

export interface BenchmarkDetail extends Benchmark {
  history: BenchmarkSummary[]
}

export interface BenchmarkInput extends BenchmarkContent {
  itemId: string
  regionCode: string
  title: string
  note: string
}

export interface BenchmarkListParams {
  page?: number
  pageSize?: number
  sort?: string
  order?: 'asc' | 'desc'
  q?: string
  itemId?: string
  itemCode?: string
  status?: BenchmarkStatus | ''
  regionCode?: string
  inForce?: boolean | ''
  date?: string
}

export interface DiscretionRules {
  minSteps: number
  rangeLowPct: number
  rangeHighPct: number
  lighterMaxPct: number
  generalMinPct: number
  generalMaxPct: number
  basis: string
}

export interface EffectiveDiscretionRules extends DiscretionRules {
  regionCode: string
  /** 所采用配置的区划代码，或 national（全国默认）。 */
  source: string
  sourceName: string
  updatedAt?: string
}

export interface DiscretionVocabulary {
  levels: CodeName[]
  conditionKinds: CodeName[]
  harmLevels: CodeName[]
  standardKinds: CodeName[]
  noPenaltyKinds: CodeName[]
  bases: string[]
  national: DiscretionRules
}

export interface Proposal extends BenchmarkContent {
  statute: Statute
  rules: DiscretionRules
  notes: string[]
}

/** 案件事实（POST /discretion/evaluate 的 facts）。金额为分，未知为省略。 */
export interface Facts {
  firstOffence: boolean
  priorCount: number
  lookbackDays: number
  harm: HarmLevel | ''
  correctedPromptly: boolean
  refusedCorrection: boolean
  recurrenceDays?: number
  threatenedStaff: boolean
  seriousConsequences: boolean
  illegalGainsFen?: number
  goodsValueFen?: number
  illegalIncomeFen?: number
  projectCostFen?: number
  units?: number
  circumstances?: string[]
}

export interface EvaluateRequest {
  itemId: string
  actDate: string
  regionCode?: string
  facts: Facts
}

export interface EvaluateMatch {
  condition: string
  description: string
}

export interface EvaluateResult {
  benchmarkId: string
  version: number
  title: string
  docNumber: string
  regionCode: string
  itemId: string
  itemCode: string
  itemName: string
  citation: string
  provision?: string
  provisionLabel?: string
  tier: TierLevel
  tierName: string
  penalise: boolean
  /** 不予处罚时：true 应当不予处罚，false 可以不予处罚。 */
  mandatory: boolean
  noPenaltyKind?: NoPenaltyKind
  warning: boolean
  minFen: number
  maxFen: number
  standard: string
  measures: string[]
  matched: EvaluateMatch[]
  clamped: boolean
  reason: string
  educationRequired: boolean
  education?: string
  notes: string[]
  ifPenalised?: EvaluateResult
}

/** 公开的裁量基准（行政处罚法第三十四条）。 */
export interface PublishedBenchmark extends BenchmarkContent {
  id: string
  regionCode: string
  regionName: string
  itemCode: string
  itemName: string
  citation: string
  version: number
  title: string
  docNumber: string
  effectiveFrom: string
  effectiveTo: string
}
