package access

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestCheckRolesKeepsThreeAdministratorsApart(t *testing.T) {
	cases := []struct {
		roles []Role
		code  string
	}{
		{[]Role{SysAdmin}, ""},
		{[]Role{Officer, Legal}, ""},
		{[]Role{SysAdmin, Auditor}, "ROLE_SEPARATION"},
		{[]Role{SecAdmin, Auditor}, "ROLE_SEPARATION"},
		{[]Role{}, "ROLE_REQUIRED"},
		{[]Role{"boss"}, "ROLE_UNKNOWN"},
		{[]Role{Officer, Officer}, "ROLE_DUPLICATE"},
	}
	for _, c := range cases {
		err := CheckRoles(c.roles)
		if c.code == "" && err != nil || c.code != "" && !apperr.Is(err, c.code) {
			t.Errorf("CheckRoles(%v) = %v, want %q", c.roles, err, c.code)
		}
	}
}

func TestOnlyTheAuditorReadsTheAuditLog(t *testing.T) {
	for _, r := range AllRoles() {
		p := NewPrincipal("a", "u", "n", "o", "371521000000", []Role{r.Code})
		if p.Can(AuditRead) != (r.Code == Auditor) {
			t.Errorf("role %s: audit.read = %v", r.Code, p.Can(AuditRead))
		}
		if p.Can(AccountWrite) != (r.Code == SecAdmin) {
			t.Errorf("role %s: account.write = %v", r.Code, p.Can(AccountWrite))
		}
	}
}

func TestScope(t *testing.T) {
	county := ScopeOf("371521000000")
	town := ScopeOf("371521112000")
	if !county.Contains("371521112201") || !county.Contains("371521000000") || county.Contains("371522000000") {
		t.Error("county scope")
	}
	if !town.Contains("371521112201") || town.Contains("371521101000") || town.Contains("371521000000") {
		t.Error("township scope")
	}
	lo, hi := town.Range()
	if !(lo <= "371521112201" && "371521112201" < hi) || ("371521113000" >= lo && "371521113000" < hi) {
		t.Errorf("range [%s, %s)", lo, hi)
	}
	if town.Root() != "371521112000" || Everywhere.Root() != "" {
		t.Error("root")
	}
	if !Everywhere.Contains("110101001001") {
		t.Error("everywhere")
	}
}

func TestEveryPermissionARoleGrantsIsNamedOnce(t *testing.T) {
	named := map[Permission]bool{}
	for _, p := range AllPermissions() {
		if named[p.Code] || p.Name == "" {
			t.Errorf("permission %q is named twice or without a name", p.Code)
		}
		named[p.Code] = true
	}
	for _, r := range AllRoles() {
		for _, p := range r.Permissions {
			if !named[p] {
				t.Errorf("role %s grants %q, which the names table lacks", r.Code, p)
			}
		}
	}
}
