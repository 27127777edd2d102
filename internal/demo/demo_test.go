package demo

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"zhifa/internal/account"
	"zhifa/internal/people"
)

// TestRegionsMatchTheStatisticsBureau cross-checks the demo's own copy of Yanggu's divisions
// against the shared reference data: every township code and name must be the bureau's.
func TestRegionsMatchTheStatisticsBureau(t *testing.T) {
	ref, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "divisions", "streets.csv"))
	if err != nil {
		t.Skip("reference data not present")
	}
	defer ref.Close()
	rows, err := csv.NewReader(ref).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	bureau := map[string]string{}
	for _, r := range rows[1:] {
		if r[2] == "371521" {
			bureau[r[0]] = r[1]
		}
	}
	own, err := csv.NewReader(strings.NewReader(string(regionsCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range own[1:] {
		if len(r[0]) == 9 && r[0][6] != '4' { // townships; 4xx are the development zones
			if bureau[r[0]] != r[1] {
				t.Errorf("township %s %s: the bureau says %q", r[0], r[1], bureau[r[0]])
			}
			seen++
		}
	}
	if seen != len(bureau) || seen != 18 {
		t.Fatalf("demo has %d townships, the bureau %d", seen, len(bureau))
	}
	for _, tw := range townships {
		if bureau[tw.code[:9]] != tw.name {
			t.Errorf("organisation layout names %s %s", tw.code, tw.name)
		}
	}
}

func TestGeneratedStaffShape(t *testing.T) {
	staff := generateStaff(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	bureauStaff, certified, sunk := 0, 0, 0
	offices := map[string]bool{}
	for _, tw := range townships {
		offices[officeName(tw)] = true
	}
	// The people of the demo accounts (registered with the accounts) count with the generated staff.
	for _, l := range Logins {
		if g, ok := replacedGroup(l); ok {
			staff = append(staff, staffMember{group: g, cert: &people.CertInput{}})
		}
	}
	for _, m := range staff {
		post, work := m.group.post, m.group.work
		if !offices[post] {
			bureauStaff++
			if m.cert != nil {
				certified++
			}
			if offices[work] || strings.HasSuffix(work, "中队") {
				sunk++
			}
		}
	}
	// About 334 enforcers in the bureau (Yanggu's reform report), plus auxiliaries without certificates.
	if certified != 334 {
		t.Fatalf("bureau enforcers with certificates = %d, want 334", certified)
	}
	if bureauStaff != 346 || sunk != 118 {
		t.Fatalf("bureau staff %d, sunk %d", bureauStaff, sunk)
	}
}

// TestPasswordHasNoWords keeps the demo password acceptable to the password rules, including
// checks against common and context words: it satisfies account.CheckPassword for every demo
// login, names neither the product, the county nor the year, and has no run of four or more
// letters in which a dictionary word could hide.
func TestPasswordHasNoWords(t *testing.T) {
	for _, l := range Logins {
		if err := account.CheckPassword(l.Username, Password); err != nil {
			t.Errorf("%s: %v", l.Username, err)
		}
	}
	lower := strings.ToLower(Password)
	for _, w := range []string{"zhifa", "yanggu", "liaocheng", "shandong", "admin", "pass", "demo", "2026", "2025"} {
		if strings.Contains(lower, w) {
			t.Errorf("demo password contains %q", w)
		}
	}
	run := 0
	for _, r := range Password {
		if unicode.IsLetter(r) {
			run++
		} else {
			run = 0
		}
		if run >= 4 {
			t.Fatalf("demo password %q has a run of %d letters", Password, run)
		}
	}
}
