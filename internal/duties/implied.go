// Package duties keeps deputies' duty records, the annual targets and
// points, warnings, bulletins and archives (DESIGN.md §4).
package duties

import (
	"context"
	"fmt"
	"time"

	"renda/internal/store"
)

// Kind is the kind of a duty record; the keys are used in the API.
type Kind string

const (
	SessionAttendance        Kind = "session_attendance"
	CommitteeAttendance      Kind = "committee_attendance"
	DeliberationSpeech       Kind = "deliberation_speech"
	Motion                   Kind = "motion"
	Suggestion               Kind = "suggestion"
	Inspection               Kind = "inspection"
	LawEnforcementInspection Kind = "law_enforcement_inspection"
	Survey                   Kind = "survey"
	Appraisal                Kind = "appraisal"
	GroupActivity            Kind = "group_activity"
	ConstituentContact       Kind = "constituent_contact"
	Reception                Kind = "reception"
	DistrictVisit            Kind = "district_visit"
	ReportToConstituents     Kind = "report_to_constituents"
	PracticalDeed            Kind = "practical_deed"
	CommunitySupport         Kind = "community_support"
	Training                 Kind = "training"
	Advice                   Kind = "advice"
)

// Implied is a duty record the platform itself knows of — attendance at a
// session, a reception held, a suggestion filed — made by that part of the
// platform rather than typed again.
type Implied struct {
	DeputyID int64
	Kind     Kind
	Date     string  // YYYY-MM-DD
	Days     float64 // 0 where the kind has no duration
	Count    int     // persons met, where the kind counts them
	Title    string
	Place    string
	Source   string // the part that implies it: "reception", "suggestion", "session", "supervision", "vote", "report"…
	SourceID int64  // the id of that thing
}

// RecordImplied writes an implied record, confirmed at once, inside the
// caller's transaction. The same source, deputy and kind is written once:
// recording it again updates it, so retrying a step never counts twice.
func RecordImplied(ctx context.Context, tx store.Querier, r Implied) error {
	if r.DeputyID == 0 || r.Kind == "" || r.Source == "" || r.SourceID == 0 {
		return fmt.Errorf("implied duty record needs a deputy, kind and source: %+v", r)
	}
	now := time.Now().Unix()
	_, err := tx.ExecContext(ctx, `INSERT INTO duty_records
		(deputy_id, township_code, kind, date, days, count, title, place, status, source, source_id, created_at, updated_at)
		SELECT d.id, d.township_code, $2, $3, $4, $5, $6, $7, 'confirmed', $8, $9, $10, $10 FROM deputies d WHERE d.id = $1
		ON CONFLICT (source, source_id, deputy_id, kind) DO UPDATE SET
			date = excluded.date, days = excluded.days, count = excluded.count, title = excluded.title,
			place = excluded.place, updated_at = excluded.updated_at`,
		r.DeputyID, string(r.Kind), r.Date, r.Days, r.Count, r.Title, r.Place, r.Source, r.SourceID, now)
	return err
}

// RemoveImplied deletes the implied records of a source (an attendance
// corrected from present to absent, say).
func RemoveImplied(ctx context.Context, tx store.Querier, source string, sourceID, deputyID int64, kind Kind) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM duty_records WHERE source = $1 AND source_id = $2 AND deputy_id = $3 AND kind = $4`,
		source, sourceID, deputyID, string(kind))
	return err
}
