package people

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

// EditInput changes a person through the console or the API. An empty idNumber keeps the
// registered number and an absent phone keeps the phone on record, so that an editor who may not
// see personal data in full (no access.PeoplePII) can change a post without retyping either.
type EditInput struct {
	Name      string  `json:"name" text:"50"`
	IDNumber  string  `json:"idNumber" text:"32"`
	Phone     *string `json:"phone" text:"32"`
	PostOrgID string  `json:"postOrgId" text:"64"`
	WorkOrgID string  `json:"workOrgId" text:"64"`
	PostType  string  `json:"postType" text:"32"`
	Position  string  `json:"position" text:"50"`
	Frontline bool    `json:"frontline"`
}

// Edit fills what the input leaves out from the record and updates the person.
func (s *Service) Edit(ctx context.Context, p *access.Principal, id string, in EditInput) (Person, error) {
	full := Input{Name: in.Name, IDNumber: in.IDNumber, PostOrgID: in.PostOrgID, WorkOrgID: in.WorkOrgID,
		PostType: in.PostType, Position: in.Position, Frontline: in.Frontline}
	if in.IDNumber == "" || in.Phone == nil {
		row, err := getRow(ctx, s.DB.R, p.Scope(), id)
		if err != nil {
			return Person{}, err
		}
		full.Phone = row.Phone
		if in.IDNumber == "" {
			sealed, err := sealedID(ctx, s.DB.R, p.Scope(), id)
			if err != nil {
				return Person{}, err
			}
			if full.IDNumber, err = s.Box.Open(sealed); err != nil {
				return Person{}, err
			}
			// The kept number was checked when it was registered; should it no longer pass, say so
			// without echoing its digits to an editor who may not see them.
			if _, err := ParseIDNumber(full.IDNumber, s.today()); err != nil {
				return Person{}, apperr.InvalidField("idNumber", "PERSON_ID_INVALID",
					"登记的身份证号码未通过校验，请填写正确的完整身份证号")
			}
		}
	}
	if in.Phone != nil {
		full.Phone = *in.Phone
	}
	return s.Update(ctx, p, id, full)
}
