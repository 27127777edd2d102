package people

import (
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/ident"
)

// Genders derived from a resident ID number.
const (
	GenderMale   = ident.Male
	GenderFemale = ident.Female
)

// IDNumber is a checked resident identity card number (居民身份证号码, GB 11643-1999).
type IDNumber = ident.ResidentID

// IDCheckChar computes the check character of the first 17 digits of an ID number.
func IDCheckChar(first17 string) byte { return ident.ResidentCheckChar(first17) }

// ParseIDNumber checks a staff member's resident ID number (ident.ParseResidentID); a refusal is
// the field error PERSON_ID_INVALID saying which part failed.
func ParseIDNumber(raw string, today civil.Date) (IDNumber, error) {
	id, err := ident.ParseResidentID(raw, today)
	if err != nil {
		return IDNumber{}, apperr.InvalidField("idNumber", "PERSON_ID_INVALID", err.Error())
	}
	return id, nil
}

// MaskIDNumber masks an ID number for display (ident.MaskResidentID).
func MaskIDNumber(id string) string { return ident.MaskResidentID(id) }
