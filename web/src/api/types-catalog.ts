// 权责清单（internal/catalog）与裁量基准（internal/discretion）的接口类型，取自由服务端 OpenAPI
// 文档生成的 schema.ts（make generate）。金额一律为整数“分”（*Fen），倍数为百分数（1000 = 10倍）。

import type { components } from './schema'

type S = components['schemas']

// ---- 版本化记录的生命周期（internal/platform/lifecycle）：事项版本与裁量基准共用 ----
/** 版本状态：草稿、已发布、已废止。 */
export type VersionStatus = S['lifecycle.Status']
/** 版本在某日的状态：草稿、待施行、现行有效、已被替代、已废止。 */
export type VersionState = S['lifecycle.State']
/** 发布草稿：生效日期、文号、文件标题（可选）及读取时的 revision。 */
export type PublishInput = S['lifecycle.PublishInput']
/** 废止已发布的版本：effectiveTo（废止日，不含）、理由、文号及读取时的 revision。 */
export type RepealInput = S['lifecycle.RepealInput']

// ---- 权责清单：代码表 ----
export type ItemType = S['catalog.ItemType']
export type ItemCategory = S['catalog.Category']
export type ItemLevel = S['catalog.Level']
export type ItemStatus = VersionStatus
/** 行使方式：主管部门自行行使 / 划转 / 下放。 */
export type ExerciseMode = S['catalog.Mode']

export type CatalogDomain = S['catalog.Domain']
export type CatalogMeta = S['catalog.Meta']

/** 结构化法律依据：《law》（edition）第 article 条第 paragraph 款第（item）项：text。 */
export type Citation = S['law.Citation']
/** 法定罚款幅度：金额（分）和/或倍数（百分数），无界为 null。 */
export type Fine = S['catalog.Fine']

export type CatalogItem = S['catalog.Item']
export type CatalogVersion = S['catalog.Version']
export type VersionSummary = S['catalog.VersionSummary']
/** 一次划转或下放及其收回情况。 */
export type Assignment = S['catalog.Assignment']
export type CatalogDetail = S['catalog.Detail']

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

/** 新增事项、新增版本的请求体。 */
export type CatalogItemInput = S['catalog.Input']
/** 修改草稿：内容及读取时草稿的 revision。 */
export type CatalogDraftInput = S['catalog.DraftInput']

export type OrgRef = S['catalog.OrgRef']
export type DecisionRef = S['catalog.DecisionRef']
/** 行使主体查询结果（谁来行使）。 */
export type Exercise = S['catalog.Exercise']
export type OrgItem = S['catalog.OrgItem']
export type CountEntry = S['catalog.Count']
export type OrgItems = S['catalog.OrgItems']
export type OrgDiff = S['catalog.OrgDiff']
export type Decision = S['catalog.Decision']
export type DecisionDetail = S['catalog.DecisionDetail']
export type MoveInput = S['catalog.MoveInput']
export type RevokeInput = S['catalog.RevokeInput']
export type DecisionInput = S['catalog.DecisionInput']
export type RevokeDecisionInput = S['catalog.RevokeDecisionInput']
export type CatalogProblem = S['catalog.Problem']
export type CatalogChecksReport = S['catalog.Report']

// ---- 公众门户 ----
export type PublicCatalogItem = S['catalog.PublicItem']
export type PublicCatalogVersion = S['catalog.PublicVersion']
export type PublicDelegation = S['catalog.PublicDelegation']
export type PublicCatalogDetail = S['catalog.PublicDetail']

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
export type TierLevel = S['discretion.Level']
export type BenchmarkStatus = VersionStatus
export type BenchmarkState = VersionState

export type Condition = S['discretion.Condition']
export type ConditionKind = Condition['kind']
export type HarmLevel = S['discretion.Facts']['harm']
export type Standard = S['discretion.Standard']
export type StandardKind = Standard['kind']
export type Tier = S['discretion.Tier']
export type StatuteRange = S['discretion.Range']
export type Provision = S['discretion.Provision']
export type NoPenaltyEntry = S['discretion.NoPenaltyEntry']
export type NoPenaltyKind = NoPenaltyEntry['kind']
/** 并处措施（没收违法所得、没收非法财物、吊销许可证件、限期拆除 …）。 */
export type Measure = S['discretion.Measure']
/** 回溯期：n 年、n 个月或 n 日（按日历计算）。 */
export type LookbackPeriod = S['discretion.Period']
/** 违法行为要件（经责令改正拒不改正）。 */
export type Precondition = S['discretion.Precondition']
/** 校验提醒（辖区划分规则设为“提醒”的问题）。 */
export type BenchmarkProblem = S['discretion.Problem']

/** 裁量基准的内容：违法行为要件、处罚条款、阶次与不予处罚清单（草稿、建议与公开的基准共有）。 */
export type BenchmarkContent = Pick<S['discretion.Input'], 'precondition' | 'provisions' | 'tiers' | 'noPenalty'>

export type Statute = S['discretion.Statute']
export type BenchmarkSummary = S['discretion.Summary']
export type Benchmark = S['discretion.Benchmark']
export type BenchmarkDetail = S['discretion.Detail']
export type BenchmarkInput = S['discretion.Input']
/** 修改草稿：内容及读取时草稿的 revision。 */
export type BenchmarkUpdateInput = S['discretion.UpdateInput']

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

export type DiscretionRules = S['discretion.Rules']
export type DiscretionVocabulary = S['discretion.Vocabulary']
export type Proposal = S['discretion.Proposal']
/** 案件事实（POST /discretion/evaluate 的 facts）。金额为分，未知为省略。 */
export type Facts = S['discretion.Facts']
export type EvaluateRequest = S['discretion.EvaluateRequest']
export type EvaluateMatch = S['discretion.Match']
export type EvaluateResult = S['discretion.Result']
export type MeasureResult = S['discretion.MeasureResult']
export type PriorUse = S['discretion.PriorUse']
/** 公开的裁量基准（行政处罚法第三十四条）。 */
export type PublishedBenchmark = S['discretion.Published']
