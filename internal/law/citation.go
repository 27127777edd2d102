// Package law reads and writes references to legal provisions (法律依据) the way Chinese laws,
// catalogues and enforcement documents write them: 《城市市容和环境卫生管理条例》第三十四条第一款第（二）项,
// with the article, paragraph and item numbers in Chinese numerals. It knows no feature: the
// catalogue, cases and documents all cite through it.
package law

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
)

// Citation is one structured reference to a legal provision (法律依据): the law or regulation, an
// optional edition note, article (条), paragraph (款), item (项) and the provision's text.
type Citation struct {
	Law       string `json:"law"`               // name without book-title marks, e.g. 城市市容和环境卫生管理条例
	Edition   string `json:"edition,omitempty"` // e.g. 2017年修订, 国务院令第101号
	Article   int    `json:"article"`
	Paragraph int    `json:"paragraph,omitempty"`
	Item      int    `json:"item,omitempty"`
	Text      string `json:"text"`
}

// CodeCitationInvalid is the error code of a reference that cannot be read.
const CodeCitationInvalid = "CITATION_INVALID"

// CitationExample shows the citation format in messages and the template.
const CitationExample = "《城市市容和环境卫生管理条例》第三十四条第（一）项：随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的"

// Ref is the provision without its text: 《城市市容和环境卫生管理条例》第三十四条第（一）项.
func (c Citation) Ref() string {
	var b strings.Builder
	b.WriteString("《" + c.Law + "》")
	if c.Edition != "" {
		b.WriteString("（" + c.Edition + "）")
	}
	b.WriteString("第" + FormatNumeral(c.Article) + "条")
	if c.Paragraph > 0 {
		b.WriteString("第" + FormatNumeral(c.Paragraph) + "款")
	}
	if c.Item > 0 {
		b.WriteString("第（" + FormatNumeral(c.Item) + "）项")
	}
	return b.String()
}

// String is the citation in the catalogue's cell format: the reference, a full-width colon and the text.
func (c Citation) String() string {
	if c.Text == "" {
		return c.Ref()
	}
	return c.Ref() + "：" + c.Text
}

// ArabicRef is the reference with Arabic numbers and no marks (城市道路管理条例第42条), so that a
// search for "第42条" finds it too.
func (c Citation) ArabicRef() string {
	s := c.Law + "第" + strconv.Itoa(c.Article) + "条"
	if c.Paragraph > 0 {
		s += "第" + strconv.Itoa(c.Paragraph) + "款"
	}
	if c.Item > 0 {
		s += "第" + strconv.Itoa(c.Item) + "项"
	}
	return s
}

// Check validates a citation given as structured JSON.
func (c *Citation) Check(field string) error {
	c.Law = strings.Trim(strings.TrimSpace(c.Law), "《》")
	c.Edition = strings.TrimSpace(c.Edition)
	c.Text = strings.TrimSpace(c.Text)
	switch {
	case c.Law == "":
		return apperr.InvalidField(field, CodeCitationInvalid, "法律依据缺少法律法规名称")
	case strings.ContainsAny(c.Law, "《》"):
		return apperr.InvalidField(field, CodeCitationInvalid, "法律法规名称不应包含书名号："+c.Law)
	case c.Article <= 0:
		return apperr.InvalidField(field, CodeCitationInvalid, "法律依据《"+c.Law+"》缺少条号")
	case c.Paragraph < 0 || c.Item < 0:
		return apperr.InvalidField(field, CodeCitationInvalid, "款、项序号不能为负数")
	}
	return nil
}

// ParseCitations reads one cell of references separated by "；" (or ";" or a new line), each like
// 《城市市容和环境卫生管理条例》（2017年修订）第三十四条第一款第（二）项：原文…. A separator counts only
// where the next reference begins with 《, because the provisions' own texts contain "；".
func ParseCitations(field, cell string) ([]Citation, error) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return []Citation{}, nil
	}
	var out []Citation
	for _, part := range splitCitations(cell) {
		c, err := ParseCitation(part)
		if err != nil {
			return nil, apperr.As(err).WithField(field)
		}
		out = append(out, c)
	}
	return out, nil
}

// splitCitations cuts a cell before every 《 that follows a separator.
func splitCitations(cell string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(cell); {
		r, size := utf8.DecodeRuneInString(cell[i:])
		if r == '；' || r == ';' || r == '\n' {
			j := i + size
			for j < len(cell) && (cell[j] == ' ' || cell[j] == '\t' || cell[j] == '\r' || cell[j] == '\n') {
				j++
			}
			if strings.HasPrefix(cell[j:], "《") {
				if p := strings.TrimSpace(cell[start:i]); p != "" {
					parts = append(parts, p)
				}
				start = j
				i = j
				continue
			}
		}
		i += size
	}
	if p := strings.TrimSpace(cell[start:]); p != "" {
		parts = append(parts, p)
	}
	return parts
}

func citationError(s, why string) error {
	shown := s
	if utf8.RuneCountInString(shown) > 40 {
		shown = string([]rune(shown)[:40]) + "…"
	}
	return apperr.Invalid(CodeCitationInvalid,
		fmt.Sprintf("无法识别的法律依据“%s”：%s（应形如%s）", shown, why, CitationExample))
}

// ParseCitation reads one reference.
func ParseCitation(s string) (Citation, error) {
	orig := strings.TrimSpace(s)
	rest := orig
	var c Citation
	if !strings.HasPrefix(rest, "《") {
		return c, citationError(orig, "应以《法律法规名称》开头")
	}
	end := strings.Index(rest, "》")
	if end < 0 {
		return c, citationError(orig, "书名号不完整")
	}
	c.Law = strings.TrimSpace(rest[len("《"):end])
	if c.Law == "" {
		return c, citationError(orig, "缺少法律法规名称")
	}
	rest = strings.TrimSpace(rest[end+len("》"):])
	// An optional edition note in parentheses right after the name: （2017年修订）.
	if open, closing := parenAt(rest); open != "" {
		i := strings.Index(rest, closing)
		if i < 0 {
			return c, citationError(orig, "括号不完整")
		}
		c.Edition = strings.TrimSpace(rest[len(open):i])
		rest = strings.TrimSpace(rest[i+len(closing):])
	}
	num, rest, ok := numberedPart(rest, "条")
	if !ok {
		return c, citationError(orig, "缺少条号（第…条）")
	}
	c.Article = num
	if n, r, ok := numberedPart(rest, "款"); ok {
		c.Paragraph, rest = n, r
	}
	if n, r, ok := numberedPart(rest, "项"); ok {
		c.Item, rest = n, r
	}
	rest = strings.TrimSpace(rest)
	switch {
	case rest == "":
	case strings.HasPrefix(rest, "："):
		c.Text = strings.TrimSpace(rest[len("："):])
	case strings.HasPrefix(rest, ":"):
		c.Text = strings.TrimSpace(rest[1:])
	default:
		return c, citationError(orig, "条款项之后应为冒号和条文原文")
	}
	return c, nil
}

// parenAt reports the opening and closing parenthesis when s starts with one.
func parenAt(s string) (string, string) {
	switch {
	case strings.HasPrefix(s, "（"):
		return "（", "）"
	case strings.HasPrefix(s, "("):
		return "(", ")"
	}
	return "", ""
}

// numberedPart reads 第<number><unit> at the start of s; the number of an item may sit in
// parentheses: 第（二）项, 第(二)项.
func numberedPart(s, unit string) (int, string, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "第") {
		return 0, s, false
	}
	body := strings.TrimSpace(s[len("第"):])
	i := strings.Index(body, unit)
	if i < 0 {
		return 0, s, false
	}
	raw := strings.TrimSpace(body[:i])
	if open, closing := parenAt(raw); open != "" {
		if !strings.HasSuffix(raw, closing) {
			return 0, s, false
		}
		raw = strings.TrimSpace(raw[len(open) : len(raw)-len(closing)])
	}
	n, ok := ParseNumeral(raw)
	if !ok {
		return 0, s, false
	}
	return n, body[i+len(unit):], true
}

// FormatCitations writes references back into one cell, separated by "；".
func FormatCitations(cs []Citation) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, "；")
}
