package textclass

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// category describes how the public reports one kind of urban management event.
type category struct {
	label    string
	actions  []string // what is happening, in full
	keywords []string // the same, said tersely
	effects  []string // why it matters to the caller
}

// The categories share places, times and polite phrases, and some of their effects and objects
// (影响通行, 烧烤摊, 工地, 建筑垃圾, 绿化带), as real reports do.
var categories = []category{
	{
		label: "占道经营",
		actions: []string{
			"有人占道摆摊卖水果", "流动商贩推着三轮车在路边叫卖", "店家把货架摆到人行道上经营",
			"早市摊贩占用马路卖菜", "烧烤摊把桌椅摆到路边占道经营", "小吃摊占用盲道售卖煎饼",
			"卖衣服的摊位一直摆到了路中间", "商户出店经营，门口摆满了商品",
		},
		keywords: []string{"占道摆摊", "流动摊贩", "出店经营"},
		effects:  []string{"影响通行", "行人只能走机动车道", "造成交通拥堵", "买菜的人挤满了路", "城管来了就跑"},
	},
	{
		label: "乱堆物料",
		actions: []string{
			"有人在路边乱堆建筑材料", "楼道里堆满了杂物", "沙子和砖头堆在人行道上好几天了",
			"废旧家具堆放在小区门口", "装修垃圾随意堆放在绿化带旁", "店铺门前堆了很多纸箱和废品",
			"钢管和木板堆在消防通道里", "有人把建筑垃圾堆在空地上",
		},
		keywords: []string{"乱堆乱放", "堆放杂物", "乱堆物料"},
		effects:  []string{"存在安全隐患", "影响通行", "一直没人清理", "下雨后满地泥水", "占了半条路"},
	},
	{
		label: "违法建设",
		actions: []string{
			"有人在楼顶私自搭建彩钢房", "一楼住户违规扩建院墙", "未经审批在自家院内加盖二层",
			"在公共绿地上私搭乱建", "沿街商户私自搭建雨棚", "小区内有人违建车库",
			"有人把阳台往外扩建了两米", "村民在耕地上盖了几间平房",
		},
		keywords: []string{"私搭乱建", "违章建筑", "违法建设"},
		effects:  []string{"正在施工", "已经快建好了", "邻居意见很大", "挡住了楼下的采光", "没有任何手续"},
	},
	{
		label: "渣土撒漏",
		actions: []string{
			"渣土车沿路撒漏", "运输建筑垃圾的货车没有覆盖篷布，一路掉土", "拉土车轮胎带泥上路",
			"工地出口的道路上满是车辆撒落的泥土", "渣土车夜间运输，泥土洒了一路", "重型货车拉沙子沿途遗撒",
			"运送渣土的车辆没有密闭", "搅拌车漏了一路的水泥浆",
		},
		keywords: []string{"渣土撒漏", "沿途遗撒", "车辆抛洒"},
		effects:  []string{"尘土飞扬", "路面全是泥", "下雨后路面湿滑", "过往车辆扬起灰尘", "电动车差点滑倒"},
	},
	{
		label: "油烟污染",
		actions: []string{
			"饭店油烟直排", "烧烤摊的油烟熏得人睁不开眼", "餐馆没有安装油烟净化器",
			"小吃店的排烟管道对着居民窗户", "露天烧烤油烟很大", "饭店厨房的排风扇直接对着小区",
			"炸串店每天冒黑烟", "楼下火锅店的油烟往楼上飘",
		},
		keywords: []string{"油烟扰民", "油烟直排", "露天烧烤"},
		effects:  []string{"家里不能开窗", "衣服上都是油烟味", "呛得喘不过气", "影响居民生活", "墙都熏黑了"},
	},
	{
		label: "噪声扰民",
		actions: []string{
			"工地夜间施工噪音很大", "广场舞音响声音太大", "商铺门口用大喇叭循环播放促销广告",
			"KTV唱歌声音很大", "饭店的空调外机噪声扰民", "装修电钻声从早响到晚",
			"烧烤摊的客人喝酒划拳大声喧哗", "酒吧音乐开得震天响",
		},
		keywords: []string{"噪声扰民", "噪音太大", "夜间施工"},
		effects:  []string{"吵得睡不着觉", "孩子没法学习", "老人心脏受不了", "影响休息", "窗户关上也能听见"},
	},
	{
		label: "乱贴小广告",
		actions: []string{
			"电线杆上贴满了小广告", "有人在小区楼道里乱贴开锁广告", "墙上到处喷涂办证电话",
			"公交站牌被贴满了牛皮癣广告", "有人往车窗上塞小卡片", "配电箱上贴满了招聘广告",
			"有人在人行道上喷涂贷款电话", "单元门上贴满了疏通下水道的广告",
		},
		keywords: []string{"小广告", "牛皮癣", "乱贴乱画"},
		effects:  []string{"刚清理完又贴上了", "严重影响市容", "越贴越多", "非常难看", "撕都撕不干净"},
	},
	{
		label: "井盖破损",
		actions: []string{
			"路中间的井盖破损塌陷", "雨水井盖丢失了", "污水井盖松动，车一过就响",
			"人行道上的井盖碎了一个大洞", "窨井盖下沉形成大坑", "检查井的盖板断裂",
			"下水道井盖被车压翻了", "井盖周围的路面塌了",
		},
		keywords: []string{"井盖破损", "井盖缺失", "井盖松动"},
		effects:  []string{"晚上很危险", "已经有电动车摔倒", "容易有人掉下去", "车辆经过时颠簸", "孩子放学都从这里走"},
	},
	{
		label: "绿化损毁",
		actions: []string{
			"有人砍伐行道树", "绿化带被踩出一条路", "有人在绿地里种菜",
			"公园的草坪被车辆碾压", "行道树被剥了皮", "有人把绿化带里的花木挖走了",
			"有人在树上钉钉子拉绳子晾衣服", "绿篱被人拔了一大片",
		},
		keywords: []string{"毁绿", "破坏绿化", "损毁树木"},
		effects:  []string{"树都快死了", "草坪全秃了", "破坏公共绿化", "看着很可惜", "刚种的苗全毁了"},
	},
	{
		label: "违规停车",
		actions: []string{
			"有车辆长期停在人行道上", "消防通道被私家车堵住", "货车违规停放占用车道",
			"盲道上停满了电动车和汽车", "车辆乱停乱放堵住小区出入口", "有车停在公交站台前不走",
			"一辆面包车停在路口三天没动", "僵尸车占着停车位",
		},
		keywords: []string{"乱停车", "违停", "违规停车"},
		effects:  []string{"行人只能走机动车道", "救护车进不来", "造成交通拥堵", "影响通行", "打电话也联系不上车主"},
	},
}

var (
	places = []string{
		"东关街菜市场门口", "人民路与谷山路路口", "狮子楼旅游区", "博济桥街道清河小区", "侨润街道金水湖畔",
		"景阳冈大道", "阿城镇政府东侧", "七级镇中心街", "城关镇实验小学附近", "新华路步行街",
		"振兴路北段", "运河西路十字路口", "县医院南门", "张秋镇集市", "府前街", "向阳路3号楼下",
		"石佛镇加油站旁", "清河小区12号楼", "ＫＴＶ对面", "金水湖公园西门",
	}
	times = []string{
		"今天上午", "昨天晚上", "每天早上六点左右", "最近一周", "周末", "凌晨两点", "下午四点多",
		"这几天", "", "", "",
	}
	openers = []string{"市民来电反映：", "群众反映，", "网友留言：", "", "", "来电人称", "有居民投诉"}
	closers = []string{
		"请尽快处理。", "希望有关部门管一管。", "已多次反映，一直没有解决。", "", "",
		"麻烦派人去看看。", "请相关部门核实处理。",
	}
)

// pick returns a random element of list.
func pick(rng *rand.Rand, list []string) string {
	return list[rng.IntN(len(list))]
}

// report makes up one report of category c.
func report(rng *rand.Rand, c category) string {
	var b strings.Builder
	b.WriteString(pick(rng, openers))
	when, where := pick(rng, times), pick(rng, places)
	if rng.IntN(2) == 0 {
		b.WriteString(when + where)
	} else {
		b.WriteString(where + when)
	}
	if rng.IntN(5) == 0 {
		b.WriteString(pick(rng, c.keywords))
	} else {
		b.WriteString(pick(rng, c.actions))
	}
	if rng.IntN(4) != 0 {
		b.WriteString("，" + pick(rng, c.effects))
	}
	if closer := pick(rng, closers); closer != "" {
		b.WriteString("，" + closer)
	}
	return b.String()
}

// corpus makes up perLabel[i] reports of categories[i], interleaved, from a fixed seed.
func corpus(seed uint64, perLabel []int) []Example {
	rng := rand.New(rand.NewPCG(seed, 0))
	var out []Example
	for round := 0; ; round++ {
		added := false
		for i, c := range categories {
			if round < perLabel[i] {
				out = append(out, Example{Text: report(rng, c), Label: c.label})
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// balanced returns n reports of every category.
func balanced(seed uint64, n int) []Example {
	perLabel := make([]int, len(categories))
	for i := range perLabel {
		perLabel[i] = n
	}
	return corpus(seed, perLabel)
}

// skewed returns reports whose categories are as unevenly represented as in a real history.
func skewed(seed uint64) []Example {
	return corpus(seed, []int{120, 80, 60, 40, 30, 20, 15, 12, 10, 8})
}

func TestTokens(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"，。！ ", nil},
		{"占道", []string{"占", "占道", "道"}},
		{"东关街3号", []string{"东", "东关", "关", "关街", "街", "街#", "#", "#号", "号"}},
		{"井盖，破损", []string{"井", "井盖", "盖", "破", "破损", "损"}},
		{"ＫＴＶ噪音", []string{"ktv", "ktv噪", "噪", "噪音", "音"}},
		{"KTV 噪音", []string{"ktv", "噪", "噪音", "音"}},
		{"１２３４５热线", []string{"#", "#热", "热", "热线", "线"}},
		{"2024年10月", []string{"#", "#年", "年", "年#", "#", "#月", "月"}},
		{"Hello, World", []string{"hello", "world"}},
		{"鲁P12345", []string{"鲁", "鲁p", "p", "p#", "#"}},
	}
	for _, c := range cases {
		if got := Tokens(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestSplit(t *testing.T) {
	examples := skewed(7)
	train, heldOut := Split(examples, 0.2, 42)
	if len(train)+len(heldOut) != len(examples) {
		t.Fatalf("split %d examples into %d and %d", len(examples), len(train), len(heldOut))
	}

	count := func(es []Example) map[string]int {
		n := map[string]int{}
		for _, e := range es {
			n[e.Label]++
		}
		return n
	}
	all, held := count(examples), count(heldOut)
	for label, n := range all {
		want := int(math.Round(float64(n) * 0.2))
		if held[label] != want {
			t.Errorf("%s: %d of %d held out, want %d", label, held[label], n, want)
		}
	}

	train2, heldOut2 := Split(examples, 0.2, 42)
	if !slices.Equal(train, train2) || !slices.Equal(heldOut, heldOut2) {
		t.Error("the same seed gave a different split")
	}
	_, heldOut3 := Split(examples, 0.2, 43)
	if slices.Equal(heldOut, heldOut3) {
		t.Error("another seed gave the same split")
	}

	// A label with a single example keeps it for training.
	train, heldOut = Split([]Example{{"一", "a"}, {"二", "b"}, {"三", "b"}}, 0.5, 1)
	if len(heldOut) != 1 || heldOut[0].Label != "b" || len(train) != 2 {
		t.Errorf("split of a lone example: train %v, held out %v", train, heldOut)
	}
}

func TestHeldOutScore(t *testing.T) {
	train, heldOut := Split(balanced(1, 60), 0.2, 1)
	m := Train(train, Options{})
	if m.Size() != len(train) {
		t.Errorf("Size() = %d, want %d", m.Size(), len(train))
	}
	if got := len(m.Labels()); got != len(categories) {
		t.Errorf("%d labels, want %d", got, len(categories))
	}
	s := Evaluate(m, heldOut)
	t.Logf("held out %d: macro-F1 %.3f, accuracy %.3f, temperature %.3g", len(heldOut), s.MacroF1, s.Accuracy, m.temperature)
	if s.MacroF1 < 0.85 {
		t.Errorf("macro-F1 %.3f, want at least 0.85", s.MacroF1)
	}
	for label, ls := range s.PerLabel {
		if ls.Support != 12 {
			t.Errorf("%s: support %d, want 12", label, ls.Support)
		}
	}
}

// TestComplementNoWorse backs the choice of complement naive Bayes in the package comment.
func TestComplementNoWorse(t *testing.T) {
	corpora := []struct {
		name     string
		examples []Example
	}{
		{"balanced", balanced(2, 60)},
		{"skewed", skewed(3)},
		{"small skewed", corpus(4, []int{40, 30, 20, 12, 10, 8, 6, 5, 5, 5})},
	}
	for _, c := range corpora {
		var complement, multinomial float64
		for seed := range int64(5) {
			fitSet, heldOut := Split(c.examples, 0.3, seed)
			complement += Evaluate(train(fitSet, Options{}, complementNB), heldOut).MacroF1 / 5
			multinomial += Evaluate(train(fitSet, Options{}, multinomialNB), heldOut).MacroF1 / 5
		}
		t.Logf("%s: macro-F1 complement %.3f, multinomial %.3f", c.name, complement, multinomial)
		if complement < multinomial-0.005 {
			t.Errorf("%s: complement %.3f is worse than multinomial %.3f", c.name, complement, multinomial)
		}
	}
}

func TestPredict(t *testing.T) {
	m := Train(balanced(5, 60), Options{})

	clear := m.Predict("东关街菜市场门口有人占道摆摊卖水果，影响通行", 3)
	if len(clear) != 3 {
		t.Fatalf("Predict(k=3) returned %d suggestions", len(clear))
	}
	if clear[0].Label != "占道经营" {
		t.Errorf("top label %q, want 占道经营; %v", clear[0].Label, clear)
	}

	all := m.Predict("东关街菜市场门口有人占道摆摊卖水果，影响通行", 0)
	if len(all) != len(categories) {
		t.Errorf("Predict(k=0) returned %d suggestions, want %d", len(all), len(categories))
	}
	sum := 0.0
	for i, s := range all {
		sum += s.Confidence
		if s.Confidence < 0 || i > 0 && s.Confidence > all[i-1].Confidence {
			t.Errorf("confidences not sorted: %v", all)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("confidences sum to %g over all labels", sum)
	}
	if top3 := clear[0].Confidence + clear[1].Confidence + clear[2].Confidence; top3 > 1+1e-9 {
		t.Errorf("top 3 confidences sum to %g", top3)
	}

	t.Logf("clear: %v", clear)
	for _, text := range []string{
		"占道摆摊，乱堆乱放",     // two categories at once
		"烧烤摊油烟很大，还大声喧哗", // two categories at once
		"影响通行",          // true of several categories
	} {
		got := m.Predict(text, 2)
		t.Logf("%s: %v", text, got)
		if got[0].Confidence >= clear[0].Confidence-0.1 {
			t.Errorf("%s: top confidence %.3f, clear text %.3f", text, got[0].Confidence, clear[0].Confidence)
		}
	}
	if got := m.Predict("影响通行", 1); got[0].Confidence > 0.5 {
		t.Errorf("影响通行: top confidence %.3f, want at most 0.5", got[0].Confidence)
	}

	for _, text := range []string{"", "，。 ！", "xyzzy"} {
		if got := m.Predict(text, 3); got != nil {
			t.Errorf("Predict(%q) = %v, want nil", text, got)
		}
	}
	if got := Train(nil, Options{}).Predict("井盖破损", 3); got != nil {
		t.Errorf("empty model predicted %v", got)
	}
	var nilModel *Model
	if got := nilModel.Predict("井盖破损", 3); got != nil {
		t.Errorf("nil model predicted %v", got)
	}
}

func TestConcurrentPredict(t *testing.T) {
	m := Train(balanced(11, 60), Options{})
	want := m.Predict("雨水井盖丢失了，晚上很危险", 3)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if got := m.Predict("雨水井盖丢失了，晚上很危险", 3); !slices.Equal(got, want) {
					t.Errorf("Predict gave %v, then %v", want, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCalibration(t *testing.T) {
	// On held-out texts, the mean top confidence should be near the accuracy.
	train, heldOut := Split(skewed(6), 0.3, 1)
	m := Train(train, Options{})
	confidence, correct := 0.0, 0
	for _, e := range heldOut {
		top := m.Predict(e.Text, 1)
		confidence += top[0].Confidence
		if top[0].Label == e.Label {
			correct++
		}
	}
	confidence /= float64(len(heldOut))
	accuracy := float64(correct) / float64(len(heldOut))
	t.Logf("mean top confidence %.3f, accuracy %.3f, temperature %.3g", confidence, accuracy, m.temperature)
	if math.Abs(confidence-accuracy) > 0.1 {
		t.Errorf("mean top confidence %.3f, accuracy %.3f", confidence, accuracy)
	}
}

func TestMinCount(t *testing.T) {
	examples := balanced(8, 60)
	all := Train(examples, Options{})
	pruned := Train(examples, Options{MinCount: 2})
	if len(pruned.index) >= len(all.index) {
		t.Errorf("MinCount 2 kept %d tokens of %d", len(pruned.index), len(all.index))
	}
	t.Logf("tokens: %d, with MinCount 2: %d", len(all.index), len(pruned.index))
	if got := pruned.Predict("人行道上的井盖碎了", 1); len(got) != 1 || got[0].Label != "井盖破损" {
		t.Errorf("pruned model predicted %v", got)
	}
}

func TestEvaluate(t *testing.T) {
	m := Train([]Example{
		{"井盖破损", "井盖破损"}, {"井盖丢失", "井盖破损"},
		{"占道摆摊", "占道经营"}, {"流动摊贩", "占道经营"},
	}, Options{})
	s := Evaluate(m, []Example{
		{"井盖破了", "井盖破损"},
		{"摆摊卖菜", "占道经营"},
		{"井盖旁边摆摊", "违规停车"}, // a label the model does not know
		{"没有认识的字", "占道经营"}, // the model suggests nothing
	})
	if s.Accuracy != 0.5 {
		t.Errorf("accuracy %g, want 0.5", s.Accuracy)
	}
	if got := s.PerLabel["违规停车"]; got.Support != 1 || got.F1 != 0 {
		t.Errorf("违规停车: %+v", got)
	}
	if got := s.PerLabel["占道经营"]; got.Support != 2 || got.Recall != 0.5 {
		t.Errorf("占道经营: %+v", got)
	}
}

func BenchmarkTrain10k(b *testing.B) {
	examples := balanced(9, 1000)
	b.ResetTimer()
	for b.Loop() {
		Train(examples, Options{})
	}
}

func BenchmarkPredict(b *testing.B) {
	m := Train(balanced(10, 1000), Options{})
	b.ResetTimer()
	for b.Loop() {
		m.Predict("东关街菜市场门口有人占道摆摊卖水果，影响通行", 3)
	}
}
