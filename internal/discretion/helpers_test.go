package discretion

// testActDate is the day of the act in the tests that do not care: inside every demo benchmark's
// window and before the fixture's today (2026-05-10).
const testActDate = "2026-05-01"

// at is a case of the facts on testActDate, without a record of prior penalties.
func at(f Facts) Case { return Case{ActDate: testActDate, Facts: f} }

// validate is Validate for the tests that look at errors only.
func validate(c *Content, s Statute, r Rules) error {
	_, err := Validate(c, s, r)
	return err
}
