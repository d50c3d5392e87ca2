// Package audit records every change — who, when, what, before and after —
// and lets admins and county staff browse it within their scope. Rows are
// only ever added, in the same transaction as the change they describe.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"time"

	"renda/internal/store"
)

// Actor is who made a change.
type Actor struct {
	ID        int64 // 0 for the system or the command line
	Name      string
	RequestID string
}

// System is the actor for changes made by the platform itself or the
// command line.
var System = Actor{Name: "system"}

// Entry is one recorded change.
type Entry struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   int64           `json:"actor_id,omitempty"`
	Actor     string          `json:"actor"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  string          `json:"entity_id"`
	Scope     string          `json:"scope"`
	Summary   string          `json:"summary"`
	Before    json.RawMessage `json:"before,omitempty"`
	After     json.RawMessage `json:"after,omitempty"`
	RequestID string          `json:"request_id,omitempty"`
}

// Record adds an entry inside the caller's transaction. before and after are
// marshalled to JSON; nil leaves them empty (a creation has no before).
func Record(ctx context.Context, tx store.Querier, who Actor, action, entity string, entityID any, scope, summary string, before, after any) error {
	b, err := marshal(before)
	if err != nil {
		return err
	}
	a, err := marshal(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log
		(at, actor_id, actor, action, entity, entity_id, scope_code, summary, before_json, after_json, request_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		time.Now().Unix(), store.NullID(who.ID), who.Name, action, entity, idString(entityID), scope, summary, b, a, who.RequestID)
	return err
}

func marshal(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func idString(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Filter narrows a listing. Scope is required: only entries whose scope lies
// under it are returned.
type Filter struct {
	Scope    string
	Entity   string
	EntityID string
	Actor    string
	Action   string
	From, To time.Time // To is exclusive
	Before   int64     // cursor: entries with a smaller id
	Limit    int
}

// List returns entries newest first and the cursor for the next page (0 at
// the end).
func List(ctx context.Context, q store.Querier, f Filter) ([]Entry, int64, error) {
	lo, hi := store.PrefixRange(f.Scope)
	query := `SELECT id, at, actor_id, actor, action, entity, entity_id, scope_code, summary, before_json, after_json, request_id
		FROM audit_log WHERE scope_code >= $1 AND scope_code < $2`
	args := []any{lo, hi}
	add := func(cond string, v any) {
		args = append(args, v)
		query += " AND " + cond + " $" + strconv.Itoa(len(args))
	}
	if f.Entity != "" {
		add("entity =", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id =", f.EntityID)
	}
	if f.Actor != "" {
		add("actor =", f.Actor)
	}
	if f.Action != "" {
		add("action =", f.Action)
	}
	if !f.From.IsZero() {
		add("at >=", f.From.Unix())
	}
	if !f.To.IsZero() {
		add("at <", f.To.Unix())
	}
	if f.Before > 0 {
		add("id <", f.Before)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit+1)
	query += " ORDER BY id DESC LIMIT $" + strconv.Itoa(len(args))
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var at int64
		var actorID sql.NullInt64
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, &at, &actorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Scope,
			&e.Summary, &before, &after, &e.RequestID); err != nil {
			return nil, 0, err
		}
		e.At = time.Unix(at, 0)
		e.ActorID = actorID.Int64
		if before.Valid {
			e.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			e.After = json.RawMessage(after.String)
		}
		out = append(out, e)
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, rows.Err()
}
