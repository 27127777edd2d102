package paper

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `
= 当事人：王某某，男，身份证号码 371521198803150016，住址：山东省聊城市阳谷县狮子楼街道。
## 一、违法事实
经查，2026年11月3日，当事人驾驶鲁P·12345号重型自卸货车在阳谷县张秋镇金堤路运输建筑垃圾，未采取密闭措施，造成沿途撒漏约20米（《城市建筑垃圾管理规定》第十四条）。喆堃先生到场。
| 案由 | 运输建筑垃圾未密闭 |
| 当事人 | 王某某 | 联系电话 | 138****0000 |
| 证据 | 现场检查笔录一份\n照片三张\n询问笔录一份 |
[签名:当事人|执法人员]
[落款]
`

// pdfText extracts a PDF's text with pdftotext (poppler-utils), which the tests need.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext (poppler-utils) is needed: %v", err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestRenderPrintsTheDocumentInChinese(t *testing.T) {
	blocks, err := Parse(sample)
	if err != nil {
		t.Fatal(err)
	}
	d := &Doc{Issuer: "阳谷县综合行政执法局", Title: "行政处罚决定书", Number: "阳综执罚〔2026〕12号", Blocks: blocks,
		Date: "2026年12月1日", QR: "https://zhifa.example/portal/verify/abc", QRCaption: "扫码核验", Footer: "阳综执罚〔2026〕12号"}
	pdf, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if p := os.Getenv("PAPER_OUT"); p != "" {
		_ = os.WriteFile(p, pdf, 0o644)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), "")
	for _, want := range []string{"阳谷县综合行政执法局", "行政处罚决定书", "阳综执罚〔2026〕12号", "371521198803150016", "喆堃先生到场",
		"运输建筑垃圾未密闭", "当事人（签名）", "第1页共1页"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

func TestParseRefusesWhatItCannotRead(t *testing.T) {
	for _, bad := range []string{"| 未结束", "[印章]", "[签名:]", "[签名:甲|乙|丙|丁]", "|1|2|3|4|5|6|7|"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	blocks, err := Parse("## 一、事实\n= 不缩进\n> 右\n~\n正文\n\n[落款]")
	if err != nil {
		t.Fatal(err)
	}
	kinds := []Kind{Heading, Plain, Right, Blank, Para, Sign}
	if len(blocks) != len(kinds) {
		t.Fatalf("blocks: %+v", blocks)
	}
	for i, k := range kinds {
		if blocks[i].Kind != k {
			t.Errorf("block %d: %v, want %v", i, blocks[i].Kind, k)
		}
	}
}

func TestAMissingGlyphIsAnErrorNotABlank(t *testing.T) {
	_, err := Render(&Doc{Title: "测试", Blocks: []Block{{Kind: Para, Text: "当事人：张\U00020001"}}})
	var ge *GlyphError
	if !errors.As(err, &ge) || len(ge.Runes) != 1 || ge.Runes[0] != 0x20001 {
		t.Fatalf("err: %v", err)
	}
}

// Closing punctuation never begins a line, and a long text and a tall table row flow onto the
// next pages with every character kept.
func TestLongDocumentsFlowOntoPagesWithoutLosingText(t *testing.T) {
	t.Parallel()
	tl, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	l := &layout{t: tl, doc: &Doc{}}
	text := strings.Repeat("当事人在规定期限内未改正，", 40)
	for _, line := range l.wrap(text, sizeBody, textW, 2*sizeBody) {
		if r := []rune(line); len(r) > 0 && strings.ContainsRune(noStart, r[0]) {
			t.Fatalf("a line begins with %q", r[0])
		}
	}
	answer := strings.Repeat("答：我是司机，运输的是建筑垃圾。", 120)
	blocks := []Block{{Kind: Para, Text: text}, {Kind: Row, Cells: []string{"询问内容", answer}}}
	pdf, err := Render(&Doc{Title: "询问笔录", Blocks: blocks})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(pdfText(t, pdf)), "")
	if n := strings.Count(got, "运输的是建筑垃圾"); n != 120 {
		t.Errorf("the row's text appears %d times, want 120", n)
	}
	if !strings.Contains(got, "第3页") && !strings.Contains(got, "第2页") {
		t.Errorf("the document did not flow onto a second page")
	}
}

// The carried fonts restore to the unmodified files their licences let us redistribute.
func TestFontsAreTheUnmodifiedFiles(t *testing.T) {
	for zst, want := range map[*[]byte]string{
		&songZst:     "705ec2dba81eaee1208e4ed5d3ff23ab259292e8e0e163ea3de297ef1317007a",
		&fallbackZst: "acb6440a713d880a13a21b468ba7cd43f5a2b2934972e51be791c880730777b8",
	} {
		data, err := unpack(*zst)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != want {
			t.Errorf("restored font %s, want %s", got, want)
		}
	}
}
