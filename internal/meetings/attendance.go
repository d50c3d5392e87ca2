package meetings

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/store"
)

// Attendance statuses.
const (
	Present = "present" // 出席
	Leave   = "leave"   // 请假
	Absent  = "absent"  // 缺席
)

// Attendance is one deputy's attendance at a session; Status is "" while
// not yet recorded.
type Attendance struct {
	DeputyID int64  `json:"deputy_id"`
	Name     string `json:"name"`
	Status   string `json:"status"`
	Reason   string `json:"reason"`
}

// AttendanceEntry is one line of an attendance update.
type AttendanceEntry struct {
	DeputyID int64  `json:"deputy_id"`
	Status   string `json:"status"`
	Reason   string `json:"reason"`
}

// attendance lists the deputies of the congress (serving, or recorded at
// the session) with their attendance.
func attendance(ctx context.Context, q store.Querier, s *Session) ([]Attendance, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.name, COALESCE(a.status, ''), COALESCE(a.reason, '') FROM deputies d
		LEFT JOIN session_attendance a ON a.session_id = $1 AND a.deputy_id = d.id
		WHERE d.id IN (SELECT deputy_id FROM seats WHERE congress_code = $2 AND status = 'serving'
			UNION SELECT deputy_id FROM session_attendance WHERE session_id = $1)
		ORDER BY d.name_pinyin, d.id`, s.ID, s.Congress)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Attendance{}
	for rows.Next() {
		var a Attendance
		if err := rows.Scan(&a.DeputyID, &a.Name, &a.Status, &a.Reason); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetAttendance records attendance for some deputies. A deputy present gets
// a session-attendance duty record; one changed to leave or absent loses it.
func SetAttendance(ctx context.Context, db *store.DB, p *auth.Principal, sessionID int64, entries []AttendanceEntry) (*Session, error) {
	if len(entries) == 0 {
		return nil, errs.Required("entries", "meet.field.attendance")
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, sessionID)
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		seen := map[int64]bool{}
		for i, e := range entries {
			f := fmt.Sprintf("entries[%d]", i)
			if e.Status != Present && e.Status != Leave && e.Status != Absent {
				return errs.Field(f+".status", "invalid_status", "meet.err.attendance_status")
			}
			if seen[e.DeputyID] {
				return errs.Field(f+".deputy_id", "duplicate", "meet.err.deputy_twice", e.DeputyID)
			}
			seen[e.DeputyID] = true
			if err := isDeputyOf(ctx, tx, e.DeputyID, s.Congress, f+".deputy_id"); err != nil {
				return err
			}
			reason, err := checkText(f+".reason", e.Reason, false, 200)
			if err != nil {
				return err
			}
			var before string
			err = tx.QueryRowContext(ctx, `SELECT status FROM session_attendance WHERE session_id = $1 AND deputy_id = $2`, sessionID, e.DeputyID).Scan(&before)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_attendance (session_id, deputy_id, status, reason, updated_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_id, deputy_id) DO UPDATE SET status = excluded.status,
				reason = excluded.reason, updated_at = excluded.updated_at`, sessionID, e.DeputyID, e.Status, reason, now); err != nil {
				return err
			}
			if e.Status == Present {
				err = duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: e.DeputyID, Kind: duties.SessionAttendance,
					Date: s.Start, Days: float64(s.Days()), Title: s.Title, Place: s.Place, Source: "session", SourceID: s.ID})
			} else {
				err = duties.RemoveImplied(ctx, tx, "session", s.ID, e.DeputyID, duties.SessionAttendance)
			}
			if err != nil {
				return err
			}
			if before != e.Status {
				var b any
				if before != "" {
					b = map[string]string{"status": before}
				}
				if err := audit.Record(ctx, tx, p.Actor(ctx), "attendance", "congress_session", s.ID, s.Congress,
					fmt.Sprintf("deputy %d %s", e.DeputyID, e.Status), b, map[string]any{"deputy_id": e.DeputyID, "status": e.Status, "reason": reason}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return GetSession(ctx, db, p, sessionID)
}

// isDeputyOf checks that a deputy holds a seat in the congress.
func isDeputyOf(ctx context.Context, q store.Querier, deputyID int64, congress, field string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM seats WHERE deputy_id = $1 AND congress_code = $2`, deputyID, congress).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.Field(field, "unknown_deputy", "meet.err.not_deputy", deputyID)
	}
	return nil
}
