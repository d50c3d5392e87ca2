package deputies

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

// DeputyGroup is a deputy group (代表小组) or a delegation (代表团, in
// recess 代表联组) with its leader.
type DeputyGroup struct {
	ID           int64     `json:"id"`
	Township     string    `json:"township"`
	TownshipName string    `json:"township_name"`
	Name         string    `json:"name"`
	Kind         GroupKind `json:"kind"`
	Leader       *Ref      `json:"leader"`
	Members      int       `json:"members"`
	CreatedAt    int64     `json:"created_at"`
	UpdatedAt    int64     `json:"updated_at"`
}

// GroupInput creates or changes a group; nil is left as it is.
type GroupInput struct {
	Township *string `json:"township,omitempty"`
	Name     *string `json:"name,omitempty"`
	Kind     *string `json:"kind,omitempty"`
	LeaderID *int64  `json:"leader_id,omitempty"` // 0 clears the leader
}

const groupCols = `g.id, g.township_code, g.name, g.kind, g.leader_deputy_id, l.name, g.created_at, g.updated_at,
	(SELECT COUNT(*) FROM deputies m WHERE m.group_id = g.id)`

const groupFrom = ` FROM deputy_groups g LEFT JOIN deputies l ON l.id = g.leader_deputy_id`

func scanGroup(row interface{ Scan(...any) error }) (*DeputyGroup, error) {
	var g DeputyGroup
	var lid sql.NullInt64
	var lname sql.NullString
	if err := row.Scan(&g.ID, &g.Township, &g.Name, &g.Kind, &lid, &lname, &g.CreatedAt, &g.UpdatedAt, &g.Members); err != nil {
		return nil, store.NotFound(err)
	}
	if lid.Valid {
		g.Leader = &Ref{lid.Int64, lname.String}
	}
	g.TownshipName = unitName(g.Township)
	return &g, nil
}

// orgReadable reports whether p may see the organisation of a township:
// staff within their scope, and liaison officers and deputies of it.
func orgReadable(p *auth.Principal, township string) bool {
	return p != nil && p.Covers(township) && p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)
}

// ListGroups lists the groups and delegations p may see, within township
// ("" for the caller's whole scope), by township and name.
func ListGroups(ctx context.Context, q store.Querier, p *auth.Principal, township string) ([]*DeputyGroup, error) {
	w, err := orgScope(p, township, "g")
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+groupCols+groupFrom+w.String()+` ORDER BY g.township_code, g.kind DESC, g.name LIMIT 2000`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*DeputyGroup
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// orgScope is the WHERE of an organisation listing (groups, stations,
// districts) for p, on the table aliased a.
func orgScope(p *auth.Principal, township, a string) (*sqlWhere, error) {
	scope := p.Scope
	if township != "" {
		if !p.Covers(township) && !strings.HasPrefix(p.Scope, township) {
			return nil, errs.NotFoundErr("entity.jurisdiction")
		}
		if len(township) > len(scope) {
			scope = township
		}
	}
	if !orgReadable(p, scope) && !(p != nil && p.Role.Staff()) {
		return nil, errs.ForbiddenErr()
	}
	w := &sqlWhere{}
	lo, hi := store.PrefixRange(scope)
	w.add(a+".township_code >= ? AND "+a+".township_code < ?", lo, hi)
	return w, nil
}

// GetGroup returns a group p may see.
func GetGroup(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*DeputyGroup, error) {
	g, err := scanGroup(q.QueryRowContext(ctx, `SELECT `+groupCols+groupFrom+` WHERE g.id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !orgReadable(p, g.Township)) {
		return nil, errs.NotFoundErr("deputy.entity_group")
	}
	return g, err
}

// CreateGroup adds a group or delegation.
func CreateGroup(ctx context.Context, db *store.DB, p *auth.Principal, in GroupInput) (*DeputyGroup, error) {
	g := &DeputyGroup{Kind: Group}
	if in.Township != nil {
		g.Township = strings.TrimSpace(*in.Township)
	}
	if err := checkTownship(p, g.Township); err != nil {
		return nil, err
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if err := applyGroup(g, &in); err != nil {
			return err
		}
		now := time.Now().Unix()
		err := tx.QueryRowContext(ctx, `INSERT INTO deputy_groups (township_code, name, kind, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $4) RETURNING id`, g.Township, g.Name, string(g.Kind), now).Scan(&g.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "deputy.err.group_taken", g.Name)
		}
		if err != nil {
			return err
		}
		g.CreatedAt, g.UpdatedAt, g.TownshipName = now, now, unitName(g.Township)
		if err := setLeader(ctx, tx, p, g, in.LeaderID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "deputy_group", g.ID, g.Township, g.Name, nil, g)
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

func applyGroup(g *DeputyGroup, in *GroupInput) error {
	set(&g.Name, in.Name)
	if in.Kind != nil {
		k := GroupKind(strings.TrimSpace(*in.Kind))
		if !k.Valid() {
			return errs.Field("kind", "invalid_kind", "deputy.err.group_kind")
		}
		g.Kind = k
	}
	if g.Name == "" {
		return errs.Required("name", "deputy.field.group_name")
	}
	return errs.MaxLen("name", "deputy.field.group_name", g.Name, 50)
}

// setLeader makes a deputy of the group's township its leader, and a member.
func setLeader(ctx context.Context, tx *sql.Tx, p *auth.Principal, g *DeputyGroup, leaderID *int64) error {
	if leaderID == nil {
		return nil
	}
	if *leaderID == 0 {
		g.Leader = nil
		_, err := tx.ExecContext(ctx, `UPDATE deputy_groups SET leader_deputy_id = NULL WHERE id = $1`, g.ID)
		return err
	}
	var name, township string
	var gid sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT name, township_code, group_id FROM deputies WHERE id = $1`, *leaderID).Scan(&name, &township, &gid)
	if err == sql.ErrNoRows || (err == nil && township != g.Township) {
		return errs.Field("leader_id", "unknown_deputy", "deputy.err.leader")
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE deputy_groups SET leader_deputy_id = $1 WHERE id = $2`, *leaderID, g.ID); err != nil {
		return err
	}
	if gid.Int64 != g.ID {
		if _, err := tx.ExecContext(ctx, `UPDATE deputies SET group_id = $1, updated_at = $2 WHERE id = $3`, g.ID, time.Now().Unix(), *leaderID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p.Actor(ctx), "update", "deputy", *leaderID, township, name,
			map[string]any{"group_id": gid.Int64}, map[string]any{"group_id": g.ID}); err != nil {
			return err
		}
		g.Members++
	}
	g.Leader = &Ref{*leaderID, name}
	return nil
}

// UpdateGroup renames a group, changes its kind or its leader.
func UpdateGroup(ctx context.Context, db *store.DB, p *auth.Principal, id int64, in GroupInput) (*DeputyGroup, error) {
	var out *DeputyGroup
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		g, err := scanGroup(tx.QueryRowContext(ctx, `SELECT `+groupCols+groupFrom+` WHERE g.id = $1`, id))
		if err == store.ErrNotFound || (err == nil && !p.Covers(g.Township)) {
			return errs.NotFoundErr("deputy.entity_group")
		}
		if err != nil {
			return err
		}
		if !writable(p, g.Township) {
			return errs.ForbiddenErr()
		}
		if in.Township != nil && strings.TrimSpace(*in.Township) != g.Township {
			return errs.Field("township", "fixed", "deputy.err.township_fixed")
		}
		before := *g
		if err := applyGroup(g, &in); err != nil {
			return err
		}
		g.UpdatedAt = time.Now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE deputy_groups SET name = $1, kind = $2, updated_at = $3 WHERE id = $4`,
			g.Name, string(g.Kind), g.UpdatedAt, g.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "deputy.err.group_taken", g.Name)
		}
		if err != nil {
			return err
		}
		if err := setLeader(ctx, tx, p, g, in.LeaderID); err != nil {
			return err
		}
		out = g
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "deputy_group", g.ID, g.Township, g.Name, before, g)
	})
	return out, err
}
