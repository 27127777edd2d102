package people

import (
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

// Personal data (个人信息) of a person, named as the audit log records what a read disclosed.
const (
	FieldName         = "name"         // 姓名
	FieldGender       = "gender"       // 性别 (digit 17 of the ID number, which the mask shows)
	FieldBirthDate    = "birthDate"    // 出生日期 (digits 7–14 of the ID number, which the mask hides)
	FieldIDNumber     = "idNumber"     // 身份证号
	FieldPhone        = "phone"        // 手机号
	FieldCertificates = "certificates" // 执法证
)

// Disclosure is what of a person's personal data one caller is shown (个人信息保护法 第五十一条:
// 去标识化, 最小必要). The masked ID number 371521********1234 hides exactly the birth date
// (digits 7–14, GB 11643-1999 §6), so anything that gives or narrows the birth date — the date
// itself, an exact age, a sort by birth date or ID number, a search that tests hidden digits —
// would let the masked digits be rebuilt. Such data is therefore shown only to callers who may
// see the full number anyway (access.PeoplePII); everyone else gets the mask and nothing that
// completes it.
type Disclosure struct {
	Full bool // the caller holds access.PeoplePII
}

// DisclosureFor returns what a caller may be shown; a nil principal is the system itself.
func DisclosureFor(p *access.Principal) Disclosure {
	return Disclosure{Full: p.Can(access.PeoplePII)}
}

// Shown is what one response disclosed of personal data, as recorded in the audit log: the
// fields shown in full, the fields shown masked, and the fields withheld.
type Shown struct {
	Disclosed []string `json:"disclosed"`
	Masked    []string `json:"masked"`
	Withheld  []string `json:"withheld,omitempty"`
}

// Listed is what a list of people shows, whoever asks: names, genders and current certificates
// in full; ID numbers and phones masked. Lists never carry birth dates.
func (Disclosure) Listed() Shown {
	return Shown{Disclosed: []string{FieldName, FieldGender, FieldCertificates}, Masked: []string{FieldIDNumber, FieldPhone}}
}

// Detailed is what a person's detail shows: the birth date and full phone with access.PeoplePII;
// without it the phone is masked and the birth date withheld.
func (d Disclosure) Detailed() Shown {
	if d.Full {
		return Shown{Disclosed: []string{FieldName, FieldGender, FieldBirthDate, FieldPhone, FieldCertificates},
			Masked: []string{FieldIDNumber}}
	}
	return Shown{Disclosed: []string{FieldName, FieldGender, FieldCertificates}, Masked: []string{FieldIDNumber, FieldPhone},
		Withheld: []string{FieldBirthDate}}
}

// detail builds the detail of a person as this caller may see it.
func (d Disclosure) detail(r personRow, cur *Certificate, certs []Certificate) Detail {
	out := Detail{Person: r.person(cur), Phone: MaskPhone(r.Phone), Certificates: certs}
	if d.Full {
		out.BirthDate, out.Phone = r.BirthDate, r.Phone
	}
	return out
}

// IDTailLen is how many trailing characters of an ID number the mask shows, and so how many a
// caller without access.PeoplePII may search by.
const IDTailLen = 4

// personQuery is the free-text query of a people listing, resolved: a name fragment, the visible
// tail of an ID number, or (for callers with access.PeoplePII) the blind index of a whole number.
type personQuery struct {
	name    string
	idTail  string
	idIndex string
}

// parseQuery reads the q of a people listing. Text without digits or asterisks is a name. Text
// with them is an ID number: its last 1–4 characters match the visible tail of the mask; a whole
// 18-character number matches exactly, by blind index, only for callers allowed to see full
// numbers. Anything else is refused with the same answer whatever is registered, so that a
// caller cannot test guesses of the hidden digits by searching.
func parseQuery(raw string, d Disclosure, index func(string) string) (personQuery, error) {
	q := strings.TrimSpace(raw)
	if q == "" || !strings.ContainsAny(q, "0123456789*") {
		return personQuery{name: q}, nil
	}
	q = strings.ToUpper(q)
	for _, c := range q {
		if (c < '0' || c > '9') && c != 'X' {
			return personQuery{}, queryTailOnly()
		}
	}
	switch {
	case len(q) <= IDTailLen:
		return personQuery{idTail: q}, nil
	case len(q) == 18 && d.Full:
		return personQuery{idIndex: index(q)}, nil
	case len(q) == 18:
		return personQuery{}, apperr.InvalidField("q", "PERSON_QUERY_TAIL_ONLY",
			"当前账号无权按完整身份证号查询（需要权限 "+string(access.PeoplePII)+"），请输入身份证号末4位")
	}
	return personQuery{}, queryTailOnly()
}

func queryTailOnly() error {
	return apperr.InvalidField("q", "PERSON_QUERY_TAIL_ONLY", "按身份证号查询请输入末4位（有完整身份证号查看权限的可输入18位号码）")
}

// auditQuery is the q of a listing as the audit log keeps it: a whole ID number is kept masked.
func auditQuery(raw string) string {
	q := strings.ToUpper(strings.TrimSpace(raw))
	if len(q) == 18 && strings.ContainsAny(q, "0123456789") {
		return MaskIDNumber(q)
	}
	return raw
}
