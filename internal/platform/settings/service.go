package settings

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
)

// Regions names regions. The region feature implements it; the platform knows no feature.
type Regions interface {
	// Names returns the names of those of codes that are regions.
	Names(ctx context.Context, c db.Conn, codes []string) (map[string]string, error)
}

// Recorder writes a change of a setting to the audit log inside the transaction that makes it.
// The audit log implements it.
type Recorder interface {
	RecordSetting(ctx context.Context, tx *db.Tx, p *access.Principal, r Record) error
}

// Record is what the audit log is told of a change.
type Record struct {
	Change
	KindName   string
	RegionName string
	Summary    string // a Chinese sentence for the reader of the log
}

// Service keeps the settings of every registered kind.
type Service struct {
	DB      *db.DB
	Clock   clock.Clock
	Regions Regions
	Audit   Recorder
	kinds   []Kind
}

// Register adds kinds; a malformed definition or a key registered twice is an error.
func (s *Service) Register(kinds ...Kind) error {
	for _, k := range kinds {
		if err := k.check(); err != nil {
			return err
		}
		if _, ok := s.lookup(k.Key); ok {
			return fmt.Errorf("settings: kind %q registered twice", k.Key)
		}
		s.kinds = append(s.kinds, k)
	}
	return nil
}

func (s *Service) lookup(key string) (Kind, bool) {
	for _, k := range s.kinds {
		if k.Key == key {
			return k, true
		}
	}
	return Kind{}, false
}

// Registered lists the registered kinds, in the order they were registered.
func (s *Service) Registered() []Kind { return append([]Kind(nil), s.kinds...) }

// Source says where a value comes from: a region's own setting, or the national default
// (RegionCode "", RegionName 全国默认).
type Source struct {
	RegionCode string `json:"regionCode"`
	RegionName string `json:"regionName"`
}

// National reports the national default.
func (s Source) National() bool { return s.RegionCode == "" }

// Value is the value of a kind in force for a region, typed, and where it comes from.
type Value[T any] struct {
	Value         T
	Source        Source
	Basis         string // the document that sets it; for the national default, the kind's NationalBasis
	UpdatedAt     string // "" for the national default
	UpdatedBy     string // account id
	UpdatedByName string
}

// Get returns the value of a kind in force for a region (a 12-digit code the caller has checked;
// "" for the whole country): the region's own value, else the nearest ancestor's, else the
// national default. T must be the type the kind was defined with.
func Get[T any](ctx context.Context, c db.Conn, s *Service, key, regionCode string) (Value[T], error) {
	k, ok := s.lookup(key)
	if !ok {
		return Value[T]{}, fmt.Errorf("settings: kind %q is not registered", key)
	}
	if k.codec.typ != reflect.TypeFor[T]() {
		return Value[T]{}, fmt.Errorf("settings: kind %q holds %s, not %s", key, k.codec.typ, reflect.TypeFor[T]())
	}
	chain := Chain(regionCode)
	own, err := rowsIn(ctx, c, k.Key, chain)
	if err != nil {
		return Value[T]{}, err
	}
	code, found := Nearest(chain, func(code string) bool { _, ok := own[code]; return ok })
	if !found {
		v, err := load[T](k, nil)
		return Value[T]{Value: v, Source: Source{RegionName: NationalName}, Basis: k.NationalBasis}, err
	}
	r := own[code]
	v, err := load[T](k, []byte(r.Value))
	if err != nil {
		return Value[T]{}, err
	}
	names, err := s.Regions.Names(ctx, c, []string{code})
	if err != nil {
		return Value[T]{}, err
	}
	return Value[T]{Value: v, Source: Source{RegionCode: code, RegionName: names[code]}, Basis: r.Basis, UpdatedAt: r.UpdatedAt,
		UpdatedBy: r.UpdatedBy, UpdatedByName: r.UpdatedByName}, nil
}

// KindInfo describes a kind for the console: what it decides, who may change it, its fields and
// its national default.
type KindInfo struct {
	Key           string            `json:"key"`
	Name          string            `json:"name"`
	Description   string            `json:"description"`
	Read          access.Permission `json:"read"`
	Write         access.Permission `json:"write"`
	Fields        []Field           `json:"fields"`
	National      json.RawMessage   `json:"national"`
	NationalBasis string            `json:"nationalBasis"`
}

func (k Kind) info() KindInfo {
	fields := k.Fields
	if fields == nil {
		fields = []Field{}
	}
	return KindInfo{Key: k.Key, Name: k.Name, Description: k.Description, Read: k.Read, Write: k.Write, Fields: fields,
		National: json.RawMessage(k.codec.national), NationalBasis: k.NationalBasis}
}

// Kinds lists the kinds the caller may read.
func (s *Service) Kinds(_ context.Context, p *access.Principal) ([]KindInfo, error) {
	out := []KindInfo{}
	for _, k := range s.kinds {
		if p.Can(k.Read) {
			out = append(out, k.info())
		}
	}
	return out, nil
}

// Entry is a value set at one level: a region's own, or the national default (RegionCode "").
type Entry struct {
	RegionCode    string          `json:"regionCode"` // "" for the national default
	RegionName    string          `json:"regionName"` // 全国默认 for the national default
	Value         json.RawMessage `json:"value"`
	Basis         string          `json:"basis"`
	UpdatedAt     string          `json:"updatedAt,omitempty"`
	UpdatedByName string          `json:"updatedByName,omitempty"`
}

// Level is one step of the chain along which a value is looked up.
type Level struct {
	RegionCode string `json:"regionCode"` // "" for the national level
	RegionName string `json:"regionName"`
	Own        *Entry `json:"own"` // the value set at this level; null where the level sets none
}

// View is a kind's value for a region as the console shows it: the value in force and where it
// comes from, the region's own value if it has one, and every level above with what it sets.
type View struct {
	Kind       KindInfo `json:"kind"`
	RegionCode string   `json:"regionCode"` // the region asked about; "" for the whole country
	RegionName string   `json:"regionName"`
	Effective  Entry    `json:"effective"` // the value in force; its region is where it comes from
	Own        *Entry   `json:"own"`       // the region's own value; null when it inherits
	Chain      []Level  `json:"chain"`     // the national default first, then the province … down to the region
	Writable   bool     `json:"writable"`  // the caller may set and withdraw the region's value
}

// ViewQuery names the region a value is asked for.
type ViewQuery struct {
	RegionCode string `query:"regionCode" doc:"区划代码（本辖区内或其上级）；为空时为本辖区根节点"`
}

// kindFor finds a kind by key and checks that the caller holds perm of it (read or write).
func (s *Service) kindFor(p *access.Principal, key string, write bool) (Kind, error) {
	k, ok := s.lookup(key)
	if !ok {
		return Kind{}, apperr.NotFound("设置项")
	}
	perm := k.Read
	if write {
		perm = k.Write
	}
	return k, access.Require(p, perm)
}

// regionFor reads the region a caller names: inside its jurisdiction, or one of the regions above
// it, whose values it inherits and may read but not change. Anything else is not found. An empty
// code is the root of the caller's jurisdiction ("" for the system: the whole country).
func (s *Service) regionFor(p *access.Principal, raw string) (string, error) {
	scope := p.Scope()
	if strings.TrimSpace(raw) == "" {
		return scope.Root(), nil
	}
	code, err := normalize(raw)
	if err != nil {
		return "", err
	}
	if !scope.Sees(code, true) {
		return "", apperr.NotFound("行政区划")
	}
	return code, nil
}

// writable checks that the caller may change the values of a region: inside its jurisdiction
// (a township may not change its county's value), and a region that exists.
func (s *Service) writable(ctx context.Context, c db.Conn, p *access.Principal, code string) (string, error) {
	if !p.Scope().Contains(code) {
		return "", apperr.Forbidden("只能设置本辖区的取值，上级辖区的设置由上级维护").WithCode("OUT_OF_WRITE_SCOPE")
	}
	names, err := s.Regions.Names(ctx, c, []string{code})
	if err != nil {
		return "", err
	}
	name, ok := names[code]
	if !ok {
		return "", apperr.NotFound("行政区划")
	}
	return name, nil
}

// View returns a kind's value for a region inside the caller's jurisdiction or above it.
func (s *Service) View(ctx context.Context, p *access.Principal, key string, q ViewQuery) (View, error) {
	k, err := s.kindFor(p, key, false)
	if err != nil {
		return View{}, err
	}
	code, err := s.regionFor(p, q.RegionCode)
	if err != nil {
		return View{}, err
	}
	return s.view(ctx, s.DB.R, p, k, code)
}

func (s *Service) view(ctx context.Context, c db.Conn, p *access.Principal, k Kind, code string) (View, error) {
	chain := Chain(code)
	names, err := s.Regions.Names(ctx, c, chain)
	if err != nil {
		return View{}, err
	}
	if code != "" {
		if _, ok := names[code]; !ok {
			return View{}, apperr.NotFound("行政区划")
		}
	}
	own, err := rowsIn(ctx, c, k.Key, chain)
	if err != nil {
		return View{}, err
	}
	national := Entry{RegionName: NationalName, Value: json.RawMessage(k.codec.national), Basis: k.NationalBasis}
	v := View{Kind: k.info(), RegionCode: code, RegionName: names[code], Effective: national,
		Chain: []Level{{RegionName: NationalName, Own: &national}}}
	if code == "" {
		v.RegionName = NationalName
	}
	for _, a := range chain {
		l := Level{RegionCode: a, RegionName: names[a]}
		if r, ok := own[a]; ok {
			e := Entry{RegionCode: a, RegionName: names[a], Value: k.complete([]byte(r.Value)), Basis: r.Basis,
				UpdatedAt: r.UpdatedAt, UpdatedByName: r.UpdatedByName}
			l.Own, v.Effective = &e, e
		}
		v.Chain = append(v.Chain, l)
	}
	if code != "" {
		v.Own = v.Chain[len(v.Chain)-1].Own
		v.Writable = p.Can(k.Write) && p.Scope().Contains(code)
	}
	return v, nil
}

// Input sets a region's value of a kind.
type Input struct {
	Value json.RawMessage `json:"value" required:"true"`                      // the value, with every field of the kind
	Basis string          `json:"basis" required:"true" text:"500,multiline"` // 依据：the document that sets it, by name or number
}

// Set sets a region's own value of a kind: the region and those below it use it unless they set
// their own. The caller needs the kind's write permission and the region inside its
// jurisdiction; the value is validated by the kind, and the change is kept in the history and
// the audit log in one transaction. Bad input changes nothing.
func (s *Service) Set(ctx context.Context, p *access.Principal, key, regionCode string, in Input) (View, error) {
	k, err := s.kindFor(p, key, true)
	if err != nil {
		return View{}, err
	}
	code, err := s.regionFor(p, regionCode)
	if err != nil {
		return View{}, err
	}
	if code == "" {
		return View{}, apperr.InvalidField("regionCode", "SETTING_REGION_REQUIRED", "请指定区划代码：全国默认值由平台规定，不能修改")
	}
	value, err := k.parse(in.Value)
	if err != nil {
		e := apperr.As(err)
		if e.Kind != apperr.KindInvalid {
			return View{}, err
		}
		if e.Field == "" {
			return View{}, e.WithField("value")
		}
		return View{}, e.WithField("value." + e.Field)
	}
	basis := strings.TrimSpace(in.Basis)
	if basis == "" {
		return View{}, apperr.InvalidField("basis", "SETTING_BASIS_REQUIRED", "请填写设定依据（文件名称或文号）")
	}
	var out View
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		name, err := s.writable(ctx, tx, p, code)
		if err != nil {
			return err
		}
		before, err := rowsIn(ctx, tx, k.Key, []string{code})
		if err != nil {
			return err
		}
		now := clock.Stamp(s.Clock.Now())
		if err := upsert(ctx, tx, row{Kind: k.Key, RegionCode: code, Value: string(value), Basis: basis, UpdatedAt: now,
			UpdatedBy: p.AccountID, UpdatedByName: p.DisplayName}); err != nil {
			return err
		}
		ch := changeRow{ID: ids.New(), Kind: k.Key, RegionCode: code, Action: ActionSet,
			ValueAfter: sql.NullString{String: string(value), Valid: true}, Basis: basis,
			ChangedAt: now, ChangedBy: p.AccountID, ChangedByName: p.DisplayName}
		if old, ok := before[code]; ok {
			ch.ValueBefore, ch.BasisBefore = sql.NullString{String: old.Value, Valid: true}, old.Basis
		}
		if err := s.record(ctx, tx, p, k, name, ch, "设置"+k.Name+"："+describe(k, value)+"；依据："+basis); err != nil {
			return err
		}
		out, err = s.view(ctx, tx, p, k, code)
		return err
	})
	return out, err
}

// ClearInput withdraws a region's own value.
type ClearInput struct {
	Reason string `json:"reason" required:"true" text:"500,multiline"` // why the region's own value no longer applies
}

// Clear withdraws a region's own value of a kind: the region then uses the nearest ancestor's value
// again, or the national default. The reason is kept in the history and the audit log.
func (s *Service) Clear(ctx context.Context, p *access.Principal, key, regionCode string, in ClearInput) (View, error) {
	k, err := s.kindFor(p, key, true)
	if err != nil {
		return View{}, err
	}
	code, err := s.regionFor(p, regionCode)
	if err != nil {
		return View{}, err
	}
	if code == "" {
		return View{}, apperr.InvalidField("regionCode", "SETTING_REGION_REQUIRED", "请指定区划代码：全国默认值由平台规定，不能撤销")
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return View{}, apperr.InvalidField("reason", "SETTING_REASON_REQUIRED", "请填写撤销本辖区设置的理由")
	}
	var out View
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		name, err := s.writable(ctx, tx, p, code)
		if err != nil {
			return err
		}
		before, err := rowsIn(ctx, tx, k.Key, []string{code})
		if err != nil {
			return err
		}
		old, ok := before[code]
		if !ok {
			return apperr.Conflict("SETTING_NOT_SET", name+"没有单独设置"+k.Name+"，已在采用上级或全国默认值")
		}
		if err := remove(ctx, tx, k.Key, code); err != nil {
			return err
		}
		now := clock.Stamp(s.Clock.Now())
		ch := changeRow{ID: ids.New(), Kind: k.Key, RegionCode: code, Action: ActionClear,
			ValueBefore: sql.NullString{String: old.Value, Valid: true}, BasisBefore: old.Basis, Reason: reason,
			ChangedAt: now, ChangedBy: p.AccountID, ChangedByName: p.DisplayName}
		if err := s.record(ctx, tx, p, k, name, ch, "撤销本辖区的"+k.Name+"设置，改用上级或全国默认值；理由："+reason); err != nil {
			return err
		}
		out, err = s.view(ctx, tx, p, k, code)
		return err
	})
	return out, err
}

// record keeps a change in the history and the audit log.
func (s *Service) record(ctx context.Context, tx *db.Tx, p *access.Principal, k Kind, regionName string, ch changeRow, summary string) error {
	if err := insertChange(ctx, tx, ch); err != nil {
		return err
	}
	if s.Audit == nil {
		return apperr.Internal(errors.New("settings: Service.Audit is not set"))
	}
	return s.Audit.RecordSetting(ctx, tx, p, Record{Change: ch.change(), KindName: k.Name, RegionName: regionName, Summary: summary})
}

// describe writes a value field by field for the audit log: 一线执法人员占编制总数不低于 85%，…
func describe(k Kind, raw []byte) string {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return string(raw)
	}
	parts := make([]string, 0, len(k.Fields))
	for _, f := range k.Fields {
		parts = append(parts, f.Label+" "+format(f, m[f.Name]))
	}
	return strings.Join(parts, "，")
}

// Action is what a change did.
type Action string

// Actions of the history.
const (
	ActionSet     Action = "set"     // a region set its own value (or changed it)
	ActionClear   Action = "clear"   // a region withdrew its own value and inherits again
	ActionMigrate Action = "migrate" // a value carried over from the tables settings replaced
)

// Actions lists every action.
var Actions = []Action{ActionSet, ActionClear, ActionMigrate}

// Change is one line of a setting's history.
type Change struct {
	ID            string          `json:"id"`
	Kind          string          `json:"kind"`
	RegionCode    string          `json:"regionCode"`
	Action        Action          `json:"action"`
	Before        json.RawMessage `json:"before"` // the region's own value before; null when it had none
	After         json.RawMessage `json:"after"`  // its own value after; null when withdrawn
	BasisBefore   string          `json:"basisBefore"`
	Basis         string          `json:"basis"`  // the document the new value rests on
	Reason        string          `json:"reason"` // why the value was withdrawn
	ChangedAt     string          `json:"changedAt"`
	ChangedBy     string          `json:"changedBy"` // account id
	ChangedByName string          `json:"changedByName"`
}

// HistoryQuery names the region whose history is asked for.
type HistoryQuery struct {
	RegionCode string `query:"regionCode" doc:"本辖区内的区划代码；为空时为本辖区根节点"`
}

// History returns one page of the changes of a region's own value, newest first. Only the
// caller's own jurisdiction: the history of the regions above is theirs to read.
func (s *Service) History(ctx context.Context, p *access.Principal, key string, q HistoryQuery, page query.Page) ([]Change, int, error) {
	k, err := s.kindFor(p, key, false)
	if err != nil {
		return nil, 0, err
	}
	code, err := s.regionFor(p, q.RegionCode)
	if err != nil {
		return nil, 0, err
	}
	if code == "" {
		return nil, 0, apperr.InvalidField("regionCode", "SETTING_REGION_REQUIRED", "请指定区划代码")
	}
	if !p.Scope().Contains(code) {
		return nil, 0, apperr.NotFound("行政区划")
	}
	rows, total, err := changesOf(ctx, s.DB.R, k.Key, code, page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Change, len(rows))
	for i, r := range rows {
		out[i] = r.change()
	}
	return out, total, nil
}
