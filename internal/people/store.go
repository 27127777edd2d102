package people

import (
	"context"
	"strings"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/query"
)

// personRow is a people row joined with the names of its organisations.
type personRow struct {
	ID             string       `db:"id"`
	RegionCode     string       `db:"region_code"`
	Name           string       `db:"name"`
	Gender         string       `db:"gender"`
	BirthDate      string       `db:"birth_date"`
	IDNumberMasked string       `db:"id_number_masked"`
	Phone          string       `db:"phone"`
	PostOrgID      string       `db:"post_org_id"`
	PostOrgName    string       `db:"post_org_name"`
	WorkOrgID      string       `db:"work_org_id"`
	WorkOrgName    string       `db:"work_org_name"`
	WorkOrgKind    org.Kind     `db:"work_org_kind"`
	WorkRegionCode string       `db:"work_region_code"`
	PostType       org.PostType `db:"post_type"`
	Position       string       `db:"position"`
	Frontline      bool         `db:"frontline"`
	CertValidTo    string       `db:"cert_valid_to"`
}

const (
	personColumns = `p.id, p.region_code, p.name, p.gender, p.birth_date, p.id_number_masked, p.phone,
	p.post_org_id, po.name AS post_org_name, p.work_org_id, wo.name AS work_org_name, wo.kind AS work_org_kind,
	wo.region_code AS work_region_code, p.post_type, p.position, p.frontline, p.cert_valid_to`
	personFrom = `people p
	JOIN organizations po ON po.id = p.post_org_id
	JOIN organizations wo ON wo.id = p.work_org_id`
	selectPerson = `SELECT ` + personColumns + ` FROM ` + personFrom
)

// person turns a row into the API shape with its current certificate (nil for none).
func (r personRow) person(cert *Certificate) Person {
	return Person{
		ID: r.ID, Name: r.Name, Gender: r.Gender, IDNumberMasked: r.IDNumberMasked, PhoneMasked: MaskPhone(r.Phone),
		PostOrgID: r.PostOrgID, PostOrgName: r.PostOrgName, WorkOrgID: r.WorkOrgID, WorkOrgName: r.WorkOrgName,
		PostType: r.PostType, PostTypeName: org.PostTypeName(r.PostType), Position: r.Position,
		Frontline: r.Frontline, Sunk: IsSunk(r.PostOrgID, r.WorkOrgID, r.WorkOrgKind, r.WorkRegionCode),
		Certificate: cert,
	}
}

// getRow returns one person inside scope; a person outside it is reported as not found.
func getRow(ctx context.Context, c db.Conn, scope access.Scope, id string) (personRow, error) {
	cond, args := scope.In("p.region_code")
	var r personRow
	err := db.Get(ctx, c, &r, selectPerson+` WHERE p.id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return personRow{}, apperr.NotFound("人员")
	}
	return r, err
}

// listWhere builds the conditions of a listing: the caller's jurisdiction first, then the filter.
// Certificate status is a range on cert_valid_to around today, so the filter runs in SQL.
// The query matches a name, the visible tail of the masked ID number (never the masked-out
// digits) or, resolved by the service for callers who may, a whole ID number by its blind index.
func listWhere(scope access.Scope, f Filter, q personQuery, today civil.Date) (*query.Where, error) {
	var w query.Where
	w.Add(scope.In("p.region_code"))
	switch {
	case q.name != "":
		w.And("p.name LIKE ?"+db.LikeEscape, db.Like(q.name))
	case q.idTail != "":
		w.And("p.id_number_masked LIKE ?"+db.LikeEscape, strings.TrimSuffix(db.Like(q.idTail), "%"))
	case q.idIndex != "":
		w.And("p.id_number_index = ?", q.idIndex)
	}
	if f.OrgID != "" {
		if f.Subtree {
			w.And("(p.post_org_id IN ("+org.SubtreeSQL+") OR p.work_org_id IN ("+org.SubtreeSQL+"))", f.OrgID, f.OrgID)
		} else {
			w.And("(p.post_org_id = ? OR p.work_org_id = ?)", f.OrgID, f.OrgID)
		}
	}
	if f.Frontline != nil {
		w.And("p.frontline = ?", *f.Frontline)
	}
	if f.PostType != "" {
		pt, ok := org.ParsePostType(f.PostType)
		if !ok {
			return nil, apperr.InvalidField("postType", "POST_TYPE_UNKNOWN", "未知编制类型："+f.PostType)
		}
		w.And("p.post_type = ?", string(pt))
	}
	day := today.String()
	soon := today.AddDays(ExpiringDays).String()
	switch f.CertStatus {
	case "":
	case CertNone:
		w.And("p.cert_valid_to = ''")
	case CertExpired:
		w.And("p.cert_valid_to <> '' AND p.cert_valid_to < ?", day)
	case CertExpiring:
		w.And("p.cert_valid_to >= ? AND p.cert_valid_to <= ?", day, soon)
	case CertValid:
		w.And("p.cert_valid_to > ?", soon)
	default:
		return nil, apperr.InvalidField("certStatus", "CERT_STATUS_INVALID", "执法证状态应为 valid、expiring、expired 或 none")
	}
	return &w, nil
}

// sortable are the columns a listing may be sorted by, names in pinyin order. Neither the birth
// date nor the ID number is among them, for anyone: an order by either ranks people by the
// digits the mask hides.
func sortable(c db.Conn) query.Order {
	return query.Order{
		"name": db.Pinyin(c, "p.name"), "postOrgName": db.Pinyin(c, "po.name"), "workOrgName": db.Pinyin(c, "wo.name"),
		"postType": "p.post_type", "position": "p.position", "certValidTo": "p.cert_valid_to",
	}
}

// listRows returns one page of people inside scope.
func listRows(ctx context.Context, c db.Conn, scope access.Scope, f Filter, q personQuery, today civil.Date, p httpx.Page) ([]personRow, int, error) {
	w, err := listWhere(scope, f, q, today)
	if err != nil {
		return nil, 0, err
	}
	order, err := sortable(c).SQL(p, "name", "p.id")
	if err != nil {
		return nil, 0, err
	}
	return query.List[personRow](ctx, c, personColumns, personFrom, w, order, p)
}

type certRow struct {
	PersonID  string            `db:"person_id"`
	Number    string            `db:"number"`
	Domains   db.JSON[[]string] `db:"domains"`
	Issuer    string            `db:"issuer"`
	ValidFrom string            `db:"valid_from"`
	ValidTo   string            `db:"valid_to"`
}

// certificatesOf returns the certificates of the given people, latest expiry first, with their
// status on today.
func certificatesOf(ctx context.Context, c db.Conn, personIDs []string, today civil.Date) (map[string][]Certificate, error) {
	out := map[string][]Certificate{}
	if len(personIDs) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT person_id, number, domains, issuer, valid_from, valid_to FROM certificates
		WHERE person_id IN (?) ORDER BY person_id, valid_to DESC, valid_from DESC, number`, personIDs)
	if err != nil {
		return nil, err
	}
	var rows []certRow
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		cert := Certificate{Number: r.Number, Domains: r.Domains.V, Issuer: r.Issuer, ValidFrom: r.ValidFrom, ValidTo: r.ValidTo}
		if cert.Domains == nil {
			cert.Domains = []string{}
		}
		cert.Status, cert.DaysLeft = CertStatusOf(r.ValidTo, today)
		out[r.PersonID] = append(out[r.PersonID], cert)
	}
	return out, nil
}

// withCertificates turns rows into people, each with their current certificate: the one that
// runs latest, which is the one cert_valid_to follows.
func withCertificates(ctx context.Context, c db.Conn, rows []personRow, today civil.Date) ([]Person, error) {
	idList := make([]string, len(rows))
	for i, r := range rows {
		idList[i] = r.ID
	}
	certs, err := certificatesOf(ctx, c, idList, today)
	if err != nil {
		return nil, err
	}
	out := make([]Person, len(rows))
	for i, r := range rows {
		var cur *Certificate
		if cs := certs[r.ID]; len(cs) > 0 {
			cur = &cs[0]
		}
		out[i] = r.person(cur)
	}
	return out, nil
}

// record is a people row to write.
type record struct {
	ID, RegionCode, Name, Gender, BirthDate       string
	Sealed, Index, Masked, Phone                  string
	PostOrgID, WorkOrgID, PostType, Position, Now string
	CertValidTo                                   string // latest certificate expiry; set by imports that bring one
	Frontline                                     bool
}

func insertPeople(ctx context.Context, tx *db.Tx, rs []record) error {
	if len(rs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO people (id, region_code, name, gender, birth_date, id_number_sealed, id_number_index,
		id_number_masked, phone, post_org_id, work_org_id, post_type, position, frontline, cert_valid_to, created_at, updated_at) VALUES `)
	args := make([]any, 0, len(rs)*17)
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, r.ID, r.RegionCode, r.Name, r.Gender, r.BirthDate, r.Sealed, r.Index, r.Masked, r.Phone,
			r.PostOrgID, r.WorkOrgID, r.PostType, r.Position, r.Frontline, r.CertValidTo, r.Now, r.Now)
	}
	_, err := db.Exec(ctx, tx, b.String(), args...)
	return err
}

func updatePerson(ctx context.Context, tx *db.Tx, r record) error {
	if _, err := db.Exec(ctx, tx, `UPDATE people SET region_code = ?, name = ?, gender = ?, birth_date = ?,
		id_number_sealed = ?, id_number_index = ?, id_number_masked = ?, phone = ?, post_org_id = ?, work_org_id = ?,
		post_type = ?, position = ?, frontline = ?, updated_at = ? WHERE id = ?`,
		r.RegionCode, r.Name, r.Gender, r.BirthDate, r.Sealed, r.Index, r.Masked, r.Phone, r.PostOrgID, r.WorkOrgID,
		r.PostType, r.Position, r.Frontline, r.Now, r.ID); err != nil {
		return err
	}
	// A certificate belongs to the jurisdiction of its holder; keep it in step when they move.
	_, err := db.Exec(ctx, tx, `UPDATE certificates SET region_code = ? WHERE person_id = ?`, r.RegionCode, r.ID)
	return err
}

// existingIndexes returns which blind indexes of ID numbers are already registered.
func existingIndexes(ctx context.Context, c db.Conn, indexes []string) (map[string]bool, error) {
	return existing(ctx, c, `SELECT id_number_index FROM people WHERE id_number_index IN (?)`, indexes)
}

// existingCertNumbers returns which certificate numbers are already registered.
func existingCertNumbers(ctx context.Context, c db.Conn, numbers []string) (map[string]bool, error) {
	return existing(ctx, c, `SELECT number FROM certificates WHERE number IN (?)`, numbers)
}

func existing(ctx context.Context, c db.Conn, query string, values []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(values) == 0 {
		return out, nil
	}
	q, args, err := db.In(query, values)
	if err != nil {
		return nil, err
	}
	var found []string
	if err := db.Select(ctx, c, &found, q, args...); err != nil {
		return nil, err
	}
	for _, v := range found {
		out[v] = true
	}
	return out, nil
}

// indexOwner returns the id of the person holding an ID number's blind index, or "".
func indexOwner(ctx context.Context, c db.Conn, index string) (string, error) {
	var owner []string
	if err := db.Select(ctx, c, &owner, `SELECT id FROM people WHERE id_number_index = ?`, index); err != nil {
		return "", err
	}
	if len(owner) == 0 {
		return "", nil
	}
	return owner[0], nil
}

// certRecord is a certificates row to write.
type certRecord struct {
	ID, PersonID, RegionCode, Number, Domains, Issuer, ValidFrom, ValidTo, Now string
}

func insertCertificates(ctx context.Context, tx *db.Tx, cs []certRecord) error {
	if len(cs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO certificates (id, person_id, region_code, number, domains, issuer, valid_from, valid_to, created_at) VALUES `)
	args := make([]any, 0, len(cs)*9)
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, c.ID, c.PersonID, c.RegionCode, c.Number, c.Domains, c.Issuer, c.ValidFrom, c.ValidTo, c.Now)
	}
	_, err := db.Exec(ctx, tx, b.String(), args...)
	return err
}

// refreshCertValidTo keeps people.cert_valid_to equal to the latest valid_to of each person's
// certificates, so that the certificate-status filter stays a plain SQL range.
func refreshCertValidTo(ctx context.Context, tx *db.Tx, personIDs []string) error {
	if len(personIDs) == 0 {
		return nil
	}
	q, args, err := db.In(`UPDATE people SET cert_valid_to = COALESCE(
		(SELECT MAX(c.valid_to) FROM certificates c WHERE c.person_id = people.id), '') WHERE id IN (?)`, personIDs)
	if err != nil {
		return err
	}
	_, err = db.Exec(ctx, tx, q, args...)
	return err
}

// sealedID returns the sealed ID number of a person inside scope.
func sealedID(ctx context.Context, c db.Conn, scope access.Scope, id string) (string, error) {
	in, args := scope.In("region_code")
	var sealed string
	err := db.Get(ctx, c, &sealed, `SELECT id_number_sealed FROM people WHERE id = ? AND `+in, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return "", apperr.NotFound("人员")
	}
	return sealed, err
}

// filledPosts counts people by the organisation holding their post and by post type.
func filledPosts(ctx context.Context, c db.Conn, orgIDs []string) (map[string]org.Filled, error) {
	out := map[string]org.Filled{}
	if len(orgIDs) == 0 {
		return out, nil
	}
	q, args, err := db.In(`SELECT post_org_id, post_type, COUNT(*) AS n FROM people
		WHERE post_org_id IN (?) GROUP BY post_org_id, post_type`, orgIDs)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		OrgID    string       `db:"post_org_id"`
		PostType org.PostType `db:"post_type"`
		N        int          `db:"n"`
	}
	if err := db.Select(ctx, c, &rows, q, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := out[r.OrgID]
		switch r.PostType {
		case org.PostAdmin:
			f.Admin += r.N
		case org.PostCivil:
			f.Civil += r.N
		case org.PostInstitution:
			f.Institution += r.N
		default:
			f.Other += r.N
		}
		out[r.OrgID] = f
	}
	return out, nil
}

// countCertified counts the people inside scope whose latest certificate is still valid on day.
func countCertified(ctx context.Context, c db.Conn, scope access.Scope, day string) (int, error) {
	in, args := scope.In("region_code")
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM people WHERE `+in+` AND cert_valid_to >= ?`, append(args, day)...)
	return n, err
}

// tally counts the people inside scope, and those whose latest certificate expired before day or
// expires between day and soon, with the same conditions as the certificate-status filter.
func tally(ctx context.Context, c db.Conn, scope access.Scope, day, soon string) (Tally, error) {
	in, args := scope.In("region_code")
	var t Tally
	err := db.Get(ctx, c, &t, `SELECT COUNT(*) AS people,
		COALESCE(SUM(CASE WHEN cert_valid_to >= ? AND cert_valid_to <= ? THEN 1 ELSE 0 END), 0) AS cert_expiring,
		COALESCE(SUM(CASE WHEN cert_valid_to <> '' AND cert_valid_to < ? THEN 1 ELSE 0 END), 0) AS cert_expired
		FROM people WHERE `+in, append([]any{day, soon, day}, args...)...)
	return t, err
}
