package cases

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// Annual enforcement statistics (行政执法数据年度报告): every agency publishes the previous year's
// enforcement figures before 31 January (国办发〔2018〕118号：行政执法机关要于每年1月31日前公开本机关
// 上年度行政执法总体情况有关数据). The figures are counted from the cases' records: penalty
// decisions by kind, domain and deciding body with their fines and confiscations, coercive measures,
// inspections recorded, transfers of suspected crimes, hearings, reconsiderations and lawsuits with
// their outcomes. The console warns from 1 January until the report is published; the published
// report is a snapshot the portal shows.

// Count is a figure with its amount in fen where money is counted.
type Count struct {
	Name      string    `json:"name"`
	Count     int       `json:"count"`
	FineFen   civil.Fen `json:"fineFen"`
	Confisc   civil.Fen `json:"confiscateFen"`
	Measures  int       `json:"measures"`
	Inspected int       `json:"inspections"`
}

// AnnualTotals are the year's figures.
type AnnualTotals struct {
	Penalties        int       `json:"penalties"`        // 行政处罚决定（件）
	OnSpot           int       `json:"onSpot"`           // 其中简易程序
	NoPenalty        int       `json:"noPenalty"`        // 不予行政处罚决定
	FineFen          civil.Fen `json:"fineFen"`          // 罚款金额
	ConfiscateFen    civil.Fen `json:"confiscateFen"`    // 没收违法所得金额
	Measures         int       `json:"measures"`         // 行政强制措施（查封、扣押）
	Sealed           int       `json:"sealed"`           // 查封
	Seized           int       `json:"seized"`           // 扣押
	Inspections      int       `json:"inspections"`      // 现场检查（勘验）
	Filed            int       `json:"filed"`            // 立案
	Transfers        int       `json:"transfers"`        // 移送涉嫌犯罪案件
	Hearings         int       `json:"hearings"`         // 举行听证
	Reconsiderations int       `json:"reconsiderations"` // 行政复议
	Litigations      int       `json:"litigations"`      // 行政诉讼
	Changed          int       `json:"changed"`          // 被撤销、变更
	CourtEnforcement int       `json:"courtEnforcement"` // 申请法院强制执行
}

// Annual is a jurisdiction's statistics of a year.
type Annual struct {
	Year       int          `json:"year"`
	RegionCode string       `json:"regionCode"`
	RegionName string       `json:"regionName"`
	Totals     AnnualTotals `json:"totals"`
	ByKind     []Count      `json:"byKind"`   // 按处罚种类
	ByDomain   []Count      `json:"byDomain"` // 按执法领域
	ByBody     []Count      `json:"byBody"`   // 按实施主体
	Due        civil.Date   `json:"due"`      // 31 January of the next year
	// Published is set once the report is published; the figures are then the published snapshot.
	PublishedAt string `json:"publishedAt,omitempty"`
	PublishedBy string `json:"publishedBy,omitempty"`
	// Warning is set from 1 January of the next year until the report is published.
	Warning string `json:"warning,omitempty"`
	Basis   string `json:"basis"`
}

const annualBasis = "国办发〔2018〕118号：行政执法机关要于每年1月31日前公开本机关上年度行政执法总体情况有关数据"

// inYear reports a day in a year.
func inYear(d civil.Date, year int) bool { return !d.IsZero() && d.Year() == year }

// countYear adds one case's figures for a year to the statistics: pure, over the case's state.
func countYear(a *Annual, st *State, subject string, kinds, domains, bodies map[string]*Count) {
	body := bodies[subject]
	if body == nil {
		body = &Count{Name: subject}
		bodies[subject] = body
	}
	domainName := st.Exercise.Domain
	if domainName == "" {
		domainName = "其他"
	}
	domain := domains[domainName]
	if domain == nil {
		domain = &Count{Name: domainName}
		domains[domainName] = domain
	}
	t := &a.Totals
	if inYear(st.Filed, a.Year) {
		t.Filed++
	}
	if d := st.Decision; d != nil && inYear(d.Date, a.Year) {
		if d.Outcome == OutcomePenalty {
			t.Penalties++
			body.Count++
			domain.Count++
			if st.Procedure == Simple {
				t.OnSpot++
			}
			seen := map[string]bool{}
			for _, p := range d.Penalties {
				t.FineFen += p.FineFen
				t.ConfiscateFen += p.ConfiscateFen
				body.FineFen += p.FineFen
				domain.FineFen += p.FineFen
				body.Confisc += p.ConfiscateFen
				domain.Confisc += p.ConfiscateFen
				for _, k := range p.Kinds {
					c := kinds[k]
					if c == nil {
						c = &Count{Name: k}
						kinds[k] = c
					}
					// a decision counts once for each kind it imposes, whatever the number of parties
					if !seen[k] {
						seen[k] = true
						c.Count++
					}
					if k == KindFine {
						c.FineFen += p.FineFen
					}
					if k == KindConfiscate {
						c.Confisc += p.ConfiscateFen
					}
				}
			}
		} else if d.Outcome == OutcomeNoPenaltyMinor || d.Outcome == OutcomeNotEstablished {
			t.NoPenalty++
		}
	}
	for _, m := range st.Measures {
		if !inYear(m.Decided, a.Year) {
			continue
		}
		t.Measures++
		body.Measures++
		domain.Measures++
		if m.Kind == MeasureSeal {
			t.Sealed++
		} else {
			t.Seized++
		}
	}
	for _, r := range st.Records {
		if r.Kind == RecordInspection && inYear(r.Date, a.Year) {
			t.Inspections++
			body.Inspected++
			domain.Inspected++
		}
	}
	if st.Transfer != nil && !st.Transfer.SentAt.IsZero() && st.Transfer.SentAt.Year() == a.Year {
		t.Transfers++
	}
	if st.Hearing != nil && inYear(st.Hearing.Held, a.Year) {
		t.Hearings++
	}
	for _, r := range st.Remedies {
		if inYear(r.Filed, a.Year) {
			if r.Kind == RemedyReconsideration {
				t.Reconsiderations++
			} else {
				t.Litigations++
			}
		}
		if inYear(r.Decided, a.Year) && (r.Outcome == RemedyRevoked || r.Outcome == RemedyVaried) {
			t.Changed++
		}
	}
	if st.Court != nil && inYear(st.Court.Date, a.Year) {
		t.CourtEnforcement++
	}
}

func sorted(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		if c.Count > 0 || c.Measures > 0 || c.Inspected > 0 {
			out = append(out, *c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// AnnualWarning says what the console warns about a year's report on a day: nothing before
// 1 January of the next year or once published; due until 31 January, overdue after.
func AnnualWarning(year int, today civil.Date, published bool) string {
	if published || today.Year() <= year {
		return ""
	}
	due := fmt.Sprintf("%d年1月31日", year+1)
	if today.Year() == year+1 && (today.Month() == time.January) {
		return fmt.Sprintf("%d年度行政执法数据须于%s前公开，尚未公开", year, due)
	}
	return fmt.Sprintf("%d年度行政执法数据应于%s前公开，已逾期未公开", year, due)
}

// StatsQuery names the year and the jurisdiction.
type StatsQuery struct {
	Year       int    `query:"year" json:"year,omitempty"`
	RegionCode string `query:"regionCode" json:"regionCode,omitempty" text:"12"`
}

func (s *Service) statsRegion(p *access.Principal, q *StatsQuery) (string, error) {
	if q.Year == 0 {
		q.Year = s.today().Year() - 1
		if s.today().Month() >= time.February {
			q.Year = s.today().Year()
		}
	}
	if q.Year < 2000 || q.Year > s.today().Year() {
		return "", apperr.InvalidField("year", "STATS_YEAR_INVALID", "统计年度应在2000年至今年之间")
	}
	code := q.RegionCode
	if code == "" {
		return p.Scope().Root(), nil
	}
	for len(code) < 12 {
		code += "0"
	}
	if !p.Scope().Contains(code) {
		return "", apperr.NotFound("行政区划")
	}
	return code, nil
}

// AnnualStatistics counts a jurisdiction's figures of a year from its cases, or returns the
// published snapshot.
func (s *Service) AnnualStatistics(ctx context.Context, p *access.Principal, q StatsQuery) (Annual, error) {
	code, err := s.statsRegion(p, &q)
	if err != nil {
		return Annual{}, err
	}
	if pub, ok, err := publishedAnnual(ctx, s.DB.R, code, q.Year); err != nil || ok {
		return pub, err
	}
	return s.countAnnual(ctx, code, q.Year)
}

// countAnnual reads the cases of the jurisdiction active in the year and counts them.
func (s *Service) countAnnual(ctx context.Context, code string, year int) (Annual, error) {
	a := Annual{Year: year, RegionCode: code, Due: mustDate(fmt.Sprintf("%d-01-31", year+1)), Basis: annualBasis}
	if code != "" {
		if err := db.Get(ctx, s.DB.R, &a.RegionName, `SELECT name FROM regions WHERE code = ?`, code); err != nil && !db.IsNoRows(err) {
			return Annual{}, err
		}
	}
	scope := access.ScopeOf(code)
	if code == "" {
		scope = access.Everywhere
	}
	cond, args := scope.In("c.region_code")
	from, to := fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year)
	rows, err := s.DB.R.QueryxContext(ctx, s.DB.R.Rebind(`SELECT c.state, COALESCE((SELECT o.name FROM organizations o WHERE o.id = c.subject_org_id), '')
		FROM cases c WHERE `+cond+` AND c.opened <= ? AND (c.closed = '' OR c.closed >= ? OR c.updated_at >= ?)`), append(args, to, from, from)...)
	if err != nil {
		return Annual{}, err
	}
	defer rows.Close()
	kinds, domains, bodies := map[string]*Count{}, map[string]*Count{}, map[string]*Count{}
	for rows.Next() {
		var raw []byte
		var subject string
		if err := rows.Scan(&raw, &subject); err != nil {
			return Annual{}, err
		}
		var st State
		if err := json.Unmarshal(raw, &st); err != nil {
			return Annual{}, err
		}
		countYear(&a, &st, subject, kinds, domains, bodies)
	}
	if err := rows.Err(); err != nil {
		return Annual{}, err
	}
	a.ByKind, a.ByDomain, a.ByBody = sorted(kinds), sorted(domains), sorted(bodies)
	a.Warning = AnnualWarning(year, s.today(), false)
	return a, nil
}

func publishedAnnual(ctx context.Context, c db.Conn, code string, year int) (Annual, bool, error) {
	var raw string
	err := db.Get(ctx, c, &raw, `SELECT content FROM annual_reports WHERE region_code = ? AND year = ?`, code, year)
	if db.IsNoRows(err) {
		return Annual{}, false, nil
	}
	if err != nil {
		return Annual{}, false, err
	}
	var a Annual
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		return Annual{}, false, err
	}
	return a, true, nil
}

// PublishAnnual publishes a year's figures of the caller's jurisdiction on the portal, once: a
// snapshot, so the published report does not move when cases are corrected later.
func (s *Service) PublishAnnual(ctx context.Context, p *access.Principal, q StatsQuery) (Annual, error) {
	if !p.Can(access.CaseApprove) {
		return Annual{}, apperr.Forbidden("没有公开年度执法数据的权限")
	}
	code, err := s.statsRegion(p, &q)
	if err != nil {
		return Annual{}, err
	}
	if q.Year >= s.today().Year() {
		return Annual{}, apperr.InvalidField("year", "STATS_YEAR_NOT_OVER", "只能公开已结束年度的数据").WithRule(annualBasis)
	}
	a, err := s.countAnnual(ctx, code, q.Year)
	if err != nil {
		return Annual{}, err
	}
	a.PublishedAt, a.PublishedBy, a.Warning = s.Clock.Now().UTC().Format(time.RFC3339), p.DisplayName, ""
	b, err := json.Marshal(a)
	if err != nil {
		return Annual{}, err
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		res, err := db.Exec(ctx, tx, `INSERT INTO annual_reports (region_code, year, content, published_at, published_by) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (region_code, year) DO NOTHING`, code, q.Year, string(b), a.PublishedAt, p.DisplayName)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.Conflict("STATS_ALREADY_PUBLISHED", strconv.Itoa(q.Year)+"年度数据已经公开")
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityCase, EntityID: code + "/" + strconv.Itoa(q.Year),
			EntityName: a.RegionName + strconv.Itoa(q.Year) + "年度行政执法数据", RegionCode: code,
			Summary: "公开" + a.RegionName + strconv.Itoa(q.Year) + "年度行政执法数据：行政处罚" + strconv.Itoa(a.Totals.Penalties) + "件，罚款" + a.Totals.FineFen.Yuan()})
	})
	if err != nil {
		return Annual{}, err
	}
	return a, nil
}

// PublicAnnualQuery names a published report.
type PublicAnnualQuery struct {
	Year int `query:"year"`
}

// PublicAnnual lists the published reports, newest first.
func (s *Service) PublicAnnual(ctx context.Context, _ *access.Principal, q PublicAnnualQuery) ([]Annual, error) {
	var raws []string
	query := `SELECT content FROM annual_reports`
	var args []any
	if q.Year != 0 {
		query += ` WHERE year = ?`
		args = append(args, q.Year)
	}
	if err := db.Select(ctx, s.DB.R, &raws, query+` ORDER BY year DESC, region_code LIMIT 50`, args...); err != nil {
		return nil, err
	}
	out := make([]Annual, 0, len(raws))
	for _, raw := range raws {
		var a Annual
		if err := json.Unmarshal([]byte(raw), &a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// statsWorkbook writes the figures as an Excel workbook: totals, and the breakdowns by kind, domain
// and body, one sheet each.
func statsWorkbook(a Annual) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	title := fmt.Sprintf("%s%d年度行政执法数据", a.RegionName, a.Year)
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"总体情况", [][]any{{title}, {"项目", "数量"},
			{"立案（件）", a.Totals.Filed}, {"行政处罚决定（件）", a.Totals.Penalties}, {"其中：简易程序（件）", a.Totals.OnSpot},
			{"不予行政处罚决定（件）", a.Totals.NoPenalty}, {"罚款金额（元）", a.Totals.FineFen.Number()},
			{"没收违法所得（元）", a.Totals.ConfiscateFen.Number()}, {"行政强制措施（件）", a.Totals.Measures},
			{"其中：查封（件）", a.Totals.Sealed}, {"其中：扣押（件）", a.Totals.Seized}, {"现场检查（次）", a.Totals.Inspections},
			{"移送涉嫌犯罪案件（件）", a.Totals.Transfers}, {"举行听证（次）", a.Totals.Hearings},
			{"行政复议（件）", a.Totals.Reconsiderations}, {"行政诉讼（件）", a.Totals.Litigations},
			{"被撤销、变更（件）", a.Totals.Changed}, {"申请法院强制执行（件）", a.Totals.CourtEnforcement},
			{"依据：" + a.Basis}}},
	}
	breakdown := func(name, head string, cs []Count) {
		rows := [][]any{{title + "（" + name + "）"}, {head, "行政处罚（件）", "罚款（元）", "没收违法所得（元）", "强制措施（件）", "现场检查（次）"}}
		for _, c := range cs {
			rows = append(rows, []any{c.Name, c.Count, c.FineFen.Number(), c.Confisc.Number(), c.Measures, c.Inspected})
		}
		sheets = append(sheets, struct {
			name string
			rows [][]any
		}{name, rows})
	}
	breakdown("按处罚种类", "处罚种类", a.ByKind)
	breakdown("按执法领域", "执法领域", a.ByDomain)
	breakdown("按实施主体", "实施主体", a.ByBody)
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return nil, err
		}
		for r, row := range sh.rows {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				return nil, err
			}
			if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
				return nil, err
			}
		}
		if err := f.SetColWidth(sh.name, "A", "A", 28); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Service) handleStatsExcel(w http.ResponseWriter, r *http.Request) error {
	var q StatsQuery
	if err := httpx.DecodeQuery(r, &q); err != nil {
		return err
	}
	a, err := s.AnnualStatistics(r.Context(), httpx.Principal(r), q)
	if err != nil {
		return err
	}
	b, err := statsWorkbook(a)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("%s%d年度行政执法数据.xlsx", a.RegionName, a.Year)
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="statistics.xlsx"; filename*=UTF-8''`+url.PathEscape(name))
	h.Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// AnnualStatus is whether the previous year's report of the caller's jurisdiction is published,
// and the warning the console shows until it is.
type AnnualStatus struct {
	Year      int        `json:"year"`
	Due       civil.Date `json:"due"`
	Published bool       `json:"published"`
	Warning   string     `json:"warning,omitempty"`
}

// AnnualReportStatus reads the status of the previous year's report: one row, for the workbench.
func (s *Service) AnnualReportStatus(ctx context.Context, p *access.Principal) (AnnualStatus, error) {
	today := s.today()
	year := today.Year() - 1
	var n int
	if err := db.Get(ctx, s.DB.R, &n, `SELECT COUNT(*) FROM annual_reports WHERE region_code = ? AND year = ?`, p.Scope().Root(), year); err != nil {
		return AnnualStatus{}, err
	}
	return AnnualStatus{Year: year, Due: mustDate(fmt.Sprintf("%d-01-31", year+1)), Published: n > 0, Warning: AnnualWarning(year, today, n > 0)}, nil
}

// statisticsRoutes are the annual statistics.
func (s *Service) statisticsRoutes() []httpx.Route {
	return []httpx.Route{
		httpx.Get("/api/v1/statistics/annual", access.CaseRead, "年度行政执法数据：行政处罚、强制措施、检查等，按种类、领域、实施主体（本辖区；已公开的为公开时的数据）",
			httpx.WithQuery(s.AnnualStatistics)),
		httpx.Get("/api/v1/statistics/annual.xlsx", access.CaseRead, "年度行政执法数据导出为Excel",
			httpx.Raw(s.handleStatsExcel, httpx.Doc{Query: httpx.QueryParams[StatsQuery]()})),
		httpx.Get("/api/v1/statistics/annual/status", access.CaseRead, "上年度行政执法数据是否已公开（1月1日起未公开的提醒）", httpx.Fetch(s.AnnualReportStatus)),
		httpx.Post("/api/v1/statistics/annual/publish", access.CaseApprove, "在门户公开上年度行政执法数据（每年1月31日前；公开后不再变动）",
			httpx.WithBody(s.PublishAnnual)),
	}
}
