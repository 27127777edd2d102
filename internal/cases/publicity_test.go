package cases

import (
	"strings"
	"testing"
)

func TestMaskingLeavesNothingToRebuild(t *testing.T) {
	for name, want := range map[string]string{"王小明": "王某", "欧阳娜娜": "欧阳某", "欧阳": "欧某", "李": "李某"} {
		if got := MaskName(name); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", name, got, want)
		}
	}
	text := "王小明（身份证号码371521198803150016，电话13812345678）驾驶鲁P·A1234B号货车运输渣土，王小明承认未密闭。"
	got := maskText(text, []string{"王小明"})
	if strings.Contains(got, "王小明") || strings.Contains(got, "371521198803150016") || strings.Contains(got, "13812345678") ||
		strings.Contains(got, "A1234B") || !strings.Contains(got, "鲁P·*****") || strings.Count(got, "王某") != 2 {
		t.Errorf("masked: %s", got)
	}
	if what := unmasked(got, []string{"王小明"}, []string{"371521198803150016"}); what != "" {
		t.Errorf("the masked text still gives away %s", what)
	}
	for text, want := range map[string]string{
		"当事人王小明运输渣土":            "当事人姓名“王小明”",
		"号码 371521198803150016": "身份证号码",
		"联系13812345678":         "电话号码",
	} {
		if got := unmasked(text, []string{"王小明"}, nil); got != want {
			t.Errorf("unmasked(%q) = %q, want %q", text, got, want)
		}
	}
}

// The limits run on the working-day calendar: across National Day the seven working days end
// well after the holiday, and the three days to withdraw skip a weekend.
func TestPublicityAndWithdrawalAcrossHolidays(t *testing.T) {
	lim := PublicityLimits{PenaltyDays: 7, OtherDays: 20, WithdrawDays: 3}
	due, err := PublicityDue(table, lim, PubKindPenalty, mustDate("2025-09-30"))
	if err != nil {
		t.Fatal(err)
	}
	// 2025: 1–8 October off, 11 October (Saturday) worked: 9, 10, 11, 13, 14, 15, 16 October
	if due.Due.String() != "2025-10-16" || !strings.Contains(due.Explain, "国庆") {
		t.Errorf("penalty decision of 30 September 2025: %s (%s)", due.Due, due.Explain)
	}
	other, err := PublicityDue(table, lim, PubKindOther, mustDate("2025-09-30"))
	if err != nil || !other.Due.After(due.Due) {
		t.Errorf("other decisions: %v %v", other.Due, err)
	}
	w, err := WithdrawalDue(table, lim, mustDate("2025-12-04")) // a Thursday
	if err != nil || w.Due.String() != "2025-12-09" {
		t.Errorf("withdrawal after Thursday 4 December 2025: %v %v", w.Due, err)
	}
}
