package catalog

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
)

// File is a generated file to download.
type File struct {
	Name        string
	ContentType string
	Body        []byte
}

// Formats of exports and the template.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// sheet writes rows to a CSV (UTF-8 with a BOM, so that Excel opens it as Chinese) or to the
// first sheet of an .xlsx.
type sheet struct {
	format string
	buf    bytes.Buffer
	csv    *csv.Writer
	xlsx   *excelize.File
	stream *excelize.StreamWriter
	row    int
}

func newSheet(format string) (*sheet, error) {
	sh := &sheet{format: format}
	switch format {
	case FormatCSV, "":
		sh.format = FormatCSV
		sh.buf.WriteString("\ufeff")
		sh.csv = csv.NewWriter(&sh.buf)
	case FormatXLSX:
		sh.xlsx = excelize.NewFile()
		sh.xlsx.SetSheetName("Sheet1", "权责清单")
		sw, err := sh.xlsx.NewStreamWriter("权责清单")
		if err != nil {
			return nil, err
		}
		sh.stream = sw
	default:
		return nil, apperr.InvalidField("format", "CATALOG_FORMAT_INVALID", "格式应为 csv 或 xlsx")
	}
	return sh, nil
}

func (sh *sheet) write(cells []string) error {
	if sh.csv != nil {
		return sh.csv.Write(cells)
	}
	sh.row++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	cell, err := excelize.CoordinatesToCellName(1, sh.row)
	if err != nil {
		return err
	}
	return sh.stream.SetRow(cell, vals)
}

func (sh *sheet) finish(name string) (File, error) {
	if sh.csv != nil {
		sh.csv.Flush()
		if err := sh.csv.Error(); err != nil {
			return File{}, err
		}
		return File{Name: name + ".csv", ContentType: "text/csv; charset=utf-8", Body: sh.buf.Bytes()}, nil
	}
	defer sh.xlsx.Close()
	if err := sh.stream.Flush(); err != nil {
		return File{}, err
	}
	if err := sh.xlsx.Write(&sh.buf); err != nil {
		return File{}, err
	}
	return File{Name: name + ".xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Body: sh.buf.Bytes()}, nil
}

func headerRow() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Headers[0]
	}
	return out
}

// cells writes a version as a template row, with the transfer and delegation columns given in moved.
func cells(code string, v *Version, owner string, moved map[string]string) []string {
	status := lifecycle.StatusName(v.Status)
	vals := map[string]string{
		"code": code, "name": v.Name, "type": TypeName(v.Type), "domain": v.Domain, "category": CategoryName(v.Category),
		"level": LevelName(v.Level), "owner": owner, "violatedBasis": law.FormatCitations(v.ViolatedBasis),
		"penaltyBasis": law.FormatCitations(v.PenaltyBasis), "penaltyKinds": strings.Join(v.PenaltyKinds, "、"),
		"fineMin": FormatYuan(v.Fine.MinFen), "fineMax": FormatYuan(v.Fine.MaxFen), "multipleMin": FormatMultiple(v.Fine.MultipleMin),
		"multipleMax": FormatMultiple(v.Fine.MultipleMax), "multipleBase": v.Fine.MultipleBase,
		"unit": v.Fine.Unit, "unitMin": FormatYuan(v.Fine.PerUnitMinFen), "unitMax": FormatYuan(v.Fine.PerUnitMaxFen),
		"superviseDuties": strings.Join(v.SuperviseDuties, "；"), "enforceDuties": strings.Join(v.EnforceDuties, "；"),
		"effectiveFrom": v.EffectiveFrom, "docNo": v.DocNo, "status": status, "note": v.Note,
	}
	for k, v := range moved {
		vals[k] = v
	}
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = vals[c.Key]
	}
	return out
}

// movedCells fills the transfer and delegation columns of an item from the snapshot, as in force
// on date: the active transfer, and the active delegations when one decision made them all (the
// columns hold one decision each).
func (s *Snapshot) movedCells(itemID, date string) map[string]string {
	e := s.items[itemID]
	if e == nil {
		return nil
	}
	out := map[string]string{}
	var dels []*grant
	for _, g := range e.grants {
		if !g.activeOn(date) {
			continue
		}
		switch g.Kind {
		case ModeTransfer:
			d := s.decisions[g.DecisionID]
			out["transferTo"], out["transferDocNo"], out["transferFrom"], out["transferPart"] = s.orgName(g.TargetOrgID), d.DocNo, g.From, g.PartNote
		case ModeDelegate:
			dels = append(dels, g)
		}
	}
	if len(dels) == 0 {
		return out
	}
	var names []string
	for _, g := range dels {
		if g.DecisionID != dels[0].DecisionID || g.From != dels[0].From || g.PartNote != dels[0].PartNote {
			return out
		}
		names = append(names, s.orgName(g.TargetOrgID))
	}
	d := s.decisions[dels[0].DecisionID]
	out["delegateTo"], out["delegateDocNo"], out["delegateFrom"], out["delegatePart"] = strings.Join(names, "、"), d.DocNo, dels[0].From, dels[0].PartNote
	return out
}

// exampleVersion is the template's sample row: 《城市市容和环境卫生管理条例》第三十四条第（一）项.
func exampleVersion() (string, *Version) {
	return "CSGL-CF-0001", &Version{Name: "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚", Type: TypePenalty,
		Domain: "城市管理", Category: CategoryGeneral, Level: LevelCounty,
		Record:        lifecycle.Record{Status: lifecycle.Draft, EffectiveFrom: "2024-01-01", DocNo: "某政发〔2024〕1号"},
		ViolatedBasis: []law.Citation{{Law: "城市市容和环境卫生管理条例", Article: 34, Item: 1, Text: "随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的"}},
		PenaltyBasis:  []law.Citation{{Law: "城市市容和环境卫生管理条例", Article: 34, Text: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款"}},
		PenaltyKinds:  []string{"警告", "罚款"}, SuperviseDuties: []string{"负责市容环境卫生日常监管", "负责卫生责任区的划定和监督检查"},
		EnforceDuties: []string{"负责调查取证", "依法作出行政处罚决定"}}
}

// Template is the import template with one sample row.
func Template(format string) (File, error) {
	sh, err := newSheet(format)
	if err != nil {
		return File{}, err
	}
	if err := sh.write(headerRow()); err != nil {
		return File{}, err
	}
	code, v := exampleVersion()
	if err := sh.write(cells(code, v, "某县住房和城乡建设局", nil)); err != nil {
		return File{}, err
	}
	return sh.finish("权责清单导入模板")
}

// Export writes every item of a list view (the same filters as List) in the template's columns,
// so that an export can be imported elsewhere: with its transfer and the delegations of one decision
// in force on the list's date (today when none is given).
func (s *Service) Export(ctx context.Context, p *access.Principal, f Filter, format string) (File, error) {
	sh, err := newSheet(format)
	if err != nil {
		return File{}, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return File{}, err
	}
	date := f.AsOf
	if date == "" {
		date = s.today()
	}
	if err := sh.write(headerRow()); err != nil {
		return File{}, err
	}
	page := httpx.Page{Page: 1, PageSize: httpx.MaxPageSize}
	for {
		items, total, err := s.List(ctx, p, f, page)
		if err != nil {
			return File{}, err
		}
		if len(items) == 0 {
			break
		}
		vids := make([]string, len(items))
		for i, it := range items {
			vids[i] = it.VersionID
		}
		q, args, err := db.In(`SELECT `+versionColumns+` FROM catalog_versions WHERE id IN (?)`, vids)
		if err != nil {
			return File{}, err
		}
		var rows []versionRow
		if err := db.Select(ctx, s.DB.R, &rows, q, args...); err != nil {
			return File{}, err
		}
		byID := make(map[string]*Version, len(rows))
		for _, r := range rows {
			byID[r.ID] = r.version(s.today())
		}
		for _, it := range items {
			v := byID[it.VersionID]
			var moved map[string]string
			if v.Status != lifecycle.Draft {
				moved = snap.movedCells(it.ID, date)
			}
			if err := sh.write(cells(it.Code, v, it.OwnerOrgName, moved)); err != nil {
				return File{}, err
			}
		}
		if page.Page*page.PageSize >= total {
			break
		}
		page.Page++
	}
	return sh.finish("权责清单")
}
