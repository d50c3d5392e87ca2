package duties

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Period is a publication of duty points (积分公示): open for correction
// requests until CorrectionUntil, then final.
type Period struct {
	ID              int64         `json:"id"`
	Scope           string        `json:"scope"`
	ScopeName       string        `json:"scope_name"`
	Year            int           `json:"year"`
	Half            int           `json:"half"` // 0 the whole year, 1 or 2 a half year
	From            string        `json:"from"`
	To              string        `json:"to"`
	Status          string        `json:"status"` // open or final
	CorrectionUntil string        `json:"correction_until"`
	PublishedAt     int64         `json:"published_at"`
	FinalAt         int64         `json:"final_at,omitempty"`
	Items           []*PeriodItem `json:"items,omitempty"`
	Corrections     []*Correction `json:"corrections,omitempty"`
}

// PeriodItem is one deputy's published line.
type PeriodItem struct {
	DeputyID  int64          `json:"deputy_id"`
	Name      string         `json:"name"`
	Township  string         `json:"township"`
	Points    float64        `json:"points"`
	Rank      int            `json:"rank"`
	Targets   []TargetResult `json:"targets"`
	Compliant bool           `json:"compliant"`
	Grade     string         `json:"grade"`
	Warnings  []string       `json:"warnings"`
}

// Period statuses.
const (
	PeriodOpen  = "open"
	PeriodFinal = "final"
)

// PublishInput names the period to publish.
type PublishInput struct {
	Scope string `json:"scope"` // a township or county code; the caller's own by default
	Year  int    `json:"year"`
	Half  int    `json:"half"`
}

// bounds are the first and last dates of a year or half year.
func bounds(year, half int) (string, string) {
	switch half {
	case 1:
		return fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-06-30", year)
	case 2:
		return fmt.Sprintf("%04d-07-01", year), fmt.Sprintf("%04d-12-31", year)
	}
	return fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
}

// Publish works out and keeps the points of a period that has ended, for
// every deputy of a township or county, and opens the correction window.
func (s *Service) Publish(ctx context.Context, p *auth.Principal, in PublishInput) (*Period, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if in.Scope == "" {
		in.Scope = p.Scope
	}
	if len(in.Scope) != 6 && len(in.Scope) != 9 {
		return nil, errs.Field("scope", "invalid_code", "duty.err.period_scope")
	}
	if _, ok := jurisdiction.National().Get(in.Scope); !ok || !p.Covers(in.Scope) {
		return nil, notFoundField("scope", "entity.jurisdiction")
	}
	if err := s.checkAssessYear(in.Year); err != nil {
		return nil, err
	}
	if in.Half < 0 || in.Half > 2 {
		return nil, errs.Field("half", "invalid_half", "duty.err.half")
	}
	from, to := bounds(in.Year, in.Half)
	today := s.Today()
	if to >= today {
		return nil, errs.Field("year", "period_not_over", "duty.err.period_not_over", to)
	}
	st, err := LoadSettings(ctx, s.DB.R, in.Scope[:6], in.Year)
	if err != nil {
		return nil, err
	}
	until := s.Now().AddDate(0, 0, st.CorrectionDays).Format(DateLayout)
	var id int64
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO duty_periods (scope_code, year, half, from_date, to_date, status, correction_until, published_by, published_at)
			VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8) RETURNING id`,
			in.Scope, in.Year, in.Half, from, to, until, store.NullID(p.UserID), time.Now().Unix()).Scan(&id)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("year", "duty.err.period_exists")
		}
		if err != nil {
			return err
		}
		items, err := assessPeriod(ctx, tx, in.Scope, in.Year, from, to, today)
		if err != nil {
			return err
		}
		if err := insertItems(ctx, tx, id, items); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "publish", "duty_period", id, in.Scope,
			fmt.Sprintf("duty points %s %d/%d published, %d deputies", in.Scope, in.Year, in.Half, len(items)), nil,
			map[string]any{"scope": in.Scope, "year": in.Year, "half": in.Half, "correction_until": until, "deputies": len(items)})
	})
	if err != nil {
		return nil, err
	}
	return s.GetPeriod(ctx, p, id)
}

// insertItems keeps assessment lines in batches of multi-row inserts.
func insertItems(ctx context.Context, tx store.Querier, period int64, items []*Item) error {
	now := time.Now().Unix()
	const per = 100
	for len(items) > 0 {
		batch := items[:min(per, len(items))]
		items = items[len(batch):]
		var sb strings.Builder
		args := make([]any, 0, len(batch)*11)
		sb.WriteString(`INSERT INTO duty_period_items (period_id, deputy_id, township_code, name, points, rank, compliant, grade, targets_json, warnings_json, updated_at) VALUES `)
		for i, it := range batch {
			t, _ := json.Marshal(it.Targets)
			w, _ := json.Marshal(it.Warnings)
			if i > 0 {
				sb.WriteString(",")
			}
			n := len(args)
			sb.WriteString("(")
			for j := 1; j <= 11; j++ {
				if j > 1 {
					sb.WriteString(",")
				}
				sb.WriteString("$" + strconv.Itoa(n+j))
			}
			sb.WriteString(")")
			args = append(args, period, it.DeputyID, it.Township, it.Name, it.Points, it.Rank, it.Compliant, it.Grade, string(t), string(w), now)
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

const periodCols = `id, scope_code, year, half, from_date, to_date, status, correction_until, published_at, COALESCE(final_at, 0)`

func scanPeriod(row interface{ Scan(...any) error }) (*Period, error) {
	var pd Period
	if err := row.Scan(&pd.ID, &pd.Scope, &pd.Year, &pd.Half, &pd.From, &pd.To, &pd.Status, &pd.CorrectionUntil, &pd.PublishedAt, &pd.FinalAt); err != nil {
		return nil, err
	}
	pd.ScopeName = jurisdiction.National().FullName(pd.Scope)
	return &pd, nil
}

// periodVisible is the SQL condition for periods that concern the caller:
// within their scope, or of the county or township their scope lies in.
func periodVisible(p *auth.Principal, first int) (string, []any) {
	lo, hi := store.PrefixRange(p.Scope)
	cond := fmt.Sprintf("((scope_code >= $%d AND scope_code < $%d)", first, first+1)
	args := []any{lo, hi}
	for _, n := range []int{6, 9} {
		if len(p.Scope) > n {
			args = append(args, p.Scope[:n])
			cond += fmt.Sprintf(" OR scope_code = $%d", first+len(args)-1)
		}
	}
	return cond + ")", args
}

// loadPeriod reads a period that concerns the caller.
func loadPeriod(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Period, error) {
	if !mayRecord(p) {
		return nil, errs.NotFoundErr("duty.entity.period")
	}
	cond, args := periodVisible(p, 2)
	pd, err := scanPeriod(q.QueryRowContext(ctx, `SELECT `+periodCols+` FROM duty_periods WHERE id = $1 AND `+cond, append([]any{id}, args...)...))
	if err == sql.ErrNoRows {
		return nil, errs.NotFoundErr("duty.entity.period")
	}
	return pd, err
}

// ListPeriods lists the publications that concern the caller, newest first.
func (s *Service) ListPeriods(ctx context.Context, p *auth.Principal) ([]*Period, error) {
	if !mayRecord(p) {
		return nil, errs.ForbiddenErr()
	}
	cond, args := periodVisible(p, 1)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT `+periodCols+` FROM duty_periods WHERE `+cond+` ORDER BY year DESC, half DESC, id DESC LIMIT 200`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Period
	for rows.Next() {
		pd, err := scanPeriod(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, pd)
	}
	return out, rows.Err()
}

// GetPeriod returns a publication with the lines and correction requests
// the caller may see: staff those of their scope, a deputy their own.
func (s *Service) GetPeriod(ctx context.Context, p *auth.Principal, id int64) (*Period, error) {
	pd, err := loadPeriod(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	lo, hi := store.PrefixRange(p.Scope)
	where, args := `period_id = $1 AND township_code >= $2 AND township_code < $3`, []any{id, lo, hi}
	if p.Role == auth.Deputy {
		where += ` AND deputy_id = $4`
		args = append(args, p.DeputyID)
	}
	if pd.Items, err = periodItems(ctx, s.DB.R, where, args...); err != nil {
		return nil, err
	}
	pd.Corrections, err = s.corrections(ctx, where, args...)
	return pd, err
}

func periodItems(ctx context.Context, q store.Querier, where string, args ...any) ([]*PeriodItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT deputy_id, name, township_code, points, rank, compliant, grade, targets_json, warnings_json
		FROM duty_period_items WHERE `+where+` ORDER BY township_code, rank, deputy_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*PeriodItem{}
	for rows.Next() {
		var it PeriodItem
		var t, w string
		if err := rows.Scan(&it.DeputyID, &it.Name, &it.Township, &it.Points, &it.Rank, &it.Compliant, &it.Grade, &t, &w); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(t), &it.Targets); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(w), &it.Warnings); err != nil {
			return nil, err
		}
		out = append(out, &it)
	}
	return out, rows.Err()
}

// Finalize closes a publication once its correction window has passed and
// every request is answered (staff of the period's scope).
func (s *Service) Finalize(ctx context.Context, p *auth.Principal, id int64) (*Period, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		pd, err := loadPeriod(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if !p.Covers(pd.Scope) {
			return errs.ForbiddenErr()
		}
		if pd.Status != PeriodOpen {
			return errs.ConflictErr("status", "duty.err.period_final")
		}
		if s.Today() <= pd.CorrectionUntil {
			return errs.ConflictErr("correction_until", "duty.err.window_open", pd.CorrectionUntil)
		}
		var pending int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM duty_corrections WHERE period_id = $1 AND status = 'pending'`, id).Scan(&pending); err != nil {
			return err
		}
		if pending > 0 {
			return errs.ConflictErr("corrections", "duty.err.corrections_pending", pending)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE duty_periods SET status = 'final', final_by = $1, final_at = $2 WHERE id = $3`,
			store.NullID(p.UserID), time.Now().Unix(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "finalize", "duty_period", id, pd.Scope, "duty points made final",
			map[string]any{"status": pd.Status}, map[string]any{"status": PeriodFinal})
	})
	if err != nil {
		return nil, err
	}
	return s.GetPeriod(ctx, p, id)
}
