package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"

	"zhifa/internal/catalog"
	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/server"
)

// The demo county's enforcement catalogue (权责清单): items grounded in real laws and regulations,
// published in the county's catalogue of 2021, then moved by three kinds of government decision —
// 阳政发〔2021〕12号 transfers the urban-management items and the professional teams' items to the
// bureau (some only in part), 阳政发〔2022〕8号 delegates the common urban-management penalties to
// the governments of the 15 towns and townships and the offices of the 3 streets (街道办事处), which exercise them in
// their own name with their enforcement offices as working bodies, and 阳政发〔2024〕3号 takes
// 城乡规划法第六十四条 back from the townships.
// Document numbers are the demo's own.

const (
	catalogDoc  = "阳政办发〔2020〕35号" // 阳谷县行政执法事项目录（2021年版）
	catalogDate = "2021-01-01"

	housing    = "阳谷县住房和城乡建设局"
	market     = "阳谷县市场监督管理局"
	ecology    = "聊城市生态环境局阳谷分局"
	resources  = "阳谷县自然资源局"
	transport  = "阳谷县交通运输局"
	agri       = "阳谷县农业农村局"
	emergency  = "阳谷县应急管理局"
	labour     = "阳谷县人力资源和社会保障局"
	water      = "阳谷县水利局"
	culture    = "阳谷县文化和旅游局"
	cityRegs   = "《城市市容和环境卫生管理条例》"
	art34      = cityRegs + "第三十四条：有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款"
	art36      = cityRegs + "第三十六条：有下列行为之一者，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款"
	roadRegs   = "《城市道路管理条例》"
	art42      = roadRegs + "第四十二条：违反本条例第二十七条规定，或者有下列行为之一的，由市政工程行政主管部门或者其他有关部门责令限期改正，可以处以2万元以下的罚款；造成损失的，应当依法承担赔偿责任"
	airLaw     = "《中华人民共和国大气污染防治法》"
	foodLaw    = "《中华人民共和国食品安全法》"
	safety2014 = "《中华人民共和国安全生产法》（2014年修正）"
	safety2021 = "《中华人民共和国安全生产法》（2021年修正）"
	labourRegs = "《劳动保障监察条例》"
	greenRegs  = "《城市绿化条例》"
	wasteRules = "《城市建筑垃圾管理规定》"
	roadLaw    = "《中华人民共和国公路法》"
	agriLaw    = "《中华人民共和国农产品质量安全法》（2022年修订）"
	landLaw    = "《中华人民共和国土地管理法》"
	planLaw    = "《中华人民共和国城乡规划法》"
	waterLaw   = "《中华人民共和国水法》"
)

// demoItem is one catalogue item; citations are written in the catalogue's cell format and
// parsed by the catalogue's own parser.
type demoItem struct {
	code, name        string
	typ               catalog.ItemType
	domain            string
	professional      bool
	owner             string
	violated          string
	penalty           string
	kinds             string
	fineMin           string // yuan
	fineMax           string
	multMin           string // 倍数 cell: 10倍, 5%
	multMax           string
	base              string
	supervise         string // ；-separated
	enforce           string
	from, docNo       string // when the item first took effect (default: the 2021 catalogue)
	note              string
	draftWithoutBasis bool
}

const (
	cgSupervise = "负责相关审批、日常巡查和监督管理；负责违法行为的发现、劝阻和移送"
	cgEnforce   = "负责立案、调查取证；依法作出行政处罚决定并执行"
)

var catalogItems = []demoItem{
	// 城市管理：市容环境卫生（《城市市容和环境卫生管理条例》，国务院令第101号，2017年修订）
	{code: "CSGL-CF-001", name: "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第三十四条第（一）项：随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的", penalty: art34, kinds: "警告、罚款"},
	{code: "CSGL-CF-002", name: "对在城市建筑物、设施以及树木上涂写、刻画的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十七条第一款：一切单位和个人，都不得在城市建筑物、设施以及树木上涂写、刻画。",
		penalty:  art34 + "：……（二）在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的", kinds: "警告、罚款"},
	{code: "CSGL-CF-003", name: "对未经批准在城市建筑物、设施上张挂、张贴宣传品等的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十七条第二款：单位和个人在城市建筑物、设施上张挂、张贴宣传品等，须经城市人民政府市容环境卫生行政主管部门或者其他有关部门批准。",
		penalty:  art34 + "：……（二）在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的", kinds: "警告、罚款"},
	{code: "CSGL-CF-004", name: "对在临街建筑物的阳台和窗外堆放、吊挂有碍市容物品的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十条：一切单位和个人都应当保持建筑物的整洁、美观。在城市人民政府规定的街道的临街建筑物的阳台和窗外，不得堆放、吊挂有碍市容的物品。",
		penalty:  art34 + "：……（三）在城市人民政府规定的街道的临街建筑物的阳台和窗外，堆放、吊挂有碍市容的物品的", kinds: "警告、罚款"},
	{code: "CSGL-CF-005", name: "对不按规定的时间、地点、方式倾倒垃圾、粪便的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第三十四条第（四）项：不按规定的时间、地点、方式，倾倒垃圾、粪便的", penalty: art34, kinds: "警告、罚款"},
	{code: "CSGL-CF-006", name: "对不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第三十四条第（五）项：不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便的", penalty: art34, kinds: "警告、罚款"},
	{code: "CSGL-CF-007", name: "对运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十五条：在市区运行的交通运输工具，应当保持外型完好、整洁，货运车辆运输的液体、散装货物，应当密封、包扎、覆盖，避免泄漏、遗撒。",
		penalty:  art34 + "：……（六）运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒的", kinds: "警告、罚款"},
	{code: "CSGL-CF-008", name: "对临街工地不设置护栏或者不作遮挡等影响市容和环境卫生的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十六条：城市的工程施工现场的材料、机具应当堆放整齐，渣土应当及时清运；临街工地应当设置护栏或者围布遮挡；停工场地应当及时整理并作必要的覆盖；竣工后，应当及时清理和平整场地。",
		penalty:  art34 + "：……（七）临街工地不设置护栏或者不作遮挡、停工场地不及时整理并作必要覆盖或者竣工后不及时清理和平整场地，影响市容和环境卫生的", kinds: "警告、罚款"},
	{code: "CSGL-CF-009", name: "对未经同意擅自设置大型户外广告影响市容的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十一条：……大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
		penalty:  art36 + "：（一）未经城市人民政府市容环境卫生行政主管部门同意，擅自设置大型户外广告，影响市容的", kinds: "罚款"},
	{code: "CSGL-CF-010", name: "对擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第十四条：任何单位和个人都不得在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施。因建设等特殊需要，在街道两侧和公共场地临时堆放物料，搭建非永久性建筑物、构筑物或者其他设施的，必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
		penalty:  art36 + "：……（二）未经城市人民政府市容环境卫生行政主管部门批准，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施，影响市容的", kinds: "罚款"},
	{code: "CSGL-CF-011", name: "对未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第三十六条第（三）项：未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的", penalty: art36, kinds: "罚款"},
	{code: "CSGL-CF-012", name: "对未经批准擅自饲养家畜家禽影响市容和环境卫生的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第三十五条：未经城市人民政府市容环境卫生行政主管部门批准，擅自饲养家畜家禽影响市容和环境卫生的……",
		penalty:  cityRegs + "第三十五条：……由城市人民政府市容环境卫生行政主管部门或者其委托的单位，责令其限期处理或者予以没收，并可处以罚款。", kinds: "没收非法财物、罚款"},
	{code: "CSGL-CF-013", name: "对损坏各类环境卫生设施及其附属设施的行政处罚", owner: housing, domain: "城市管理",
		violated: cityRegs + "第三十八条：损坏各类环境卫生设施及其附属设施的……",
		penalty:  cityRegs + "第三十八条：……城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其恢复原状外，可以并处罚款；盗窃、损坏各类环境卫生设施及其附属设施，应当给予治安管理处罚的，依照《中华人民共和国治安管理处罚法》的规定处罚；构成犯罪的，依法追究刑事责任。", kinds: "罚款"},
	// 城市管理：大气污染防治（《中华人民共和国大气污染防治法》，2018年修正）
	{code: "CSGL-CF-014", name: "对排放油烟的餐饮服务业经营者未安装油烟净化设施等超标排放油烟的行政处罚", owner: ecology, domain: "生态环境",
		violated: airLaw + "第八十一条第一款：排放油烟的餐饮服务业经营者应当安装油烟净化设施并保持正常使用，或者采取其他油烟净化措施，使油烟达标排放，并防止对附近居民的正常生活环境造成污染。",
		penalty:  airLaw + "第一百一十八条第一款：违反本法规定，排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的，由县级以上地方人民政府确定的监督管理部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。",
		kinds:    "罚款、责令停产停业", fineMin: "5000", fineMax: "50000"},
	{code: "CSGL-CF-015", name: "对在禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的行政处罚", owner: ecology, domain: "城市管理",
		violated: airLaw + "第八十一条第三款：任何单位和个人不得在当地人民政府禁止的区域内露天烧烤食品或者为露天烧烤食品提供场地。",
		penalty:  airLaw + "第一百一十八条第三款：违反本法规定，在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的，由县级以上地方人民政府确定的监督管理部门责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款。",
		kinds:    "没收违法所得、没收非法财物、罚款", fineMin: "500", fineMax: "20000"},
	{code: "CSGL-CF-016", name: "对露天焚烧秸秆、落叶等产生烟尘污染的物质的行政处罚", owner: ecology, domain: "城市管理",
		violated: airLaw + "第七十七条：省、自治区、直辖市人民政府应当划定区域，禁止露天焚烧秸秆、落叶等产生烟尘污染的物质。",
		penalty:  airLaw + "第一百一十九条第一款：违反本法规定，在人口集中地区对树木、花草喷洒剧毒、高毒农药，或者露天焚烧秸秆、落叶等产生烟尘污染的物质的，由县级以上地方人民政府确定的监督管理部门责令改正，并可以处五百元以上二千元以下的罚款。",
		kinds:    "罚款", fineMin: "500", fineMax: "2000"},
	{code: "CSGL-CF-017", name: "对施工工地未设置硬质围挡或者未采取覆盖、洒水抑尘等有效防尘降尘措施的行政处罚", owner: housing, domain: "城市管理",
		violated: airLaw + "第一百一十五条第一款第（一）项：施工工地未设置硬质围挡，或者未采取覆盖、分段作业、择时施工、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施的",
		penalty:  airLaw + "第一百一十五条第一款：违反本法规定，施工单位有下列行为之一的，由县级以上人民政府住房城乡建设等主管部门按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治",
		kinds:    "罚款、责令停产停业", fineMin: "10000", fineMax: "100000"},
	{code: "CSGL-CF-018", name: "对运输煤炭、垃圾、渣土等散装、流体物料的车辆未采取密闭措施防止物料遗撒的行政处罚", owner: housing, domain: "城市管理",
		violated: airLaw + "第七十条第一款：运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆应当采取密闭或者其他措施防止物料遗撒造成扬尘污染，并按照规定路线行驶。",
		penalty:  airLaw + "第一百一十六条：违反本法规定，运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆，未采取密闭或者其他措施防止物料遗撒的，由县级以上地方人民政府确定的监督管理部门责令改正，处二千元以上二万元以下的罚款；拒不改正的，车辆不得上道路行驶。",
		kinds:    "罚款", fineMin: "2000", fineMax: "20000"},
	// 城市管理：市政道路（《城市道路管理条例》，2019年修订）
	{code: "CSGL-CF-019", name: "对擅自占用或者挖掘城市道路的行政处罚", owner: housing, domain: "城市管理",
		violated: roadRegs + "第二十七条第（一）项：城市道路范围内禁止下列行为：（一）擅自占用或者挖掘城市道路", penalty: art42, kinds: "罚款", fineMax: "20000"},
	{code: "CSGL-CF-020", name: "对未在城市道路施工现场设置明显标志和安全防围设施的行政处罚", owner: housing, domain: "城市管理",
		violated: roadRegs + "第四十二条第（二）项：未在城市道路施工现场设置明显标志和安全防围设施的", penalty: art42, kinds: "罚款", fineMax: "20000"},
	{code: "CSGL-CF-021", name: "对占用城市道路期满或者挖掘城市道路后不及时清理现场的行政处罚", owner: housing, domain: "城市管理",
		violated: roadRegs + "第四十二条第（三）项：占用城市道路期满或者挖掘城市道路后，不及时清理现场的", penalty: art42, kinds: "罚款", fineMax: "20000"},
	// 城市管理：规划（《中华人民共和国城乡规划法》，2019年修正）
	{code: "CSGL-CF-022", name: "对未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的行政处罚", owner: housing, domain: "城市管理",
		violated: planLaw + "第四十条第一款：在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门或者省、自治区、直辖市人民政府确定的镇人民政府申请办理建设工程规划许可证。",
		penalty:  planLaw + "第六十四条：未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的，由县级以上地方人民政府城乡规划主管部门责令停止建设；尚可采取改正措施消除对规划实施的影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款；无法采取改正措施消除影响的，限期拆除，不能拆除的，没收实物或者违法收入，可以并处建设工程造价百分之十以下的罚款。",
		kinds:    "罚款、没收非法财物、没收违法所得", multMin: "5%", multMax: "10%", base: "建设工程造价",
		supervise: "负责建设工程规划许可的审批和批后监管；负责对违法建设是否尚可采取改正措施消除对规划实施的影响作出认定", enforce: cgEnforce},
	{code: "CSGL-CF-023", name: "对未经批准进行临时建设、未按照批准内容进行临时建设或者临时建筑物、构筑物超过批准期限不拆除的行政处罚", owner: housing, domain: "城市管理",
		violated: planLaw + "第四十四条第一款：在城市、镇规划区内进行临时建设的，应当经城市、县人民政府城乡规划主管部门批准。……",
		penalty:  planLaw + "第六十六条：建设单位或者个人有下列行为之一的，由所在地城市、县人民政府城乡规划主管部门责令限期拆除，可以并处临时建设工程造价一倍以下的罚款：（一）未经批准进行临时建设的；（二）未按照批准内容进行临时建设的；（三）临时建筑物、构筑物超过批准期限不拆除的。",
		kinds:    "罚款", multMax: "1倍", base: "建设工程造价"},
	// 城市管理：园林绿化、建筑垃圾、排水
	{code: "CSGL-CF-024", name: "对损坏城市树木花草的行政处罚", owner: housing, domain: "城市管理",
		violated: greenRegs + "第二十七条第（一）项：损坏城市树木花草的",
		penalty:  greenRegs + "第二十七条：违反本条例规定，有下列行为之一的，由城市人民政府城市绿化行政主管部门或者其授权的单位责令停止侵害，可以并处罚款；造成损失的，应当负赔偿责任……", kinds: "罚款"},
	{code: "CSGL-CF-025", name: "对擅自砍伐城市树木的行政处罚", owner: housing, domain: "城市管理",
		violated: greenRegs + "第二十七条第（二）项：擅自砍伐城市树木的",
		penalty:  greenRegs + "第二十七条：违反本条例规定，有下列行为之一的，由城市人民政府城市绿化行政主管部门或者其授权的单位责令停止侵害，可以并处罚款……", kinds: "罚款"},
	{code: "CSGL-CF-026", name: "对未经同意擅自占用城市绿化用地的行政处罚", owner: housing, domain: "城市管理",
		violated: greenRegs + "第二十八条：未经同意擅自占用城市绿化用地的……",
		penalty:  greenRegs + "第二十八条：……由城市人民政府城市绿化行政主管部门责令限期退还、恢复原状，可以并处罚款；造成损失的，应当负赔偿责任。", kinds: "罚款"},
	{code: "CSGL-CF-027", name: "对施工单位未及时清运工程施工过程中产生的建筑垃圾造成环境污染的行政处罚", owner: housing, domain: "城市管理",
		violated: wasteRules + "第二十二条第一款：施工单位未及时清运工程施工过程中产生的建筑垃圾，造成环境污染的……",
		penalty:  wasteRules + "第二十二条第一款：……由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上5万元以下罚款。",
		kinds:    "警告、罚款", fineMin: "5000", fineMax: "50000"},
	{code: "CSGL-CF-028", name: "对处置建筑垃圾的单位在运输过程中沿途丢弃、遗撒建筑垃圾的行政处罚", owner: housing, domain: "城市管理",
		violated: wasteRules + "第二十三条：处置建筑垃圾的单位在运输建筑垃圾过程中沿途丢弃、遗撒建筑垃圾的……",
		penalty:  wasteRules + "第二十三条：……由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，处5000元以上5万元以下罚款。",
		kinds:    "警告、罚款", fineMin: "5000", fineMax: "50000"},
	{code: "CSGL-CF-029", name: "对排水户未取得污水排入排水管网许可证向城镇排水设施排放污水的行政处罚", owner: housing, domain: "城市管理",
		violated: "《城镇排水与污水处理条例》第二十一条第一款：从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户（以下称排水户）向城镇排水设施排放污水的，应当向城镇排水主管部门申请领取污水排入排水管网许可证。……",
		penalty:  "《城镇排水与污水处理条例》第五十条第一款：违反本条例规定，排水户未取得污水排入排水管网许可证向城镇排水设施排放污水的，由城镇排水主管部门责令停止违法行为，限期采取治理措施，补办污水排入排水管网许可证，可以处50万元以下罚款；造成损失的，依法承担赔偿责任；构成犯罪的，依法追究刑事责任。",
		kinds:    "罚款", fineMax: "500000"},
	// 城市管理：建筑施工噪声。环境噪声污染防治法于2022年6月5日废止，由噪声污染防治法代替。
	{code: "CSGL-CF-030", name: "对在城市市区噪声敏感建筑物集中区域内夜间进行禁止进行的产生环境噪声污染的建筑施工作业的行政处罚", owner: ecology, domain: "城市管理",
		violated: "《中华人民共和国环境噪声污染防治法》（2018年修正）第三十条第一款：在城市市区噪声敏感建筑物集中区域内，禁止夜间进行产生环境噪声污染的建筑施工作业，但抢修、抢险作业和因生产工艺上要求或者特殊需要必须连续作业的除外。",
		penalty:  "《中华人民共和国环境噪声污染防治法》（2018年修正）第五十六条：建筑施工单位违反本法第三十条第一款的规定，在城市市区噪声敏感建筑物集中区域内，夜间进行禁止进行的产生环境噪声污染的建筑施工作业的，由工程所在地县级以上地方人民政府生态环境主管部门责令改正，可以并处罚款。",
		kinds:    "罚款"},
	{code: "CSGL-CF-031", name: "对未按照规定取得证明在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的行政处罚", owner: ecology, domain: "城市管理",
		violated: "《中华人民共和国噪声污染防治法》第四十三条第一款：在噪声敏感建筑物集中区域，禁止夜间进行产生噪声的建筑施工作业，但抢修、抢险施工作业，因生产工艺要求或者其他特殊需要必须连续施工作业的除外。",
		penalty:  "《中华人民共和国噪声污染防治法》第七十七条：违反本法规定，建设单位、施工单位有下列行为之一，由工程所在地人民政府指定的部门责令改正，处一万元以上十万元以下的罚款；拒不改正的，可以责令暂停施工：（一）超过噪声排放标准排放建筑施工噪声的；（二）未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的。",
		kinds:    "罚款、责令停产停业", fineMin: "10000", fineMax: "100000", from: "2022-06-05", docNo: "阳政办发〔2022〕19号"},
	{code: "CSGL-CF-032", name: "对在噪声敏感建筑物集中区域使用高音广播喇叭的行政处罚", owner: ecology, domain: "城市管理",
		violated: "《中华人民共和国噪声污染防治法》第八十二条第（一）项：在噪声敏感建筑物集中区域使用高音广播喇叭的",
		penalty:  "《中华人民共和国噪声污染防治法》第八十二条：违反本法规定，有下列行为之一，由地方人民政府指定的部门说服教育，责令改正；拒不改正的，给予警告，对个人可以处二百元以上一千元以下的罚款，对单位可以处二千元以上二万元以下的罚款",
		kinds:    "警告、罚款", fineMin: "200", fineMax: "20000", from: "2022-06-05", docNo: "阳政办发〔2022〕19号",
		note: "对个人处二百元以上一千元以下，对单位处二千元以上二万元以下"},
	// 城市管理：占道经营、道路违法建设（《城市道路管理条例》）和建筑垃圾处置（《城市建筑垃圾管理规定》，建设部令第139号）
	{code: "CSGL-CF-033", name: "对擅自占用城市道路、公共场地摆摊设点占道经营的行政处罚", owner: housing, domain: "城市管理",
		violated: roadRegs + "第二十七条第（一）项：城市道路范围内禁止下列行为：（一）擅自占用或者挖掘城市道路；" +
			roadRegs + "第三十一条第一款：因特殊情况需要临时占用城市道路的，须经市政工程行政主管部门和公安交通管理部门批准，方可按照规定占用。",
		penalty: art42, kinds: "罚款", fineMax: "20000",
		supervise: "负责临时占用城市道路的审批和批后监管；负责占道经营行为的发现、劝阻和移送", enforce: cgEnforce},
	{code: "CSGL-CF-034", name: "对擅自在城市道路上建设建筑物、构筑物的行政处罚", owner: housing, domain: "城市管理",
		violated: roadRegs + "第二十七条第（四）项：城市道路范围内禁止下列行为：……（四）擅自在城市道路上建设建筑物、构筑物", penalty: art42,
		kinds: "罚款", fineMax: "20000", supervise: "负责城市道路日常巡查；负责道路范围内违法建设行为的发现、劝阻和移送", enforce: cgEnforce},
	{code: "CSGL-CF-035", name: "对未经核准擅自处置建筑垃圾或者处置超出核准范围的建筑垃圾的行政处罚", owner: housing, domain: "城市管理",
		violated: wasteRules + "第七条第一款：处置建筑垃圾的单位，应当向城市人民政府市容环境卫生主管部门提出申请，获得城市建筑垃圾处置核准后，方可处置。",
		penalty:  wasteRules + "第二十五条：违反本规定，有下列情形之一的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，对施工单位处1万元以上10万元以下罚款，对建设单位、运输建筑垃圾的单位处5000元以上3万元以下罚款：（一）未经核准擅自处置建筑垃圾的；（二）处置超出核准范围的建筑垃圾的。",
		kinds:    "警告、罚款", fineMin: "5000", fineMax: "100000", note: "对施工单位处1万元以上10万元以下，对建设单位、运输建筑垃圾的单位处5000元以上3万元以下"},
	{code: "CSGL-CF-036", name: "对随意倾倒、抛撒或者堆放建筑垃圾的行政处罚", owner: housing, domain: "城市管理",
		violated: wasteRules + "第十五条：任何单位和个人不得随意倾倒、抛撒或者堆放建筑垃圾。",
		penalty:  wasteRules + "第二十六条：任何单位和个人随意倾倒、抛撒或者堆放建筑垃圾的，由城市人民政府市容环境卫生主管部门责令限期改正，给予警告，并对单位处5000元以上5万元以下罚款，对个人处200元以下罚款。",
		kinds:    "警告、罚款", fineMax: "50000", note: "对单位处5000元以上5万元以下，对个人处200元以下"},
	{code: "CSGL-ZS-001", name: "城市道路占用费、挖掘修复费的征收", typ: catalog.TypeLevy, owner: housing, domain: "城市管理",
		violated: roadRegs + "第三十七条第一款：占用或者挖掘由市政工程行政主管部门管理的城市道路的，应当向市政工程行政主管部门交纳城市道路占用费或者城市道路挖掘修复费。"},
	{code: "CSGL-QT-001", name: "大型户外广告设置的同意", typ: catalog.TypeOther, owner: housing, domain: "城市管理",
		violated: cityRegs + "第十一条：在城市中设置户外广告、标语牌、画廊、橱窗等，应当内容健康、外型美观，并定期维修、油饰或者拆除。大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。"},
	{code: "CSGL-CF-099", name: "对违反城市管理规定的其他行为的行政处罚", owner: housing, domain: "城市管理", draftWithoutBasis: true,
		note: "待补充法律依据；无法定依据的事项应予取消"},

	// 市场监管
	{code: "SCJG-CF-001", name: "对未取得食品生产经营许可从事食品生产经营活动的行政处罚", owner: market, domain: "市场监管", professional: true,
		violated: foodLaw + "第三十五条第一款：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。但是，销售食用农产品和仅销售预包装食品的，不需要取得许可。……",
		penalty:  foodLaw + "第一百二十二条第一款：违反本法规定，未取得食品生产经营许可从事食品生产经营活动，或者未取得食品添加剂生产许可从事食品添加剂生产活动的，由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品、食品添加剂以及用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。",
		kinds:    "没收违法所得、没收非法财物、罚款", fineMin: "50000", fineMax: "100000", multMin: "10倍", multMax: "20倍", base: "货值金额",
		supervise: "负责食品生产经营许可；负责日常监督检查和抽样检验", enforce: "负责立案、调查取证、作出行政处罚决定"},
	{code: "SCJG-CF-002", name: "对生产经营无标签的预包装食品或者标签、说明书不符合规定的食品的行政处罚", owner: market, domain: "市场监管", professional: true,
		violated: foodLaw + "第六十七条第一款：预包装食品的包装上应当有标签。……",
		penalty:  foodLaw + "第一百二十五条第一款：违反本法规定，有下列情形之一的，由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品、食品添加剂，并可以没收用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五千元以上五万元以下罚款；货值金额一万元以上的，并处货值金额五倍以上十倍以下罚款；情节严重的，责令停产停业，直至吊销许可证：……（二）生产经营无标签的预包装食品、食品添加剂或者标签、说明书不符合本法规定的食品、食品添加剂；……",
		kinds:    "没收违法所得、没收非法财物、罚款、责令停产停业、吊销许可证件", fineMin: "5000", fineMax: "50000", multMin: "5倍", multMax: "10倍", base: "货值金额"},
	{code: "SCJG-CF-003", name: "对安排未取得健康证明的人员从事接触直接入口食品工作的行政处罚", owner: market, domain: "市场监管", professional: true,
		violated: foodLaw + "第四十五条第二款：从事接触直接入口食品工作的食品生产经营人员应当每年进行健康检查，取得健康证明后方可上岗工作。",
		penalty:  foodLaw + "第一百二十六条第一款：违反本法规定，有下列情形之一的，由县级以上人民政府食品安全监督管理部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证：……（六）食品生产经营者安排未取得健康证明或者患有国务院卫生行政部门规定的有碍食品安全疾病的人员从事接触直接入口食品的工作；……",
		kinds:    "警告、罚款、责令停产停业、吊销许可证件", fineMin: "5000", fineMax: "50000"},
	{code: "SCJG-CF-004", name: "对生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的行政处罚", owner: market, domain: "市场监管", professional: true,
		violated: "《中华人民共和国产品质量法》第十三条第二款：禁止生产、销售不符合保障人体健康和人身、财产安全的标准和要求的工业产品。……",
		penalty:  "《中华人民共和国产品质量法》第四十九条：生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的，责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品（包括已售出和未售出的产品，下同）货值金额等值以上三倍以下的罚款；有违法所得的，并处没收违法所得；情节严重的，吊销营业执照；构成犯罪的，依法追究刑事责任。",
		kinds:    "没收非法财物、罚款、没收违法所得、吊销许可证件", multMin: "1倍", multMax: "3倍", base: "货值金额"},
	{code: "SCJG-CF-005", name: "对在产品中掺杂、掺假，以假充真，以次充好，或者以不合格产品冒充合格产品的行政处罚", owner: market, domain: "市场监管", professional: true,
		violated: "《中华人民共和国产品质量法》第三十二条：生产者生产产品，不得掺杂、掺假，不得以假充真、以次充好，不得以不合格产品冒充合格产品。",
		penalty:  "《中华人民共和国产品质量法》第五十条：在产品中掺杂、掺假，以假充真，以次充好，或者以不合格产品冒充合格产品的，责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品货值金额百分之五十以上三倍以下的罚款；有违法所得的，并处没收违法所得；情节严重的，吊销营业执照；构成犯罪的，依法追究刑事责任。",
		kinds:    "没收非法财物、罚款、没收违法所得、吊销许可证件", multMin: "50%", multMax: "3倍", base: "货值金额"},
	{code: "SCJG-CF-006", name: "对未经设立登记从事经营活动的行政处罚", owner: market, domain: "市场监管",
		violated: "《中华人民共和国市场主体登记管理条例》第三条第一款：市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。……",
		penalty:  "《中华人民共和国市场主体登记管理条例》第四十三条：未经设立登记从事经营活动的，由登记机关责令改正，没收违法所得；拒不改正的，处1万元以上10万元以下的罚款；情节严重的，依法责令关闭停业，并处10万元以上50万元以下的罚款。",
		kinds:    "没收违法所得、罚款、责令关闭", fineMin: "10000", fineMax: "500000", from: "2022-03-01", docNo: "阳政办发〔2022〕6号"},
	{code: "SCJG-CF-007", name: "对经营者不按照规定明码标价的行政处罚", owner: market, domain: "市场监管",
		violated: "《中华人民共和国价格法》第十三条第一款：经营者销售、收购商品和提供服务，应当按照政府价格主管部门的规定明码标价，注明商品的品名、产地、规格、等级、计价单位、价格或者服务的项目、收费标准等有关情况。",
		penalty:  "《中华人民共和国价格法》第四十二条：经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款。",
		kinds:    "没收违法所得、罚款", fineMax: "5000"},
	{code: "SCJG-QZ-001", name: "查封、扣押不符合食品安全标准或者存在安全隐患的食品、食品添加剂、食品相关产品", typ: catalog.TypeCoercion, owner: market, domain: "市场监管", professional: true,
		violated: foodLaw + "第一百一十条第（四）项：查封、扣押有证据证明不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品、食品添加剂、食品相关产品"},
	{code: "SCJG-JC-001", name: "食品生产经营监督检查", typ: catalog.TypeInspection, owner: market, domain: "市场监管", professional: true,
		violated: foodLaw + "第一百一十条第（一）项：进入生产经营场所实施现场检查"},

	// 生态环境（保留在主管部门）
	{code: "STHJ-CF-001", name: "对未依法取得排污许可证排放大气污染物或者超标排放大气污染物的行政处罚", owner: ecology, domain: "生态环境", professional: true,
		violated: airLaw + "第十八条：企业事业单位和其他生产经营者建设对大气环境有影响的项目，应当依法进行环境影响评价、公开环境影响评价文件；向大气排放污染物的，应当符合大气污染物排放标准，遵守重点大气污染物排放总量控制要求。",
		penalty:  airLaw + "第九十九条：违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭：（一）未依法取得排污许可证排放大气污染物的；（二）超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的；（三）通过逃避监管的方式排放大气污染物的。",
		kinds:    "罚款、限制开展生产经营活动、责令停产停业、责令关闭", fineMin: "100000", fineMax: "1000000"},
	{code: "STHJ-CF-002", name: "对超过水污染物排放标准或者重点水污染物排放总量控制指标排放水污染物的行政处罚", owner: ecology, domain: "生态环境", professional: true,
		violated: "《中华人民共和国水污染防治法》第十条：排放水污染物，不得超过国家或者地方规定的水污染物排放标准和重点水污染物排放总量控制指标。",
		penalty:  "《中华人民共和国水污染防治法》第八十三条：违反本法规定，有下列行为之一的，由县级以上人民政府环境保护主管部门责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭：……（二）超过水污染物排放标准或者超过重点水污染物排放总量控制指标排放水污染物的；……",
		kinds:    "罚款、限制开展生产经营活动、责令停产停业、责令关闭", fineMin: "100000", fineMax: "1000000"},

	// 应急管理（安全生产）：2021年修正的安全生产法自2021年9月1日起施行，见下文的新版本。
	{code: "YJGL-CF-001", name: "对未按照规定对从业人员进行安全生产教育和培训的行政处罚", owner: emergency, domain: "应急管理", professional: true,
		violated: safety2014 + "第二十五条第一款：生产经营单位应当对从业人员进行安全生产教育和培训，保证从业人员具备必要的安全生产知识，熟悉有关的安全生产规章制度和安全操作规程，掌握本岗位的安全操作技能，了解事故应急处理措施，知悉自身在安全生产方面的权利和义务。……",
		penalty:  safety2014 + "第九十四条：生产经营单位有下列行为之一的，责令限期改正，可以处五万元以下的罚款；逾期未改正的，责令停产停业整顿，并处五万元以上十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款：……（三）未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项的；……",
		kinds:    "罚款、责令停产停业", fineMax: "100000"},
	{code: "YJGL-CF-002", name: "对生产经营单位未采取措施消除事故隐患的行政处罚", owner: emergency, domain: "应急管理", professional: true,
		violated: safety2014 + "第三十八条第一款：生产经营单位应当建立健全生产安全事故隐患排查治理制度，采取技术、管理措施，及时发现并消除事故隐患。……",
		penalty:  safety2014 + "第九十九条：生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除；生产经营单位拒不执行的，责令停产停业整顿，并处十万元以上五十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款。",
		kinds:    "罚款、责令停产停业", fineMin: "100000", fineMax: "500000"},
	{code: "YJGL-CF-003", name: "对未经许可生产、经营烟花爆竹制品的行政处罚", owner: emergency, domain: "应急管理", professional: true,
		violated: "《烟花爆竹安全管理条例》第三条第一款：国家对烟花爆竹的生产、经营、运输和举办焰火晚会以及其他大型焰火燃放活动，实行许可证制度。",
		penalty:  "《烟花爆竹安全管理条例》第三十六条第一款：对未经许可生产、经营烟花爆竹制品，或者向未取得烟花爆竹安全生产许可的单位或者个人销售黑火药、烟火药、引火线的，由安全生产监督管理部门责令停止非法生产、经营活动，处2万元以上10万元以下的罚款，并没收非法生产、经营的物品及违法所得。",
		kinds:    "罚款、没收非法财物、没收违法所得", fineMin: "20000", fineMax: "100000"},
	{code: "YJGL-QZ-001", name: "查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材", typ: catalog.TypeCoercion, owner: emergency, domain: "应急管理", professional: true,
		violated: safety2021 + "第六十五条第一款第（四）项：对有根据认为不符合保障安全生产的国家标准或者行业标准的设施、设备、器材以及违法生产、储存、使用、经营、运输的危险物品予以查封或者扣押，对违法生产、储存、使用、经营危险物品的作业场所予以查封，并依法作出处理决定。",
		from:     "2021-09-01", docNo: "阳政办发〔2021〕30号"},
	{code: "YJGL-JC-001", name: "安全生产监督检查", typ: catalog.TypeInspection, owner: emergency, domain: "应急管理", professional: true,
		violated: safety2021 + "第六十五条第一款第（一）项：进入生产经营单位进行检查，调阅有关资料，向有关单位和人员了解情况",
		from:     "2021-09-01", docNo: "阳政办发〔2021〕30号"},

	// 交通运输
	{code: "JTYS-CF-001", name: "对擅自占用、挖掘公路的行政处罚", owner: transport, domain: "交通运输", professional: true,
		violated: roadLaw + "第四十四条第一款：任何单位和个人不得擅自占用、挖掘公路。",
		penalty:  roadLaw + "第七十六条：有下列违法行为之一的，由交通主管部门责令停止违法行为，可以处三万元以下的罚款：（一）违反本法第四十四条第一款规定，擅自占用、挖掘公路的；……",
		kinds:    "罚款", fineMax: "30000"},
	{code: "JTYS-CF-002", name: "对在公路建筑控制区内修建建筑物、地面构筑物或者擅自埋设管线、电缆等设施的行政处罚", owner: transport, domain: "交通运输", professional: true,
		violated: roadLaw + "第五十六条第一款：除公路防护、养护需要的以外，禁止在公路两侧的建筑控制区内修建建筑物和地面构筑物；需要在建筑控制区内埋设管线、电缆等设施的，应当事先经县级以上地方人民政府交通主管部门批准。",
		penalty:  roadLaw + "第八十一条：违反本法第五十六条规定，在公路建筑控制区内修建建筑物、地面构筑物或者擅自埋设管线、电缆等设施的，由交通主管部门责令限期拆除，并可以处五万元以下的罚款。逾期不拆除的，由交通主管部门拆除，有关费用由建筑者、构筑者承担。",
		kinds:    "罚款", fineMax: "50000"},
	{code: "JTYS-CF-003", name: "对未经批准擅自挖掘道路、占用道路施工的行政处罚", owner: transport, domain: "交通运输", professional: true,
		violated: "《中华人民共和国道路交通安全法》第三十二条第一款：因工程建设需要占用、挖掘道路，或者跨越、穿越道路架设、增设管线设施，应当事先征得道路主管部门的同意；影响交通安全的，还应当征得公安机关交通管理部门的同意。",
		penalty:  "《中华人民共和国道路交通安全法》第一百零四条第一款：未经批准，擅自挖掘道路、占用道路施工或者从事其他影响道路交通安全活动的，由道路主管部门责令停止违法行为，并恢复原状，可以依法给予罚款；致使通行的人员、车辆及其他财产遭受损失的，依法承担赔偿责任。",
		kinds:    "罚款"},
	{code: "JTYS-CF-004", name: "对车辆在公路上擅自超限行驶的行政处罚", owner: transport, domain: "交通运输", professional: true,
		violated: roadLaw + "第五十条第一款：超过公路、公路桥梁、公路隧道或者汽车渡船的限载、限高、限宽、限长标准的车辆，不得在有限定标准的公路、公路桥梁上或者公路隧道内行驶，不得使用汽车渡船。……",
		penalty:  roadLaw + "第七十六条：有下列违法行为之一的，由交通主管部门责令停止违法行为，可以处三万元以下的罚款：……（五）违反本法第五十条规定，车辆超限使用汽车渡船或者在公路上擅自超限行驶的；……",
		kinds:    "罚款", fineMax: "30000"},

	// 农业农村
	{code: "NYNC-CF-001", name: "对农药使用者不按照标签使用农药、使用禁用的农药等的行政处罚", owner: agri, domain: "农业农村", professional: true,
		violated: "《农药管理条例》第三十四条第一款：农药使用者应当严格按照农药的标签标注的使用范围、使用方法和剂量、使用技术要求和注意事项使用农药，不得扩大使用范围、加大用药剂量或者改变使用方法。",
		penalty:  "《农药管理条例》第六十条：农药使用者有下列行为之一的，由县级人民政府农业主管部门责令改正，农药使用者为农产品生产企业、食品和食用农产品仓储企业、专业化病虫害防治服务组织和从事农产品生产的农民专业合作社等单位的，处5万元以上10万元以下罚款，农药使用者为个人的，处1万元以下罚款；构成犯罪的，依法追究刑事责任：（一）不按照农药的标签标注的使用范围、使用方法和剂量、使用技术要求和注意事项、安全间隔期使用农药；（二）使用禁用的农药；……",
		kinds:    "罚款", fineMax: "100000", note: "单位处5万元以上10万元以下，个人处1万元以下"},
	{code: "NYNC-CF-002", name: "对销售农药、兽药等化学物质残留或者含有的重金属等有毒有害物质不符合农产品质量安全标准的农产品的行政处罚", owner: agri, domain: "农业农村", professional: true,
		violated: agriLaw + "第三十六条第一款第（二）项：农药、兽药等化学物质残留或者含有的重金属等有毒有害物质不符合农产品质量安全标准",
		penalty:  agriLaw + "第七十一条第一款：……由县级以上地方人民政府农业农村主管部门责令停止生产经营、追回已经销售的农产品，对违法生产经营的农产品进行无害化处理或者予以监督销毁，没收违法所得，并可以没收用于违法生产经营的工具、设备、原料等物品；违法生产经营的农产品货值金额不足一万元的，并处五万元以上十万元以下罚款，货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；对农户，并处五百元以上五千元以下罚款……",
		kinds:    "没收违法所得、没收非法财物、罚款", fineMin: "50000", fineMax: "100000", multMin: "10倍", multMax: "20倍", base: "货值金额",
		from: "2023-01-01", docNo: "阳政办发〔2022〕41号", note: "对农户并处五百元以上五千元以下罚款"},
	{code: "NYNC-CF-003", name: "对在农产品生产经营过程中使用国家禁止使用的农业投入品或者其他有毒有害物质的行政处罚", owner: agri, domain: "农业农村", professional: true,
		violated: agriLaw + "第二十九条第二款：禁止在农产品生产经营过程中使用国家禁止使用的农业投入品以及其他有毒有害物质。",
		penalty:  agriLaw + "第七十条第一款：……在农产品生产经营过程中使用国家禁止使用的农业投入品或者其他有毒有害物质……违法生产经营的农产品货值金额不足一万元的，并处十万元以上十五万元以下罚款，货值金额一万元以上的，并处货值金额十五倍以上三十倍以下罚款；对农户，并处一千元以上一万元以下罚款……",
		kinds:    "没收违法所得、没收非法财物、罚款、吊销许可证件", fineMin: "100000", fineMax: "150000", multMin: "15倍", multMax: "30倍", base: "货值金额",
		from: "2023-01-01", docNo: "阳政办发〔2022〕41号", note: "对农户并处一千元以上一万元以下罚款"},
	{code: "NYNC-CF-004", name: "对农村村民未经批准或者采取欺骗手段骗取批准非法占用土地建住宅的行政处罚", owner: agri, domain: "农业农村", professional: true,
		violated: landLaw + "第七十八条第一款：农村村民未经批准或者采取欺骗手段骗取批准，非法占用土地建住宅的……",
		penalty:  landLaw + "第七十八条第一款：……由县级以上人民政府农业农村主管部门责令退还非法占用的土地，限期拆除在非法占用的土地上新建的房屋。",
		kinds:    "其他（责令退还非法占用的土地、限期拆除）"},

	// 自然资源
	{code: "ZRZY-CF-001", name: "对未经批准或者采取欺骗手段骗取批准非法占用土地的行政处罚", owner: resources, domain: "自然资源", professional: true,
		violated: landLaw + "第四十四条第一款：建设占用土地，涉及农用地转为建设用地的，应当办理农用地转用审批手续。",
		penalty:  landLaw + "第七十七条第一款：未经批准或者采取欺骗手段骗取批准，非法占用土地的，由县级以上人民政府自然资源主管部门责令退还非法占用的土地，对违反土地利用总体规划擅自将农用地改为建设用地的，限期拆除在非法占用的土地上新建的建筑物和其他设施，恢复土地原状，对符合土地利用总体规划的，没收在非法占用的土地上新建的建筑物和其他设施，可以并处罚款；对非法占用土地单位的直接负责的主管人员和其他直接责任人员，依法给予处分；构成犯罪的，依法追究刑事责任。",
		kinds:    "没收非法财物、罚款", note: "罚款按非法占用土地面积计算（《中华人民共和国土地管理法实施条例》）",
		supervise: "负责土地利用审批和动态巡查；负责土地违法行为的认定、测量和复垦监管", enforce: "负责立案、调查取证、作出行政处罚决定"},
	{code: "ZRZY-CF-002", name: "对占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等破坏种植条件的行政处罚", owner: resources, domain: "自然资源", professional: true,
		violated: landLaw + "第三十七条第二款：禁止占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等。",
		penalty:  landLaw + "第七十五条：违反本法规定，占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等，破坏种植条件的，或者因开发土地造成土地荒漠化、盐渍化的，由县级以上人民政府自然资源主管部门、农业农村主管部门等按照职责责令限期改正或者治理，可以并处罚款；构成犯罪的，依法追究刑事责任。",
		kinds:    "罚款"},
	{code: "ZRZY-JC-001", name: "土地违法案件的监督检查", typ: catalog.TypeInspection, owner: resources, domain: "自然资源", professional: true,
		violated: landLaw + "第六十八条：县级以上人民政府自然资源主管部门履行监督检查职责时，有权采取下列措施：（一）要求被检查的单位或者个人提供有关土地权利的文件和资料，进行查阅或者予以复制；……"},

	// 人力社保
	{code: "RLSB-CF-001", name: "对用人单位违反规定延长劳动者工作时间的行政处罚", owner: labour, domain: "人力社保", professional: true,
		violated: "《中华人民共和国劳动法》第四十一条：用人单位由于生产经营需要，经与工会和劳动者协商后可以延长工作时间，一般每日不得超过一小时；因特殊原因需要延长工作时间的，在保障劳动者身体健康的条件下延长工作时间每日不得超过三小时，但是每月不得超过三十六小时。",
		penalty:  labourRegs + "第二十五条：用人单位违反劳动保障法律、法规或者规章延长劳动者工作时间的，由劳动保障行政部门给予警告，责令限期改正，并可以按照受侵害的劳动者每人100元以上500元以下的标准计算，处以罚款。",
		kinds:    "警告、罚款", fineMin: "100", fineMax: "500", note: "按受侵害的劳动者每人计算"},
	{code: "RLSB-CF-002", name: "对无理抗拒、阻挠劳动保障行政部门实施劳动保障监察的行政处罚", owner: labour, domain: "人力社保", professional: true,
		violated: labourRegs + "第三十条第一款第（一）项：无理抗拒、阻挠劳动保障行政部门依照本条例的规定实施劳动保障监察的",
		penalty:  labourRegs + "第三十条第一款：有下列行为之一的，由劳动保障行政部门责令改正；对有第（一）项、第（二）项或者第（三）项规定的行为的，处2000元以上2万元以下的罚款：……",
		kinds:    "罚款", fineMin: "2000", fineMax: "20000"},
	{code: "RLSB-CF-003", name: "对安排女职工从事矿山井下劳动等禁忌从事的劳动的行政处罚", owner: labour, domain: "人力社保", professional: true,
		violated: "《中华人民共和国劳动法》第五十九条：禁止安排女职工从事矿山井下、国家规定的第四级体力劳动强度的劳动和其他禁忌从事的劳动。",
		penalty:  labourRegs + "第二十三条：用人单位有下列行为之一的，由劳动保障行政部门责令改正，按照受侵害的劳动者每人1000元以上5000元以下的标准计算，处以罚款：（一）安排女职工从事矿山井下劳动、国家规定的第四级体力劳动强度的劳动或者其他禁忌从事的劳动的；……",
		kinds:    "罚款", fineMin: "1000", fineMax: "5000", note: "按受侵害的劳动者每人计算"},
	{code: "RLSB-JC-001", name: "劳动保障监察", typ: catalog.TypeInspection, owner: labour, domain: "人力社保", professional: true,
		violated: labourRegs + "第十五条：劳动保障行政部门实施劳动保障监察，有权采取下列调查、检查措施：（一）进入用人单位的劳动场所进行检查；……"},

	// 住房城乡建设（保留在主管部门）
	{code: "ZJ-CF-001", name: "对未取得施工许可证或者开工报告未经批准擅自施工的行政处罚", owner: housing, domain: "住房城乡建设", professional: true,
		violated: "《中华人民共和国建筑法》第七条第一款：建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证；但是，国务院建设行政主管部门确定的限额以下的小型工程除外。",
		penalty:  "《中华人民共和国建筑法》第六十四条：违反本法规定，未取得施工许可证或者开工报告未经批准擅自施工的，责令改正，对不符合开工条件的责令停止施工，可以处以罚款。",
		kinds:    "罚款"},
	{code: "ZJ-CF-002", name: "对建设单位未按照国家规定办理工程质量监督手续的行政处罚", owner: housing, domain: "住房城乡建设", professional: true,
		violated: "《建设工程质量管理条例》第十三条：建设单位在开工前，应当按照国家有关规定办理工程质量监督手续，工程质量监督手续可以与施工许可证或者开工报告合并办理。",
		penalty:  "《建设工程质量管理条例》第五十六条：违反本条例规定，建设单位有下列行为之一的，责令改正，处20万元以上50万元以下的罚款：……（六）未按照国家规定办理工程质量监督手续的；……",
		kinds:    "罚款", fineMin: "200000", fineMax: "500000"},

	// 水利、文化市场（保留在主管部门）
	{code: "SL-CF-001", name: "对在河道管理范围内建设妨碍行洪的建筑物、构筑物的行政处罚", owner: water, domain: "水利", professional: true,
		violated: waterLaw + "第三十七条第二款：禁止在河道管理范围内建设妨碍行洪的建筑物、构筑物以及从事影响河势稳定、危害河岸堤防安全和其他妨碍河道行洪的活动。",
		penalty:  waterLaw + "第六十五条第一款：在河道管理范围内建设妨碍行洪的建筑物、构筑物，或者从事影响河势稳定、危害河岸堤防安全和其他妨碍河道行洪的活动的，由县级以上人民政府水行政主管部门或者流域管理机构依据职权，责令停止违法行为，限期拆除违法建筑物、构筑物，恢复原状；逾期不拆除、不恢复原状的，强行拆除，所需费用由违法单位或者个人负担，并处一万元以上十万元以下的罚款。",
		kinds:    "罚款", fineMin: "10000", fineMax: "100000"},
	{code: "SL-CF-002", name: "对未经批准擅自取水的行政处罚", owner: water, domain: "水利", professional: true,
		violated: waterLaw + "第四十八条第一款：直接从江河、湖泊或者地下取用水资源的单位和个人，应当按照国家取水许可制度和水资源有偿使用制度的规定，向水行政主管部门或者流域管理机构申请领取取水许可证，并缴纳水资源费，取得取水权。……",
		penalty:  waterLaw + "第六十九条：有下列行为之一的，由县级以上人民政府水行政主管部门或者流域管理机构依据职权，责令停止违法行为，限期采取补救措施，处二万元以上十万元以下的罚款；情节严重的，吊销其取水许可证：（一）未经批准擅自取水的；……",
		kinds:    "罚款、吊销许可证件", fineMin: "20000", fineMax: "100000"},
	{code: "WHSC-CF-001", name: "对互联网上网服务营业场所接纳未成年人进入营业场所的行政处罚", owner: culture, domain: "文化市场", professional: true,
		violated: "《互联网上网服务营业场所管理条例》第二十一条：互联网上网服务营业场所经营单位不得接纳未成年人进入营业场所。……",
		penalty:  "《互联网上网服务营业场所管理条例》第三十一条：互联网上网服务营业场所经营单位违反本条例的规定，有下列行为之一的，由文化行政部门给予警告，可以并处15000元以下的罚款；情节严重的，责令停业整顿，直至吊销《网络文化经营许可证》：……（二）接纳未成年人进入营业场所的；……",
		kinds:    "警告、罚款、责令停产停业、吊销许可证件", fineMax: "15000"},
}

// transferred lists the items 阳政发〔2021〕12号 moves to the bureau whole; partly lists those it
// moves in part, with the part.
var (
	transferred = []string{
		"CSGL-CF-001", "CSGL-CF-002", "CSGL-CF-003", "CSGL-CF-004", "CSGL-CF-005", "CSGL-CF-006", "CSGL-CF-007", "CSGL-CF-008",
		"CSGL-CF-009", "CSGL-CF-010", "CSGL-CF-011", "CSGL-CF-012", "CSGL-CF-013", "CSGL-CF-014", "CSGL-CF-015", "CSGL-CF-016",
		"CSGL-CF-017", "CSGL-CF-018", "CSGL-CF-019", "CSGL-CF-020", "CSGL-CF-021", "CSGL-CF-022", "CSGL-CF-023", "CSGL-CF-024",
		"CSGL-CF-025", "CSGL-CF-026", "CSGL-CF-027", "CSGL-CF-028", "CSGL-CF-029", "CSGL-CF-030",
		"CSGL-CF-033", "CSGL-CF-034", "CSGL-CF-035", "CSGL-CF-036",
		"SCJG-CF-001", "SCJG-CF-002", "SCJG-CF-003", "SCJG-CF-007", "SCJG-QZ-001",
		"YJGL-CF-001", "YJGL-CF-002", "YJGL-CF-003",
		"JTYS-CF-001", "JTYS-CF-002", "JTYS-CF-003", "JTYS-CF-004",
		"NYNC-CF-001", "NYNC-CF-004", "ZRZY-CF-002", "RLSB-CF-001", "RLSB-CF-002", "RLSB-CF-003",
	}
	partly = []struct{ code, part string }{
		{"SCJG-CF-004", "划转对销售环节的行政处罚；生产环节的行政处罚仍由县市场监督管理局行使"},
		{"ZRZY-CF-001", "划转对非法占用土地行为的行政处罚；土地违法行为的认定、测量和复垦监管由县自然资源局负责"},
	}
	// delegated lists the common urban-management penalties 阳政发〔2022〕8号 gives every township.
	delegated = []string{"CSGL-CF-001", "CSGL-CF-002", "CSGL-CF-003", "CSGL-CF-004", "CSGL-CF-005", "CSGL-CF-006",
		"CSGL-CF-007", "CSGL-CF-008", "CSGL-CF-010", "CSGL-CF-015", "CSGL-CF-016", "CSGL-CF-019", "CSGL-CF-022", "CSGL-CF-024",
		"CSGL-CF-033"}
)

// Synonyms are the county's search synonyms (检索同义词): what people type, and the catalogue's
// own words for it.
var Synonyms = []struct{ Term, Canonical string }{
	{"占道", "占道经营"}, {"摆摊", "占道经营"}, {"地摊", "占道经营"}, {"流动摊点", "占道经营"}, {"出店经营", "占道经营"},
	{"乱搭乱建", "违法建设"}, {"违建", "违法建设"}, {"违章建筑", "违法建设"}, {"私搭乱建", "违法建设"},
	{"渣土", "建筑垃圾"}, {"小广告", "张贴"}, {"牛皮癣", "张贴"}, {"乱涂乱画", "涂写"}, {"噪音", "噪声"},
}

// RevokedItemCode is the item 阳政发〔2024〕3号 takes back from the townships (城乡规划法第六十四条).
const RevokedItemCode = "CSGL-CF-022"

// DelegatedItemCode is an item still delegated to every township (城市市容和环境卫生管理条例第三十四条第（一）项).
const DelegatedItemCode = "CSGL-CF-001"

// row writes the item as a row of the catalogue's import template.
func (it demoItem) row() map[string]string {
	typ := it.typ
	if typ == "" {
		typ = catalog.TypePenalty
	}
	category := "一般性"
	if it.professional {
		category = "专业性"
	}
	supervise, enforce := it.supervise, it.enforce
	if typ == catalog.TypePenalty && supervise == "" {
		supervise, enforce = cgSupervise, cgEnforce
	}
	from, doc, status := catalogDate, catalogDoc, "已发布"
	if it.from != "" {
		from, doc = it.from, it.docNo
	}
	if it.draftWithoutBasis {
		status = "草稿"
	}
	return map[string]string{"code": it.code, "name": it.name, "type": catalog.TypeName(typ), "domain": it.domain,
		"category": category, "level": "县级", "owner": it.owner, "violatedBasis": it.violated, "penaltyBasis": it.penalty,
		"penaltyKinds": it.kinds, "fineMin": it.fineMin, "fineMax": it.fineMax, "multipleMin": it.multMin,
		"multipleMax": it.multMax, "multipleBase": it.base, "superviseDuties": supervise, "enforceDuties": enforce,
		"effectiveFrom": from, "docNo": doc, "status": status, "note": it.note}
}

// catalogFile is the demo catalogue as the county's staffing office would import it.
func catalogFile() ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := make([]string, len(catalog.Columns))
	for i, c := range catalog.Columns {
		header[i] = c.Headers[0]
	}
	w.Write(header)
	for _, it := range catalogItems {
		cells := it.row()
		rec := make([]string, len(catalog.Columns))
		for i, c := range catalog.Columns {
			rec[i] = cells[c.Key]
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// revisions are versions that replaced an item's first one: the 2021 安全生产法 took effect on
// 2021-09-01 with new article numbers and higher (第九十七条) or lower (第一百零二条) fines.
var revisions = []struct {
	code, penalty, violated, fineMin, fineMax string
}{
	{"YJGL-CF-001",
		safety2021 + "第九十七条：生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款：……（三）未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项的；……",
		safety2021 + "第二十八条第一款：生产经营单位应当对从业人员进行安全生产教育和培训，保证从业人员具备必要的安全生产知识，熟悉有关的安全生产规章制度和安全操作规程，掌握本岗位的安全操作技能，了解事故应急处理措施，知悉自身在安全生产方面的权利和义务。……",
		"", "200000"},
	{"YJGL-CF-002",
		safety2021 + "第一百零二条：生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除，处五万元以下的罚款；生产经营单位拒不执行的，责令停产停业整顿，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。",
		safety2021 + "第四十一条第二款：生产经营单位应当建立健全并落实生产安全事故隐患排查治理制度，采取技术、管理措施，及时发现并消除事故隐患。……",
		"", "50000"},
}

// createCatalog loads the demo catalogue through the catalogue service, as the console would:
// the 2021 catalogue by import, then the revisions, a repeal and the decisions.
func createCatalog(ctx context.Context, a *server.App, orgIDs map[string]string) error {
	svc := a.Catalog
	file, err := catalogFile()
	if err != nil {
		return err
	}
	if _, err := svc.Import(ctx, access.System(), bytes.NewReader(file)); err != nil {
		return fmt.Errorf("导入：%w %v", err, apperr.As(err).Details)
	}
	items, _, err := svc.List(ctx, access.System(), catalog.Filter{}, httpx.Page{Page: 1, PageSize: httpx.MaxPageSize})
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, it := range items {
		ids[it.Code] = it.ID
	}
	for _, r := range revisions {
		cur, err := svc.Get(ctx, access.System(), ids[r.code], "")
		if err != nil {
			return err
		}
		v := cur.Version
		in := catalog.Input{Name: v.Name, Type: v.Type, Domain: v.Domain, Category: v.Category, Level: v.Level,
			OwnerOrgID: v.OwnerOrgID, PenaltyKinds: v.PenaltyKinds, SuperviseDuties: v.SuperviseDuties,
			EnforceDuties: v.EnforceDuties, Note: v.Note, EffectiveFrom: "2021-09-01", DocNo: "阳政办发〔2021〕30号"}
		if in.PenaltyBasis, err = law.ParseCitations("penaltyBasis", r.penalty); err != nil {
			return err
		}
		if in.ViolatedBasis, err = law.ParseCitations("violatedBasis", r.violated); err != nil {
			return err
		}
		if in.Fine.MinFen, err = catalog.ParseYuan("fineMin", "罚款下限", r.fineMin); err != nil {
			return err
		}
		if in.Fine.MaxFen, err = catalog.ParseYuan("fineMax", "罚款上限", r.fineMax); err != nil {
			return err
		}
		draft, err := svc.AddVersion(ctx, access.System(), ids[r.code], in)
		if err != nil {
			return fmt.Errorf("%s: %w", r.code, err)
		}
		if _, err := svc.Publish(ctx, access.System(), ids[r.code], lifecycle.PublishInput{Revision: draft.Version.Revision}); err != nil {
			return fmt.Errorf("%s: %w", r.code, err)
		}
	}
	bureau := orgIDs[bureauName]
	moves := []catalog.MoveInput{{Items: transferred, Targets: []string{bureau}}}
	for _, p := range partly {
		moves = append(moves, catalog.MoveInput{Items: []string{p.code}, Targets: []string{bureau}, Partial: true, PartNote: p.part})
	}
	// Delegations go to the township people's governments and the street offices (行政处罚法 第二十四条),
	// each with its enforcement office as the working body.
	var townBodies []string
	for _, t := range townships {
		townBodies = append(townBodies, orgIDs[townGovName(t)])
	}
	// The repeal of 环境噪声污染防治法 on 2022-06-05 retires one item; its successor items go
	// to the bureau the same day.
	noise, err := svc.Get(ctx, access.System(), ids["CSGL-CF-030"], "")
	if err != nil {
		return fmt.Errorf("CSGL-CF-030: %w", err)
	}
	if _, err := svc.Repeal(ctx, access.System(), noise.Item.ID, lifecycle.RepealInput{EffectiveTo: "2022-06-05",
		DocNo: "阳政办发〔2022〕19号", Reason: "《中华人民共和国环境噪声污染防治法》自2022年6月5日起废止，由《中华人民共和国噪声污染防治法》代替",
		Revision: noise.Version.Revision}); err != nil {
		return fmt.Errorf("CSGL-CF-030: %w", err)
	}
	for _, dec := range []catalog.DecisionInput{
		{DocNo: "阳政发〔2021〕12号", Title: "阳谷县人民政府关于开展综合行政执法划转行政处罚权的决定", EffectiveFrom: "2021-07-01",
			Note: "城市管理领域行政处罚权和市场监管、安全生产、交通运输、农业、自然资源、人力资源社会保障领域专业执法事项划转县综合行政执法局", Transfers: moves},
		{DocNo: "阳政发〔2022〕8号", Title: "阳谷县人民政府关于向乡镇（街道）下放部分行政执法事项的决定", EffectiveFrom: "2022-06-01",
			Note:        "下放的事项由各乡镇人民政府、街道办事处以自己的名义行使，其综合行政执法办公室具体承办",
			Delegations: []catalog.MoveInput{{Items: delegated, Targets: townBodies}}},
		{DocNo: "阳政发〔2022〕15号", Title: "阳谷县人民政府关于调整建筑施工噪声等行政处罚事项的决定", EffectiveFrom: "2022-06-05",
			Revocations: []catalog.RevokeInput{{Items: []string{"CSGL-CF-030"}, Kind: catalog.ModeTransfer}},
			Transfers:   []catalog.MoveInput{{Items: []string{"CSGL-CF-031", "CSGL-CF-032"}, Targets: []string{bureau}}}},
		{DocNo: "阳政发〔2023〕6号", Title: "阳谷县人民政府关于划转农产品质量安全行政处罚事项的决定", EffectiveFrom: "2023-01-01",
			Transfers: []catalog.MoveInput{{Items: []string{"NYNC-CF-002", "NYNC-CF-003"}, Targets: []string{bureau}}}},
		{DocNo: "阳政发〔2024〕3号", Title: "阳谷县人民政府关于收回部分下放乡镇（街道）行政执法事项的决定", EffectiveFrom: "2024-03-01",
			Note:        "违法建设查处专业性强，由县综合行政执法局统一行使",
			Revocations: []catalog.RevokeInput{{Items: []string{RevokedItemCode}, Kind: catalog.ModeDelegate}}},
	} {
		if _, err := svc.CreateDecision(ctx, access.System(), dec); err != nil {
			return fmt.Errorf("%s: %w", dec.DocNo, err)
		}
	}
	for _, syn := range Synonyms {
		if _, err := svc.AddSynonym(ctx, access.System(), catalog.SynonymInput{RegionCode: CountyCode, Term: syn.Term, Canonical: syn.Canonical}); err != nil {
			return fmt.Errorf("同义词 %s: %w", syn.Term, err)
		}
	}
	return nil
}
