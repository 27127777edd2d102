package access

import "slices"

// Principal is the caller of a service: a signed-in account, or the system itself.
type Principal struct {
	AccountID   string
	Username    string
	DisplayName string
	PersonID    string // the member of staff the account belongs to (实名), "" for none
	OrgID       string
	RegionCode  string // the root of the caller's jurisdiction
	Roles       []Role
	IP          string
	// MustChangePassword is set while the account signs in with a password an administrator
	// chose; it may then only change it.
	MustChangePassword bool
	perms              map[Permission]bool
	system             bool
}

// NewPrincipal builds a principal and resolves its permissions from its roles.
func NewPrincipal(accountID, username, displayName, orgID, regionCode string, rs []Role) *Principal {
	p := &Principal{AccountID: accountID, Username: username, DisplayName: displayName, OrgID: orgID,
		RegionCode: regionCode, Roles: rs, perms: map[Permission]bool{}}
	for _, r := range rs {
		if info, ok := LookupRole(r); ok {
			for _, perm := range info.Permissions {
				p.perms[perm] = true
			}
		}
	}
	return p
}

// System is the platform acting on its own: migrations, the demo loader, command-line imports,
// first installation. It may do anything, everywhere, and is recorded as 系统 in the audit log.
// Services are always given a principal; there is no "nil means everything".
func System() *Principal {
	p := &Principal{AccountID: "system", Username: "system", DisplayName: "系统", perms: map[Permission]bool{}, system: true}
	for _, r := range roles {
		for _, perm := range r.Permissions {
			p.perms[perm] = true
		}
	}
	return p
}

// IsSystem reports the platform acting on its own.
func (p *Principal) IsSystem() bool { return p != nil && p.system }

// Can reports whether the principal holds a permission.
func (p *Principal) Can(perm Permission) bool { return p != nil && p.perms[perm] }

// Permissions lists the principal's permissions, sorted.
func (p *Principal) Permissions() []Permission {
	out := make([]Permission, 0, len(p.perms))
	for perm := range p.perms {
		out = append(out, perm)
	}
	slices.Sort(out)
	return out
}

// Scope returns the caller's jurisdiction (辖区): where it may read and write. The system's is
// everywhere; a missing principal's is nowhere.
func (p *Principal) Scope() Scope {
	switch {
	case p == nil:
		return Nowhere
	case p.system:
		return Everywhere
	}
	return ScopeOf(p.RegionCode)
}
