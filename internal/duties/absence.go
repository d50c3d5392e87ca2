package duties

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Absence is a deputy's absence from a session or meeting. Without leave
// it raises the absent_meetings warning (三不代表).
type Absence struct {
	ID        int64  `json:"id"`
	DeputyID  int64  `json:"deputy_id"`
	Date      string `json:"date"`
	Meeting   string `json:"meeting"`
	WithLeave bool   `json:"with_leave"`
	Source    string `json:"source,omitempty"`
	SourceID  int64  `json:"source_id,omitempty"`
}

// RecordAbsence writes an absence inside the caller's transaction; meetings
// call it when they take attendance (Source and SourceID name the meeting).
func RecordAbsence(ctx context.Context, tx store.Querier, a Absence) (int64, error) {
	if a.Source == "" {
		a.Source = "staff"
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO duty_absences (deputy_id, township_code, date, meeting, with_leave, source, source_id, created_at)
		SELECT d.id, d.township_code, $2, $3, $4, $5, $6, $7 FROM deputies d WHERE d.id = $1 RETURNING id`,
		a.DeputyID, a.Date, a.Meeting, a.WithLeave, a.Source, store.NullID(a.SourceID), time.Now().Unix()).Scan(&id)
	return id, err
}

// AddAbsence records by hand that a deputy in the caller's scope was absent
// (staff only).
func (s *Service) AddAbsence(ctx context.Context, p *auth.Principal, a Absence) (*Absence, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	a.Meeting = strings.TrimSpace(a.Meeting)
	if err := checkDate("date", a.Date, s.Today()); err != nil {
		return nil, err
	}
	if a.Meeting == "" {
		return nil, errs.Required("meeting", "duty.field.meeting")
	}
	if err := errs.MaxLen("meeting", "duty.field.meeting", a.Meeting, 100); err != nil {
		return nil, err
	}
	a.Source, a.SourceID = "staff", 0
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := scopedDeputy(ctx, tx, p, a.DeputyID, "deputy_id")
		if err != nil {
			return err
		}
		if a.ID, err = RecordAbsence(ctx, tx, a); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE duty_absences SET recorded_by = $1 WHERE id = $2`, store.NullID(p.UserID), a.ID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "duty_absence", a.ID, d.Township, "absence of "+d.Name, nil, a)
	})
	if err != nil {
		return nil, err
	}
	return &a, nil
}
