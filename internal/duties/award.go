package duties

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Award kinds (评优).
const (
	AwardExcellentDeputy = "excellent_deputy" // 优秀代表
	AwardAdvancedGroup   = "advanced_group"   // 先进代表小组
)

// Award statuses.
const (
	AwardProposed = "proposed"
	AwardAwarded  = "awarded"
	AwardRejected = "rejected"
)

// Award is a proposal or decision of an award for a year.
type Award struct {
	ID         int64   `json:"id"`
	Scope      string  `json:"scope"`
	Township   string  `json:"township"`
	Year       int     `json:"year"`
	Kind       string  `json:"kind"`
	DeputyID   int64   `json:"deputy_id,omitempty"`
	GroupID    int64   `json:"group_id,omitempty"`
	Name       string  `json:"name"`
	Points     float64 `json:"points"`
	Status     string  `json:"status"`
	Note       string  `json:"note"`
	ProposedAt int64   `json:"proposed_at"`
	DecidedAt  int64   `json:"decided_at,omitempty"`
}

// The shares proposed: the best tenth of each township's deputies who met
// every target with a good or excellent grade, and the best fifth of the
// groups whose members mostly met theirs.
const (
	deputyShare     = 0.10
	groupShare      = 0.20
	groupCompliance = 0.8
)

// ProposeAwards proposes, from a finished year's points, the excellent
// deputies of each township and the advanced groups of the scope. What was
// proposed before is left as it is.
func (s *Service) ProposeAwards(ctx context.Context, p *auth.Principal, scope string, year int) ([]*Award, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if scope == "" {
		scope = p.Scope
	}
	if len(scope) != 6 && len(scope) != 9 {
		return nil, errs.Field("scope", "invalid_code", "duty.err.period_scope")
	}
	if _, ok := jurisdiction.National().Get(scope); !ok || !p.Covers(scope) {
		return nil, notFoundField("scope", "entity.jurisdiction")
	}
	if year < 2000 || year >= s.Now().Year() {
		return nil, errs.Field("year", "year_not_over", "duty.err.award_year")
	}
	items, err := s.Assess(ctx, scope, year)
	if err != nil {
		return nil, err
	}
	groups, err := s.scopeGroups(ctx, scope)
	if err != nil {
		return nil, err
	}
	proposals := proposeDeputies(items)
	proposals = append(proposals, proposeGroups(items, groups)...)
	now := time.Now().Unix()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		n := 0
		for _, a := range proposals {
			res, err := tx.ExecContext(ctx, `INSERT INTO duty_awards (scope_code, township_code, year, kind, deputy_id, group_id, name, points, status, proposed_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'proposed', $9) ON CONFLICT DO NOTHING`,
				scope, a.Township, year, a.Kind, store.NullID(a.DeputyID), store.NullID(a.GroupID), a.Name, a.Points, now)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "propose", "duty_award", fmt.Sprintf("%s/%d", scope, year), scope,
			fmt.Sprintf("%d awards proposed from %d points", n, year), nil, map[string]any{"proposed": n})
	})
	if err != nil {
		return nil, err
	}
	return s.ListAwards(ctx, p, year)
}

func proposeDeputies(items []*Item) []*Award {
	by := map[string][]*Item{}
	for _, it := range items {
		by[it.Township] = append(by[it.Township], it)
	}
	var out []*Award
	for town, its := range by {
		quota := int(math.Ceil(float64(len(its)) * deputyShare))
		for _, it := range its { // already best first within the township
			if quota == 0 {
				break
			}
			if it.Compliant && (it.Grade == GradeExcellent || it.Grade == GradeGood) {
				out = append(out, &Award{Township: town, Kind: AwardExcellentDeputy, DeputyID: it.DeputyID, Name: it.Name, Points: it.Points})
				quota--
			}
		}
	}
	return out
}

type groupRef struct {
	id             int64
	name, township string
}

func proposeGroups(items []*Item, groups map[int64]groupRef) []*Award {
	type agg struct {
		n, compliant int
		points       float64
	}
	sum := map[int64]*agg{}
	for _, it := range items {
		if it.GroupID == 0 {
			continue
		}
		a := sum[it.GroupID]
		if a == nil {
			a = &agg{}
			sum[it.GroupID] = a
		}
		a.n++
		a.points += it.Points
		if it.Compliant {
			a.compliant++
		}
	}
	var cands []*Award
	for id, a := range sum {
		g, ok := groups[id]
		if !ok || float64(a.compliant)/float64(a.n) < groupCompliance {
			continue
		}
		cands = append(cands, &Award{Township: g.township, Kind: AwardAdvancedGroup, GroupID: id, Name: g.name,
			Points: math.Round(a.points/float64(a.n)*10) / 10})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].Points != cands[j].Points {
			return cands[i].Points > cands[j].Points
		}
		return cands[i].GroupID < cands[j].GroupID
	})
	quota := int(math.Ceil(float64(len(sum)) * groupShare))
	return cands[:min(quota, len(cands))]
}

func (s *Service) scopeGroups(ctx context.Context, scope string) (map[int64]groupRef, error) {
	lo, hi := store.PrefixRange(scope)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name, township_code FROM deputy_groups WHERE township_code >= $1 AND township_code < $2`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]groupRef{}
	for rows.Next() {
		var g groupRef
		if err := rows.Scan(&g.id, &g.name, &g.township); err != nil {
			return nil, err
		}
		out[g.id] = g
	}
	return out, rows.Err()
}

const awardCols = `id, scope_code, township_code, year, kind, COALESCE(deputy_id, 0), COALESCE(group_id, 0), name, points, status, note, proposed_at, COALESCE(decided_at, 0)`

func scanAwards(rows *sql.Rows) ([]*Award, error) {
	defer rows.Close()
	out := []*Award{}
	for rows.Next() {
		var a Award
		if err := rows.Scan(&a.ID, &a.Scope, &a.Township, &a.Year, &a.Kind, &a.DeputyID, &a.GroupID, &a.Name, &a.Points,
			&a.Status, &a.Note, &a.ProposedAt, &a.DecidedAt); err != nil {
			return nil, err
		}
		out = append(out, &a)
	}
	return out, rows.Err()
}

// ListAwards lists the awards of a year in the caller's scope (staff).
func (s *Service) ListAwards(ctx context.Context, p *auth.Principal, year int) ([]*Award, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT `+awardCols+` FROM duty_awards
		WHERE township_code >= $1 AND township_code < $2 AND year = $3 ORDER BY kind DESC, township_code, points DESC, id`, lo, hi, year)
	if err != nil {
		return nil, err
	}
	return scanAwards(rows)
}

// DecideAward awards or rejects a proposal (staff of its township or
// county).
func (s *Service) DecideAward(ctx context.Context, p *auth.Principal, id int64, award bool, note string) (*Award, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	note = strings.TrimSpace(note)
	if err := errs.MaxLen("note", "duty.field.note", note, 500); err != nil {
		return nil, err
	}
	var out *Award
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		lo, hi := store.PrefixRange(p.Scope)
		rows, err := tx.QueryContext(ctx, `SELECT `+awardCols+` FROM duty_awards WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi)
		if err != nil {
			return err
		}
		list, err := scanAwards(rows)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return errs.NotFoundErr("duty.entity.award")
		}
		a := list[0]
		if a.Status != AwardProposed {
			return errs.ConflictErr("status", "duty.err.award_decided")
		}
		status := AwardRejected
		if award {
			status = AwardAwarded
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE duty_awards SET status = $1, note = $2, decided_by = $3, decided_at = $4 WHERE id = $5`,
			status, note, store.NullID(p.UserID), now, id); err != nil {
			return err
		}
		before := *a
		a.Status, a.Note, a.DecidedAt = status, note, now
		out = a
		return audit.Record(ctx, tx, p.Actor(ctx), "decide", "duty_award", id, a.Township, "award "+status+": "+a.Name, before, a)
	})
	return out, err
}

// deputyAwards lists the awards given to a deputy (for the archive).
func deputyAwards(ctx context.Context, q store.Querier, deputyID int64, groupID int64) ([]*Award, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+awardCols+` FROM duty_awards
		WHERE status = 'awarded' AND (deputy_id = $1 OR group_id = $2) ORDER BY year, id`, deputyID, groupID)
	if err != nil {
		return nil, err
	}
	return scanAwards(rows)
}
