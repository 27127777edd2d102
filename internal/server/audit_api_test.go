package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"zhifa/internal/platform/db"
)

func TestAuditLogNamesRecordsAndVerifiesPerChain(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		leader := e.as("leader")
		people, err := leader.People(ctx, url.Values{"pageSize": {"1"}})
		if err != nil || len(people.Items) != 1 {
			t.Fatal(err)
		}
		person := people.Items[0]
		if _, err := leader.Person(ctx, person.ID); err != nil {
			t.Fatal(err)
		}
		auditor := e.as("auditor")

		// The entry names the record it is about, as it was named then.
		reads, err := auditor.Audit(ctx, url.Values{"entity": {"person"}, "action": {"read"}, "pageSize": {"1"}})
		if err != nil || len(reads.Items) != 1 {
			t.Fatal(err)
		}
		if r := reads.Items[0]; r.EntityID != person.ID || r.EntityName != person.Name || r.Chain != "371521" || len(r.MAC) != 64 {
			t.Fatalf("newest read: %+v, person %s %s", r, person.ID, person.Name)
		}
		// Every entry about a single record that the demo county's loading and use wrote names it.
		var unnamed int
		if err := db.Get(ctx, e.app.DB.R, &unnamed, `SELECT COUNT(*) FROM audit_log WHERE entity_id <> '' AND entity_name = ''`); err != nil || unnamed != 0 {
			t.Fatalf("%d entries about one record lack its name (%v)", unnamed, err)
		}

		// The console names every audited kind from the server's list.
		var meta struct {
			Entities []struct{ Code, Name string } `json:"entities"`
			Actions  []struct{ Code, Name string } `json:"actions"`
		}
		if err := auditor.Get(ctx, "/api/v1/audit/meta", nil, &meta); err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, k := range meta.Entities {
			names[k.Code] = k.Name
		}
		var kinds []string
		db.Select(ctx, e.app.DB.R, &kinds, `SELECT DISTINCT entity FROM audit_log`)
		for _, k := range append(kinds, "catalog_item", "catalog_decision", "catalog_domain", "discretion_benchmark", "discretion_rule") {
			if names[k] == "" {
				t.Errorf("audited kind %s has no name in %v", k, names)
			}
		}
		if len(meta.Actions) < 8 {
			t.Fatalf("actions: %+v", meta.Actions)
		}

		// Chains in the county auditor's view: the system-wide one and the county's.
		var chains struct {
			AnchorKey string `json:"anchorKey"`
			PublicKey string `json:"publicKey"`
			Chains    []struct {
				Chain string `json:"chain"`
				Seq   int64  `json:"seq"`
			} `json:"chains"`
		}
		if err := auditor.Get(ctx, "/api/v1/audit/chains", nil, &chains); err != nil {
			t.Fatal(err)
		}
		if len(chains.AnchorKey) != 32 || len(chains.PublicKey) != 130 || len(chains.Chains) != 2 ||
			chains.Chains[0].Chain != "" || chains.Chains[1].Chain != "371521" || chains.Chains[1].Seq < 10 {
			t.Fatalf("chains: %+v", chains)
		}

		v, err := auditor.VerifyAudit(ctx)
		if err != nil || !v.OK || len(v.Chains) != 2 || v.Count < 100 {
			t.Fatalf("verify: %+v %v", v, err)
		}
		var one struct {
			OK     bool `json:"ok"`
			Chains []struct {
				Chain string `json:"chain"`
				Count int64  `json:"count"`
			} `json:"chains"`
		}
		if err := auditor.Do(ctx, http.MethodPost, "/api/v1/audit/verify?chain=371521", nil, &one); err != nil ||
			!one.OK || len(one.Chains) != 1 || one.Chains[0].Chain != "371521" || one.Chains[0].Count != chains.Chains[1].Seq {
			t.Fatalf("verify the county chain: %+v %v", one, err)
		}
		err = auditor.Do(ctx, http.MethodPost, "/api/v1/audit/verify?chain=371522", nil, nil)
		apiErr(t, err, http.StatusNotFound, "NOT_FOUND")
		err = auditor.Do(ctx, http.MethodPost, "/api/v1/audit/verify?chain=37x", nil, nil)
		apiErr(t, err, http.StatusBadRequest, "AUDIT_CHAIN_INVALID")
		_, err = auditor.Audit(ctx, url.Values{"sort": {"hash"}})
		apiErr(t, err, http.StatusBadRequest, "SORT_INVALID")
	})
}
