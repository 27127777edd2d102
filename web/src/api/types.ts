// 与后端 /api/v1 约定一致的共享类型。

export type Id = string | number

/** 权限码：与 GET /auth/me 的 permissions 一致。 */
export type Permission =
  | 'region.read'
  | 'region.write'
  | 'org.read'
  | 'org.write'
  | 'people.read'
  | 'people.write'
  | 'people.pii'
  | 'reform.read'
  | 'reform.write'
  | 'account.read'
  | 'account.write'
  | 'account.approve'
  | 'audit.read'
  | 'catalog.read'
  | 'catalog.write'

export type RoleCode =
  | 'sysadmin'
  | 'secadmin'
  | 'auditor'
  | 'leader'
  | 'dispatcher'
  | 'officer'
  | 'legal'
  | 'liaison'
  | 'grid'
  | 'staffing'

export interface ApiErrorDetail {
  row?: number
  field?: string
  code?: string
  message: string
}

export interface ApiErrorPayload {
  code: string
  message: string
  field?: string
  /** 产生该错误的法规或制度依据（如“行政处罚法第四十二条”）。 */
  rule?: string
  details?: ApiErrorDetail[]
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type SortOrder = 'asc' | 'desc'

export interface ListParams {
  page?: number
  pageSize?: number
  sort?: string
  order?: SortOrder
  q?: string
}

export interface CodeName {
  code: string
  name: string
}

// ---- 认证 ----

export interface SessionAccount {
  id: Id
  username: string
  displayName: string
  orgId: Id | null
  orgName: string
  regionCode: string
  regionName: string
  roles: string[]
  mustChangePassword: boolean
}

export interface MeResponse {
  account: SessionAccount
  permissions: string[]
}

export interface LoginResponse {
  token: string
  expiresAt: string
  account: SessionAccount
}

// ---- 元数据 ----

export interface RoleDef {
  code: string
  name: string
  permissions: string[]
}

export interface Meta {
  orgKinds: CodeName[]
  domains: string[]
  postTypes: CodeName[]
  roles: RoleDef[]
}

// ---- 行政区划 ----

export type RegionLevel = 1 | 2 | 3 | 4 | 5

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  childCount: number
  /** 检索结果附带的完整路径名称（“山东省 / 聊城市 / …”）。 */
  pathName?: string
}

export interface RegionPathItem {
  code: string
  name: string
}

export interface RegionDetail extends Region {
  path: RegionPathItem[]
}

export interface RegionListParams extends ListParams {
  /** 空字符串表示“本人辖区的根节点”。 */
  parent?: string
  level?: RegionLevel | ''
}

// ---- 组织机构 ----

export interface StaffQuota {
  admin: number
  civil: number
  institution: number
}

export interface StaffFilled extends StaffQuota {
  other: number
}

export interface Org {
  id: Id
  name: string
  shortName: string
  kind: string
  kindName: string
  regionCode: string
  regionName: string
  parentId: Id | null
  domains: string[]
  quota: StaffQuota
  filled: StaffFilled
  childCount: number
  /** 乡镇（街道）执法办公室的类别：key 重点乡镇 / ordinary 一般乡镇；其他机构为空。 */
  townshipClass?: TownshipClass
  sortOrder?: number
}

export type TownshipClass = 'key' | 'ordinary' | ''

/** 本机构及全部下级机构的编制与实有人数合计（局队合一：执法局连同所属大队、中队）。 */
export interface StaffSubtree {
  /** 合计的机构数（含本机构）。 */
  orgCount: number
  quota: StaffQuota
  filled: StaffFilled
}

export interface OrgDetail extends Org {
  parentName?: string
  /** 有下级机构时才有。 */
  subtree?: StaffSubtree
}

export interface OrgTreeNode {
  id: Id
  name: string
  kind: string
  kindName: string
  regionCode: string
  children?: OrgTreeNode[]
}

export interface OrgListParams extends ListParams {
  kind?: string
  regionCode?: string
  parentId?: Id
}

export interface OrgInput {
  name: string
  shortName: string
  kind: string
  regionCode: string
  parentId: Id | null
  domains: string[]
  quota: StaffQuota
  townshipClass: TownshipClass
  sortOrder: number
}

export type ReformCheckKey = 'frontline_share' | 'township_minimum' | 'sunk_share'

export interface ReformCheck {
  key: ReformCheckKey | string
  title: string
  value: number
  numerator?: number
  denominator?: number
  /** 分子的统计口径（比例指标）或计数的口径（人数指标）。 */
  numeratorLabel?: string
  /** 分母的统计口径。 */
  denominatorLabel?: string
  threshold: number
  unit: 'ratio' | 'count'
  pass: boolean
  rule: string
  applies: boolean
  note?: string
}

/** 改革指标阈值（可按辖区配置；百分比为整数）。 */
export interface ReformRules {
  frontlineMinPct: number
  keyTownshipMin: number
  ordinaryTownshipMin: number
  sunkMinPct: number
  /** 设定依据（文件名称、文号等） */
  basis: string
}

export interface EffectiveReformRules extends ReformRules {
  regionCode: string
  /** 所采用配置的区划代码，或 national（全国默认） */
  source: string
  sourceName: string
  updatedAt?: string
}

export interface ReformReport {
  orgId: Id
  orgName: string
  kind: string
  kindName: string
  regionCode: string
  regionName: string
  checks: ReformCheck[]
  /** 适用且未达标的指标数。 */
  failing: number
}

/** GET /reform/summary：本辖区县级执法局与乡镇（街道）执法办公室的改革指标。 */
export interface ReformOverview {
  regionCode: string
  reports: ReformReport[]
  failing: number
  failingOrgs: number
}

/** GET /workbench/summary：工作台计数（不含任何人员信息，不记审计）；无相应权限的项为 null。 */
export interface WorkbenchSummary {
  regionCode: string
  orgs: number
  people: { people: number; certExpiring: number; certExpired: number } | null
  reform: { orgs: number; failing: number; failingOrgs: number } | null
}

// ---- 执法人员 ----

export type CertStatus = 'valid' | 'expiring' | 'expired' | 'none'

export interface Certificate {
  number: string
  domains: string[]
  /** 发证机关 */
  issuer?: string
  validFrom: string
  validTo: string
  status: CertStatus
  daysLeft: number
}

export interface Person {
  id: Id
  name: string
  gender: string
  idNumberMasked: string
  phoneMasked: string
  postOrgId: Id
  postOrgName: string
  workOrgId: Id
  workOrgName: string
  postType: string
  postTypeName: string
  position: string
  frontline: boolean
  sunk: boolean
  certificate: Certificate | null
}

export interface PersonDetail extends Person {
  certificates: Certificate[]
  phone: string
  /** 仅对有 people.pii 权限的账号返回（出生日期正是身份证号脱敏隐去的部分）。 */
  birthDate?: string
}

export interface PeopleListParams extends ListParams {
  orgId?: Id
  subtree?: boolean
  frontline?: boolean
  certStatus?: CertStatus
  postType?: string
}

export interface PersonInput {
  name: string
  /** 编辑时留空表示保持原身份证号。 */
  idNumber: string
  /** 编辑时不传表示保持原手机号；传空串表示清除。 */
  phone?: string
  postOrgId: Id | null
  workOrgId: Id | null
  postType: string
  position: string
  frontline: boolean
}

export interface CertificateInput {
  number: string
  domains: string[]
  issuer: string
  validFrom: string
  validTo: string
}

// ---- 账号 ----

export interface AccountItem {
  id: Id
  username: string
  displayName: string
  orgId: Id | null
  orgName: string
  regionCode: string
  roles: string[]
  locked: boolean
  disabled: boolean
  lastLoginAt: string | null
}

export interface AccountListParams extends ListParams {
  role?: string
}

export interface AccountCreateInput {
  username: string
  displayName: string
  password: string
  orgId: Id | null
  roles: string[]
}

export interface AccountUpdateInput {
  displayName: string
  orgId: Id | null
  roles: string[]
  disabled: boolean
}

/** 管理员账号变更申请（三员分立，须由另一名管理员审批）。 */
export type AccountRequestKind = 'create' | 'update' | 'reset_password'
export type AccountRequestStatus = 'pending' | 'approved' | 'rejected'

export interface AccountRequestInput {
  kind: AccountRequestKind
  accountId?: Id
  create?: { username: string; displayName: string; orgId: Id | null; roles: string[] }
  update?: AccountUpdateInput
  reason: string
}

export interface AccountRequest {
  id: Id
  kind: AccountRequestKind
  kindName: string
  accountId: Id
  username: string
  regionCode: string
  create?: { username: string; displayName: string; orgId: Id; roles: string[] }
  update?: AccountUpdateInput
  reason: string
  status: AccountRequestStatus
  requestedBy: Id
  requestedByName: string
  requestedAt: string
  decidedBy: Id
  decidedByName: string
  decidedAt: string
  decisionReason: string
}

export interface AccountApproval {
  request: AccountRequest
  account: AccountItem
  /** 新账号或重置后的一次性密码，仅此一次显示给审批人。 */
  oneTimePassword?: string
}

// ---- 审计 ----

export interface AuditEntry {
  /** 审计链：县级为6位区划代码，市级4位，省级2位，'' 为系统级链。 */
  chain: string
  /** 在本链中的序号，从 1 起。 */
  seq: number
  at: string
  actorId: Id | null
  actorName: string
  ip: string
  action: string
  entity: string
  entityId: string
  /** 记录时对象的名称（账号、人员、机构、区划、事项……）。 */
  entityName: string
  regionCode: string
  summary: string
  mac: string
  prevMac: string
}

export interface AuditListParams extends ListParams {
  actor?: string
  action?: string
  entity?: string
  from?: string
  to?: string
  chain?: string
}

/** 审计日志中的一个代码及其中文名（由服务端提供）。 */
export interface AuditKind {
  code: string
  name: string
}

export interface AuditMeta {
  actions: AuditKind[]
  entities: AuditKind[]
}

/** 写在数据库之外、以 SM2 签名的链头记录。 */
export interface AuditAnchor {
  chain: string
  seq: number
  mac: string
  at: string
  /** 签名公钥指纹。 */
  key: string
  /** SM2 签名（ASN.1，Base64）。 */
  sig: string
  line?: number
}

export interface AuditChainState {
  chain: string
  seq: number
  mac: string
  lastAnchor?: AuditAnchor
}

export interface AuditChains {
  anchored: boolean
  anchorDir: string
  anchorKey: string
  publicKey: string
  chains: AuditChainState[]
}

export type AuditProblem = 'altered' | 'missing' | 'reordered' | 'truncated' | 'rewritten'

export interface AuditChainReport {
  chain: string
  count: number
  headSeq: number
  headMac: string
  ok: boolean
  brokenSeq?: number
  problem?: AuditProblem
  reason?: string
  anchors: number
  lastAnchor?: AuditAnchor
}

export interface AuditVerifyResult {
  ok: boolean
  count: number
  chains: AuditChainReport[]
  anchored: boolean
  anchorDir: string
  anchorKey: string
  /** 锚点文件本身的问题（无法解析的行、签名无效的行）。 */
  problems?: string[]
}

// ---- 导入 ----

export type ImportKind = 'regions' | 'people' | 'catalog'

export interface ImportResult {
  imported: number
  kind: string
  /** 权责清单导入：其中已发布与草稿的条数。 */
  published?: number
  drafts?: number
}

// ---- 公众门户 ----

export interface PublicNotice {
  id?: Id
  title: string
  publishedAt?: string
  url?: string
}

export interface PublicSummary {
  platformName: string
  regionName: string
  orgCount: number
  officerCount: number
  /** 公告：后端目前返回字符串数组，兼容对象形式。 */
  notices: (string | PublicNotice)[]
  /** 页脚的网站标识（主办单位、网站标识码、ICP备案号、公安机关备案号）。 */
  site?: PublicSite
}

/** 政府网站页脚须显示的标识（《政府网站发展指引》）；demo 为演示示例，并非真实备案。 */
export interface PublicSite {
  sponsor: string
  siteCode: string
  icp: string
  policeRecord: string
  demo: boolean
}

// ---- 权责清单与裁量基准 ----
export * from './types-catalog'
