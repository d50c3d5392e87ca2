package cases

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Constituent is who raised an opinion; private.
type Constituent struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// Case is an opinion, suggestion or motion as the API shows it.
type Case struct {
	ID           int64        `json:"id"`
	Kind         Kind         `json:"kind"`
	Township     string       `json:"township"`
	Title        string       `json:"title"`
	Body         string       `json:"body"`
	Status       Status       `json:"status"`
	Channel      string       `json:"channel,omitempty"`
	TrackingCode string       `json:"tracking_code,omitempty"`
	Constituent  *Constituent `json:"constituent,omitempty"`
	StationID    int64        `json:"station_id,omitempty"`
	Route        string       `json:"route,omitempty"`
	MergedInto   int64        `json:"merged_into,omitempty"`
	SuggestionID int64        `json:"suggestion_id,omitempty"`
	Congress     string       `json:"congress,omitempty"`
	SessionID    int64        `json:"session_id,omitempty"`
	Number       int          `json:"number,omitempty"`
	LeadDeputyID int64        `json:"lead_deputy_id,omitempty"`
	DeputyIDs    []int64      `json:"deputy_ids,omitempty"`
	CoDeputyIDs  []int64      `json:"co_deputy_ids,omitempty"`
	Hard         bool         `json:"hard"`
	LeadUnitID   int64        `json:"lead_unit_id,omitempty"`
	LeadUnit     string       `json:"lead_unit,omitempty"`
	CoUnitIDs    []int64      `json:"co_unit_ids,omitempty"`
	AssignedAt   int64        `json:"assigned_at,omitempty"`
	Due          string       `json:"due,omitempty"`
	FirstReplyAt int64        `json:"first_reply_at,omitempty"`
	ReplyAt      int64        `json:"reply_at,omitempty"`
	Grade        string       `json:"grade,omitempty"`
	Satisfaction string       `json:"satisfaction,omitempty"`
	RatedAt      int64        `json:"rated_at,omitempty"`
	Rounds       int          `json:"rounds"`
	KeyLeader    string       `json:"key_leader,omitempty"`
	PublicReply  string       `json:"public_reply,omitempty"`
	Colour       string       `json:"colour,omitempty"`
	CreatedAt    int64        `json:"created_at"`
	UpdatedAt    int64        `json:"updated_at"`
	constituent  Constituent
}

const caseCols = `c.id, c.kind, c.township_code, c.title, c.body, c.status, c.channel, c.tracking_code,
	c.constituent_name, c.constituent_phone, c.station_id, c.route, c.merged_into, c.suggestion_id,
	c.congress_code, c.session_id, c.number, c.lead_deputy_id, c.hard, c.lead_unit_id, c.assigned_at,
	c.due_date, c.first_reply_at, c.reply_at, c.grade, c.satisfaction, c.rated_at, c.rounds, c.key_leader,
	c.public_reply, c.created_at, c.updated_at`

func scanCase(row interface{ Scan(...any) error }) (*Case, error) {
	var c Case
	var tracking, congress, due, grade, sat sql.NullString
	var station, merged, sugg, session, number, lead, unit, assigned, first, reply, rated sql.NullInt64
	err := row.Scan(&c.ID, &c.Kind, &c.Township, &c.Title, &c.Body, &c.Status, &c.Channel, &tracking,
		&c.constituent.Name, &c.constituent.Phone, &station, &c.Route, &merged, &sugg,
		&congress, &session, &number, &lead, &c.Hard, &unit, &assigned,
		&due, &first, &reply, &grade, &sat, &rated, &c.Rounds, &c.KeyLeader,
		&c.PublicReply, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	c.TrackingCode, c.Congress, c.Due, c.Grade, c.Satisfaction = tracking.String, congress.String, due.String, grade.String, sat.String
	c.StationID, c.MergedInto, c.SuggestionID, c.SessionID = station.Int64, merged.Int64, sugg.Int64, session.Int64
	c.Number, c.LeadDeputyID, c.LeadUnitID, c.AssignedAt = int(number.Int64), lead.Int64, unit.Int64, assigned.Int64
	c.FirstReplyAt, c.ReplyAt, c.RatedAt = first.Int64, reply.Int64, rated.Int64
	c.DeputyIDs = []int64{}
	return &c, nil
}

// Closed reports whether the case counts as closed at a time: its latest
// reply rated satisfied or basic, or not rated within the rating window.
func (c *Case) Closed(now time.Time, cfg Config) bool {
	if c.ReplyAt == 0 {
		return false
	}
	if c.Satisfaction != "" {
		return c.Satisfaction == Satisfied || c.Satisfaction == Basic
	}
	return c.ReplyAt+int64(cfg.RatingWindowDays)*86400 <= now.Unix()
}

// colour is the follow-up colour of an open item: green, amber (due within
// the amber threshold) or red (overdue); empty when nothing is owed.
func colour(status Status, due string, now time.Time, cfg Config) string {
	if !status.Open() || due == "" {
		return ""
	}
	d, err := time.ParseInLocation("2006-01-02", due, now.Location())
	if err != nil {
		return ""
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch left := int(d.Sub(today).Hours() / 24); {
	case left < 0:
		return "red"
	case left <= cfg.AmberDays:
		return "amber"
	}
	return "green"
}

// finish fills what the caller may see: the constituent only for those who
// may, the colour, and the deputies and units on the case.
func (s *Service) finish(ctx context.Context, q store.Querier, p *auth.Principal, c *Case) error {
	if c.Kind == Opinion && seesContact(p) {
		ct := c.constituent
		c.Constituent = &ct
	}
	c.Colour = colour(c.Status, c.Due, s.now(), s.ConfigFor(ctx, c.Township))
	if c.LeadUnitID != 0 {
		if err := q.QueryRowContext(ctx, `SELECT name FROM units WHERE id = $1`, c.LeadUnitID).Scan(&c.LeadUnit); err != nil {
			return err
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT deputy_id, role FROM case_deputies WHERE case_id = $1 ORDER BY role, deputy_id`, c.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var role string
		if err := rows.Scan(&id, &role); err != nil {
			rows.Close()
			return err
		}
		c.DeputyIDs = append(c.DeputyIDs, id)
		if role == "co" {
			c.CoDeputyIDs = append(c.CoDeputyIDs, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT unit_id FROM case_units WHERE case_id = $1 AND active AND role = 'co' ORDER BY id`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		c.CoUnitIDs = append(c.CoUnitIDs, id)
	}
	return rows.Err()
}

// Get returns a case the caller may see; anything else is not found.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id int64) (*Case, error) {
	c, err := s.load(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	return c, s.finish(ctx, s.DB.R, p, c)
}

// load reads a case within the caller's scope (in a transaction when q is
// one), without its deputies and units.
func (s *Service) load(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Case, error) {
	var w where
	scopeCases(&w, p)
	w.add("c.id = ?", id)
	c, err := scanCase(q.QueryRowContext(ctx, `SELECT `+caseCols+` FROM cases c WHERE `+w.sql(), w.args...))
	if err == store.ErrNotFound {
		return nil, errs.NotFoundErr("cases.entity.case")
	}
	return c, err
}

// snapshot is what the audit log keeps of a case before and after a change.
func snapshot(c *Case) map[string]any {
	return map[string]any{"status": c.Status, "route": c.Route, "lead_unit_id": c.LeadUnitID, "due": c.Due,
		"grade": c.Grade, "satisfaction": c.Satisfaction, "rounds": c.Rounds, "merged_into": c.MergedInto,
		"key_leader": c.KeyLeader}
}
