package cases

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/documents"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/settings"
)

// Documents (文书) are made from the case's record at the step they belong to: a document whose
// step has not been taken cannot be made (a decision before its notice), and the data come only
// from what the steps recorded. Issuing one is a step of the full-process record.

// DocumentAgency is what documents say of the agency beyond its name: where the party may seek
// reconsideration or sue (行政处罚法 第五十九条第一款第五项), where fines are paid (第六十七条),
// and how to reach the agency. Each jurisdiction sets its own.
type DocumentAgency struct {
	Reconsideration string `json:"reconsideration" required:"true"` // 行政复议机关
	Court           string `json:"court" required:"true"`           // 人民法院
	Bank            string `json:"bank" required:"true"`            // 代收罚款银行
	Address         string `json:"address"`
	Phone           string `json:"phone"`
}

// DocumentAgencyKey is the key of the agency's particulars in documents.
const DocumentAgencyKey = "documents.agency"

// DocumentAgencySetting is the kind of setting behind DocumentAgency.
var DocumentAgencySetting = settings.Define(settings.Kind{
	Key: DocumentAgencyKey, Name: "文书中的机关信息", Description: "行政处罚决定书等文书告知的复议机关、人民法院、罚款代收银行与联系方式",
	Read: access.CaseRead, Write: access.CaseSettings,
	Fields: []settings.Field{
		{Name: "reconsideration", Label: "行政复议机关", Type: settings.Text, Max: 100},
		{Name: "court", Label: "人民法院", Type: settings.Text, Max: 100},
		{Name: "bank", Label: "罚款代收银行", Type: settings.Text, Max: 100},
		{Name: "address", Label: "机关地址", Type: settings.Text, Max: 100},
		{Name: "phone", Label: "联系电话", Type: settings.Text, Max: 40},
	},
	NationalBasis: "行政处罚法 第五十九条、第六十七条；行政复议法 第二十四条",
}, DocumentAgency{Reconsideration: "本级人民政府", Court: "有管辖权的人民法院", Bank: "指定的代收罚款银行"}, nil)

// DocumentInput asks for a document of a case.
type DocumentInput struct {
	Kind    string `json:"kind" required:"true" text:"40"`
	Ref     string `json:"ref,omitempty" text:"64"`     // the record or measure; the latest by default
	PartyID string `json:"partyId,omitempty" text:"64"` // the party it is addressed to; the first by default
	// What the party must correct and by when (责令改正通知书).
	Correction string     `json:"correction,omitempty" text:"2000,multiline"`
	CorrectBy  civil.Date `json:"correctBy,omitempty"`
	// Handwritten signatures captured on the phone, by the label of their place.
	Signatures []SignatureInput `json:"signatures,omitempty"`
}

// SignatureInput is one handwritten signature: a PNG as a data URL.
type SignatureInput struct {
	Role  string `json:"role" required:"true" text:"20"`
	Image string `json:"image" required:"true" text:"700000"`
}

// DocumentQuery names a document to preview.
type DocumentQuery struct {
	Kind    string `query:"kind" text:"40"`
	Ref     string `query:"ref" text:"64"`
	PartyID string `query:"partyId" text:"64"`
}

// DocumentOption is a kind of document with whether the case allows it now.
type DocumentOption struct {
	documents.Kind
	Ready   bool     `json:"ready"`
	Why     string   `json:"why,omitempty"`  // why not yet, with the article
	Refs    []Option `json:"refs,omitempty"` // the records or measures it can be made for
	Signers []string `json:"signers"`
}

// CaseDocuments are the documents of a case: those issued and what can be made now.
type CaseDocuments struct {
	Issued  []documents.Document `json:"issued"`
	Options []DocumentOption     `json:"options"`
}

// maxSignatureBytes bounds one handwritten signature.
const maxSignatureBytes = 512 << 10

// refs lists what a kind is made for: records of its kind, or coercive measures.
func (st *State) refs(kind string) []Option {
	var out []Option
	switch kind {
	case documents.InquiryRecord, documents.InspectionRecord:
		want := RecordInquiry
		if kind == documents.InspectionRecord {
			want = RecordInspection
		}
		for _, r := range st.Records {
			if r.Kind == want {
				out = append(out, Option{r.ID, r.Date.Chinese() + " " + r.Subject})
			}
		}
	case documents.MeasureDecision, documents.MeasureList:
		for _, m := range st.Measures {
			out = append(out, Option{m.ID, m.Decided.Chinese() + " " + measureNames[m.Kind]})
		}
	}
	return out
}

// documentReady says whether the case's record allows a kind of document now; when not, why, with
// the article: a document records a step, so it follows the step.
func documentReady(st *State, kind string) string {
	need := func(ok bool, why string) string {
		if ok {
			return ""
		}
		return why
	}
	switch kind {
	case documents.FilingApproval:
		return need(st.Filing != nil, "立案审批后才能制作立案审批表（行政处罚法 第五十四条）")
	case documents.InquiryRecord, documents.InspectionRecord:
		return need(len(st.refs(kind)) > 0, "先登记相应的调查记录（行政处罚法 第五十五条）")
	case documents.CorrectionOrder:
		return need(!st.Filed.IsZero() || st.Procedure == Simple, "立案后才能责令改正（行政处罚法 第二十八条）")
	case documents.MeasureDecision, documents.MeasureList:
		return need(len(st.Measures) > 0, "先登记查封、扣押（行政强制法 第二十四条）")
	case documents.DiscussionRecord:
		return need(st.Discussion != nil, "负责人集体讨论后才能制作集体讨论记录（行政处罚法 第五十七条第二款）")
	case documents.PenaltyNotice:
		return need(st.Notice != nil, "先办理行政处罚事先告知（行政处罚法 第四十四条）")
	case documents.HearingRights:
		return need(st.Notice != nil && st.Notice.HearingRight, "拟作出的处罚属于听证范围并已告知时才有听证告知书（行政处罚法 第六十三条）")
	case documents.HearingNotice:
		return need(st.Hearing != nil && !st.Hearing.Notified.IsZero(), "当事人要求听证并确定听证时间后才有听证通知书（行政处罚法 第六十四条）")
	case documents.HearingRecord:
		return need(st.Hearing != nil && !st.Hearing.Held.IsZero(), "举行听证后才有听证笔录（行政处罚法 第六十四条第八项）")
	case documents.LegalOpinion:
		return need(st.LegalReview != nil && len(st.LegalReview.Opinions) > 0, "法制审核出具意见后才有法制审核意见书（行政处罚法 第五十八条）")
	case documents.PenaltyDecision:
		return need(st.Decision != nil && st.Procedure == Ordinary, "作出行政处罚决定后才能制作决定书（行政处罚法 第五十九条）；决定须在告知和陈述申辩之后")
	case documents.SpotDecision:
		return need(st.Procedure == Simple && st.Decision != nil, "只有简易程序当场作出的决定才有当场行政处罚决定书（行政处罚法 第五十二条）")
	case documents.ServiceReceipt:
		return need(st.Notice != nil || st.Decision != nil, "有须送达的告知书或决定书后才有送达回证（行政处罚法 第六十一条）")
	case documents.Reminder:
		return need(st.Reminder != nil, "先办理催告（行政强制法 第三十五条）")
	case documents.CourtApplication:
		return need(st.Court != nil, "先办理申请人民法院强制执行（行政强制法 第五十三条）")
	case documents.CrimeTransfer:
		return need(st.Transfer != nil && st.Transfer.Decision != nil && st.Transfer.Decision.Approved, "负责人批准移送后才有移送书（国务院令第310号 第五条）")
	case documents.ClosingApproval:
		return need(st.Closed != nil, "结案后才有结案审批表")
	}
	return "没有这种文书"
}

// Documents lists a case's documents and what can be made now.
func (s *Service) Documents(ctx context.Context, p *access.Principal, id string) (CaseDocuments, error) {
	r, err := getRow(ctx, s.DB.R, p, id)
	if err != nil {
		return CaseDocuments{}, err
	}
	issued, err := s.Paperwork.ListFor(ctx, id)
	if err != nil {
		return CaseDocuments{}, err
	}
	out := CaseDocuments{Issued: issued}
	st := &r.State.V
	for _, k := range documents.Kinds {
		o := DocumentOption{Kind: k, Why: documentReady(st, k.Code), Refs: st.refs(k.Code), Signers: []string{}}
		o.Ready = o.Why == ""
		// the signature places of the template in force here
		t, err := s.Paperwork.TemplateFor(ctx, s.DB.R, k.Code, r.RegionCode)
		if err != nil {
			return CaseDocuments{}, err
		}
		o.Signers = t.Signers
		out.Options = append(out.Options, o)
	}
	return out, nil
}

// documentRequest builds what a document of a case says, checking that the case allows it.
func (s *Service) documentRequest(ctx context.Context, c db.Conn, r row, in DocumentInput) (documents.Request, error) {
	st := &r.State.V
	k, ok := documents.KindOf(in.Kind)
	if !ok {
		return documents.Request{}, apperr.InvalidField("kind", "DOCUMENT_KIND_UNKNOWN", "没有这种文书："+in.Kind)
	}
	if why := documentReady(st, in.Kind); why != "" {
		return documents.Request{}, apperr.Conflict("DOCUMENT_OUT_OF_ORDER", "现在不能制作"+k.Name+"："+why)
	}
	if in.Kind == documents.CorrectionOrder && (strings.TrimSpace(in.Correction) == "" || in.CorrectBy.IsZero()) {
		return documents.Request{}, apperr.InvalidField("correction", "DOCUMENT_CORRECTION_REQUIRED", "责令改正通知书须写明改正的内容和期限（行政处罚法 第二十八条）")
	}
	ps, err := partiesOf(ctx, c, []string{r.ID})
	if err != nil {
		return documents.Request{}, err
	}
	parties := ps[r.ID]
	if len(parties) == 0 {
		return documents.Request{}, apperr.Conflict("DOCUMENT_NO_PARTY", "案件没有当事人，不能制作文书")
	}
	party := parties[0]
	if in.PartyID != "" {
		found := false
		for _, pr := range parties {
			if pr.ID == in.PartyID {
				party, found = pr, true
			}
		}
		if !found {
			return documents.Request{}, apperr.InvalidField("partyId", "CASE_PARTY_NOT_FOUND", "本案没有这个当事人")
		}
	}
	refs := st.refs(in.Kind)
	ref := in.Ref
	if len(refs) > 0 {
		if ref == "" {
			ref = refs[len(refs)-1].Code
		}
		if !containsCode(refs, ref) {
			return documents.Request{}, apperr.InvalidField("ref", "DOCUMENT_REF_NOT_FOUND", "本案没有这份记录或强制措施")
		}
	}
	agency, err := settings.Get[DocumentAgency](ctx, c, s.Settings, DocumentAgencyKey, r.RegionCode)
	if err != nil {
		return documents.Request{}, err
	}
	var subject string
	if err := db.Get(ctx, c, &subject, `SELECT name FROM organizations WHERE id = ?`, r.SubjectOrgID); err != nil {
		return documents.Request{}, err
	}
	idNumber := ""
	if party.IDSealed != "" {
		if idNumber, err = s.Box.Open(party.IDSealed); err != nil {
			return documents.Request{}, err
		}
	}
	officers, err := s.officers(ctx, c, r.RegionCode, officerIDs(st))
	if err != nil {
		return documents.Request{}, err
	}
	data := documentData(r, st, subject, partyData(party, idNumber), parties, officers, agency.Value, ref, in)
	number := ""
	switch in.Kind {
	case documents.PenaltyNotice, documents.HearingRights:
		number = st.Notice.Number
	case documents.PenaltyDecision, documents.SpotDecision:
		number = st.Decision.Number
	case documents.MeasureDecision, documents.MeasureList:
		for _, m := range st.Measures {
			if m.ID == ref {
				number = m.DecisionNo
			}
		}
	}
	req := documents.Request{CaseID: r.ID, CaseNumber: r.Number, RegionCode: r.RegionCode, IssuerOrgID: r.SubjectOrgID, Issuer: subject,
		Kind: in.Kind, Ref: ref, Number: number, Date: s.today().Chinese(), Data: data,
		Facts: documents.Facts{Kind: in.Kind, Date: s.today().Chinese(), CaseNumber: r.Number, Party: maskedName(party)}}
	if in.Kind == documents.PenaltyDecision || in.Kind == documents.SpotDecision {
		if p, ok := st.penaltyFor(party.ID); ok {
			req.Facts.Summary = strings.Join(p.Kinds, "、")
			if p.FineFen > 0 {
				req.Facts.Summary += "，罚款人民币" + p.FineFen.Yuan()
			}
		}
	}
	return req, nil
}

func containsCode(os []Option, code string) bool {
	for _, o := range os {
		if o.Code == code {
			return true
		}
	}
	return false
}

func officerIDs(st *State) []string {
	var out []string
	for _, o := range st.Officers {
		if o.To.IsZero() {
			out = append(out, o.PersonID)
		}
	}
	return out
}

// maskedName is a party's name as strangers may read it: a natural person's surname and 某,
// an organisation's full name (its name is public in the enterprise credit register).
func maskedName(p partyRow) string {
	if p.Type.Organisation() {
		return p.Name
	}
	r, _ := utf8.DecodeRuneInString(p.Name)
	return string(r) + "某"
}

// signatureImages decodes the handwritten signatures: PNG data URLs of bounded size, one per place.
func signatureImages(in []SignatureInput, places []string) (map[string]image.Image, error) {
	out := map[string]image.Image{}
	for i, sg := range in {
		field := "signatures[" + itoa(i) + "]"
		raw, ok := strings.CutPrefix(sg.Image, "data:image/png;base64,")
		if !ok {
			return nil, apperr.InvalidField(field, "DOCUMENT_SIGNATURE_INVALID", "手写签名应为PNG图片")
		}
		b, err := base64.StdEncoding.DecodeString(raw)
		if err != nil || len(b) > maxSignatureBytes {
			return nil, apperr.InvalidField(field, "DOCUMENT_SIGNATURE_INVALID", "手写签名应为不超过512KB的PNG图片")
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width > 2400 || cfg.Height > 1200 || cfg.Width < 20 || cfg.Height < 10 {
			return nil, apperr.InvalidField(field, "DOCUMENT_SIGNATURE_INVALID", "手写签名应为PNG图片，宽不超过2400、高不超过1200像素")
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, apperr.InvalidField(field, "DOCUMENT_SIGNATURE_INVALID", "手写签名图片无法读取")
		}
		role := strings.TrimSpace(sg.Role)
		if !containsString(places, role) {
			return nil, apperr.InvalidField(field, "DOCUMENT_SIGNATURE_PLACE", "这份文书没有“"+role+"”的签名处；可签："+strings.Join(places, "、"))
		}
		if out[role] != nil {
			return nil, apperr.InvalidField(field, "DOCUMENT_SIGNATURE_PLACE", "“"+role+"”已签过名")
		}
		out[role] = img
	}
	return out, nil
}

func containsString(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// signaturePlaces are the signature places of the template in force for a kind.
func (s *Service) signaturePlaces(ctx context.Context, c db.Conn, kind, regionCode string) ([]string, error) {
	t, err := s.Paperwork.TemplateFor(ctx, c, kind, regionCode)
	if err != nil {
		return nil, err
	}
	return t.Signers, nil
}

// IssueDocument makes a document of the case and records it as a step of the full-process
// record: its number, SM3 digest and the agency's SM2 signature. A document whose step has not
// been taken is refused with the article (DOCUMENT_OUT_OF_ORDER).
func (s *Service) IssueDocument(ctx context.Context, p *access.Principal, id string, in DocumentInput) (documents.Document, error) {
	var doc documents.Document
	_, err := s.do(ctx, p, id, StepDocument, civil.Date{}, func(w *work) error {
		req, err := s.documentRequest(ctx, w.tx, w.r, in)
		if err != nil {
			return err
		}
		places, err := s.signaturePlaces(ctx, w.tx, in.Kind, w.r.RegionCode)
		if err != nil {
			return err
		}
		if req.Signatures, err = signatureImages(in.Signatures, places); err != nil {
			return err
		}
		if doc, err = s.Paperwork.Issue(ctx, w.tx, p, req); err != nil {
			return err
		}
		signed := make([]string, 0, len(req.Signatures))
		for role := range req.Signatures {
			signed = append(signed, role)
		}
		w.data = map[string]any{"documentId": doc.ID, "kind": doc.Kind, "number": doc.Number, "sm3": doc.SM3, "keyId": doc.KeyID,
			"signedBy": signed}
		w.sum = "出具" + doc.Title + " " + doc.Number + "（SM3 " + doc.SM3[:12] + "…）"
		return nil
	})
	return doc, err
}

// PreviewDocument renders a document of the case as it would be issued now, marked 预览, not
// numbered, signed or recorded.
func (s *Service) PreviewDocument(ctx context.Context, p *access.Principal, id string, in DocumentInput) ([]byte, error) {
	c, err := getRow(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	if in.Kind == documents.CorrectionOrder && in.Correction == "" {
		in.Correction, in.CorrectBy = "（改正内容）", s.today()
	}
	req, err := s.documentRequest(ctx, s.DB.R, c, in)
	if err != nil {
		return nil, err
	}
	return s.Paperwork.Preview(ctx, req)
}

func (s *Service) handlePreview(w http.ResponseWriter, r *http.Request) error {
	var q DocumentQuery
	if err := httpx.DecodeQuery(r, &q); err != nil {
		return err
	}
	pdf, err := s.PreviewDocument(r.Context(), httpx.Principal(r), r.PathValue("id"), DocumentInput{Kind: q.Kind, Ref: q.Ref, PartyID: q.PartyID})
	if err != nil {
		return err
	}
	k, _ := documents.KindOf(q.Kind)
	documents.WritePDF(w, k.Name+"（预览）.pdf", pdf)
	return nil
}

// handleDocumentFile sends an issued document's PDF; it holds the party's full particulars, so
// every opening is audited.
func (s *Service) handleDocumentFile(w http.ResponseWriter, r *http.Request) error {
	p := httpx.Principal(r)
	ctx := r.Context()
	c, err := getRow(ctx, s.DB.R, p, r.PathValue("id"))
	if err != nil {
		return err
	}
	d, err := s.Paperwork.Get(ctx, s.DB.R, c.ID, r.PathValue("documentId"))
	if err != nil {
		return err
	}
	f, err := s.Paperwork.Open(d)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityCase, EntityID: c.ID, EntityName: caseLabel(c),
			RegionCode: c.RegionCode, Summary: "查看文书 " + d.Title + " " + d.Number, Detail: map[string]any{"documentId": d.ID, "disclosed": []string{"document"}}})
	}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="document.pdf"; filename*=UTF-8''`+url.PathEscape(d.Title+" "+d.Number+".pdf"))
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", time.Time{}, f)
	return nil
}

// ElectronicService is the electronic service of a document on its party.
type ElectronicService struct {
	PartyID string `json:"partyId,omitempty" text:"64"`
}

// ServeElectronically records that a document was sent to the party's confirmed electronic
// address: only where the party agreed in writing and gave the address (行政处罚法 第六十一条第二款).
// The proof kept is the time, the address and the document's SM3 digest, sealed in the record.
func (s *Service) ServeElectronically(ctx context.Context, p *access.Principal, id, documentID string, in ElectronicService) (documents.Document, error) {
	var doc documents.Document
	_, err := s.do(ctx, p, id, StepDocumentServe, civil.Date{}, func(w *work) error {
		d, err := s.Paperwork.Get(ctx, w.tx, id, documentID)
		if err != nil {
			return err
		}
		if d.ServedAt != "" {
			return apperr.Conflict("DOCUMENT_ALREADY_SERVED", "该文书已于 "+d.ServedAt+" 电子送达")
		}
		ps, err := partiesOf(ctx, w.tx, []string{id})
		if err != nil {
			return err
		}
		var party *partyRow
		for i, pr := range ps[id] {
			if pr.ID == in.PartyID || (in.PartyID == "" && i == 0) {
				party = &ps[id][i]
			}
		}
		if party == nil {
			return apperr.InvalidField("partyId", "CASE_PARTY_NOT_FOUND", "本案没有这个当事人")
		}
		if !party.ElectronicConsent || party.ServiceAddress == "" {
			return apperr.Conflict("CASE_ELECTRONIC_NO_CONSENT", party.Name+"没有书面同意电子送达或没有确认送达地址，不能电子送达").WithRule(art61e)
		}
		now := s.Clock.Now()
		if err := s.Paperwork.RecordService(ctx, w.tx, d, party.Name, party.ServiceAddress, now); err != nil {
			return err
		}
		d.ServedAt, d.ServedTo, d.ServedAddress = now.UTC().Format(time.RFC3339), party.Name, party.ServiceAddress
		doc = d
		w.data = map[string]any{"documentId": d.ID, "number": d.Number, "sm3": d.SM3, "to": party.Name, "address": party.ServiceAddress}
		w.sum = "电子送达" + d.Title + " " + d.Number + " 至 " + party.ServiceAddress + "（当事人已书面同意）"
		return nil
	})
	return doc, err
}

// documentRoutes are the documents of a case.
func (s *Service) documentRoutes() []httpx.Route {
	return []httpx.Route{
		httpx.Get("/api/v1/cases/{id}/documents", access.CaseRead, "案件的文书：已出具的（编号、SM3摘要、签名）与现在可以制作的", httpx.ByID(s.Documents)),
		httpx.Get("/api/v1/cases/{id}/documents/preview", access.CaseRead, "预览文书（PDF，标“预览”，不编号、不签名、不记录）",
			httpx.Raw(s.handlePreview, httpx.Doc{Query: httpx.QueryParams[DocumentQuery]()})),
		httpx.Post("/api/v1/cases/{id}/documents", access.CaseHandle, "出具文书：编号、生成PDF、SM3摘要与机关SM2签名，记入全过程记录",
			httpx.ByIDWithBody(s.IssueDocument).Created()),
		httpx.Get("/api/v1/cases/{id}/documents/{documentId}/file", access.CaseRead, "下载已出具的文书（PDF；记审计日志）",
			httpx.Raw(s.handleDocumentFile, httpx.Doc{})),
		httpx.Get("/api/v1/cases/{id}/case-file", access.CaseRead, "导出卷宗：封面、卷内目录、文书原件（决定书在前）、证据清单与备考表，PDF 或 ZIP（原件及SM3摘要清单；记审计日志）",
			httpx.Raw(s.handleCaseFile, httpx.Doc{Query: httpx.QueryParams[CaseFileQuery]()})),
		httpx.Post("/api/v1/cases/{id}/documents/{documentId}/electronic-service", access.CaseHandle, "电子送达文书（须当事人书面同意并确认地址）",
			httpx.ByIDsWithBody(s.ServeElectronically)),
	}
}
