package event

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// Category is one node of the category tree: a major class (大类) or a subclass (小类) of the
// components (部件) and events (事件) of GB/T 30428.2, with the limits of its subclass and the
// catalogue items a report of it concerns.
type Category struct {
	Code       string `json:"code" db:"code" text:"20"`
	ParentCode string `json:"parentCode" db:"parent_code" text:"20"`
	Name       string `json:"name" db:"name" text:"30"`
	Kind       string `json:"kind" db:"kind" text:"10"` // part（部件）or event（事件）
	// ItemCodes are the catalogue items (权责清单事项编码) a report of this subclass concerns.
	ItemCodes []string `json:"itemCodes" db:"-"`
	// OwnerOrgID is the body that owns or maintains a component (权属单位), to which a component is
	// dispatched first.
	OwnerOrgID      string `json:"ownerOrgId" db:"owner_org_id" text:"64"`
	OwnerName       string `json:"ownerName" db:"owner_name"`
	RegisterMinutes int    `json:"registerMinutes" db:"register_minutes"` // 立案时限（分钟，全天候计算）
	HandleAmount    int    `json:"handleAmount" db:"handle_amount"`       // 处置时限
	HandleUnit      string `json:"handleUnit" db:"handle_unit" text:"10"` // hours（工作时）or days（工作日）
	Sort            int    `json:"sort" db:"sort"`
	ItemCodesRaw    string `json:"-" db:"item_codes"`
}

// Kinds of category.
const (
	KindPart  = "part"  // 部件: owned facilities, to their owner first, then to the area
	KindEvent = "event" // 事件: to the area first, then to the owner
)

// Limit describes the handling limit in Chinese: 4个工作时, 20个工作日.
func (c Category) Limit() string {
	if c.HandleUnit == "hours" {
		return fmt.Sprintf("%d个工作时", c.HandleAmount)
	}
	return fmt.Sprintf("%d个工作日", c.HandleAmount)
}

// Leaf reports whether the category is a subclass, the level an event is filed under.
func (c Category) Leaf() bool { return c.ParentCode != "" }

// national is the national tree after GB/T 30428.2 (数字化城市管理信息系统 第2部分：管理部件和
// 事件), with the limits most cities set (暴露垃圾 4 working hours, 私搭乱建 20 working days; an urgent
// report is registered within 10 minutes). A county saves its own tree and links catalogue items.
var national = []Category{
	{Code: "BJ01", Name: "公用设施", Kind: KindPart},
	{Code: "BJ0101", ParentCode: "BJ01", Name: "上水井盖", Kind: KindPart, HandleAmount: 8, HandleUnit: "hours"},
	{Code: "BJ0102", ParentCode: "BJ01", Name: "污水井盖", Kind: KindPart, HandleAmount: 8, HandleUnit: "hours"},
	{Code: "BJ0103", ParentCode: "BJ01", Name: "路灯", Kind: KindPart, HandleAmount: 2, HandleUnit: "days"},
	{Code: "BJ0104", ParentCode: "BJ01", Name: "消防栓", Kind: KindPart, HandleAmount: 1, HandleUnit: "days"},
	{Code: "BJ02", Name: "道路交通", Kind: KindPart},
	{Code: "BJ0201", ParentCode: "BJ02", Name: "交通标志牌", Kind: KindPart, HandleAmount: 2, HandleUnit: "days"},
	{Code: "BJ0202", ParentCode: "BJ02", Name: "护栏", Kind: KindPart, HandleAmount: 2, HandleUnit: "days"},
	{Code: "BJ03", Name: "市容环境设施", Kind: KindPart},
	{Code: "BJ0301", ParentCode: "BJ03", Name: "公共厕所", Kind: KindPart, HandleAmount: 1, HandleUnit: "days"},
	{Code: "BJ0302", ParentCode: "BJ03", Name: "垃圾箱", Kind: KindPart, HandleAmount: 1, HandleUnit: "days"},
	{Code: "BJ04", Name: "园林绿化设施", Kind: KindPart},
	{Code: "BJ0401", ParentCode: "BJ04", Name: "行道树", Kind: KindPart, HandleAmount: 2, HandleUnit: "days"},
	{Code: "BJ0402", ParentCode: "BJ04", Name: "绿地", Kind: KindPart, HandleAmount: 3, HandleUnit: "days"},
	{Code: "BJ05", Name: "房屋土地", Kind: KindPart},
	{Code: "BJ0501", ParentCode: "BJ05", Name: "宣传栏", Kind: KindPart, HandleAmount: 2, HandleUnit: "days"},
	{Code: "BJ06", Name: "其他设施", Kind: KindPart},
	{Code: "BJ0601", ParentCode: "BJ06", Name: "其他部件", Kind: KindPart, HandleAmount: 5, HandleUnit: "days"},
	{Code: "SJ01", Name: "市容环境", Kind: KindEvent},
	{Code: "SJ0101", ParentCode: "SJ01", Name: "私搭乱建", Kind: KindEvent, HandleAmount: 20, HandleUnit: "days"},
	{Code: "SJ0102", ParentCode: "SJ01", Name: "暴露垃圾", Kind: KindEvent, HandleAmount: 4, HandleUnit: "hours"},
	{Code: "SJ0103", ParentCode: "SJ01", Name: "积存垃圾渣土", Kind: KindEvent, HandleAmount: 8, HandleUnit: "hours"},
	{Code: "SJ0104", ParentCode: "SJ01", Name: "乱堆物料", Kind: KindEvent, HandleAmount: 1, HandleUnit: "days"},
	{Code: "SJ0105", ParentCode: "SJ01", Name: "焚烧垃圾树叶", Kind: KindEvent, HandleAmount: 2, HandleUnit: "hours"},
	{Code: "SJ0106", ParentCode: "SJ01", Name: "油烟污染", Kind: KindEvent, HandleAmount: 5, HandleUnit: "days"},
	{Code: "SJ0107", ParentCode: "SJ01", Name: "噪声扰民", Kind: KindEvent, HandleAmount: 1, HandleUnit: "days"},
	{Code: "SJ02", Name: "宣传广告", Kind: KindEvent},
	{Code: "SJ0201", ParentCode: "SJ02", Name: "非法小广告", Kind: KindEvent, HandleAmount: 4, HandleUnit: "hours"},
	{Code: "SJ0202", ParentCode: "SJ02", Name: "违规户外广告", Kind: KindEvent, HandleAmount: 2, HandleUnit: "days"},
	{Code: "SJ03", Name: "施工管理", Kind: KindEvent},
	{Code: "SJ0301", ParentCode: "SJ03", Name: "施工扰民", Kind: KindEvent, HandleAmount: 1, HandleUnit: "days"},
	{Code: "SJ0302", ParentCode: "SJ03", Name: "工地扬尘", Kind: KindEvent, HandleAmount: 4, HandleUnit: "hours"},
	{Code: "SJ0303", ParentCode: "SJ03", Name: "渣土撒漏", Kind: KindEvent, HandleAmount: 4, HandleUnit: "hours"},
	{Code: "SJ0304", ParentCode: "SJ03", Name: "占道施工", Kind: KindEvent, HandleAmount: 2, HandleUnit: "days"},
	{Code: "SJ04", Name: "突发事件", Kind: KindEvent},
	{Code: "SJ0401", ParentCode: "SJ04", Name: "路面塌陷", Kind: KindEvent, HandleAmount: 2, HandleUnit: "hours"},
	{Code: "SJ0402", ParentCode: "SJ04", Name: "道路积水", Kind: KindEvent, HandleAmount: 2, HandleUnit: "hours"},
	{Code: "SJ05", Name: "街面秩序", Kind: KindEvent},
	{Code: "SJ0501", ParentCode: "SJ05", Name: "占道经营", Kind: KindEvent, HandleAmount: 4, HandleUnit: "hours"},
	{Code: "SJ0502", ParentCode: "SJ05", Name: "店外经营", Kind: KindEvent, HandleAmount: 4, HandleUnit: "hours"},
	{Code: "SJ0503", ParentCode: "SJ05", Name: "露天烧烤", Kind: KindEvent, HandleAmount: 2, HandleUnit: "hours"},
	{Code: "SJ0504", ParentCode: "SJ05", Name: "违规停车", Kind: KindEvent, HandleAmount: 2, HandleUnit: "hours"},
	{Code: "SJ06", Name: "其他事件", Kind: KindEvent},
	{Code: "SJ0601", ParentCode: "SJ06", Name: "其他事件", Kind: KindEvent, HandleAmount: 5, HandleUnit: "days"},
}

// NationalCategories returns the national tree, each subclass registered within 30 minutes.
func NationalCategories() []Category {
	out := make([]Category, len(national))
	for i, c := range national {
		c.Sort = i + 1
		if c.Leaf() {
			c.RegisterMinutes = 30
		}
		c.ItemCodes = []string{}
		out[i] = c
	}
	return out
}

// Tree is the category tree in force for a jurisdiction and where it comes from.
type Tree struct {
	RegionCode string     `json:"regionCode"` // "" for the national tree
	Source     string     `json:"source"`
	Categories []Category `json:"categories"`
}

// Find returns a subclass by code.
func (t Tree) Find(code string) (Category, bool) {
	for _, c := range t.Categories {
		if c.Code == code {
			return c, true
		}
	}
	return Category{}, false
}

// treeFor loads the tree of the nearest jurisdiction that saved one, else the national tree.
func treeFor(ctx context.Context, c db.Conn, region string) (Tree, error) {
	for _, code := range settings.Chain(region) {
		var rows []Category
		if err := db.Select(ctx, c, &rows, `SELECT c.code, c.parent_code, c.name, c.kind, c.item_codes, c.owner_org_id,
			COALESCE(o.name, '') AS owner_name, c.register_minutes, c.handle_amount, c.handle_unit, c.sort
			FROM event_categories c LEFT JOIN organizations o ON o.id = c.owner_org_id WHERE c.region_code = ? ORDER BY c.sort`, code); err != nil {
			return Tree{}, err
		}
		if len(rows) == 0 {
			continue
		}
		for i := range rows {
			rows[i].ItemCodes = []string{}
			_ = json.Unmarshal([]byte(rows[i].ItemCodesRaw), &rows[i].ItemCodes)
		}
		return Tree{RegionCode: code, Source: "本级或上级设置", Categories: rows}, nil
	}
	return Tree{Source: "全国默认（GB/T 30428.2）", Categories: NationalCategories()}, nil
}

var categoryCode = regexp.MustCompile(`^[A-Z]{2}[0-9]{2,8}$`)

// TreeInput replaces a jurisdiction's tree.
type TreeInput struct {
	Categories []Category `json:"categories" required:"true"`
}

// checkTree validates a tree: codes unique and well formed, subclasses under a major class of the
// same kind, limits within bounds, owners in the jurisdiction.
func checkTree(in []Category, orgExists func(id string) bool) error {
	if len(in) == 0 || len(in) > 2000 {
		return apperr.InvalidField("categories", "EVENT_CATEGORY_COUNT", "分类应有1至2000项")
	}
	var problems []apperr.Detail
	add := func(row int, field, code, msg string) {
		problems = append(problems, apperr.Detail{Row: row, Field: field, Code: code, Message: msg})
	}
	majors := map[string]string{}
	seen := map[string]bool{}
	for _, c := range in {
		if c.ParentCode == "" {
			majors[c.Code] = c.Kind
		}
	}
	for i, c := range in {
		row := i + 1
		if !categoryCode.MatchString(c.Code) {
			add(row, "code", "EVENT_CATEGORY_CODE_INVALID", "分类代码应为两位大写字母加2至8位数字，如 SJ0501")
		}
		if seen[c.Code] {
			add(row, "code", "EVENT_CATEGORY_DUPLICATE", "分类代码重复："+c.Code)
		}
		seen[c.Code] = true
		if n := utf8.RuneCountInString(strings.TrimSpace(c.Name)); n == 0 || n > 30 {
			add(row, "name", "EVENT_CATEGORY_NAME_INVALID", "分类名称不能为空，且不超过30个字")
		}
		if c.Kind != KindPart && c.Kind != KindEvent {
			add(row, "kind", "EVENT_CATEGORY_KIND_INVALID", "分类类型应为 part（部件）或 event（事件）")
		}
		if c.ParentCode == "" {
			continue
		}
		if k, ok := majors[c.ParentCode]; !ok {
			add(row, "parentCode", "EVENT_CATEGORY_PARENT_UNKNOWN", "上级分类不存在或不是大类："+c.ParentCode)
		} else if k != c.Kind {
			add(row, "kind", "EVENT_CATEGORY_KIND_MISMATCH", "小类与所属大类的类型（部件/事件）不一致")
		}
		switch {
		case c.HandleUnit != "hours" && c.HandleUnit != "days":
			add(row, "handleUnit", "EVENT_CATEGORY_UNIT_INVALID", "处置时限单位应为 hours（工作时）或 days（工作日）")
		case c.HandleUnit == "hours" && (c.HandleAmount < 1 || c.HandleAmount > 240):
			add(row, "handleAmount", "EVENT_CATEGORY_LIMIT_INVALID", "按工作时计的处置时限应为1至240")
		case c.HandleUnit == "days" && (c.HandleAmount < 1 || c.HandleAmount > 120):
			add(row, "handleAmount", "EVENT_CATEGORY_LIMIT_INVALID", "按工作日计的处置时限应为1至120")
		}
		if c.RegisterMinutes < 1 || c.RegisterMinutes > 1440 {
			add(row, "registerMinutes", "EVENT_CATEGORY_REGISTER_INVALID", "立案时限应为1至1440分钟")
		}
		if len(c.ItemCodes) > 20 {
			add(row, "itemCodes", "EVENT_CATEGORY_ITEMS_TOO_MANY", "一个小类最多关联20个权责清单事项")
		}
		for _, it := range c.ItemCodes {
			if it == "" || utf8.RuneCountInString(it) > 40 {
				add(row, "itemCodes", "EVENT_CATEGORY_ITEM_INVALID", "权责清单事项编码不能为空，且不超过40个字符")
			}
		}
		if c.OwnerOrgID != "" && !orgExists(c.OwnerOrgID) {
			add(row, "ownerOrgId", "EVENT_CATEGORY_OWNER_UNKNOWN", "权属单位不是本辖区的机构")
		}
	}
	if len(problems) > 0 {
		if len(problems) > 200 {
			problems = problems[:200]
		}
		return apperr.Rows("EVENT_CATEGORIES_INVALID", fmt.Sprintf("分类有 %d 处错误，未保存", len(problems)), problems)
	}
	return nil
}

// treeTTL bounds how long a tree read for intake may be reused; a save in this process clears it at
// once, one in another process is seen within the TTL.
const treeTTL = 30 * time.Second

type cachedTree struct {
	tree Tree
	at   time.Time
}

// cachedTreeFor is treeFor for intake, kept per region for a short while: every report reads it.
func (s *Service) cachedTreeFor(ctx context.Context, region string) (Tree, error) {
	if v, ok := s.trees.Load(region); ok {
		if c := v.(cachedTree); time.Since(c.at) < treeTTL {
			return c.tree, nil
		}
	}
	t, err := treeFor(ctx, s.DB.R, region)
	if err != nil {
		return Tree{}, err
	}
	s.trees.Store(region, cachedTree{t, time.Now()})
	return t, nil
}

// Categories returns the tree in force for the caller's jurisdiction.
func (s *Service) Categories(ctx context.Context, p *access.Principal) (Tree, error) {
	return treeFor(ctx, s.DB.R, p.Scope().Root())
}

// SaveCategories replaces the caller's jurisdiction's tree.
func (s *Service) SaveCategories(ctx context.Context, p *access.Principal, in TreeInput) (Tree, error) {
	region := p.Scope().Root()
	if region == "" {
		return Tree{}, apperr.Invalid("EVENT_CATEGORY_REGION", "请以县（市、区）或以上辖区的账号设置事件分类")
	}
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		orgs := map[string]bool{}
		cond, args := p.Scope().In("region_code")
		var ids []string
		if err := db.Select(ctx, tx, &ids, `SELECT id FROM organizations WHERE `+cond, args...); err != nil {
			return err
		}
		for _, id := range ids {
			orgs[id] = true
		}
		if err := checkTree(in.Categories, func(id string) bool { return orgs[id] }); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `DELETE FROM event_categories WHERE region_code = ?`, region); err != nil {
			return err
		}
		for i, c := range in.Categories {
			items := c.ItemCodes
			if items == nil {
				items = []string{}
			}
			raw, _ := json.Marshal(items)
			if _, err := db.Exec(ctx, tx, `INSERT INTO event_categories (region_code, code, parent_code, name, kind, item_codes, owner_org_id,
				register_minutes, handle_amount, handle_unit, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				region, c.Code, c.ParentCode, strings.TrimSpace(c.Name), c.Kind, string(raw), c.OwnerOrgID,
				c.RegisterMinutes, c.HandleAmount, c.HandleUnit, i+1); err != nil {
				return err
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "event-category", EntityID: region,
			EntityName: "事件分类与处置时限", RegionCode: region, Summary: fmt.Sprintf("设置事件分类与处置时限（%d项）", len(in.Categories)), Detail: in})
	})
	if err != nil {
		return Tree{}, err
	}
	s.trees.Clear()
	return treeFor(ctx, s.DB.R, region)
}
