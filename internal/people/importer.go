package people

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/tabular"
	"zhifa/internal/platform/text"
)

// importColumns are the columns accepted in a people file, by API name and by the Chinese headers
// staffing offices use.
var importColumns = map[string][]string{
	"name":          {"name", "姓名"},
	"idNumber":      {"idNumber", "id_number", "身份证号", "身份证号码", "公民身份号码"},
	"phone":         {"phone", "手机号", "手机号码", "联系电话"},
	"postOrgName":   {"postOrgName", "编制所在单位"},
	"workOrgName":   {"workOrgName", "使用单位"},
	"postType":      {"postType", "编制类型"},
	"position":      {"position", "职务"},
	"frontline":     {"frontline", "是否一线"},
	"certNumber":    {"certNumber", "执法证号"},
	"certDomains":   {"certDomains", "执法领域"},
	"certValidFrom": {"certValidFrom", "有效期起"},
	"certValidTo":   {"certValidTo", "有效期止"},
}

// certFields names, for a row error, the column behind each certificate input field.
var certFields = map[string]string{"number": "certNumber", "domains": "certDomains", "validFrom": "certValidFrom",
	"validTo": "certValidTo"}

// importBatch is the number of people inserted per statement (17 parameters each, well inside
// the parameter limits of both engines).
const importBatch = 500

// ImportResult reports a finished import.
type ImportResult struct {
	Kind     string `json:"kind"`
	Imported int    `json:"imported"`
}

type pendingPerson struct {
	line int
	rec  record
	cert *certRecord
}

// Import reads a people file (CSV or .xlsx) and registers every row, or none: the whole file runs
// in one transaction that is rolled back if any row is bad, and every bad row is reported with
// its line number. Organisations are named and must lie inside the caller's jurisdiction; a blank
// 使用单位 means the person works where their post is. A row may bring one certificate.
func (s *Service) Import(ctx context.Context, p *access.Principal, r io.Reader, progress func(int)) (_ ImportResult, err error) {
	tr, err := tabular.Open(r)
	if err != nil {
		return ImportResult{}, err
	}
	defer tr.Close()
	cols, err := tabular.Index(tr.Header(), importColumns, "name", "idNumber", "postOrgName", "postType")
	if err != nil {
		return ImportResult{}, err
	}
	scope := p.Scope()
	domains, err := s.Domains.DomainNames(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	im := &peopleImport{svc: s, scope: scope, today: s.today(), now: clock.Stamp(s.Clock.Now()), domains: domains,
		seenID: map[string]int{}, seenCert: map[string]int{}, orgs: map[string]orgLookup{},
		pii: p.Can(access.PeoplePII)}
	var count int
	defer func() {
		// Telling that a number is registered discloses it: record the check even when the
		// import is refused and its transaction rolled back.
		if err == nil || len(im.registered) == 0 {
			return
		}
		if aerr := s.recordRegisteredCheck(ctx, p, scope.Root(), im.registered); aerr != nil {
			err = aerr
		}
	}()
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		im.tx = tx
		read, err := tabular.Load(ctx, tr, cols, im, importBatch, progress)
		if err != nil {
			return err
		}
		count = read
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionImport, Entity: entityPerson,
			RegionCode: scope.Root(), Summary: fmt.Sprintf("导入人员 %d 人（含执法证 %d 本）", count, im.certs),
			Detail: map[string]int{"rows": count, "certificates": im.certs}})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return ImportResult{Kind: "people", Imported: count}, nil
}

type orgLookup struct {
	org org.Org
	err error
}

type peopleImport struct {
	svc      *Service
	tx       *db.Tx
	scope    access.Scope
	today    civil.Date
	now      string
	domains  []string             // the enforcement domains certificates may cover
	seenID   map[string]int       // ID number → line, for rows of this file
	seenCert map[string]int       // certificate number → line
	orgs     map[string]orgLookup // organisation name → lookup, so each name is resolved once
	batch    []pendingPerson
	report   tabular.Report
	certs    int
	// pii: the caller may see full ID numbers; registered: the masked numbers of rows found
	// already registered, each one a disclosure to a caller without pii.
	pii        bool
	registered []string
}

// MaxRegisteredChecks bounds how many already-registered ID numbers one import may report to a
// caller who may not see full numbers. Each report confirms a number, so an import could
// otherwise test hundreds of guesses of a masked number's hidden digits at once.
const MaxRegisteredChecks = 3

func (im *peopleImport) Pending() int            { return len(im.batch) }
func (im *peopleImport) Report() *tabular.Report { return &im.report }

// certColumn names the column behind a certificate input field (domains[2] → certDomains).
func certColumn(field string) string {
	if i := strings.IndexAny(field, "[."); i >= 0 {
		field = field[:i]
	}
	return certFields[field]
}

// Add checks one row with the rules of a single registration (Create, AddCertificate) and
// queues it; every problem of the row is recorded in it. Only a database failure is returned.
func (im *peopleImport) Add(ctx context.Context, row *tabular.Row) error {
	get := row.Get
	frontline, ok := parseYesNo(get("frontline"))
	if !ok {
		row.Fail("frontline", apperr.Invalid("PERSON_FRONTLINE_INVALID", "是否一线应填“是”或“否”："+get("frontline")))
	}
	in := Input{Name: get("name"), IDNumber: get("idNumber"), Phone: get("phone"), PostType: get("postType"),
		Position: get("position"), Frontline: frontline}
	c, errs := in.checkPersonAll(im.today)
	for _, err := range errs {
		row.Fail("", err)
	}
	// The limits of the single-record write (Input's text tags), e.g. a position of 51 characters.
	for _, err := range text.All(&in) {
		row.Fail("", err)
	}
	// A blank 使用单位 means the person works where their post is.
	postName, workName := get("postOrgName"), get("workOrgName")
	var post, work org.Org
	var err error
	if postName == "" {
		row.Fail("postOrgName", apperr.Invalid("PERSON_ORG_NOT_FOUND", "编制所在单位不能为空"))
	} else if post, err = im.findOrg(ctx, postName); err != nil {
		if err := im.orgError(row, "postOrgName", "编制所在单位", postName, err); err != nil {
			return err
		}
	}
	work = post
	if workName != "" {
		if work, err = im.findOrg(ctx, workName); err != nil {
			if err := im.orgError(row, "workOrgName", "使用单位", workName, err); err != nil {
				return err
			}
		}
	}
	var cert *CertInput
	if get("certNumber") != "" || get("certDomains") != "" || get("certValidFrom") != "" || get("certValidTo") != "" {
		cert = &CertInput{Number: get("certNumber"), Domains: SplitDomains(get("certDomains")),
			ValidFrom: get("certValidFrom"), ValidTo: get("certValidTo")}
		for _, err := range cert.checkAll(im.domains) {
			row.Fail(certColumn(apperr.As(err).Field), err)
		}
		for _, err := range text.All(cert) {
			row.Fail(certColumn(apperr.As(err).Field), err)
		}
	}
	if c.id.Number != "" && !row.Reported("idNumber") {
		if first, dup := im.seenID[c.id.Number]; dup {
			row.Fail("idNumber", apperr.Invalid("PERSON_ID_DUPLICATE", fmt.Sprintf("身份证号码与第%d行重复", first)))
		} else {
			im.seenID[c.id.Number] = row.Line
		}
	}
	if cert != nil && cert.Number != "" && !row.Reported("certNumber") {
		if first, dup := im.seenCert[cert.Number]; dup {
			row.Fail("certNumber", apperr.Invalid("CERT_NUMBER_DUPLICATE", fmt.Sprintf("执法证号 %s 与第%d行重复", cert.Number, first)))
		} else {
			im.seenCert[cert.Number] = row.Line
		}
	}
	if !row.OK() {
		return nil
	}
	c.PostOrgID, c.WorkOrgID = post.ID, work.ID
	rec := im.svc.newRecord(ids.New(), c, work.RegionCode)
	rec.Now = im.now
	pp := pendingPerson{line: row.Line, rec: rec}
	if cert != nil {
		domains, err := json.Marshal(cert.Domains)
		if err != nil {
			return err
		}
		pp.rec.CertValidTo = cert.ValidTo
		pp.cert = &certRecord{ID: ids.New(), PersonID: rec.ID, RegionCode: rec.RegionCode, Number: cert.Number,
			Domains: string(domains), ValidFrom: cert.ValidFrom, ValidTo: cert.ValidTo, Now: im.now}
	}
	im.batch = append(im.batch, pp)
	return nil
}

// findOrg resolves an organisation name inside the caller's jurisdiction, once per name.
func (im *peopleImport) findOrg(ctx context.Context, name string) (org.Org, error) {
	if l, ok := im.orgs[name]; ok {
		return l.org, l.err
	}
	o, err := org.FindByName(ctx, im.tx, im.scope, name)
	if err != nil && apperr.As(err).Kind == apperr.KindInternal {
		return org.Org{}, err
	}
	im.orgs[name] = orgLookup{org: o, err: err}
	return o, err
}

// orgError records a row whose organisation cannot be used, or returns a database failure.
// Organisations are looked up inside the caller's jurisdiction only, so one outside it is not
// found, as in Create.
func (im *peopleImport) orgError(row *tabular.Row, field, what, name string, err error) error {
	switch e := apperr.As(err); {
	case e.Kind == apperr.KindInternal:
		return err
	case e.Code == "NOT_FOUND":
		row.Fail(field, apperr.Invalid("PERSON_ORG_NOT_FOUND", what+"“"+name+"”不存在或不在本辖区内"))
	default:
		row.Fail(field, e)
	}
	return nil
}

// Flush checks the batch against the database (registered ID numbers and certificate numbers) and
// inserts it while the file is still clean.
func (im *peopleImport) Flush(ctx context.Context) error {
	if len(im.batch) == 0 {
		return nil
	}
	batch := im.batch
	im.batch = nil
	indexes := make([]string, 0, len(batch))
	var numbers []string
	for _, b := range batch {
		indexes = append(indexes, b.rec.Index)
		if b.cert != nil {
			numbers = append(numbers, b.cert.Number)
		}
	}
	takenIDs, err := existingIndexes(ctx, im.tx, indexes)
	if err != nil {
		return err
	}
	takenCerts, err := existingCertNumbers(ctx, im.tx, numbers)
	if err != nil {
		return err
	}
	people := make([]record, 0, len(batch))
	var certs []certRecord
	for _, b := range batch {
		switch {
		case takenIDs[b.rec.Index]:
			im.registered = append(im.registered, b.rec.Masked)
			if !im.pii && len(im.registered) > MaxRegisteredChecks {
				return apperr.Invalid("IMPORT_TOO_MANY_REGISTERED", fmt.Sprintf(
					"文件中已登记的身份证号超过%d个，未导入任何数据；无权查看完整身份证号的账号每次导入最多核对%d个已登记号码，请核对后分批导入",
					MaxRegisteredChecks, MaxRegisteredChecks)).WithRule("个人信息保护法 第五十一条：防止未经授权的访问")
			}
			im.report.Fail(b.line, "idNumber", apperr.Invalid("PERSON_ID_EXISTS", "该身份证号码已登记，同一人不能重复登记（实名制）"))
		case b.cert != nil && takenCerts[b.cert.Number]:
			im.report.Fail(b.line, "certNumber", apperr.Invalid("CERT_NUMBER_EXISTS", "执法证号已登记："+b.cert.Number))
		default:
			people = append(people, b.rec)
			if b.cert != nil {
				certs = append(certs, *b.cert)
			}
		}
	}
	if im.report.Failed() {
		return nil // keep validating the rest of the file; nothing will be committed
	}
	if err := insertPeople(ctx, im.tx, people); err != nil {
		return err
	}
	if err := insertCertificates(ctx, im.tx, certs); err != nil {
		return err
	}
	im.certs += len(certs)
	return nil
}

// parseYesNo reads a yes/no cell; blank means no.
func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "否", "no", "n", "false", "0":
		return false, true
	case "是", "yes", "y", "true", "1":
		return true, true
	}
	return false, false
}
