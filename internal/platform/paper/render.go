package paper

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"
)

// Page geometry in points (GB/T 9704: A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
const (
	mm         = 72 / 25.4
	pageW      = 210 * mm
	pageH      = 297 * mm
	marginTop  = 37 * mm
	marginBot  = 35 * mm
	marginL    = 28 * mm
	marginR    = 26 * mm
	textW      = pageW - marginL - marginR
	bodyBottom = pageH - marginBot

	sizeIssuer = 18.0
	sizeTitle  = 22.0
	sizeNumber = 14.0
	sizeBody   = 14.0
	sizeTable  = 12.0
	sizeSmall  = 9.0
	lineBody   = 25.0
	lineTable  = 18.0
	cellPad    = 4.0
	qrSize     = 62.0
)

// Characters that may not begin a line, and those that may not end one (避头尾).
const (
	noStart = "，。、；：？！）》」』】〕”’…—,.;:?!)%"
	noEnd   = "（《「『【〔“‘("
)

// op is one thing drawn on a page.
type op struct {
	text  string
	size  float64
	x, y  float64 // text: baseline start; line: start; image and box: top left
	x2    float64 // line end
	y2    float64
	line  bool
	img   image.Image
	w, h  float64
	qr    [][]bool
	grey  bool
	angle float64
}

type layout struct {
	t     *typeface
	doc   *Doc
	pages [][]op
	y     float64 // top of the next line on the current page
}

func (l *layout) page() *[]op { return &l.pages[len(l.pages)-1] }

func (l *layout) newPage() {
	l.pages = append(l.pages, nil)
	l.y = marginTop
}

// room makes sure h points fit below y on the page, starting a new page if not.
func (l *layout) room(h float64) {
	if l.y+h > bodyBottom {
		l.newPage()
	}
}

func (l *layout) textAt(s string, size, x, top float64) {
	*l.page() = append(*l.page(), op{text: s, size: size, x: x, y: top + size*0.88})
}

func (l *layout) width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if f := l.t.faceFor(r); f != nil {
			w += f.width(r, size)
		}
	}
	return w
}

// units splits text into what a line break may not cut: a run of Latin letters and digits, or
// one character.
func units(s string) []string {
	var out []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '/' || r == ':' || r == '_') {
			word.WriteRune(r)
			continue
		}
		flush()
		out = append(out, string(r))
	}
	flush()
	return out
}

// wrap breaks text into lines no wider than width; the first line is narrower by indent.
// Closing punctuation hangs at the end of a line rather than beginning the next.
func (l *layout) wrap(s string, size, width, indent float64) []string {
	var lines []string
	var cur strings.Builder
	avail := width - indent
	used := 0.0
	for _, u := range units(s) {
		w := l.width(u, size)
		if used+w > avail && cur.Len() > 0 && !strings.Contains(noStart, u) {
			line := cur.String()
			carry := ""
			// an opening bracket at the end of a line moves to the next
			if last, n := lastRune(line); strings.ContainsRune(noEnd, last) {
				line, carry = line[:len(line)-n], string(last)
			}
			lines = append(lines, line)
			cur.Reset()
			cur.WriteString(carry)
			used = l.width(carry, size)
			avail = width
		}
		cur.WriteString(u)
		used += w
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if r := []rune(s[i:]); len(r) == 1 && r[0] != unicode.ReplacementChar {
			return r[0], len(s) - i
		}
	}
	return 0, 0
}

func (l *layout) paragraph(s string, indent bool) {
	in := 0.0
	if indent {
		in = 2 * sizeBody
	}
	for i, line := range l.wrap(s, sizeBody, textW, in) {
		l.room(lineBody)
		x := marginL
		if i == 0 {
			x += in
		}
		l.textAt(line, sizeBody, x, l.y+(lineBody-sizeBody)/2)
		l.y += lineBody
	}
}

func (l *layout) right(s string) {
	l.room(lineBody)
	l.textAt(s, sizeBody, pageW-marginR-l.width(s, sizeBody)-sizeBody, l.y+(lineBody-sizeBody)/2)
	l.y += lineBody
}

// columns gives the widths of a table row's cells: labels narrow, contents wide.
func columns(n int) []float64 {
	switch n {
	case 1:
		return []float64{textW}
	case 2:
		return []float64{textW * 0.24, textW * 0.76}
	case 4:
		return []float64{textW * 0.17, textW * 0.33, textW * 0.17, textW * 0.33}
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = textW / float64(n)
	}
	return w
}

// table lays out consecutive rows with borders; a row taller than what is left of the page
// continues on the next page.
func (l *layout) table(rows []Block) {
	for _, row := range rows {
		cells := row.Cells
		ws := columns(len(cells))
		if len(row.Widths) == len(cells) {
			ws = make([]float64, len(cells))
			for i, f := range row.Widths {
				ws[i] = f * textW
			}
		}
		wrapped := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			parts := strings.Split(c, "\\n")
			for _, p := range parts {
				wrapped[i] = append(wrapped[i], l.wrap(p, sizeTable, ws[i]-2*cellPad, 0)...)
			}
			n = max(n, len(wrapped[i]))
		}
		for done := 0; done < n; {
			l.room(lineTable + 2*cellPad)
			fit := int((bodyBottom - l.y - 2*cellPad) / lineTable)
			take := min(n-done, fit)
			h := float64(take)*lineTable + 2*cellPad
			x := marginL
			for i, w := range ws {
				for j := done; j < done+take && j < len(wrapped[i]); j++ {
					l.textAt(wrapped[i][j], sizeTable, x+cellPad, l.y+cellPad+float64(j-done)*lineTable+(lineTable-sizeTable)/2)
				}
				*l.page() = append(*l.page(), op{line: true, x: x, y: l.y, x2: x, y2: l.y + h})
				x += w
			}
			pg := l.page()
			*pg = append(*pg, op{line: true, x: marginL + textW, y: l.y, x2: marginL + textW, y2: l.y + h},
				op{line: true, x: marginL, y: l.y, x2: marginL + textW, y2: l.y},
				op{line: true, x: marginL, y: l.y + h, x2: marginL + textW, y2: l.y + h})
			l.y += h
			done += take
		}
	}
}

// signatures lays out signature places side by side: the label, then the handwritten signature
// where one was given, else a line to sign on.
func (l *layout) signatures(roles []string) {
	const h = 48.0
	l.room(h + 6)
	w := textW / float64(len(roles))
	for i, role := range roles {
		x := marginL + float64(i)*w
		label := role + "（签名）："
		lw := l.width(label, sizeBody)
		l.textAt(label, sizeBody, x, l.y+h-sizeBody-6)
		if img := l.doc.Signatures[role]; img != nil {
			b := img.Bounds()
			iw, ih := float64(b.Dx()), float64(b.Dy())
			scale := min((w-lw-8)/iw, h/ih)
			*l.page() = append(*l.page(), op{img: img, x: x + lw, y: l.y + h - ih*scale, w: iw * scale, h: ih * scale})
		} else {
			*l.page() = append(*l.page(), op{line: true, x: x + lw, y: l.y + h - 4, x2: x + w - 10, y2: l.y + h - 4})
		}
	}
	l.y += h + 6
}

// sign lays out the issuing body and the date at the right, the seal over them.
func (l *layout) sign() {
	const sealSize = 42 * mm
	l.room(3 * lineBody)
	l.y += lineBody
	top := l.y
	l.right(l.doc.Issuer)
	if l.doc.Date != "" {
		l.right(l.doc.Date)
	}
	if l.doc.Seal != nil {
		cx := pageW - marginR - sizeBody - l.width(l.doc.Issuer, sizeBody)/2
		cy := top + lineBody
		*l.page() = append(*l.page(), op{img: l.doc.Seal, x: cx - sealSize/2, y: cy - sealSize/2, w: sealSize, h: sealSize})
	}
}

func (l *layout) header() error {
	d := l.doc
	if d.Issuer != "" {
		l.textAt(d.Issuer, sizeIssuer, (pageW-l.width(d.Issuer, sizeIssuer))/2, l.y)
		l.y += sizeIssuer * 1.6
	}
	for _, line := range l.wrap(d.Title, sizeTitle, textW, 0) {
		l.textAt(line, sizeTitle, (pageW-l.width(line, sizeTitle))/2, l.y)
		l.y += sizeTitle * 1.5
	}
	if d.Number != "" {
		l.textAt(d.Number, sizeNumber, pageW-marginR-l.width(d.Number, sizeNumber), l.y)
		l.y += sizeNumber * 2
	}
	if d.QR != "" {
		q, err := qrcode.New(d.QR, qrcode.Medium)
		if err != nil {
			return fmt.Errorf("qr: %w", err)
		}
		q.DisableBorder = true
		top := 8 * mm
		*l.page() = append(*l.page(), op{qr: q.Bitmap(), x: pageW - marginR - qrSize, y: top, w: qrSize, h: qrSize})
		if d.QRCaption != "" {
			l.textAt(d.QRCaption, sizeSmall, pageW-marginR-qrSize-l.width(d.QRCaption, sizeSmall)-6, top+qrSize-sizeSmall)
		}
	}
	return nil
}

// lay lays a document out into pages.
func lay(t *typeface, d *Doc) (*layout, error) {
	if miss, _ := Missing(d.Text()); len(miss) > 0 {
		return nil, &GlyphError{Runes: miss}
	}
	l := &layout{t: t, doc: d}
	l.newPage()
	if err := l.header(); err != nil {
		return nil, err
	}
	for i := 0; i < len(d.Blocks); i++ {
		b := d.Blocks[i]
		switch b.Kind {
		case Para:
			l.paragraph(b.Text, true)
		case Plain:
			l.paragraph(b.Text, false)
		case Heading:
			l.room(2 * lineBody)
			l.paragraph(b.Text, false)
		case Right:
			l.right(b.Text)
		case Blank:
			l.y += lineBody
		case Row:
			var rows []Block
			for ; i < len(d.Blocks) && d.Blocks[i].Kind == Row; i++ {
				rows = append(rows, d.Blocks[i])
			}
			i--
			l.table(rows)
			l.y += 6
		case Signatures:
			l.signatures(b.Roles)
		case Sign:
			l.sign()
		}
	}
	return l, nil
}

// Render lays a document out and writes it as PDF.
func Render(d *Doc) ([]byte, error) {
	t, err := fonts()
	if err != nil {
		return nil, err
	}
	l, err := lay(t, d)
	if err != nil {
		return nil, err
	}
	gp, err := start(t, d.Title, d.Number)
	if err != nil {
		return nil, err
	}
	for n := range l.pages {
		if err := l.writePage(gp, n, ""); err != nil {
			return nil, err
		}
	}
	return finish(gp)
}

// Pages counts what Render would make of a document.
func Pages(d *Doc) (int, error) {
	t, err := fonts()
	if err != nil {
		return 0, err
	}
	l, err := lay(t, d)
	if err != nil {
		return 0, err
	}
	return len(l.pages), nil
}

func start(t *typeface, title, subject string) (*gopdf.GoPdf, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	gp.SetInfo(gopdf.PdfInfo{Title: title, Subject: subject, Creator: "zhifa"})
	for _, f := range t.faces {
		if err := gp.AddTTFFontFromFontContainer(f.name, t.container); err != nil {
			return nil, err
		}
	}
	return gp, nil
}

func finish(gp *gopdf.GoPdf) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writePage draws page n of a laid-out document with its footer, and stamp at the top right
// (a case file's page number) where given.
func (l *layout) writePage(gp *gopdf.GoPdf, n int, stamp string) error {
	gp.AddPage()
	gp.SetLineWidth(0.6)
	if l.doc.Watermark != "" {
		gp.SetTextColor(225, 225, 225)
		gp.Rotate(35, pageW/2, pageH/2)
		if err := l.draw(gp, op{text: l.doc.Watermark, size: 96, x: pageW/2 - l.width(l.doc.Watermark, 96)/2, y: pageH / 2}); err != nil {
			return err
		}
		gp.RotateReset()
		gp.SetTextColor(0, 0, 0)
	}
	foot := "第 " + strconv.Itoa(n+1) + " 页 共 " + strconv.Itoa(len(l.pages)) + " 页"
	if l.doc.Footer != "" {
		foot = l.doc.Footer + "　" + foot
	}
	ops := append(l.pages[n], op{text: foot, size: sizeSmall, x: (pageW - l.width(foot, sizeSmall)) / 2, y: pageH - marginBot/2})
	if stamp != "" {
		ops = append(ops, l.stampOp(stamp))
	}
	for _, o := range ops {
		if err := l.draw(gp, o); err != nil {
			return err
		}
	}
	return nil
}

func (l *layout) stampOp(stamp string) op {
	return op{text: stamp, size: 10, x: pageW - 8*mm - l.width(stamp, 10), y: 6 * mm}
}

// Part is one part of a bundle: a document laid out here, or the pages of a PDF made before (an
// issued document), kept as they are.
type Part struct {
	Doc *Doc
	PDF []byte
}

// PDFPages counts the pages of a PDF this package made.
func PDFPages(pdf []byte) int { return bytes.Count(pdf, []byte("/Type /Page\n")) }

// Bundle writes parts one after another as one PDF, every page numbered at its top right as a
// case file numbers its pages (第N页).
func Bundle(title string, parts []Part) (out []byte, err error) {
	t, err := fonts()
	if err != nil {
		return nil, err
	}
	gp, err := start(t, title, "")
	if err != nil {
		return nil, err
	}
	defer func() {
		// the PDF importer panics on a file it cannot read
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("bundle: %v", r)
		}
	}()
	stamp := &layout{t: t, doc: &Doc{}}
	page := 0
	for _, p := range parts {
		if p.Doc != nil {
			l, err := lay(t, p.Doc)
			if err != nil {
				return nil, err
			}
			for n := range l.pages {
				page++
				if err := l.writePage(gp, n, "第"+strconv.Itoa(page)+"页"); err != nil {
					return nil, err
				}
			}
			continue
		}
		rs := io.ReadSeeker(bytes.NewReader(p.PDF))
		for n := 1; n <= PDFPages(p.PDF); n++ {
			tpl := gp.ImportPageStream(&rs, n, "/MediaBox")
			gp.AddPage()
			gp.UseImportedTemplate(tpl, 0, 0, pageW, pageH)
			page++
			if err := stamp.draw(gp, stamp.stampOp("第"+strconv.Itoa(page)+"页")); err != nil {
				return nil, err
			}
		}
	}
	return finish(gp)
}

func (l *layout) draw(gp *gopdf.GoPdf, o op) error {
	switch {
	case o.line:
		gp.Line(o.x, o.y, o.x2, o.y2)
	case o.qr != nil:
		cell := o.w / float64(len(o.qr))
		gp.SetFillColor(0, 0, 0)
		for r, row := range o.qr {
			for c, on := range row {
				if on {
					gp.RectFromUpperLeftWithStyle(o.x+float64(c)*cell, o.y+float64(r)*cell, cell+0.05, cell+0.05, "F")
				}
			}
		}
	case o.img != nil:
		return gp.ImageFrom(o.img, o.x, o.y, &gopdf.Rect{W: o.w, H: o.h})
	case o.text != "":
		x := o.x
		for _, run := range l.runs(o.text) {
			if err := gp.SetFont(run.face.name, "", o.size); err != nil {
				return err
			}
			gp.SetXY(x, o.y)
			if err := gp.Text(run.text); err != nil {
				return err
			}
			x += l.width(run.text, o.size)
		}
	}
	return nil
}

type run struct {
	face *face
	text string
}

// runs splits a line into the parts each face draws.
func (l *layout) runs(s string) []run {
	var out []run
	for _, r := range s {
		f := l.t.faceFor(r)
		if f == nil {
			continue
		}
		if n := len(out); n > 0 && out[n-1].face == f {
			out[n-1].text += string(r)
			continue
		}
		out = append(out, run{face: f, text: string(r)})
	}
	return out
}
