package cases

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Campaign is an advice campaign (建言献策): a theme, a collection window,
// and the deputies' advice, each adopted or not.
type Campaign struct {
	ID           int64   `json:"id"`
	Jurisdiction string  `json:"jurisdiction"`
	Theme        string  `json:"theme"`
	Description  string  `json:"description"`
	OpensOn      string  `json:"opens_on"`
	ClosesOn     string  `json:"closes_on"`
	AdviceCount  int     `json:"advice_count"`
	AdoptedCount int     `json:"adopted_count"`
	AdoptionRate float64 `json:"adoption_rate"`
	DeputyCount  int     `json:"deputy_count"`
}

// Advice is one piece of a deputy's advice to a campaign.
type Advice struct {
	ID         int64  `json:"id"`
	CampaignID int64  `json:"campaign_id"`
	DeputyID   int64  `json:"deputy_id"`
	Deputy     string `json:"deputy,omitempty"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	Adopted    bool   `json:"adopted"`
	CreatedAt  int64  `json:"created_at"`
}

// scopeCampaigns: campaigns of the caller's jurisdiction, and below the
// county also the county's own campaigns, which its deputies answer.
func scopeCampaigns(w *where, p *auth.Principal) {
	lo, hi := store.PrefixRange(p.Scope)
	if len(p.Scope) > 6 {
		w.add("((g.township_code >= ? AND g.township_code < ?) OR g.township_code = ?)", lo, hi, p.Scope[:6])
		return
	}
	w.add("g.township_code >= ? AND g.township_code < ?", lo, hi)
}

// CreateCampaign opens a campaign of a county or township.
func (s *Service) CreateCampaign(ctx context.Context, p *auth.Principal, in Campaign) (*Campaign, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	in.Theme, in.Description, in.Jurisdiction = trim(in.Theme), trim(in.Description), trim(in.Jurisdiction)
	if in.Jurisdiction == "" {
		in.Jurisdiction = p.Scope
	}
	if code, err := jurisdiction.Normalize(in.Jurisdiction); err != nil || (len(code) != 6 && len(code) != 9) {
		return nil, errs.Field("jurisdiction", "invalid_code", "cases.err.unit_jurisdiction")
	}
	if !p.Covers(in.Jurisdiction) {
		return nil, errs.Field("jurisdiction", "out_of_scope", "err.scope_outside")
	}
	if in.Theme == "" {
		return nil, errs.Required("theme", "cases.field.theme")
	}
	if err := errs.MaxLen("theme", "cases.field.theme", in.Theme, 100); err != nil {
		return nil, err
	}
	if err := errs.MaxLen("description", "cases.field.description", in.Description, 5000); err != nil {
		return nil, err
	}
	for _, d := range []struct{ field, v string }{{"opens_on", in.OpensOn}, {"closes_on", in.ClosesOn}} {
		if d.v == "" {
			return nil, errs.Required(d.field, "cases.field."+d.field)
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return nil, errs.Field(d.field, "invalid_date", "err.date_format", d.v)
		}
	}
	if in.ClosesOn < in.OpensOn {
		return nil, errs.Field("closes_on", "before_open", "cases.err.window")
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		now := s.now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (township_code, theme, description, opens_on, closes_on, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, in.Jurisdiction, in.Theme, in.Description, in.OpensOn, in.ClosesOn, now).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "campaign", in.ID, in.Jurisdiction, in.Theme, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

const campaignQuery = `SELECT g.id, g.township_code, g.theme, g.description, g.opens_on, g.closes_on,
	(SELECT COUNT(*) FROM advice a WHERE a.campaign_id = g.id),
	(SELECT COUNT(*) FROM advice a WHERE a.campaign_id = g.id AND a.adopted),
	(SELECT COUNT(DISTINCT a.deputy_id) FROM advice a WHERE a.campaign_id = g.id)
	FROM campaigns g WHERE `

func scanCampaign(row interface{ Scan(...any) error }) (*Campaign, error) {
	var c Campaign
	if err := row.Scan(&c.ID, &c.Jurisdiction, &c.Theme, &c.Description, &c.OpensOn, &c.ClosesOn, &c.AdviceCount, &c.AdoptedCount, &c.DeputyCount); err != nil {
		return nil, store.NotFound(err)
	}
	c.AdoptionRate = rate(c.AdoptedCount, c.AdviceCount)
	return &c, nil
}

// GetCampaign returns a campaign with its figures.
func (s *Service) GetCampaign(ctx context.Context, p *auth.Principal, id int64) (*Campaign, error) {
	return s.campaign(ctx, s.DB.R, p, id)
}

func (s *Service) campaign(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Campaign, error) {
	if p.Is(auth.Unit) {
		return nil, errs.NotFoundErr("cases.entity.campaign")
	}
	var w where
	scopeCampaigns(&w, p)
	w.add("g.id = ?", id)
	c, err := scanCampaign(q.QueryRowContext(ctx, campaignQuery+w.sql(), w.args...))
	if err == store.ErrNotFound {
		return nil, errs.NotFoundErr("cases.entity.campaign")
	}
	return c, err
}

// ListCampaigns lists the campaigns the caller may see, newest first.
func (s *Service) ListCampaigns(ctx context.Context, p *auth.Principal) ([]*Campaign, error) {
	if p.Is(auth.Unit) {
		return []*Campaign{}, nil
	}
	var w where
	scopeCampaigns(&w, p)
	rows, err := s.DB.R.QueryContext(ctx, campaignQuery+w.sql()+` ORDER BY g.opens_on DESC, g.id DESC LIMIT 200`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*Campaign{}
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// GiveAdvice adds a deputy's advice to an open campaign (the deputy, or
// staff for them) and makes the deputy's duty record of kind advice.
func (s *Service) GiveAdvice(ctx context.Context, p *auth.Principal, campaignID int64, in Advice) (*Advice, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Deputy) {
		return nil, errs.ForbiddenErr()
	}
	if p.Is(auth.Deputy) {
		if in.DeputyID == 0 {
			in.DeputyID = p.DeputyID
		}
		if in.DeputyID != p.DeputyID {
			return nil, errs.Field("deputy_id", "not_self", "cases.err.advice_self")
		}
	}
	in.Title, in.Body = trim(in.Title), trim(in.Body)
	if in.DeputyID == 0 {
		return nil, errs.Required("deputy_id", "cases.field.deputy")
	}
	if in.Title == "" {
		return nil, errs.Required("title", "cases.field.title")
	}
	if in.Body == "" {
		return nil, errs.Required("body", "cases.field.body")
	}
	if err := errs.MaxLen("title", "cases.field.title", in.Title, 100); err != nil {
		return nil, err
	}
	if err := errs.MaxLen("body", "cases.field.body", in.Body, 5000); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.campaign(ctx, tx, p, campaignID)
		if err != nil {
			return err
		}
		today := s.now().Format(time.DateOnly)
		if today < c.OpensOn || today > c.ClosesOn {
			return errs.ConflictErr("", "cases.err.campaign_closed", c.OpensOn, c.ClosesOn)
		}
		lo, hi := store.PrefixRange(c.Jurisdiction)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code >= $2 AND township_code < $3`,
			in.DeputyID, lo, hi).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("deputy_id", "unknown_deputy", "cases.err.deputy", in.DeputyID)
		}
		now := s.now()
		in.CampaignID, in.CreatedAt = c.ID, now.Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO advice (campaign_id, deputy_id, title, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			c.ID, in.DeputyID, in.Title, in.Body, in.CreatedAt).Scan(&in.ID); err != nil {
			return err
		}
		if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: in.DeputyID, Kind: duties.Advice, Date: now.Format(time.DateOnly),
			Title: c.Theme + "：" + in.Title, Source: "advice", SourceID: in.ID}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "advice", in.ID, c.Jurisdiction, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// Adopt marks a piece of advice adopted or not (staff of the campaign).
func (s *Service) Adopt(ctx context.Context, p *auth.Principal, adviceID int64, adopted bool) (*Advice, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	var out Advice
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		lo, hi := store.PrefixRange(p.Scope)
		err := tx.QueryRowContext(ctx, `SELECT a.id, a.campaign_id, a.deputy_id, a.title, a.body, a.adopted, a.created_at
			FROM advice a JOIN campaigns g ON g.id = a.campaign_id
			WHERE a.id = $1 AND g.township_code >= $2 AND g.township_code < $3`, adviceID, lo, hi).
			Scan(&out.ID, &out.CampaignID, &out.DeputyID, &out.Title, &out.Body, &out.Adopted, &out.CreatedAt)
		if err != nil {
			return errs.NotFoundErr("cases.entity.advice")
		}
		c, err := s.campaign(ctx, tx, p, out.CampaignID)
		if err != nil || !p.Covers(c.Jurisdiction) {
			return errs.NotFoundErr("cases.entity.advice")
		}
		before := out.Adopted
		if _, err := tx.ExecContext(ctx, `UPDATE advice SET adopted = $1, decided_at = $2 WHERE id = $3`, adopted, s.now().Unix(), adviceID); err != nil {
			return err
		}
		out.Adopted = adopted
		return audit.Record(ctx, tx, p.Actor(ctx), "adopt", "advice", adviceID, c.Jurisdiction, out.Title,
			map[string]bool{"adopted": before}, map[string]bool{"adopted": adopted})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AdviceOf lists a campaign's advice: all of it for staff, a deputy's own
// for a deputy.
func (s *Service) AdviceOf(ctx context.Context, p *auth.Principal, campaignID int64) ([]Advice, error) {
	if _, err := s.campaign(ctx, s.DB.R, p, campaignID); err != nil {
		return nil, err
	}
	q := `SELECT a.id, a.campaign_id, a.deputy_id, d.name, a.title, a.body, a.adopted, a.created_at FROM advice a
		JOIN deputies d ON d.id = a.deputy_id WHERE a.campaign_id = $1`
	args := []any{campaignID}
	if p.Is(auth.Deputy) {
		q += ` AND a.deputy_id = $2`
		args = append(args, p.DeputyID)
	} else if !p.Role.Staff() {
		return []Advice{}, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, q+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Advice{}
	for rows.Next() {
		var a Advice
		if err := rows.Scan(&a.ID, &a.CampaignID, &a.DeputyID, &a.Deputy, &a.Title, &a.Body, &a.Adopted, &a.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
