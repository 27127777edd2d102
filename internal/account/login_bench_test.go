package account

import (
	"context"
	"fmt"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/dbtest"
)

// BenchmarkWrongPassword compares a wrong password for a real account with one for a name that
// does not exist: both check a bcrypt hash, so the times should match and not tell which names
// exist. Each iteration uses a fresh name so that no lock-out cuts the work short.
func BenchmarkWrongPassword(b *testing.B) {
	d := dbtest.SQLite(b)
	s, _, orgID := setup(b, d)
	ctx := context.Background()
	n := 0
	for _, kind := range []string{"known", "unknown"} {
		b.Run(kind, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				n++
				name := fmt.Sprintf("%s%d", kind, n)
				if kind == "known" {
					if _, err := s.Create(ctx, access.System(), Input{Username: name, DisplayName: name, Password: pw, OrgID: orgID,
						Roles: []access.Role{access.Officer}}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if _, err := s.Login(ctx, name, "Wrong#Guess1", "", ""); err == nil {
					b.Fatal("signed in with a wrong password")
				}
			}
		})
	}
}
