package catalog

import (
	"context"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/region"
)

// Synonym (检索同义词) makes a search for Term also find the items that say Canonical, in the
// catalogues of RegionCode and below: people type 摆摊 or 流动摊点 where the catalogue says 占道经营,
// 违建 where it says 违法建设. Both are stored normalised, as search compares them.
type Synonym struct {
	ID         string `db:"id" json:"id"`
	RegionCode string `db:"region_code" json:"regionCode"`
	Term       string `db:"term" json:"term"`
	Canonical  string `db:"canonical" json:"canonical"`
	CreatedAt  string `db:"created_at" json:"createdAt"`
}

// SynonymInput adds a synonym. RegionCode defaults to the caller's jurisdiction.
type SynonymInput struct {
	RegionCode string `json:"regionCode" text:"12"`
	Term       string `json:"term" text:"20" required:"true"`
	Canonical  string `json:"canonical" text:"50" required:"true"`
}

const entitySynonym = "catalog_synonym"

// check normalises the words and validates them without the database.
func (in *SynonymInput) check() error {
	in.Term, in.Canonical = normalize(in.Term), normalize(in.Canonical)
	if in.Term == "" || len([]rune(in.Term)) > 20 || strings.Contains(in.Term, "|") {
		return apperr.InvalidField("term", "CATALOG_SYNONYM_INVALID", "检索词不能为空、不超过20个字，且不含“|”")
	}
	if in.Canonical == "" || len([]rune(in.Canonical)) > 50 || strings.Contains(in.Canonical, "|") {
		return apperr.InvalidField("canonical", "CATALOG_SYNONYM_INVALID", "清单用语不能为空、不超过50个字，且不含“|”")
	}
	if in.Canonical == in.Term {
		return apperr.InvalidField("canonical", "CATALOG_SYNONYM_INVALID", "清单用语与检索词相同")
	}
	return nil
}

// Synonyms lists the synonyms that apply in the caller's jurisdiction: its own, those of the
// regions below it and those of the regions above it.
func (s *Service) Synonyms(ctx context.Context, p *access.Principal) ([]Synonym, error) {
	cond, args := p.Scope().Visible("region_code", access.AlwaysPublished)
	out := []Synonym{}
	err := db.Select(ctx, s.DB.R, &out, `SELECT id, region_code, term, canonical, created_at FROM catalog_synonyms
		WHERE `+cond+` ORDER BY region_code, canonical, term`, args...)
	return out, err
}

// AddSynonym adds a synonym to a jurisdiction inside the caller's own.
func (s *Service) AddSynonym(ctx context.Context, p *access.Principal, in SynonymInput) (Synonym, error) {
	if err := in.check(); err != nil {
		return Synonym{}, err
	}
	scope := p.Scope()
	out := Synonym{ID: ids.New(), RegionCode: scope.Root(), Term: in.Term, Canonical: in.Canonical, CreatedAt: s.now()}
	err := s.tx(ctx, func(tx *db.Tx) error {
		if strings.TrimSpace(in.RegionCode) != "" {
			code, err := region.InScope(ctx, tx, scope, in.RegionCode)
			if err != nil {
				return err
			}
			out.RegionCode = code
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO catalog_synonyms (id, region_code, term, canonical, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?)`, out.ID, out.RegionCode, out.Term, out.Canonical, out.CreatedAt, actor(p)); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Conflict("CATALOG_SYNONYM_EXISTS", "该同义词已存在："+out.Term+" → "+out.Canonical).WithField("term")
			}
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entitySynonym, EntityID: out.ID,
			EntityName: out.Term + " → " + out.Canonical, RegionCode: out.RegionCode, Summary: "新增权责清单检索同义词 " + out.Term + " → " + out.Canonical, Detail: out})
	})
	return out, err
}

// DeleteSynonym removes a synonym of the caller's own jurisdiction; one of a region above is
// visible but not theirs to change.
func (s *Service) DeleteSynonym(ctx context.Context, p *access.Principal, id string) error {
	scope := p.Scope()
	return s.tx(ctx, func(tx *db.Tx) error {
		cond, args := scope.Visible("region_code", access.AlwaysPublished)
		var syn Synonym
		err := db.Get(ctx, tx, &syn, `SELECT id, region_code, term, canonical, created_at FROM catalog_synonyms
			WHERE id = ? AND `+cond, append([]any{id}, args...)...)
		if db.IsNoRows(err) {
			return apperr.NotFound("检索同义词")
		}
		if err != nil {
			return err
		}
		if !scope.Contains(syn.RegionCode) {
			return apperr.Forbidden("上级辖区的检索同义词只能由上级修改")
		}
		if _, err := db.Exec(ctx, tx, `DELETE FROM catalog_synonyms WHERE id = ?`, id); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionDelete, Entity: entitySynonym, EntityID: id,
			EntityName: syn.Term + " → " + syn.Canonical, RegionCode: syn.RegionCode, Summary: "删除权责清单检索同义词 " + syn.Term + " → " + syn.Canonical, Detail: syn})
	})
}

// allSynonyms reads every synonym for search; the table is small (tens of rows a jurisdiction).
func allSynonyms(ctx context.Context, c db.Conn) ([]synonym, error) {
	var rows []Synonym
	if err := db.Select(ctx, c, &rows, `SELECT id, region_code, term, canonical, created_at FROM catalog_synonyms`); err != nil {
		return nil, err
	}
	out := make([]synonym, len(rows))
	for i, r := range rows {
		out[i] = synonym{scope: access.ScopeOf(r.RegionCode), term: r.Term, canonical: r.Canonical}
	}
	return out, nil
}

func (s *Service) synonymRoutes() []httpx.Route {
	return httpx.Tagged(tag,
		httpx.Get("/api/v1/catalog/synonyms", access.CatalogRead, "检索同义词：检索词也查找含清单用语的事项（本辖区及上级、下级辖区的）", httpx.Fetch(s.Synonyms)),
		httpx.Post("/api/v1/catalog/synonyms", access.CatalogWrite, "新增检索同义词（如 摆摊 → 占道经营），适用于该辖区及下级辖区的清单", httpx.WithBody(s.AddSynonym).Created()),
		httpx.Delete("/api/v1/catalog/synonyms/{id}", access.CatalogWrite, "删除检索同义词", httpx.Action(s.DeleteSynonym)),
	)
}
