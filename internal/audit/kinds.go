package audit

// Kind is a code used in the log with its Chinese name, as the console shows it.
type Kind struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Actions recorded in the log.
const (
	ActionCreate  = "create"
	ActionUpdate  = "update"
	ActionDelete  = "delete"
	ActionRead    = "read" // a read of personal data
	ActionImport  = "import"
	ActionLogin   = "login"
	ActionLogout  = "logout"
	ActionDenied  = "login_failed"
	ActionRechain = "rechain" // the log itself moved to the keyed chains (see Upgrade)
)

// actions lists every action with its name, in the order the console offers them.
var actions = []Kind{
	{ActionCreate, "新增"},
	{ActionUpdate, "修改"},
	{ActionDelete, "删除"},
	{ActionRead, "查看个人信息"},
	{ActionImport, "导入"},
	{ActionLogin, "登录"},
	{ActionLogout, "退出"},
	{ActionDenied, "登录失败"},
	{ActionRechain, "审计链升级"},
}

// EntityLog is the kind of the log's own entries (the upgrade to keyed chains).
const EntityLog = "audit_log"

// entities lists every kind of record the platform audits. Append refuses a kind missing here, so
// the list the console offers as a filter (GET /api/v1/audit/meta) is complete by construction:
// a feature that audits a new kind adds it here with its Chinese name.
var entities = []Kind{
	{"account", "账号"},
	{"account_request", "管理员账号变更申请"},
	{"person", "人员"},
	{"certificate", "执法证"},
	{"org", "机构"},
	{"region", "行政区划"},
	{"reform_rule", "改革指标规则"},
	{"catalog_item", "权责清单事项"},
	{"catalog_decision", "划转下放决定"},
	{"catalog_domain", "执法领域"},
	{"catalog_synonym", "检索同义词"},
	{"discretion_benchmark", "裁量基准"},
	{"discretion_rule", "裁量阶次划分规则"},
	{EntityLog, "审计日志"},
}

// Meta is what the console needs to name the log's codes.
type Meta struct {
	Actions  []Kind `json:"actions"`
	Entities []Kind `json:"entities"`
}

// Kinds returns the actions and audited kinds of record with their Chinese names.
func Kinds() Meta {
	return Meta{Actions: append([]Kind(nil), actions...), Entities: append([]Kind(nil), entities...)}
}

func knownEntity(code string) bool {
	for _, k := range entities {
		if k.Code == code {
			return true
		}
	}
	return false
}
