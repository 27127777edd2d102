package people

import (
	"testing"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

var testToday = civil.NewDate(2026, time.May, 10)

func TestParseIDNumberNamesTheField(t *testing.T) {
	if id, err := ParseIDNumber("11010519491231002x", testToday); err != nil || id.Number != "11010519491231002X" || id.Gender != GenderFemale {
		t.Fatalf("valid number: %+v, %v", id, err)
	}
	_, err := ParseIDNumber("371521198503121234", testToday)
	if e := apperr.As(err); e.Code != "PERSON_ID_INVALID" || e.Field != "idNumber" {
		t.Fatalf("wrong check digit: %v", err)
	}
}
