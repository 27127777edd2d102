// 与后端 /api/v1 约定一致的共享类型：接口的请求体与响应体一律取自由服务端 OpenAPI 文档生成的
// schema.ts（make generate），这里只给生成的组件起控制台使用的名字；服务端与此处不一致时以服务端为准。
// 仅在控制台使用的类型（查询参数、界面状态）才在这里手写，且不描述服务端的数据。

import type { components } from './schema'

type S = components['schemas']

/** 路由参数中的编号（服务端的编号均为字符串）。 */
export type Id = string | number

/** 权限码：取自服务端 access 表（名称见 GET /meta 的 permissions）。 */
export type Permission = S['access.Permission']
/** 角色码：取自服务端 access 表（名称与权限见 GET /meta 的 roles）。 */
export type RoleCode = S['access.Role']

export type ApiErrorDetail = S['apperr.Detail']
export type ApiErrorPayload = S['apperr.Error']

/** 列表的统一外壳（服务端 httpx.List[T]）；下方的类型断言保证它与生成的各列表类型一致。 */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const pageMatchesServerLists: [
  Same<Page<S['people.Person']>, S['people.PersonList']>,
  Same<Page<S['account.Account']>, S['account.AccountList']>,
  Same<Page<S['catalog.Item']>, S['catalog.ItemList']>,
] = [true, true, true]
void pageMatchesServerLists

// ---- 查询参数（控制台拼装的查询串） ----

export type SortOrder = 'asc' | 'desc'

export interface ListParams {
  page?: number
  pageSize?: number
  sort?: string
  order?: SortOrder
  q?: string
}

/** 代码及其中文名（服务端各代码表的共同形状）。 */
export type CodeName = S['org.Option']

// ---- 认证 ----

export type SessionAccount = S['account.Account']
export type MeResponse = S['account.Me']
export type LoginResponse = S['account.Session']

// ---- 元数据 ----

export type RoleDef = S['access.RoleInfo']
export type PermissionDef = S['access.PermissionInfo']
export type Meta = S['server.Meta']

// ---- 行政区划 ----

export type Region = S['region.Region']
export type RegionLevel = Region['level']
export type RegionPathItem = S['region.Ref']
export type RegionDetail = S['region.Detail']

export interface RegionListParams extends ListParams {
  /** 空字符串表示“本人辖区的根节点”。 */
  parent?: string
  level?: RegionLevel | ''
}

// ---- 组织机构 ----

export type StaffQuota = S['org.Quota']
export type StaffFilled = S['org.Filled']
export type Org = S['org.Org']
export type OrgKind = S['org.Kind']
/** 乡镇（街道）执法办公室的类别：key 重点乡镇 / ordinary 一般乡镇；其他机构为空。 */
export type TownshipClass = Org['townshipClass']
/** 本机构及全部下级机构的编制与实有人数合计（局队合一：执法局连同所属大队、中队）。 */
export type StaffSubtree = S['org.Staffing']
export type OrgDetail = S['org.Org']
export type OrgTreeNode = S['org.Node']
export type OrgInput = S['org.Input']

export interface OrgListParams extends ListParams {
  kind?: string
  regionCode?: string
  parentId?: Id
}

export type ReformCheck = S['reform.Check']
export type ReformCheckKey = ReformCheck['key']
export type ReformReport = S['reform.Report']
/** GET /reform/summary：本辖区县级执法局与乡镇（街道）执法办公室的改革指标。 */
export type ReformOverview = S['reform.Overview']
/** GET /workbench/summary：工作台计数（不含任何人员信息，不记审计）；无相应权限的项为 null。 */
export type WorkbenchSummary = S['server.WorkbenchSummary']

// ---- 执法人员 ----

export type CertStatus = S['people.CertStatus']
export type Certificate = S['people.Certificate']
export type Person = S['people.Person']
export type PersonDetail = S['people.Detail']

export interface PeopleListParams extends ListParams {
  orgId?: Id
  subtree?: boolean
  frontline?: boolean
  certStatus?: CertStatus
  postType?: string
}

/** 新增人员的请求体。 */
export type PersonInput = S['people.Input']
/** 修改人员的请求体：身份证号留空表示保持原值；手机号为 null 表示保持原值，空串表示清除。 */
export type PersonEditInput = S['people.EditInput']
export type CertificateInput = S['people.CertInput']
/** 完整身份证号（POST /people/{id}/reveal-id，记审计日志）。 */
export type RevealedIdNumber = S['people.RevealedID']

// ---- 账号 ----

export type AccountItem = S['account.Account']

export interface AccountListParams extends ListParams {
  role?: string
}

export type AccountCreateInput = S['account.Input']
export type AccountUpdateInput = S['account.UpdateInput']

/** 管理员账号变更申请（三员分立，须由另一名管理员审批）。 */
export type AccountRequest = S['account.Request']
export type AccountRequestKind = AccountRequest['kind']
export type AccountRequestStatus = AccountRequest['status']
export type AccountRequestInput = S['account.RequestInput']
export type AccountApproval = S['account.Approval']

// ---- 审计 ----

export type AuditEntry = S['audit.Entry']

export interface AuditListParams extends ListParams {
  actor?: string
  action?: string
  entity?: string
  from?: string
  to?: string
  chain?: string
}

/** 审计日志中的一个代码及其中文名（由服务端提供）。 */
export type AuditKind = S['audit.Kind']
export type AuditMeta = S['audit.Meta']
/** 写在数据库之外、以 SM2 签名的链头记录。 */
export type AuditAnchor = S['audit.Anchor']
export type AuditChainState = S['audit.ChainState']
export type AuditChains = S['audit.Chains']
export type AuditChainReport = S['audit.ChainReport']
export type AuditProblem = NonNullable<AuditChainReport['problem']>
export type AuditVerifyResult = S['audit.Report']

// ---- 辖区设置（各辖区可自行设置、未设置时沿用上级或全国默认值的参数） ----

/** 设置项：中文名、查看与修改所需权限、字段说明、全国默认值及其依据。 */
export type SettingKind = S['settings.KindInfo']
/** 设置项的一个字段：类型 integer/percent/text/boolean/yuan（金额以分计），取值范围，单位与说明。 */
export type SettingField = S['settings.Field']
export type SettingFieldType = S['settings.FieldType']
/** 某一层级的取值：区划代码为空表示全国默认值。 */
export type SettingEntry = S['settings.Entry']
export type SettingLevel = S['settings.Level']
/** GET /settings/{kind}：适用的取值及来源、本级设置、自全国默认值至本级的逐级设置。 */
export type SettingView = S['settings.View']
export type SettingInput = S['settings.Input']
export type SettingClearInput = S['settings.ClearInput']
export type SettingAction = S['settings.Action']
/** 设置的一条修改记录：之前与之后的本级取值（null 表示未单独设置）、依据或撤销理由。 */
export type SettingChange = S['settings.Change']
/** 设置的取值：字段名 → 数值、文字或是否。 */
export type SettingValue = Record<string, number | string | boolean>

// ---- 导入 ----

/** 数据导入页的导入种类（对应 /imports/{kind}）。 */
export type ImportKind = 'regions' | 'people' | 'catalog'

export type ImportResult = S['region.ImportResult'] | S['people.ImportResult'] | S['catalog.ImportResult']

// ---- 公众门户 ----

export type PublicSummary = S['server.PublicSummary']
/** 政府网站页脚须显示的标识（《政府网站发展指引》）；demo 为演示示例，并非真实备案。 */
export type PublicSite = S['server.SiteInfo']

// ---- 权责清单与裁量基准 ----
export * from './types-catalog'
