package demo

import (
	"context"
	"fmt"
	"strings"

	"zhifa/internal/account"
	"zhifa/internal/platform/access"
	"zhifa/internal/server"
)

func createAccounts(ctx context.Context, a *server.App, orgIDs map[string]string) error {
	for _, l := range Logins {
		id, ok := orgIDs[l.Org]
		if !ok {
			return fmt.Errorf("演示账号 %s 的机构 %s 不存在", l.Username, l.Org)
		}
		name := l.Name[strings.LastIndex(l.Name, " ")+1:]
		if _, err := a.Accounts.Create(ctx, access.System(), account.Input{Username: l.Username, DisplayName: name,
			Password: Password, OrgID: id, Roles: []access.Role{l.Role}}); err != nil {
			return fmt.Errorf("%s: %w", l.Username, err)
		}
	}
	return nil
}
