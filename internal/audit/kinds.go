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

// own are the kinds of record the log writes about itself.
var own = []Kind{{EntityLog, "审计日志"}}

// Meta is what the console needs to name the log's codes.
type Meta struct {
	Actions  []Kind `json:"actions"`
	Entities []Kind `json:"entities"`
}

// Register adds the kinds of record a feature writes to the log, with their Chinese names. The
// platform registers every feature's kinds when it is assembled; from then on Append refuses a kind
// nobody registered, so that the console's list of kinds (GET /api/v1/audit/meta) is complete by
// construction. A log nobody registered kinds with (a feature's own tests) takes any kind.
func (l *Log) Register(kinds ...Kind) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.kinds == nil {
		l.kinds = map[string]Kind{}
		for _, k := range own {
			l.kinds[k.Code] = k
			l.order = append(l.order, k)
		}
	}
	for _, k := range kinds {
		if _, dup := l.kinds[k.Code]; !dup {
			l.kinds[k.Code] = k
			l.order = append(l.order, k)
		}
	}
}

// Kinds returns the actions and the registered kinds of record with their Chinese names.
func (l *Log) Kinds() Meta {
	l.mu.Lock()
	defer l.mu.Unlock()
	return Meta{Actions: append([]Kind(nil), actions...), Entities: append([]Kind{}, l.order...)}
}

func (l *Log) knownEntity(code string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.kinds == nil {
		return true
	}
	_, ok := l.kinds[code]
	return ok
}
