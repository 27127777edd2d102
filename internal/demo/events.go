package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"zhifa/internal/event"
	"zhifa/internal/grid"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/server"
)

//go:embed data/grids.geojson
var gridsGeoJSON []byte

// createGrids imports the demo county's outline, basic grids and special-purpose grids.
func createGrids(ctx context.Context, a *server.App) error {
	_, err := a.Grids.Import(ctx, access.System(), bytes.NewReader(gridsGeoJSON), grid.ImportInput{RegionCode: CountyCode})
	return err
}

// categoryItems links the county's subclasses to its catalogue: what a report of each concerns.
var categoryItems = map[string][]string{
	"SJ0101": {"CSGL-CF-023"},                // 私搭乱建: 临时建设
	"SJ0102": {"CSGL-CF-005"},                // 暴露垃圾
	"SJ0104": {"CSGL-CF-010"},                // 乱堆物料
	"SJ0105": {"CSGL-CF-016"},                // 焚烧垃圾树叶
	"SJ0106": {"CSGL-CF-014"},                // 油烟污染
	"SJ0201": {"CSGL-CF-003"},                // 非法小广告
	"SJ0202": {"CSGL-CF-009"},                // 违规户外广告
	"SJ0302": {"CSGL-CF-017"},                // 工地扬尘
	"SJ0303": {"CSGL-CF-018", "CSGL-CF-028"}, // 渣土撒漏: 车辆未密闭、沿途遗撒
	"SJ0304": {"CSGL-CF-020"},                // 占道施工
	"SJ0501": {"CSGL-CF-019"},                // 占道经营: 擅自占用城市道路
	"SJ0503": {"CSGL-CF-015"},                // 露天烧烤
}

// componentOwners are the bodies that own components, dispatched to first.
var componentOwners = map[string]string{"BJ0101": housing, "BJ0102": housing, "BJ0103": housing, "BJ0301": housing, "BJ0302": housing}

// createCategories saves the county's tree: the national one with its catalogue items and owners.
func createCategories(ctx context.Context, a *server.App) error {
	tree := event.NationalCategories()
	for i, c := range tree {
		if items, ok := categoryItems[c.Code]; ok {
			tree[i].ItemCodes = items
		}
		if owner, ok := componentOwners[c.Code]; ok {
			var id string
			if err := db.Get(ctx, a.DB.R, &id, `SELECT id FROM organizations WHERE name = ?`, owner); err != nil {
				return fmt.Errorf("%s: %w", owner, err)
			}
			tree[i].OwnerOrgID = id
		}
	}
	p := access.NewPrincipal("", "demo", "演示数据", "", CountyCode, []access.Role{access.SysAdmin})
	_, err := a.Incidents.SaveCategories(ctx, p, event.TreeInput{Categories: tree})
	return err
}

// phrases are how people describe each subclass, for the demo's history.
var phrases = map[string][]string{
	"SJ0501": {"有人占道摆摊卖水果", "流动摊贩在人行道上摆摊", "早市摊位占用机动车道", "门口地摊影响通行", "三轮车占道售卖蔬菜"},
	"SJ0502": {"商铺把货架摆到店外", "饭店在门口摆桌经营", "超市出店经营堆放商品", "修车铺在店外人行道作业"},
	"SJ0503": {"晚上有人露天烧烤烟很大", "烧烤摊在路边经营到深夜", "夜市露天烧烤油烟扰民"},
	"SJ0504": {"车辆乱停放堵住消防通道", "机动车停在人行道上", "货车长期占用路口停放"},
	"SJ0102": {"路边有暴露垃圾没人清理", "垃圾桶满了垃圾散落一地", "小区门口垃圾堆积发臭"},
	"SJ0104": {"道路两侧乱堆建筑材料", "有人在路边堆放杂物", "空地上乱堆砂石物料"},
	"SJ0105": {"有人焚烧垃圾冒黑烟", "田边焚烧树叶烟雾很大", "路边焚烧废弃物"},
	"SJ0106": {"饭店油烟直排影响居民", "餐馆没装油烟净化设施", "楼下饭店油烟熏到楼上"},
	"SJ0107": {"广场舞音响声音太大", "商铺用高音喇叭招揽顾客", "夜间噪声扰民"},
	"SJ0201": {"墙上贴满小广告", "电线杆上乱贴小广告", "楼道里喷涂办证小广告"},
	"SJ0202": {"违规设置户外广告牌", "商铺招牌破损有安全隐患", "擅自悬挂大型横幅广告"},
	"SJ0302": {"工地扬尘很大没有覆盖", "施工工地没有洒水降尘", "拆迁工地尘土飞扬"},
	"SJ0303": {"渣土车沿路撒漏", "运输车辆未密闭泥土洒落路面", "渣土车带泥上路污染道路"},
	"SJ0304": {"占道施工没有设置围挡", "挖掘道路后未及时恢复", "施工占用道路没有警示标志"},
	"SJ0101": {"有人私搭乱建彩钢房", "楼顶违法搭建", "在空地上私自搭建棚子"},
	"BJ0101": {"上水井盖破损", "井盖缺失有安全隐患", "路面井盖松动"},
	"BJ0103": {"路灯不亮", "路灯杆倾斜", "一排路灯晚上都不亮"},
	"BJ0302": {"垃圾箱损坏", "果皮箱被撞坏", "垃圾箱缺失"},
}

var places = []string{"人民路", "金水湖路", "谷山路", "运河大街", "博济桥", "狮子楼广场", "农贸市场", "汽车站", "第一中学", "县医院", "景阳冈路", "清河路"}

var fillers = []string{"", "，请尽快处理", "，已经好几天了", "，影响居民生活", "，群众反映强烈", "，希望管一管"}

// createEvents saves the county's category tree and a history of events: four months of closed
// ones from every channel for the suggestion model and the indicators, and open ones in every state.
func createEvents(ctx context.Context, a *server.App) error {
	if err := createCategories(ctx, a); err != nil {
		return err
	}
	var grids []struct {
		Code     string  `db:"code"`
		Township string  `db:"township_code"`
		Village  string  `db:"village_code"`
		Team     string  `db:"team_org_id"`
		MinLng   float64 `db:"min_lng"`
		MinLat   float64 `db:"min_lat"`
		MaxLng   float64 `db:"max_lng"`
		MaxLat   float64 `db:"max_lat"`
	}
	if err := db.Select(ctx, a.DB.R, &grids, `SELECT code, township_code, village_code, team_org_id, min_lng, min_lat, max_lng, max_lat
		FROM grids WHERE kind = 'basic' ORDER BY code`); err != nil {
		return err
	}
	tree, err := a.Incidents.Categories(ctx, access.NewPrincipal("", "demo", "演示数据", "", CountyCode, nil))
	if err != nil {
		return err
	}
	cats := map[string]event.Category{}
	var codes []string
	for _, c := range tree.Categories {
		if _, ok := phrases[c.Code]; ok {
			cats[c.Code] = c
			codes = append(codes, c.Code)
		}
	}
	sort.Strings(codes)
	rnd := rand.New(rand.NewPCG(12345, 1))
	channels := []string{"grid", "grid", "grid", "grid", "hotline", "hotline", "camera", "portal", "referral", "superior", "inspection"}
	kinds := []string{"complaint", "complaint", "report", "help", "consult", "suggest"}
	now := time.Now().UTC()
	start := now.AddDate(0, -4, 0)
	n := 0
	return a.DB.Tx(ctx, func(tx *db.Tx) error {
		for day := start; day.Before(now); day = day.Add(24 * time.Hour) {
			for k := 0; k < 5+rnd.IntN(4); k++ {
				n++
				code := codes[rnd.IntN(len(codes))]
				c := cats[code]
				g := grids[rnd.IntN(len(grids))]
				team := g.Team
				if c.OwnerOrgID != "" {
					team = c.OwnerOrgID
				}
				ps := phrases[code]
				text := places[rnd.IntN(len(places))] + ps[rnd.IntN(len(ps))] + fillers[rnd.IntN(len(fillers))]
				channel := channels[rnd.IntN(len(channels))]
				kind, ext := "", ""
				if channel == "hotline" {
					kind, ext = kinds[rnd.IntN(len(kinds))], fmt.Sprintf("12345-%s-%04d", day.Format("20060102"), k+1)
				}
				reported := day.Add(time.Duration(1+rnd.IntN(10)) * time.Hour)
				if !reported.Before(now) {
					continue
				}
				dispatched := reported.Add(time.Duration(5+rnd.IntN(40)) * time.Minute)
				limit := time.Duration(c.HandleAmount) * time.Hour
				if c.HandleUnit == "days" {
					limit = time.Duration(c.HandleAmount) * 24 * time.Hour
				}
				due := dispatched.Add(limit)
				took := time.Duration(float64(limit) * (0.2 + rnd.Float64()))
				feedback := dispatched.Add(took)
				state := event.Closed
				recent := now.Sub(reported) < 72*time.Hour
				if recent {
					state = []string{event.Reported, event.Dispatched, event.Accepted, event.Feedback, event.Returned, event.Suspended, event.Closed}[rnd.IntN(7)]
				} else if rnd.IntN(40) == 0 {
					state = event.Rejected
				}
				if feedback.After(now) && state == event.Closed {
					state = event.Accepted
				}
				e := demoEvent{id: ids.New(), no: fmt.Sprintf("SJ371521%s%04d", reported.In(civil.Zone).Format("20060102"), 1000+n), region: g.Township,
					village: g.Village, grid: g.Code, channel: channel, kind: kind, ext: ext, cat: c, text: text,
					lng: g.MinLng + (g.MaxLng-g.MinLng)*(0.2+0.6*rnd.Float64()), lat: g.MinLat + (g.MaxLat-g.MinLat)*(0.2+0.6*rnd.Float64()),
					state: state, team: team, reported: reported, dispatched: dispatched, due: due, feedback: feedback,
					rework: rnd.IntN(12) == 0, misrouted: rnd.IntN(15) == 0}
				if err := e.insert(ctx, tx); err != nil {
					return err
				}
			}
		}
		// Numbers drawn later continue after the history's.
		_, err := db.Exec(ctx, tx, `INSERT INTO event_counters (prefix, last)
			SELECT substr(no, 1, 16), MAX(CAST(substr(no, 17) AS INTEGER)) FROM events WHERE no LIKE 'SJ%' AND length(no) = 20
			GROUP BY substr(no, 1, 16) ON CONFLICT (prefix) DO UPDATE SET last = excluded.last`)
		return err
	})
}

// demoEvent is one event of the demo's history.
type demoEvent struct {
	id, no, region, village, grid, channel, kind, ext, text, state, team string
	cat                                                                  event.Category
	lng, lat                                                             float64
	reported, dispatched, due, feedback                                  time.Time
	rework, misrouted                                                    bool
}

func (e demoEvent) insert(ctx context.Context, tx *db.Tx) error {
	st := clock.Stamp
	registered, dispatched, accepted, fed, closed, kind := "", "", "", "", "", ""
	var onTime any
	steps := []string{"report"}
	if e.state != event.Reported {
		registered, dispatched = st(e.dispatched), st(e.dispatched)
		steps = append(steps, "register", "dispatch")
	}
	switch e.state {
	case event.Accepted, event.Feedback, event.Closed, event.Suspended:
		accepted = st(e.dispatched.Add(20 * time.Minute))
		steps = append(steps, "accept")
	case event.Rejected:
		closed, kind = st(e.dispatched), "rejected"
		steps = []string{"report", "reject"}
		registered, dispatched = "", ""
	case event.Returned:
		steps = append(steps, "return")
	}
	if e.state == event.Feedback || e.state == event.Closed {
		fed = st(e.feedback)
		onTime = !e.feedback.After(e.due)
		steps = append(steps, "feedback")
	}
	reworks := 0
	if e.state == event.Closed {
		closed, kind = st(e.feedback.Add(time.Hour)), "verified"
		if e.rework {
			reworks = 1
			steps = append(steps, "rework", "feedback")
		}
		steps = append(steps, "verify")
	}
	if e.state == event.Suspended {
		steps = append(steps, "suspend")
	}
	due := ""
	if dispatched != "" {
		due = st(e.due)
	}
	team := e.team
	if e.state == event.Reported || e.state == event.Rejected {
		team = ""
	}
	route := `{"teams":[],"rule":"area-first","explanation":"演示历史数据：按网格派至责任队伍。","warnings":[]}`
	if _, err := db.Exec(ctx, tx, `INSERT INTO events (id, no, region_code, township_code, village_code, grid_code, channel, external_no,
		hotline_kind, category_code, category_name, category_kind, item_code, description, address, lng, lat, urgent, reporter_name,
		reporter_phone, reporter_protected, reporter_account, state, team_org_id, route, suggestion, suggested_category, suggested_team,
		reported_at, register_due, registered_at, dispatched_at, handle_due, handle_limit, return_due, accepted_at, accepted_by,
		feedback_at, result, closed_at, close_kind, handled_on_time, reply_due, replied_at, reply, callback_at, satisfaction,
		suspended_at, remaining_minutes, extension_request, extensions, reworks, returns, misrouted, escalation, reminded,
		duplicate_of, case_lead_id, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, '', ?, ?, FALSE, '', '', FALSE, '', ?, ?, ?, '', '', '', ?, ?, ?, ?, ?, ?, '', ?, '',
		?, ?, ?, ?, ?, '', '', '', '', '', '', 0, '', 0, ?, 0, ?, 0, 0, '', '', ?, 1)`,
		e.id, e.no, e.region, e.region, e.village, e.grid, e.channel, e.ext, e.kind, e.cat.Code, e.cat.Name, e.cat.Kind, e.text,
		e.lng, e.lat, e.state, team, route, st(e.reported), st(e.reported.Add(30*time.Minute)), registered, dispatched, due, e.cat.Limit(),
		accepted, fed, map[bool]string{true: "已处置完毕", false: ""}[fed != ""], closed, kind, onTime, reworks, e.misrouted, st(e.reported)); err != nil {
		return err
	}
	if team != "" {
		if _, err := db.Exec(ctx, tx, `INSERT INTO event_teams (event_id, org_id, role) VALUES (?, ?, 'lead')`, e.id, team); err != nil {
			return err
		}
	}
	for i, act := range steps {
		if _, err := db.Exec(ctx, tx, `INSERT INTO event_history (id, event_id, seq, action, state_from, state_to, actor_id, actor_name, org_id,
			reason, detail, at) VALUES (?, ?, ?, ?, '', '', 'demo', '演示数据', '', '', '{}', ?)`, ids.New(), e.id, i+1, act, st(e.reported)); err != nil {
			return err
		}
	}
	return nil
}
