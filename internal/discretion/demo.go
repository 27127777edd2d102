package discretion

// DemoRegionCode is the jurisdiction the demo benchmarks belong to: Yanggu county (阳谷县).
const DemoRegionCode = "371521000000"

// DemoDocNo and DemoEffectiveFrom publish the demo benchmarks: one fictitious document of the
// demo county's bureau, in force from the start of 2026.
const (
	DemoDocNo         = "阳综执发〔2026〕1号"
	DemoEffectiveFrom = "2026-01-01"
)

// DemoBenchmark is one demo benchmark, keyed by the law, article and clause it implements so that
// the demo loader can match it to catalogue items by citation. Key is "<law>#<article>#<clause>",
// e.g. "城市市容和环境卫生管理条例#34#(一)" or "大气污染防治法#118#第一款". Law, Article, Paragraph
// and Item say the same in the catalogue's citation fields: the provision that singles the
// violation out — the penalty provision, or for 城市道路管理条例 the prohibition 第二十七条第（一）项,
// since its 第四十二条 punishes many acts. Several catalogue items may share one demo benchmark
// (涂写、刻画 and 张贴 are both 第三十四条第（二）项). Statute is the statutory penalty the benchmark
// was written against: the catalogue item must say the same (its ItemID, ItemCode, ItemName and
// VersionID are left empty here). Input has ItemID empty; the loader sets it.
type DemoBenchmark struct {
	Key           string
	Label         string
	Law           string // as the catalogue writes it, without book-title marks
	Article       int
	Paragraph     int
	Item          int
	Statute       Statute
	Input         Input
	DocNo         string
	EffectiveFrom string
}

func yuan(n int64) int64 { return n * 100 }

func cond(kind string) Condition { return Condition{Kind: kind} }

func firstOffence() Condition {
	p := OneYear()
	return Condition{Kind: CondFirstOffence, Lookback: &p}
}

func priorAtLeast(n int) Condition {
	p := OneYear()
	return Condition{Kind: CondPriorCount, MinCount: &n, Lookback: &p}
}

func harmIn(levels ...string) Condition { return Condition{Kind: CondHarm, Harm: levels} }

func refusedWithin(days int) Condition {
	return Condition{Kind: CondRefusedCorrection, WithinDays: days}
}

func note(text string) Condition { return Condition{Kind: CondNote, Text: text} }

func negate(cd Condition) Condition { cd.Not = true; return cd }

func unitsBelow(n float64) Condition { return Condition{Kind: CondUnits, MaxUnits: &n} }

func unitsAtLeast(n float64) Condition { return Condition{Kind: CondUnits, MinUnits: &n} }

func conds(cs ...Condition) []Condition { return cs }

func tier(l Level, match string, cs []Condition, std Standard, desc string) Tier {
	if cs == nil {
		cs = []Condition{}
	}
	if std.Measures == nil {
		std.Measures = []Measure{}
	}
	return Tier{Level: l, Match: match, Conditions: cs, Standard: std, Description: desc}
}

func under(p string, t Tier) Tier { t.Provision = p; return t }

func labelled(label string, t Tier) Tier { t.Label = label; return t }

func warning() Standard { return Standard{Kind: StdWarning} }

func fine(lo, hi int64, measures ...Measure) Standard {
	return Standard{Kind: StdRange, MinFen: yuan(lo), MaxFen: yuan(hi), Measures: measures}
}

// warned is a fine given together with a warning, where the statute gives both (给予警告，处……罚款).
func warned(s Standard) Standard { s.Warning = true; return s }

func timesGoods(lo, hi int, measures ...Measure) Standard {
	return Standard{Kind: StdMultiple, MultipleMinPct: lo * 100, MultipleMaxPct: hi * 100, Base: BaseGoodsValue, Measures: measures}
}

func perSquareMetreDay(lo, hi int64, capYuan int64) Standard {
	return Standard{Kind: StdPerUnit, Unit: "平方米·日", PerUnitMinFen: yuan(lo), PerUnitMaxFen: yuan(hi), MaxFen: yuan(capYuan)}
}

func minorEntry(cs ...Condition) NoPenaltyEntry {
	return NoPenaltyEntry{Kind: NoPenaltyMinor, Conditions: append(conds(harmIn(HarmNone), cond(CondCorrectedPromptly)), cs...),
		Education: DefaultEducation, Basis: "行政处罚法 第三十三条第一款"}
}

// citation is the provision a demo benchmark implements, in the catalogue's citation fields.
type citation struct {
	law                      string
	article, paragraph, item int
}

// Laws of the demo benchmarks, as the catalogue names them.
const (
	cityRegs = "城市市容和环境卫生管理条例"
	airLaw   = "中华人民共和国大气污染防治法"
)

// removedHarm is the mitigating circumstance of 行政处罚法 第三十二条第（一）项.
func removedHarm() Condition { return note("主动消除或者减轻违法行为危害后果") }

// DemoBenchmarks returns the demo county's benchmarks for the common urban-management items.
// Amounts obey the statutes in Statute; TestDemoBenchmarksValid proves it with Validate under the
// national splitting rules. For 城市市容和环境卫生管理条例 第三十四条 the regulation leaves the fine
// to the province (第二款); the demo assumes a provincial standard of a warning or a fine up to the
// amount in Statute, which the catalogue's demo item should carry.
func DemoBenchmarks() []DemoBenchmark {
	demo := func(key, label string, at citation, s Statute, body Content) DemoBenchmark {
		s.ItemName = label
		return DemoBenchmark{Key: key, Label: label, Law: at.law, Article: at.article, Paragraph: at.paragraph, Item: at.item,
			Statute: s, DocNo: DemoDocNo, EffectiveFrom: DemoEffectiveFrom,
			Input: Input{RegionCode: DemoRegionCode, Title: label + "行政处罚裁量基准", Content: body}}
	}
	heavierAny := func(std Standard, extra ...Condition) Tier {
		return tier(LevelHeavier, MatchAny, append(conds(priorAtLeast(1), cond(CondThreatenedStaff)), extra...), std,
			"一年内因同一违法行为受过处罚又实施的，阻碍执法的，或者有其他从重情形的")
	}
	lighter := func(std Standard) Tier {
		return tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly)), std, "初次违法且及时改正的")
	}
	general := func(std Standard) Tier {
		return tier(LevelGeneral, MatchAll, nil, std, "不具有从轻、从重情形的")
	}
	urban := func(maxYuan int64, article string) Statute {
		return Statute{Citation: "《城市市容和环境卫生管理条例》第三十四条第一款第" + article + "项", PenaltyKinds: []string{PenaltyWarning, PenaltyFine},
			FineMaxFen: yuan(maxYuan)}
	}
	foodMeasures := []Measure{{Kind: MeasureConfiscateGains},
		{Kind: MeasureConfiscateProperty, Text: "违法生产经营的食品、食品添加剂以及用于违法生产经营的工具、设备、原料等物品"}}
	bbq := []Measure{{Kind: MeasureConfiscateProperty, Text: "烧烤工具"}, {Kind: MeasureConfiscateGains}}
	under10k, from10k := int64(1_000_000), int64(1_000_000)

	return []DemoBenchmark{
		demo("城市市容和环境卫生管理条例#34#(一)", "随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物", citation{cityRegs, 34, 0, 1}, urban(100, "（一）"), Content{
			Tiers: []Tier{
				lighter(warning()),
				general(fine(40, 60)),
				heavierAny(fine(60, 100), refusedWithin(0)),
			},
			NoPenalty: []NoPenaltyEntry{minorEntry(note("经劝阻当场拾起、清除废弃物")), firstOffenceEntry()},
		}),
		demo("城市市容和环境卫生管理条例#34#(二)", "在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品", citation{cityRegs, 34, 0, 2}, urban(200, "（二）"), Content{
			Tiers: []Tier{
				lighter(warning()),
				general(fine(80, 120)),
				heavierAny(fine(120, 200), refusedWithin(0), unitsAtLeast(50)),
			},
			NoPenalty: []NoPenaltyEntry{minorEntry(unitsBelow(5)), firstOffenceEntry()},
		}),
		demo("城市市容和环境卫生管理条例#34#(四)", "不按规定的时间、地点、方式倾倒垃圾、粪便", citation{cityRegs, 34, 0, 4}, urban(500, "（四）"), Content{
			Tiers: []Tier{
				lighter(fine(20, 100)),
				general(fine(200, 300)),
				heavierAny(fine(300, 500), refusedWithin(0), harmIn(HarmSerious)),
			},
			NoPenalty: []NoPenaltyEntry{firstOffenceEntry()},
		}),
		demo("大气污染防治法#118#第一款", "餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟", citation{airLaw, 118, 1, 0},
			Statute{Citation: "《中华人民共和国大气污染防治法》第一百一十八条第一款", PenaltyKinds: []string{PenaltyFine, "责令停产停业"},
				FineMinFen: yuan(5000), FineMaxFen: yuan(50000)}, Content{
				Tiers: []Tier{
					tier(LevelMitigated, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly), removedHarm()), fine(2000, 5000),
						"初次违法，及时改正并主动消除或者减轻违法行为危害后果的（行政处罚法第三十二条）"),
					tier(LevelLighter, MatchAll, conds(firstOffence(), cond(CondCorrectedPromptly), negate(removedHarm())), fine(5000, 14000),
						"初次违法且及时改正的"),
					general(fine(14000, 36000)),
					tier(LevelHeavier, MatchAll, conds(refusedWithin(30)), fine(36000, 50000, Measure{Kind: MeasureSuspendBusiness, Text: "责令停业整治"}),
						"拒不改正的（责令改正后30日内再次超标排放油烟的，视为拒不改正）"),
					heavierAny(fine(36000, 50000), cond(CondSeriousConsequences), harmIn(HarmSerious)),
				},
				NoPenalty: []NoPenaltyEntry{firstOffenceEntry()},
			}),
		demo("大气污染防治法#118#第三款", "在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地", citation{airLaw, 118, 3, 0},
			Statute{Citation: "《中华人民共和国大气污染防治法》第一百一十八条第三款", PenaltyKinds: []string{PenaltyFine, "没收违法所得", "没收非法财物"},
				FineMinFen: yuan(500), FineMaxFen: yuan(20000)}, Content{
				Tiers: []Tier{
					lighter(fine(500, 6000, bbq...)),
					general(fine(6000, 14000, bbq...)),
					heavierAny(fine(14000, 20000, bbq...), refusedWithin(30), cond(CondSeriousConsequences)),
				},
				NoPenalty: []NoPenaltyEntry{firstOffenceEntry()},
			}),
		demo("大气污染防治法#119#第一款", "在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质", citation{airLaw, 119, 1, 0},
			Statute{Citation: "《中华人民共和国大气污染防治法》第一百一十九条第一款", PenaltyKinds: []string{PenaltyFine},
				FineMinFen: yuan(500), FineMaxFen: yuan(2000)}, Content{
				Tiers: []Tier{
					lighter(fine(500, 900)),
					general(fine(900, 1500)),
					heavierAny(fine(1500, 2000), refusedWithin(30), harmIn(HarmSerious), cond(CondSeriousConsequences)),
				},
				NoPenalty: []NoPenaltyEntry{minorEntry(note("焚烧量少且当场熄灭")), firstOffenceEntry()},
			}),
		demo("食品安全法#122#第一款", "未取得食品生产经营许可从事食品生产经营活动", citation{"中华人民共和国食品安全法", 122, 1, 0},
			Statute{Citation: "《中华人民共和国食品安全法》第一百二十二条第一款",
				PenaltyKinds: []string{PenaltyFine, "没收违法所得", "没收非法财物"},
				FineMinFen:   yuan(50000), FineMaxFen: yuan(100000), MultipleMinPct: 1000, MultipleMaxPct: 2000, MultipleBase: BaseGoodsValue},
			Content{
				Provisions: []Provision{
					{Key: "lt10k", Label: "货值金额不足一万元的", When: conds(Condition{Kind: CondGoodsValue, MaxFen: &under10k}),
						Range: Range{FineMinFen: yuan(50000), FineMaxFen: yuan(100000)}},
					{Key: "ge10k", Label: "货值金额一万元以上的", When: conds(Condition{Kind: CondGoodsValue, MinFen: &from10k}),
						Range: Range{MultipleMinPct: 1000, MultipleMaxPct: 2000, MultipleBase: BaseGoodsValue}},
				},
				Tiers: []Tier{
					under("lt10k", lighter(fine(50000, 65000, foodMeasures...))),
					under("lt10k", general(fine(65000, 85000, foodMeasures...))),
					under("lt10k", heavierAny(fine(85000, 100000, foodMeasures...), harmIn(HarmSerious), cond(CondSeriousConsequences))),
					under("ge10k", lighter(timesGoods(10, 13, foodMeasures...))),
					under("ge10k", general(timesGoods(13, 17, foodMeasures...))),
					under("ge10k", heavierAny(timesGoods(17, 20, foodMeasures...), harmIn(HarmSerious), cond(CondSeriousConsequences))),
				},
				// No 首违不罚 entry: food safety bears directly on public health (食品安全法 第一条), and
				// the national 首违不罚 practice leaves it out.
			}),
		demo("城市建筑垃圾管理规定#23#", "处置建筑垃圾的单位在运输建筑垃圾过程中沿途丢弃、遗撒建筑垃圾", citation{"城市建筑垃圾管理规定", 23, 0, 0},
			Statute{Citation: "《城市建筑垃圾管理规定》第二十三条", PenaltyKinds: []string{PenaltyWarning, PenaltyFine},
				FineMinFen: yuan(5000), FineMaxFen: yuan(50000)}, Content{
				Tiers: []Tier{
					lighter(warned(fine(5000, 15000))),
					general(warned(fine(15000, 35000))),
					labelled("情节严重", heavierAny(warned(fine(35000, 50000)), harmIn(HarmSerious), cond(CondSeriousConsequences))),
				},
				NoPenalty: []NoPenaltyEntry{minorEntry()},
			}),
		demo("城市道路管理条例#42#第二十七条(一)", "擅自占用城市道路", citation{"城市道路管理条例", 27, 0, 1},
			Statute{Citation: "《城市道路管理条例》第二十七条第（一）项、第四十二条", PenaltyKinds: []string{PenaltyFine},
				FineMaxFen: yuan(20000)}, Content{
				Tiers: []Tier{
					lighter(perSquareMetreDay(5, 10, 4000)),
					general(perSquareMetreDay(10, 20, 0)),
					labelled("情节严重", heavierAny(perSquareMetreDay(20, 50, 0), refusedWithin(30), unitsAtLeast(500))),
				},
				NoPenalty: []NoPenaltyEntry{minorEntry(unitsBelow(5)), firstOffenceEntry()},
			}),
	}
}
