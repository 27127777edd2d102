package people

import (
	"context"
	"encoding/json"
	"fmt"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/secret"
)

// Service keeps the real-name register. Every change and every read of personal data is written
// to the audit log in the same transaction (个人信息保护法 第五十一条; GB/T 22239 安全审计).
type Service struct {
	DB    *db.DB
	Audit *audit.Log
	Clock clock.Clock
	Box   *secret.Box
	// Domains are the enforcement domains certificates may cover (the catalogue's).
	Domains org.DomainList
}

// Audited entity names.
const (
	entityPerson      = "person"
	entityCertificate = "certificate"
)

func (s *Service) today() civil.Date { return civil.Today(s.Clock) }

// Create registers a person whose post and work organisations both lie inside the caller's
// jurisdiction. A resident ID number may be registered once only.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (_ Person, err error) {
	c, err := in.check(s.today())
	if err != nil {
		return Person{}, err
	}
	id := ids.New()
	var out Person
	defer func() {
		if apperr.Is(err, "PERSON_ID_EXISTS") {
			if aerr := s.recordRegisteredCheck(ctx, p, p.Scope().Root(), []string{MaskIDNumber(c.id.Number)}); aerr != nil {
				err = aerr
			}
		}
	}()
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		rec, err := s.resolve(ctx, tx, p.Scope(), id, c)
		if err != nil {
			return err
		}
		if owner, err := indexOwner(ctx, tx, rec.Index); err != nil {
			return err
		} else if owner != "" {
			return idExists()
		}
		if err := insertPeople(ctx, tx, []record{rec}); err != nil {
			if db.IsUniqueViolation(err) {
				return idExists()
			}
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityPerson, EntityID: id,
			EntityName: rec.Name, RegionCode: rec.RegionCode, Summary: "新增人员 " + rec.Name, Detail: auditView(rec)}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, id)
		return err
	})
	return out, err
}

// Update changes a person inside the caller's jurisdiction; the new organisations must be inside
// it too. A person outside it is reported as not found.
func (s *Service) Update(ctx context.Context, p *access.Principal, id string, in Input) (Person, error) {
	c, err := in.check(s.today())
	if err != nil {
		return Person{}, err
	}
	scope := p.Scope()
	var out Person
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		old, err := getRow(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		rec, err := s.resolve(ctx, tx, scope, id, c)
		if err != nil {
			return err
		}
		if owner, err := indexOwner(ctx, tx, rec.Index); err != nil {
			return err
		} else if owner != "" && owner != id {
			return idExists()
		}
		if err := updatePerson(ctx, tx, rec); err != nil {
			if db.IsUniqueViolation(err) {
				return idExists()
			}
			return err
		}
		before := map[string]any{"name": old.Name, "idNumberMasked": old.IDNumberMasked, "phoneMasked": MaskPhone(old.Phone),
			"postOrgId": old.PostOrgID, "workOrgId": old.WorkOrgID, "postType": old.PostType, "position": old.Position,
			"frontline": old.Frontline}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityPerson, EntityID: id,
			EntityName: rec.Name, RegionCode: rec.RegionCode, Summary: "修改人员 " + old.Name + " 的信息",
			Detail: map[string]any{"before": before, "after": auditView(rec)}}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, id)
		return err
	})
	return out, err
}

// resolve checks the organisations of a person inside scope and builds the row to write. The
// person's region is the region of the organisation using them (使用单位), which is what puts a
// township's sunk staff inside that township's jurisdiction.
func (s *Service) resolve(ctx context.Context, tx *db.Tx, scope access.Scope, id string, c checked) (record, error) {
	if _, err := org.Get(ctx, tx, scope, c.PostOrgID); err != nil {
		return record{}, orgNotFound(err, "postOrgId", "编制所在单位")
	}
	work, err := org.Get(ctx, tx, scope, c.WorkOrgID)
	if err != nil {
		return record{}, orgNotFound(err, "workOrgId", "使用单位")
	}
	return s.newRecord(id, c, work.RegionCode), nil
}

// newRecord seals the ID number and fills the derived columns of a checked person.
func (s *Service) newRecord(id string, c checked, regionCode string) record {
	return record{
		ID: id, RegionCode: regionCode, Name: c.Name, Gender: c.id.Gender, BirthDate: c.id.BirthDate,
		Sealed: s.Box.Seal(c.id.Number), Index: s.Box.Index(c.id.Number), Masked: MaskIDNumber(c.id.Number),
		Phone: c.Phone, PostOrgID: c.PostOrgID, WorkOrgID: c.WorkOrgID, PostType: string(c.postType),
		Position: c.Position, Frontline: c.Frontline, Now: clock.Stamp(s.Clock.Now()),
	}
}

func orgNotFound(err error, field, what string) error {
	if apperr.Is(err, "NOT_FOUND") {
		return apperr.InvalidField(field, "PERSON_ORG_NOT_FOUND", what+"不存在或不在本辖区内")
	}
	return err
}

// recordRegisteredCheck writes to the audit log, in a transaction of its own, that a caller
// learnt that ID numbers are registered: a refused registration or import rolls back, but what
// it told the caller stays told.
func (s *Service) recordRegisteredCheck(ctx context.Context, p *access.Principal, regionCode string, masked []string) error {
	return s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityPerson, RegionCode: regionCode,
			Summary: fmt.Sprintf("登记人员时获知%d个身份证号已登记", len(masked)),
			Detail:  map[string]any{"disclosed": []string{"idNumberRegistered"}, "idNumbersMasked": masked}})
	})
}

func idExists() error {
	return apperr.Conflict("PERSON_ID_EXISTS", "该身份证号码已登记，同一人不能重复登记（实名制）").WithField("idNumber")
}

// auditView is what the audit log keeps of a person: personal data masked.
func auditView(r record) map[string]any {
	return map[string]any{"name": r.Name, "idNumberMasked": r.Masked, "phoneMasked": MaskPhone(r.Phone),
		"postOrgId": r.PostOrgID, "workOrgId": r.WorkOrgID, "postType": r.PostType, "position": r.Position,
		"frontline": r.Frontline}
}

// reload reads a person back inside a transaction, with their current certificate.
func (s *Service) reload(ctx context.Context, c db.Conn, id string) (Person, error) {
	row, err := getRow(ctx, c, access.Everywhere, id)
	if err != nil {
		return Person{}, err
	}
	out, err := withCertificates(ctx, c, []personRow{row}, s.today())
	if err != nil {
		return Person{}, err
	}
	return out[0], nil
}

// Get returns one person with all certificates. Anyone outside the caller's jurisdiction is
// reported as not found, so that a township never learns of another township's staff. What is
// shown follows the caller's Disclosure, and the audit entry of the read lists the fields it
// disclosed, masked and withheld.
func (s *Service) Get(ctx context.Context, p *access.Principal, id string) (Detail, error) {
	row, err := getRow(ctx, s.DB.R, p.Scope(), id)
	if err != nil {
		return Detail{}, err
	}
	certs, err := certificatesOf(ctx, s.DB.R, []string{id}, s.today())
	if err != nil {
		return Detail{}, err
	}
	list := certs[id]
	if list == nil {
		list = []Certificate{}
	}
	var cur *Certificate
	if len(list) > 0 {
		cur = &list[0]
	}
	shown := DisclosureFor(p)
	d := shown.detail(row, cur, list)
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityPerson, EntityID: id,
			EntityName: row.Name, RegionCode: row.RegionCode, Summary: "查看人员 " + row.Name + " 的信息", Detail: shown.Detailed()})
	})
	if err != nil {
		return Detail{}, err
	}
	return d, nil
}

// List returns one page of people inside the caller's jurisdiction, personal data masked. The
// query is audited with one entry naming who was returned and what of them was shown.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Person, int, error) {
	scope := p.Scope()
	shown := DisclosureFor(p)
	q, err := parseQuery(f.Query, shown, s.Box.Index)
	if err != nil {
		return nil, 0, err
	}
	rows, total, err := listRows(ctx, s.DB.R, scope, f, q, s.today(), page)
	if err != nil {
		return nil, 0, err
	}
	out, err := withCertificates(ctx, s.DB.R, rows, s.today())
	if err != nil {
		return nil, 0, err
	}
	returned := make([]string, len(out))
	for i, x := range out {
		returned[i] = x.ID
	}
	f.Query = auditQuery(f.Query)
	filter, err := json.Marshal(f)
	if err != nil {
		return nil, 0, err
	}
	listed := shown.Listed()
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityPerson,
			RegionCode: scope.Root(), Summary: fmt.Sprintf("查询人员列表，返回%d人", len(out)),
			Detail: map[string]any{"filter": json.RawMessage(filter), "page": page.Page, "pageSize": page.PageSize,
				"total": total, "ids": returned, "disclosed": listed.Disclosed, "masked": listed.Masked}})
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// AddCertificate registers an enforcement certificate (行政执法证) for a person inside the
// caller's jurisdiction and keeps the person's latest expiry in step, in one transaction.
func (s *Service) AddCertificate(ctx context.Context, p *access.Principal, personID string, in CertInput) (Person, error) {
	domains, err := s.Domains.DomainNames(ctx)
	if err != nil {
		return Person{}, err
	}
	if err := in.Check(domains); err != nil {
		return Person{}, err
	}
	var out Person
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		row, err := getRow(ctx, tx, p.Scope(), personID)
		if err != nil {
			return err
		}
		if found, err := existingCertNumbers(ctx, tx, []string{in.Number}); err != nil {
			return err
		} else if found[in.Number] {
			return certExists(in.Number)
		}
		domains, err := json.Marshal(in.Domains)
		if err != nil {
			return err
		}
		id := ids.New()
		if err := insertCertificates(ctx, tx, []certRecord{{ID: id, PersonID: personID, RegionCode: row.RegionCode,
			Number: in.Number, Domains: string(domains), Issuer: in.Issuer, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo,
			Now: clock.Stamp(s.Clock.Now())}}); err != nil {
			if db.IsUniqueViolation(err) {
				return certExists(in.Number)
			}
			return err
		}
		if err := refreshCertValidTo(ctx, tx, []string{personID}); err != nil {
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityCertificate, EntityID: id,
			EntityName: row.Name + " " + in.Number, RegionCode: row.RegionCode, Summary: fmt.Sprintf("为人员 %s 登记执法证 %s", row.Name, in.Number),
			Detail: map[string]any{"personId": personID, "certificate": in}}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, personID)
		return err
	})
	return out, err
}

func certExists(number string) error {
	return apperr.Conflict("CERT_NUMBER_EXISTS", "执法证号已登记："+number).WithField("number")
}

// RevealID returns a person's full resident ID number. It needs access.PeoplePII and is always
// audited, since the full number is the most sensitive item the register holds.
func (s *Service) RevealID(ctx context.Context, p *access.Principal, id string) (string, error) {
	if !p.Can(access.PeoplePII) {
		return "", apperr.Forbidden("当前账号无权查看完整身份证号（需要权限 " + string(access.PeoplePII) + "）")
	}
	scope := p.Scope()
	row, err := getRow(ctx, s.DB.R, scope, id)
	if err != nil {
		return "", err
	}
	sealed, err := sealedID(ctx, s.DB.R, scope, id)
	if err != nil {
		return "", err
	}
	plain, err := s.Box.Open(sealed)
	if err != nil {
		return "", apperr.Internal(fmt.Errorf("open sealed id number of person %s: %w", id, err))
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityPerson, EntityID: id,
			EntityName: row.Name, RegionCode: row.RegionCode, Summary: "查看人员 " + row.Name + " 的完整身份证号",
			Detail: Shown{Disclosed: []string{FieldIDNumber}, Masked: []string{}}})
	})
	if err != nil {
		return "", err
	}
	return plain, nil
}

// FilledPosts counts the people holding posts in each organisation, by post type; it is the
// org.PostCounter behind an organisation's 实有人数. Counts reveal no one, so they are not audited.
func (s *Service) FilledPosts(ctx context.Context, orgIDs []string) (map[string]org.Filled, error) {
	return filledPosts(ctx, s.DB.R, orgIDs)
}

// CountCertified counts the people inside scope holding an enforcement certificate valid today
// (持证执法人员), as the public portal shows it. A bare count names no one, so it is not audited.
func (s *Service) CountCertified(ctx context.Context, scope access.Scope) (int, error) {
	return countCertified(ctx, s.DB.R, scope, s.today().String())
}

// Tally is what the workbench counts of the people inside a jurisdiction: how many there are,
// and how many hold an enforcement certificate that has expired or expires within ExpiringDays.
// It names no one.
type Tally struct {
	People       int `db:"people" json:"people"`
	CertExpiring int `db:"cert_expiring" json:"certExpiring"`
	CertExpired  int `db:"cert_expired" json:"certExpired"`
}

// Tally counts the people inside scope and their certificate warnings. A count discloses no
// one's personal data, so it is not audited; the lists behind it are.
func (s *Service) Tally(ctx context.Context, scope access.Scope) (Tally, error) {
	today := s.today()
	return tally(ctx, s.DB.R, scope, today.String(), today.AddDays(ExpiringDays).String())
}

var _ org.PostCounter = (*Service)(nil)
