package duties

import (
	"context"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/store"
)

// Service is the duties domain over one database. Now is the clock: dates
// in the future are refused and warnings judged against it; tests set it.
type Service struct {
	DB  *store.DB
	Now func() time.Time
}

// New returns the service with the real clock.
func New(db *store.DB) *Service { return &Service{DB: db, Now: time.Now} }

// Today is the current date as YYYY-MM-DD.
func (s *Service) Today() string { return s.Now().Format(DateLayout) }

// DateLayout is how dates are kept.
const DateLayout = "2006-01-02"

// deputyRef is what the domain needs of a deputy.
type deputyRef struct {
	ID       int64
	Name     string
	Township string
	GroupID  int64
}

// notFoundField is a 404 that still names the field, so a form can show it
// next to the input: a deputy outside the caller's scope looks missing.
func notFoundField(field, entity string) *errs.Error {
	return errs.New(errs.NotFound, "not_found", field, "err.not_found", i18n.M(entity))
}

// scopedDeputy loads a deputy the caller may act for: staff within their
// scope, a deputy only themselves. Anyone else gets "not found".
func scopedDeputy(ctx context.Context, q store.Querier, p *auth.Principal, id int64, field string) (*deputyRef, error) {
	if id <= 0 {
		return nil, errs.Required(field, "duty.field.deputy")
	}
	if p.Role == auth.Deputy && p.DeputyID != id {
		return nil, notFoundField(field, "duty.entity.deputy")
	}
	if !p.Role.Staff() && p.Role != auth.Deputy {
		return nil, errs.ForbiddenErr()
	}
	lo, hi := store.PrefixRange(p.Scope)
	var d deputyRef
	var group *int64
	err := q.QueryRowContext(ctx, `SELECT id, name, township_code, group_id FROM deputies
		WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi).Scan(&d.ID, &d.Name, &d.Township, &group)
	if err != nil {
		if store.NotFound(err) == store.ErrNotFound {
			return nil, notFoundField(field, "duty.entity.deputy")
		}
		return nil, err
	}
	if group != nil {
		d.GroupID = *group
	}
	return &d, nil
}
