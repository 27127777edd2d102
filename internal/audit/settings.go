package audit

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// SettingKinds are the kinds of record of the jurisdictions' settings: each kind of setting is
// logged under its own key (reform.thresholds) with its own name.
func SettingKinds(kinds []settings.Kind) []Kind {
	out := make([]Kind, len(kinds))
	for i, k := range kinds {
		out[i] = Kind{Code: k.Key, Name: k.Name}
	}
	return out
}

// RecordSetting writes a change of a jurisdiction's setting to the log (settings.Recorder): the
// record is the kind for that region, the detail the value before and after with its basis or the
// reason it was withdrawn.
func (l *Log) RecordSetting(ctx context.Context, tx *db.Tx, p *access.Principal, r settings.Record) error {
	action := ActionUpdate
	if r.Action == settings.ActionClear {
		action = ActionDelete
	}
	return l.Append(ctx, tx, p, Event{Action: action, Entity: r.Kind, EntityID: r.RegionCode,
		EntityName: r.KindName + "（" + r.RegionName + "）", RegionCode: r.RegionCode, Summary: r.Summary,
		Detail: map[string]any{"before": r.Before, "after": r.After, "basisBefore": r.BasisBefore, "basis": r.Basis,
			"reason": r.Reason, "changeId": r.ID}})
}
