// Package paper lays out documents (文书) on A4 and writes them as PDF with the Chinese fonts the
// product carries. A document is its issuer, title and number over a list of blocks written in a
// small line markup that administrators edit in templates:
//
//	普通一行           a paragraph, first line indented two characters
//	= 一行             a paragraph without indent
//	## 一行            a section heading
//	> 一行             a line set to the right (dates, the issuing body)
//	| 标签 | 内容 |    a table row; consecutive rows make one table (two or four cells)
//	[签名:当事人|执法人员]   signature places, with the handwritten signature where one was given
//	[落款]             the issuing body and date at the right, with the seal where one is set
//	~                  an empty line
//
// Blank lines are ignored, so templates may use them for readability. Layout follows the habits
// of GB/T 9704 (A4, margins 37/28/35/26 mm, title centred, text in a Song face); a character no
// carried font draws is an error, never a blank.
package paper

import (
	"fmt"
	"image"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of a block.
type Kind int

// Kinds of block.
const (
	Para Kind = iota
	Plain
	Heading
	Right
	Row
	Signatures
	Sign
	Blank
)

// Block is one part of a document's body.
type Block struct {
	Kind  Kind
	Text  string
	Cells []string // Row
	// Widths are a Row's column widths as parts of the text width, where a form needs its own
	// (a table of contents); otherwise labels are narrow and contents wide.
	Widths []float64
	Roles  []string // Signatures: the signers' labels
}

// Doc is a document to render.
type Doc struct {
	Issuer string // the body in whose name the document is made, printed above the title
	Title  string
	Number string
	Blocks []Block
	// Date is the date the document is signed off, as printed in the 落款 block.
	Date string
	// Signatures are handwritten signatures by the label of their place ([签名:当事人]).
	Signatures map[string]image.Image
	// Seal is the issuing body's seal, printed over the 落款 where set.
	Seal image.Image
	// QR is what the QR code holds (the public verification address); QRCaption is printed under it.
	QR        string
	QRCaption string
	// Footer is printed at the foot of every page before the page number.
	Footer string
	// Watermark is printed across every page (预览 for a preview); "" for none.
	Watermark string
}

// Markup limits.
const (
	MaxMarkupBytes = 256 << 10
	maxCells       = 6
)

// ParseError is a line of markup that cannot be read.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("第%d行：%s", e.Line, e.Msg) }

// Parse reads markup into blocks.
func Parse(text string) ([]Block, error) {
	if len(text) > MaxMarkupBytes {
		return nil, &ParseError{Line: 0, Msg: "文书内容过长"}
	}
	if !utf8.ValidString(text) {
		return nil, &ParseError{Line: 0, Msg: "文书内容不是有效的UTF-8文本"}
	}
	var out []Block
	for i, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := strings.TrimRight(raw, " \t")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			continue
		case trimmed == "~":
			out = append(out, Block{Kind: Blank})
		case strings.HasPrefix(trimmed, "## "):
			out = append(out, Block{Kind: Heading, Text: strings.TrimSpace(trimmed[3:])})
		case strings.HasPrefix(trimmed, "= "), trimmed == "=":
			out = append(out, Block{Kind: Plain, Text: strings.TrimSpace(strings.TrimPrefix(trimmed, "="))})
		case strings.HasPrefix(trimmed, "> "):
			out = append(out, Block{Kind: Right, Text: strings.TrimSpace(trimmed[2:])})
		case strings.HasPrefix(trimmed, "|"):
			if !strings.HasSuffix(trimmed, "|") || len(trimmed) < 2 {
				return nil, &ParseError{Line: i + 1, Msg: "表格行应以“|”开头并以“|”结尾"}
			}
			cells := strings.Split(trimmed[1:len(trimmed)-1], "|")
			if len(cells) > maxCells {
				return nil, &ParseError{Line: i + 1, Msg: fmt.Sprintf("表格一行最多%d格", maxCells)}
			}
			for j := range cells {
				cells[j] = strings.TrimSpace(cells[j])
			}
			out = append(out, Block{Kind: Row, Cells: cells})
		case strings.HasPrefix(trimmed, "[签名:") && strings.HasSuffix(trimmed, "]"):
			var roles []string
			for _, r := range strings.Split(trimmed[len("[签名:"):len(trimmed)-1], "|") {
				if r = strings.TrimSpace(r); r != "" {
					roles = append(roles, r)
				}
			}
			if len(roles) == 0 || len(roles) > 3 {
				return nil, &ParseError{Line: i + 1, Msg: "签名行应写明一至三个签名人，如 [签名:当事人|执法人员]"}
			}
			out = append(out, Block{Kind: Signatures, Roles: roles})
		case trimmed == "[落款]":
			out = append(out, Block{Kind: Sign})
		case strings.HasPrefix(trimmed, "["):
			return nil, &ParseError{Line: i + 1, Msg: "不认识的标记“" + trimmed + "”；可用 [签名:…] 与 [落款]"}
		default:
			out = append(out, Block{Kind: Para, Text: trimmed})
		}
	}
	return out, nil
}

// Text is everything a document prints, for checking glyphs and for tests.
func (d *Doc) Text() string {
	var b strings.Builder
	for _, s := range []string{d.Issuer, d.Title, d.Number, d.Date, d.QRCaption, d.Footer, d.Watermark} {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	for _, bl := range d.Blocks {
		b.WriteString(bl.Text)
		for _, c := range bl.Cells {
			b.WriteString(c)
		}
		for _, r := range bl.Roles {
			b.WriteString(r + "（签名）")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// GlyphError names the characters no carried font draws.
type GlyphError struct{ Runes []rune }

func (e *GlyphError) Error() string {
	var b strings.Builder
	for i, r := range e.Runes {
		if i > 0 {
			b.WriteString("、")
		}
		fmt.Fprintf(&b, "“%c”(U+%04X)", r, r)
	}
	return "文书中有字体无法显示的字符：" + b.String()
}
