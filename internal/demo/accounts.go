package demo

import (
	"context"
	"fmt"
	"strings"

	"zhifa/internal/account"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/server"
)

// accountStaff are the demo accounts that belong to enforcement staff (实名): the person is added
// to the register with a certificate valid for five years, and the account is linked to them, so
// that the officer's cases carry their name and certificate. born keeps their ID numbers apart
// from the generated staff (born 1968–1999).
//
// Each takes the place of one generated member of the same organisation and kind of post, so that
// the county's staffing figures stay what the reform pages show.
var accountStaff = map[string]struct {
	born, domain, position, postType string
	female                           bool
}{
	"leader":           {born: "19660312", domain: "综合", position: "局长", postType: "行政编"},
	"officer":          {born: "19670405", domain: "城市管理", position: "大队执法队员", postType: "参公事业编"},
	"officer.zhangqiu": {born: "19670918", domain: "综合", position: "乡镇执法人员", postType: "事业编"},
	"legal":            {born: "19661120", domain: "综合", position: "法制科科长", postType: "参公事业编", female: true},
}

// replacedGroup is the block of generated staff a demo account's person belongs to.
func replacedGroup(l Login) (staffGroup, bool) {
	st, ok := accountStaff[l.Username]
	if !ok {
		return staffGroup{}, false
	}
	for _, g := range staffGroups() {
		if g.post == l.Org && g.work == l.Org && g.postType == st.postType && !g.noCert {
			return g, true
		}
	}
	return staffGroup{}, false
}

// personName is the person's name in a demo login ("执法队员 张伟" → 张伟).
func personName(l Login) string { return l.Name[strings.LastIndex(l.Name, " ")+1:] }

func createAccounts(ctx context.Context, a *server.App, orgIDs map[string]string) error {
	today := civil.Today(a.Clock)
	for i, l := range Logins {
		id, ok := orgIDs[l.Org]
		if !ok {
			return fmt.Errorf("演示账号 %s 的机构 %s 不存在", l.Username, l.Org)
		}
		in := account.Input{Username: l.Username, DisplayName: personName(l), Password: Password, OrgID: id, Roles: []access.Role{l.Role}}
		if st, ok := accountStaff[l.Username]; ok {
			g, found := replacedGroup(l)
			if !found {
				return fmt.Errorf("演示账号 %s：%s 没有%s的人员", l.Username, l.Org, st.postType)
			}
			seq := 2*i + 1
			if st.female {
				seq = 2 * i
			}
			first17 := fmt.Sprintf("371521%s%03d", st.born, seq)
			p, err := a.People.Create(ctx, access.System(), people.Input{Name: in.DisplayName,
				IDNumber: first17 + string(people.IDCheckChar(first17)), Phone: fmt.Sprintf("1350635%04d", 1000+i),
				PostOrgID: id, WorkOrgID: id, PostType: st.postType, Position: st.position, Frontline: g.frontline})
			if err != nil {
				return fmt.Errorf("%s 的人员信息: %w", l.Username, err)
			}
			from := today.AddYears(-1)
			if _, err := a.People.AddCertificate(ctx, access.System(), p.ID, people.CertInput{Number: fmt.Sprintf("37152199%04d", i),
				Domains: []string{st.domain}, Issuer: CertIssuer, ValidFrom: from.String(), ValidTo: from.AddYears(5).String()}); err != nil {
				return fmt.Errorf("%s 的执法证: %w", l.Username, err)
			}
			in.PersonID = p.ID
		}
		if _, err := a.Accounts.Create(ctx, access.System(), in); err != nil {
			return fmt.Errorf("%s: %w", l.Username, err)
		}
	}
	return nil
}
