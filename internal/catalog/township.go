package catalog

import (
	"context"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/region"
)

// RuleDelegation: the province may hand county departments' penalty powers to township
// governments and street offices, which exercise them in their own name (行政处罚法 第二十四条).
const RuleDelegation = "《中华人民共和国行政处罚法》第二十四条第一款：省、自治区、直辖市根据当地实际情况，可以决定将基层管理迫切需要的" +
	"县级人民政府部门的行政处罚权交由能够有效承接的乡镇人民政府、街道办事处行使，并定期组织评估。决定应当公布"

// Names of the bodies a delegation may go to.
const (
	TownshipGovernment = "乡镇人民政府"
	StreetOffice       = "街道办事处"
)

// townshipBody says what kind of township-level body an organisation is: a township people's
// government (乡镇人民政府) or a street office (街道办事处), or "" for anything else. Both are kept as
// organisations of kind government at a township-level region; the statistics code tells them
// apart (统计用区划代码编制规则: 001–099 街道, 100–199 镇, 200–399 乡; 400–599 are bodies like
// development zones, whose 管理委员会 is neither).
func townshipBody(kind, regionCode string) string {
	if kind != string(org.KindGovernment) || len(regionCode) != 12 || region.LevelOf(regionCode) != region.LevelTownship {
		return ""
	}
	switch serial := regionCode[6:9]; {
	case serial >= "001" && serial <= "099":
		return StreetOffice
	case serial >= "100" && serial <= "399":
		return TownshipGovernment
	}
	return ""
}

// isTownshipBody reports an organisation that may receive delegations.
func isTownshipBody(o OrgInfo) bool { return townshipBody(o.Kind, o.RegionCode) != "" }

// workingBodyOf finds the comprehensive enforcement office of a township body: the township office
// of its region placed under it, else the only township office of its region, else the first one
// in organisation order; "" when the township has none.
func workingBodyOf(ctx context.Context, c db.Conn, body org.Org) (string, error) {
	orgs, err := org.All(ctx, c, access.ScopeOf(body.RegionCode))
	if err != nil {
		return "", err
	}
	first := ""
	for _, o := range orgs {
		if o.Kind != org.KindTownshipOffice || o.RegionCode != body.RegionCode {
			continue
		}
		if o.ParentID != nil && *o.ParentID == body.ID {
			return o.ID, nil
		}
		if first == "" {
			first = o.ID
		}
	}
	return first, nil
}

// governmentOf finds the township body of a region, for the message that redirects a delegation
// addressed to its office; "" when there is none.
func governmentOf(ctx context.Context, c db.Conn, regionCode string) string {
	orgs, err := org.All(ctx, c, access.ScopeOf(regionCode))
	if err != nil {
		return ""
	}
	for _, o := range orgs {
		if o.RegionCode == regionCode && townshipBody(string(o.Kind), o.RegionCode) != "" {
			return o.Name
		}
	}
	return ""
}

// notTownshipBody explains why an organisation cannot receive a delegation; an enforcement office
// is pointed to the government it works for.
func notTownshipBody(ctx context.Context, c db.Conn, t org.Org) string {
	if t.Kind == org.KindTownshipOffice {
		msg := "“" + t.Name + "”是乡镇（街道）综合行政执法办公室，是承接下放事项的乡镇人民政府、街道办事处的工作机构，不是行使主体；下放应下放至乡镇人民政府或街道办事处，由其以自己的名义行使"
		if g := governmentOf(ctx, c, t.RegionCode); g != "" {
			msg += "（请改为" + g + "）"
		}
		return msg
	}
	return "下放只能下放至乡镇人民政府或街道办事处，由其以自己的名义行使（行政处罚法第二十四条）；“" + t.Name + "”是" + t.KindName +
		"，不是乡镇人民政府或街道办事处"
}
