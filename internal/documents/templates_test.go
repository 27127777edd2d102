package documents

import (
	"crypto/rand"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/paper"
)

func TestEveryKindHasANationalTemplate(t *testing.T) {
	for _, k := range Kinds {
		tpl, err := National(k.Code)
		if err != nil {
			t.Fatalf("%s: %v", k.Name, err)
		}
		if tpl.Title == "" || tpl.Body == "" {
			t.Errorf("%s: empty template", k.Name)
		}
	}
	if _, err := National("no_such_kind"); !apperr.Is(err, "DOCUMENT_KIND_UNKNOWN") {
		t.Errorf("unknown kind: %v", err)
	}
}

// A value cannot change the document's structure: its line breaks and bars stay inside its cell.
func TestValuesCannotBreakTheMarkup(t *testing.T) {
	tpl := Template{Kind: "x", Title: "测试", Body: "| 当事人 | {{.名称}} |\n{{.说明}}\n"}
	blocks, err := execute(tpl, map[string]any{"名称": "甲|乙\n## 标题", "说明": "第一行\n[落款]\n| 伪造 | 行 |"})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || blocks[0].Kind != paper.Row || len(blocks[0].Cells) != 2 || blocks[1].Kind != paper.Para {
		t.Fatalf("blocks: %+v", blocks)
	}
	if blocks[0].Cells[1] != "甲｜乙 ## 标题" {
		t.Errorf("cell: %q", blocks[0].Cells[1])
	}
}

func TestTemplateErrorsNameTheLineInChinese(t *testing.T) {
	data := map[string]any{"当事人": map[string]any{"名称": "王某"}}
	cases := []struct{ body, want string }{
		{"第一行\n{{.当事人.住址}}", "第2行：没有数据项“住址”"},
		{"{{if .当事人.名称}}没有结束", "没有闭合"},
		{"{{大写 .当事人.名称}}", "没有这个函数"},
		{"{{range $i, $x := .当事人}}{{range $i, $x := .当事人}}{{end}}{{end}}", ""},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			err := checkTemplate(&Template{Title: "测试", Body: c.body}, data)
			if c.want == "" {
				return // ranging over a map is allowed
			}
			if !apperr.Is(err, "DOCUMENT_TEMPLATE_INVALID") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%q: %v", c.body, err)
			}
		})
	}
	if err := checkTemplate(&Template{Title: "测试", Body: "{{.当事人.名称}}\n[签名:当事人|执法人员]"}, data); err != nil {
		t.Fatal(err)
	}
	err := checkTemplate(&Template{Title: "测试", Body: "\U00020000"}, data)
	if !apperr.Is(err, "DOCUMENT_GLYPH_MISSING") {
		t.Errorf("a character no font draws: %v", err)
	}
	if err := checkTemplate(&Template{Title: "", Body: "x"}, data); !apperr.Is(err, "DOCUMENT_TEMPLATE_INVALID") {
		t.Errorf("no title: %v", err)
	}
}

func TestSignaturePlacesComeFromTheBody(t *testing.T) {
	got := signers("正文\n[签名:被询问人|询问人]\n[签名:记录人]\n[签名:询问人]")
	if strings.Join(got, ",") != "被询问人,询问人,记录人" {
		t.Errorf("signers: %v", got)
	}
}

func TestSignatureVerifiesOnlyTheSignedDigest(t *testing.T) {
	priv, pubPEM := testKey(t)
	sig, err := sign(priv, strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	if err := verifySignature(pubPEM, strings.Repeat("ab", 32), sig); err != nil {
		t.Fatal(err)
	}
	if err := verifySignature(pubPEM, strings.Repeat("ac", 32), sig); err == nil {
		t.Error("a signature verified another digest")
	}
}

func testKey(t *testing.T) (*sm2.PrivateKey, string) {
	t.Helper()
	k, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := smx509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return k, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}
