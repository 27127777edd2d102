package catalog

import (
	"context"
	"slices"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// NationalBases are the bases of multiple- and percentage-based fines (倍数、百分比罚款的计算基数) that
// laws use, where a jurisdiction has set no list of its own: 违法所得 (行政处罚法 and most laws),
// 货值金额 (食品安全法、产品质量法), 违法收入, 工程造价 and 建设工程造价 (建筑法、城乡规划法), 赔偿额,
// 销售额 and 合同价款.
var NationalBases = []string{"违法所得", "货值金额", "违法收入", "工程造价", "建设工程造价", "赔偿额", "销售额", "合同价款"}

// BasesSettingKey is the key of the vocabulary of bases among the settings per jurisdiction.
const BasesSettingKey = "catalog.fine_bases"

// Bases is a jurisdiction's vocabulary of bases, as the setting keeps it: the bases separated by 、.
type Bases struct {
	Bases string `json:"bases" required:"true"`
}

// List is the vocabulary as a list.
func (b Bases) List() []string { return splitBases(b.Bases) }

func splitBases(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;；\n", r) }) {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Check validates a vocabulary a jurisdiction sets: one base at least, each a short word without
// digits, none twice; it is written back in canonical form.
func (b *Bases) Check() error {
	bad := func(msg string) error { return apperr.InvalidField("bases", "CATALOG_BASES_INVALID", msg) }
	var list []string
	for _, x := range strings.FieldsFunc(b.Bases, func(r rune) bool { return strings.ContainsRune("、,，;；\n", r) }) {
		x = strings.TrimSpace(x)
		if x == "" {
			continue
		}
		if len([]rune(x)) > 20 || strings.ContainsFunc(x, func(r rune) bool { return r >= '0' && r <= '9' || r == '|' }) {
			return bad("计算基数“" + x + "”无效：应为不超过20个字的名称，如违法所得、货值金额")
		}
		if slices.Contains(list, x) {
			return bad("计算基数重复：" + x)
		}
		list = append(list, x)
	}
	if len(list) == 0 {
		return bad("至少列出一个计算基数")
	}
	b.Bases = strings.Join(list, "、")
	return nil
}

// BasesSetting is the kind of setting of the vocabulary of bases: those who keep the catalogue set
// their jurisdiction's (for a local standard that fines by 赔偿额 or 合同价款, say), whoever reads the
// catalogue reads it. A catalogue item's multiple base must be in the vocabulary of the item's
// jurisdiction.
var BasesSetting = settings.Define(settings.Kind{
	Key:  BasesSettingKey,
	Name: "倍数罚款计算基数",
	Description: "按倍数或百分比计算罚款时可用的计算基数（如违法所得、货值金额、赔偿额）：权责清单事项和裁量基准的倍数基数须在本辖区的列表中；" +
		"本级未设置的，采用上级设置或全国默认值",
	Read:  access.CatalogRead,
	Write: access.CatalogWrite,
	Fields: []settings.Field{
		{Name: "bases", Label: "计算基数", Type: settings.Text, Max: 500,
			Help: "以顿号分隔，如：违法所得、货值金额、违法收入、工程造价、赔偿额、销售额、合同价款"},
	},
	NationalBasis: "全国默认值：《中华人民共和国行政处罚法》及食品安全法、产品质量法、建筑法、城乡规划法等法律规定的倍数罚款计算基数",
}, Bases{Bases: strings.Join(NationalBases, "、")}, (*Bases).Check)

// Settings are the kinds of setting this feature keeps per jurisdiction.
var Settings = []settings.Kind{BasesSetting}

// FineBases returns the vocabulary of bases in force for a region (its own, the nearest ancestor's
// or the national list). Without a settings service (a catalogue used on its own) it is the
// national list.
func (s *Service) FineBases(ctx context.Context, c db.Conn, regionCode string) ([]string, error) {
	if s.Settings == nil {
		return slices.Clone(NationalBases), nil
	}
	if c == nil {
		c = s.DB.R
	}
	v, err := settings.Get[Bases](ctx, c, s.Settings, BasesSettingKey, regionCode)
	if err != nil {
		return nil, err
	}
	return v.Value.List(), nil
}

// checkBase refuses a multiple base outside the vocabulary of the item's jurisdiction
// (CATALOG_MULTIPLE_BASE_UNKNOWN).
func checkBase(base string, bases []string) error {
	if base == "" || slices.Contains(bases, base) {
		return nil
	}
	return apperr.InvalidField("fine.multipleBase", "CATALOG_MULTIPLE_BASE_UNKNOWN",
		"倍数基数“"+base+"”不在本辖区的计算基数中（"+strings.Join(bases, "、")+"）；如需使用，请先在“倍数罚款计算基数”设置中增加").
		WithRule("辖区配置：倍数罚款计算基数（" + BasesSettingKey + "）")
}
