package documents

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"text/template"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/paper"
	"zhifa/internal/platform/settings"
)

// The national templates, one file per kind: a header line 标题：… , a line ---, then the body
// in the paper markup with Go template actions over the document's data ({{.当事人.名称}}).
//
//go:embed templates/*.txt
var nationalFS embed.FS

// Template is the wording of a kind of document for a jurisdiction.
type Template struct {
	Kind       string `json:"kind"`
	KindName   string `json:"kindName"`
	RegionCode string `json:"regionCode"` // "" for the national template
	Source     string `json:"source"`     // 全国默认, or the region's name and version
	Version    int    `json:"version"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	UpdatedAt  string `json:"updatedAt,omitempty"`
	// Signers are the places for handwritten signatures the body has ([签名:…]).
	Signers []string `json:"signers"`
}

// Template limits.
const (
	maxTitleRunes = 40
	maxBodyBytes  = 64 << 10
)

// National returns the national template of a kind.
func National(kind string) (Template, error) {
	k, ok := KindOf(kind)
	if !ok {
		return Template{}, apperr.InvalidField("kind", "DOCUMENT_KIND_UNKNOWN", "没有这种文书："+kind)
	}
	raw, err := nationalFS.ReadFile("templates/" + kind + ".txt")
	if err != nil {
		return Template{}, fmt.Errorf("national template %s: %w", kind, err)
	}
	head, body, ok := strings.Cut(string(raw), "\n---\n")
	title, found := strings.CutPrefix(strings.TrimSpace(head), "标题：")
	if !ok || !found {
		return Template{}, fmt.Errorf("national template %s: header 标题：… then ---", kind)
	}
	t := Template{Kind: kind, KindName: k.Name, Source: settings.NationalName, Title: strings.TrimSpace(title), Body: body}
	t.Signers = signers(body)
	return t, nil
}

// signers lists the signature places of a body.
func signers(body string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "[签名:"); ok && strings.HasSuffix(rest, "]") {
			for _, r := range strings.Split(strings.TrimSuffix(rest, "]"), "|") {
				if r = strings.TrimSpace(r); r != "" && !seen[r] && !strings.Contains(r, "{{") {
					seen[r] = true
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// funcs are the functions a template may call, with names an administrator reads.
var funcs = template.FuncMap{
	// 默认 gives the value, or the fallback when the value is empty: {{默认 .听证.地点 "另行通知"}}.
	"默认": func(v any, fallback string) any {
		if v == nil {
			return fallback
		}
		if rv := reflect.ValueOf(v); rv.IsZero() || (rv.Kind() == reflect.Slice && rv.Len() == 0) {
			return fallback
		}
		return v
	},
	// 序号 is the 1-based number of an item in a range: {{range $i, $x := .问答}}{{序号 $i}}
	"序号": func(i int) int { return i + 1 },
}

// execute fills a template's body with data and reads the result as markup.
func execute(t Template, data map[string]any) ([]paper.Block, error) {
	tpl, err := template.New(t.Kind).Funcs(funcs).Option("missingkey=error").Parse(t.Body)
	if err != nil {
		return nil, templateError(err)
	}
	var b bytes.Buffer
	if err := tpl.Execute(&limited{w: &b, left: paper.MaxMarkupBytes}, clean(data)); err != nil {
		return nil, templateError(err)
	}
	blocks, err := paper.Parse(b.String())
	if err != nil {
		return nil, apperr.InvalidField("body", "DOCUMENT_TEMPLATE_INVALID", "模板生成的文书格式有误："+err.Error())
	}
	return blocks, nil
}

// templateError says in Chinese where a template is wrong: the line, and what is wrong there.
func templateError(err error) error {
	msg := err.Error()
	where := ""
	if m := errLine.FindStringSubmatch(msg); m != nil {
		where = "第" + m[1] + "行："
	}
	what := "模板语法有误，请检查 {{ }} 是否成对、写法是否正确"
	switch m := errKey.FindStringSubmatch(msg); {
	case errors.Is(err, errTooLong):
		what = "生成的文书过长（循环是否没有结束？）"
	case m != nil:
		what = "没有数据项“" + m[1] + "”，可用的数据项见样例"
	case strings.Contains(msg, "function") && strings.Contains(msg, "not defined"):
		what = "没有这个函数；可用的函数为“默认”与“序号”"
	case strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "unclosed action"):
		what = "{{ }} 没有闭合，或 {{if}}、{{range}} 缺少 {{end}}"
	case strings.Contains(msg, "can't evaluate field") || strings.Contains(msg, "nil pointer"):
		what = "数据项的写法有误，可用的数据项见样例"
	}
	return apperr.InvalidField("body", "DOCUMENT_TEMPLATE_INVALID", "模板有误："+where+what)
}

var (
	errLine = regexp.MustCompile(`^template: [^:]*:(\d+)`)
	errKey  = regexp.MustCompile(`map has no entry for key "([^"]*)"`)
)

var errTooLong = errors.New("document too long")

// limited stops a template that writes without end (a loop over a large list).
type limited struct {
	w    *bytes.Buffer
	left int
}

func (l *limited) Write(p []byte) (int, error) {
	if len(p) > l.left {
		return 0, errTooLong
	}
	l.left -= len(p)
	return l.w.Write(p)
}

// clean makes the data safe to put into markup: a value's line breaks become spaces and its
// vertical bars full-width, so that no value can start a line of its own or split a table row.
func clean(v any) any {
	switch x := v.(type) {
	case string:
		return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", "｜", `\n`, `\ n`, "{{", "{ {").Replace(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = clean(e)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			out[i] = clean(e).(map[string]any)
		}
		return out
	case []string:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = clean(e).(string)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = clean(e)
		}
		return out
	}
	return v
}

// checkTemplate validates what an administrator writes: a title, a body that parses and fills
// from the sample data into markup every character of which a carried font draws.
func checkTemplate(t *Template, sample map[string]any) error {
	t.Title, t.Body = strings.TrimSpace(t.Title), strings.ReplaceAll(t.Body, "\r\n", "\n")
	if t.Title == "" || utf8.RuneCountInString(t.Title) > maxTitleRunes {
		return apperr.InvalidField("title", "DOCUMENT_TEMPLATE_INVALID", fmt.Sprintf("请填写文书标题（不超过%d个字）", maxTitleRunes))
	}
	if strings.TrimSpace(t.Body) == "" || len(t.Body) > maxBodyBytes || !utf8.ValidString(t.Body) || strings.ContainsRune(t.Body, 0) {
		return apperr.InvalidField("body", "DOCUMENT_TEMPLATE_INVALID", "模板正文不能为空，且不超过64KB的文本")
	}
	blocks, err := execute(*t, sample)
	if err != nil {
		return err
	}
	d := paper.Doc{Title: t.Title, Blocks: blocks}
	if miss, err := paper.Missing(d.Text()); err != nil {
		return err
	} else if len(miss) > 0 {
		return apperr.InvalidField("body", "DOCUMENT_GLYPH_MISSING", (&paper.GlyphError{Runes: miss}).Error())
	}
	t.Signers = signers(t.Body)
	return nil
}

// templateRow is a jurisdiction's version of a template; a row with cleared set returns the
// region to the template above it.
type templateRow struct {
	RegionCode string `db:"region_code"`
	Kind       string `db:"kind"`
	Version    int    `db:"version"`
	Title      string `db:"title"`
	Body       string `db:"body"`
	Cleared    bool   `db:"cleared"`
	UpdatedBy  string `db:"updated_by"`
	UpdatedAt  string `db:"updated_at"`
}

// current returns the template of a kind in force for a region: the nearest jurisdiction's own
// latest version, else the national template.
func current(ctx context.Context, c db.Conn, kind, regionCode string, names func([]string) map[string]string) (Template, error) {
	nat, err := National(kind)
	if err != nil {
		return Template{}, err
	}
	chain := settings.Chain(regionCode)
	if len(chain) == 0 {
		return nat, nil
	}
	var rows []templateRow
	q, args, err := db.In(`SELECT t.region_code, t.kind, t.version, t.title, t.body, t.cleared, t.updated_by, t.updated_at
		FROM document_templates t WHERE t.kind = ? AND t.region_code IN (?) AND t.version =
		(SELECT MAX(u.version) FROM document_templates u WHERE u.kind = t.kind AND u.region_code = t.region_code)`, kind, chain)
	if err != nil {
		return Template{}, err
	}
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return Template{}, err
	}
	own := map[string]templateRow{}
	for _, r := range rows {
		if !r.Cleared {
			own[r.RegionCode] = r
		}
	}
	code, ok := settings.Nearest(chain, func(code string) bool { _, ok := own[code]; return ok })
	if !ok {
		return nat, nil
	}
	r := own[code]
	source := code
	if names != nil {
		if n := names([]string{code})[code]; n != "" {
			source = n
		}
	}
	t := Template{Kind: kind, KindName: nat.KindName, RegionCode: code, Source: fmt.Sprintf("%s 第%d版", source, r.Version),
		Version: r.Version, Title: r.Title, Body: r.Body, UpdatedAt: r.UpdatedAt}
	t.Signers = signers(t.Body)
	return t, nil
}

// TemplateFor returns the template of a kind in force for a region.
func (s *Service) TemplateFor(ctx context.Context, c db.Conn, kind, regionCode string) (Template, error) {
	return s.template(ctx, c, kind, regionCode)
}
