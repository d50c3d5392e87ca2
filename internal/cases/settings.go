package cases

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
)

// Settings are the rules a county sets for its follow-up and figures.
type Settings struct {
	County           string `json:"county"`
	AmberDays        int    `json:"amber_days"`
	RatingWindowDays int    `json:"rating_window_days"`
}

// settingsTTL bounds how long an instance trusts its copy of a county's
// settings, so a change made on another instance applies within a minute.
const settingsTTL = time.Minute

type cachedConfig struct {
	cfg Config
	at  time.Time
}

// ConfigFor returns the rules in force for a code's county: the service's
// defaults with the county's own thresholds over them.
func (s *Service) ConfigFor(ctx context.Context, code string) Config {
	cfg := s.Config
	if len(code) < 6 {
		return cfg
	}
	county := code[:6]
	if c, ok := s.settings.Load(county); ok && time.Since(c.(cachedConfig).at) < settingsTTL {
		return c.(cachedConfig).cfg
	}
	var amber, window int
	err := s.DB.R.QueryRowContext(ctx, `SELECT amber_days, rating_window_days FROM case_settings WHERE county_code = $1`, county).Scan(&amber, &window)
	if err == nil {
		cfg.AmberDays, cfg.RatingWindowDays = amber, window
	}
	if err == nil || err == sql.ErrNoRows {
		s.settings.Store(county, cachedConfig{cfg: cfg, at: time.Now()})
	}
	return cfg
}

// GetSettings returns a county's settings (the defaults if it set none).
func (s *Service) GetSettings(ctx context.Context, p *auth.Principal, county string) (*Settings, error) {
	if county == "" && len(p.Scope) >= 6 {
		county = p.Scope[:6]
	}
	if len(county) != 6 {
		return nil, errs.Field("county", "invalid_code", "cases.err.county_code")
	}
	if !p.Covers(county) && !(len(p.Scope) > 6 && p.Scope[:6] == county) {
		return nil, errs.NotFoundErr("cases.entity.settings")
	}
	cfg := s.ConfigFor(ctx, county)
	return &Settings{County: county, AmberDays: cfg.AmberDays, RatingWindowDays: cfg.RatingWindowDays}, nil
}

// SetSettings stores a county's thresholds (county staff).
func (s *Service) SetSettings(ctx context.Context, p *auth.Principal, in Settings) (*Settings, error) {
	if !p.Is(auth.Admin, auth.County) {
		return nil, errs.ForbiddenErr()
	}
	if in.County == "" {
		in.County = p.Scope
	}
	if len(in.County) != 6 {
		return nil, errs.Field("county", "invalid_code", "cases.err.county_code")
	}
	if !p.Covers(in.County) {
		return nil, errs.NotFoundErr("cases.entity.settings")
	}
	if in.AmberDays < 1 || in.AmberDays > 90 {
		return nil, errs.Field("amber_days", "out_of_range", "cases.err.amber_days")
	}
	if in.RatingWindowDays < 7 || in.RatingWindowDays > 180 {
		return nil, errs.Field("rating_window_days", "out_of_range", "cases.err.rating_window")
	}
	before, err := s.GetSettings(ctx, p, in.County)
	if err != nil {
		return nil, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_settings (county_code, amber_days, rating_window_days, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (county_code) DO UPDATE SET amber_days = excluded.amber_days, rating_window_days = excluded.rating_window_days,
			updated_at = excluded.updated_at`, in.County, in.AmberDays, in.RatingWindowDays, s.now().Unix()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "case_settings", in.County, in.County, "", before, in)
	})
	if err != nil {
		return nil, err
	}
	s.settings.Delete(in.County)
	return &in, nil
}
