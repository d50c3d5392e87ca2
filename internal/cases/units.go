package cases

import (
	"context"
	"database/sql"
	"strings"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// UnitKinds are the kinds of handling unit (DESIGN.md §1).
var UnitKinds = []string{"department", "court", "procuratorate", "township_government", "street_office", "other"}

// Unit is a handling unit (承办单位).
type Unit struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Jurisdiction string `json:"jurisdiction"`
	Phone        string `json:"phone,omitempty"`
	CreatedAt    int64  `json:"created_at"`
}

// NewUnit is what creating a unit takes.
type NewUnit struct {
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Jurisdiction string `json:"jurisdiction"`
	Phone        string `json:"phone,omitempty"`
}

func validUnitKind(k string) bool { return oneOf(k, UnitKinds) }

// CreateUnit adds a handling unit. County staff (and admins) create the
// units of their county and its townships.
func (s *Service) CreateUnit(ctx context.Context, p *auth.Principal, in NewUnit) (*Unit, error) {
	if !p.Is(auth.Admin, auth.County) {
		return nil, errs.ForbiddenErr()
	}
	in.Name = strings.TrimSpace(in.Name)
	in.Phone = strings.TrimSpace(in.Phone)
	if in.Name == "" {
		return nil, errs.Required("name", "cases.field.unit_name")
	}
	if err := errs.MaxLen("name", "cases.field.unit_name", in.Name, 60); err != nil {
		return nil, err
	}
	if in.Kind == "" {
		return nil, errs.Required("kind", "cases.field.unit_kind")
	}
	if !validUnitKind(in.Kind) {
		return nil, errs.Field("kind", "invalid_kind", "cases.err.unit_kind", strings.Join(UnitKinds, "、"))
	}
	if in.Phone != "" && !validPhone(in.Phone) {
		return nil, errs.Field("phone", "invalid_phone", "cases.err.phone")
	}
	code, err := jurisdiction.Normalize(strings.TrimSpace(in.Jurisdiction))
	if in.Jurisdiction == "" {
		return nil, errs.Required("jurisdiction", "cases.field.jurisdiction")
	}
	if err != nil || (len(code) != 6 && len(code) != 9) {
		return nil, errs.Field("jurisdiction", "invalid_code", "cases.err.unit_jurisdiction")
	}
	if !p.Covers(code) {
		return nil, errs.Field("jurisdiction", "out_of_scope", "err.scope_outside")
	}
	if _, err := jurisdiction.Get(ctx, s.DB.R, code); err != nil {
		if err == store.ErrNotFound {
			return nil, errs.Field("jurisdiction", "unknown_code", "err.code_unknown", code)
		}
		return nil, err
	}
	in.Jurisdiction = code
	now := s.now().Unix()
	u := &Unit{Name: in.Name, Kind: in.Kind, Jurisdiction: code, Phone: in.Phone, CreatedAt: now}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO units (jurisdiction_code, name, kind, phone, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, code, in.Name, in.Kind, in.Phone, now).Scan(&u.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "cases.err.unit_exists", in.Name)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "unit", u.ID, code, u.Name, nil, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

const unitCols = `id, name, kind, jurisdiction_code, phone, created_at`

func scanUnit(row interface{ Scan(...any) error }) (*Unit, error) {
	var u Unit
	if err := row.Scan(&u.ID, &u.Name, &u.Kind, &u.Jurisdiction, &u.Phone, &u.CreatedAt); err != nil {
		return nil, store.NotFound(err)
	}
	return &u, nil
}

// scopeUnits narrows a query on units (aliased u): units of the caller's
// jurisdiction and, below the county, of their county too (township staff
// see the county's departments they hand matters to); a unit account sees
// itself.
func scopeUnits(w *where, p *auth.Principal) {
	if p.Is(auth.Unit) {
		w.add("u.id = ?", p.UnitID)
		return
	}
	lo, hi := store.PrefixRange(p.Scope)
	if len(p.Scope) > 6 {
		w.add("((u.jurisdiction_code >= ? AND u.jurisdiction_code < ?) OR u.jurisdiction_code = ?)", lo, hi, p.Scope[:6])
		return
	}
	w.add("u.jurisdiction_code >= ? AND u.jurisdiction_code < ?", lo, hi)
}

// UnitFilter narrows ListUnits.
type UnitFilter struct {
	Kind         string
	Query        string
	Jurisdiction string
	After        int64
	Limit        int
}

// ListUnits lists the units the caller may see, by id, and the cursor of the
// next page (0 at the end).
func (s *Service) ListUnits(ctx context.Context, p *auth.Principal, f UnitFilter) ([]*Unit, int64, error) {
	var w where
	scopeUnits(&w, p)
	if f.Kind != "" {
		w.add("u.kind = ?", f.Kind)
	}
	if f.Query != "" {
		w.add(`u.name LIKE ? ESCAPE '\'`, store.LikeContains(f.Query))
	}
	if f.Jurisdiction != "" {
		lo, hi := store.PrefixRange(f.Jurisdiction)
		w.add("u.jurisdiction_code >= ? AND u.jurisdiction_code < ?", lo, hi)
	}
	if f.After > 0 {
		w.add("u.id > ?", f.After)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT `+unitCols+` FROM units u WHERE `+w.sql()+
		` ORDER BY u.id LIMIT `+w.arg(limit+1), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, u)
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, rows.Err()
}

// GetUnit returns a unit the caller may see.
func (s *Service) GetUnit(ctx context.Context, p *auth.Principal, id int64) (*Unit, error) {
	return getUnit(ctx, s.DB.R, p, id)
}

func getUnit(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Unit, error) {
	var w where
	scopeUnits(&w, p)
	w.add("u.id = ?", id)
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units u WHERE `+w.sql(), w.args...))
	if err == store.ErrNotFound {
		return nil, errs.NotFoundErr("cases.entity.unit")
	}
	return u, err
}

// UnitAccount is what creating a unit's account takes.
type UnitAccount struct {
	Username    string `json:"username"`
	Password    string `json:"password"`
	DisplayName string `json:"display_name"`
	Phone       string `json:"phone"`
}

// CreateUnitAccount makes an account of role unit bound to the unit, scoped
// to the unit's jurisdiction, so it sees only what is assigned to the unit.
func (s *Service) CreateUnitAccount(ctx context.Context, svc *auth.Service, p *auth.Principal, unitID int64, in UnitAccount) (*auth.User, error) {
	if !p.Is(auth.Admin, auth.County) {
		return nil, errs.ForbiddenErr()
	}
	u, err := s.GetUnit(ctx, p, unitID)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(in.DisplayName)
	if name == "" {
		name = u.Name
	}
	return svc.CreateUser(ctx, p, auth.NewUser{Username: in.Username, Password: in.Password, DisplayName: name,
		Role: auth.Unit, Scope: u.Jurisdiction, UnitID: u.ID, Phone: in.Phone})
}
