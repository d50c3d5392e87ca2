package deputies

import (
	"context"
	"strings"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Input is what creating or changing a deputy takes; a nil field is left as
// it is (PATCH). Seats are given on creation only; later they change one by
// one.
type Input struct {
	Township  *string     `json:"township,omitempty"`
	Name      *string     `json:"name,omitempty"`
	Gender    *string     `json:"gender,omitempty"`
	Ethnicity *string     `json:"ethnicity,omitempty"`
	BirthDate *string     `json:"birth_date,omitempty"`
	Political *string     `json:"political,omitempty"`
	Education *string     `json:"education,omitempty"`
	Employer  *string     `json:"employer,omitempty"`
	Sector    *string     `json:"sector,omitempty"`
	Skills    *string     `json:"skills,omitempty"`
	Phone     *string     `json:"phone,omitempty"`
	IDNumber  *string     `json:"id_number,omitempty"`
	GroupID   *int64      `json:"group_id,omitempty"`   // 0 takes the deputy out of their group
	StationID *int64      `json:"station_id,omitempty"` // 0 takes the deputy out of their station
	Seats     []SeatInput `json:"seats,omitempty"`
}

// SeatInput is a seat to add, or the changes to one (nil left as it is).
type SeatInput struct {
	Level        *string `json:"level,omitempty"`
	Term         *string `json:"term,omitempty"`
	DistrictID   *int64  `json:"district_id,omitempty"`
	StartDate    *string `json:"start_date,omitempty"`
	EndDate      *string `json:"end_date,omitempty"`
	Status       *string `json:"status,omitempty"`
	StatusReason *string `json:"status_reason,omitempty"`
	StatusDate   *string `json:"status_date,omitempty"`
}

// Str is a helper for building inputs: a pointer to s.
func Str(s string) *string { return &s }

// Int is a pointer to n.
func Int(n int64) *int64 { return &n }

func set(dst *string, src *string) {
	if src != nil {
		*dst = strings.TrimSpace(*src)
	}
}

// profile is the checked profile of a deputy, with the ID number's three
// stored forms.
type profile struct {
	idHash, idEnc, idMasked string
}

// applyProfile puts the input's fields on d and checks them; the first
// wrong field is returned, named.
func applyProfile(d *Deputy, in *Input, k *Keyring) (profile, error) {
	pr := profile{idHash: d.idHash, idEnc: d.idEnc, idMasked: d.IDNumber}
	set(&d.Name, in.Name)
	if in.Gender != nil {
		g, ok := ParseGender(*in.Gender)
		if !ok && strings.TrimSpace(*in.Gender) != "" {
			return pr, errs.Field("gender", "invalid_gender", "deputy.err.gender")
		}
		d.Gender = g
	}
	set(&d.Ethnicity, in.Ethnicity)
	set(&d.Political, in.Political)
	set(&d.Education, in.Education)
	set(&d.Employer, in.Employer)
	set(&d.Sector, in.Sector)
	set(&d.Skills, in.Skills)
	if in.BirthDate != nil {
		s := strings.TrimSpace(*in.BirthDate)
		d.BirthDate = ""
		if s != "" {
			date, ok := ParseDate(s)
			if !ok {
				return pr, errs.Field("birth_date", "invalid_date", "deputy.err.date", i18n.M("deputy.field.birth_date"))
			}
			d.BirthDate = date
		}
	}
	if in.Phone != nil {
		d.Phone = NormalizePhone(*in.Phone)
	}
	if d.Name == "" {
		return pr, errs.Required("name", "deputy.field.name")
	}
	if err := errs.MaxLen("name", "deputy.field.name", d.Name, 30); err != nil {
		return pr, err
	}
	if d.Gender == "" {
		return pr, errs.Required("gender", "deputy.field.gender")
	}
	for _, f := range []struct{ field, label, v string }{
		{"ethnicity", "deputy.field.ethnicity", d.Ethnicity}, {"political", "deputy.field.political", d.Political},
		{"education", "deputy.field.education", d.Education}, {"employer", "deputy.field.employer", d.Employer},
		{"sector", "deputy.field.sector", d.Sector}, {"skills", "deputy.field.skills", d.Skills},
	} {
		if err := errs.MaxLen(f.field, f.label, f.v, 200); err != nil {
			return pr, err
		}
	}
	if d.Phone == "" {
		return pr, errs.Required("phone", "deputy.field.phone")
	}
	if !ValidPhone(d.Phone) {
		return pr, errs.Field("phone", "invalid_phone", "deputy.err.phone")
	}
	if in.IDNumber == nil && in.BirthDate != nil && d.BirthDate != "" && d.idEnc != "" {
		// A birth date changed alone must still agree with the ID number.
		id, err := k.Open(d.idEnc)
		if err != nil {
			return pr, err
		}
		if born, _ := IDBirthDate(id); born != d.BirthDate {
			return pr, errs.Field("birth_date", "birth_date_mismatch", "deputy.err.birth_mismatch", born)
		}
	}
	if in.IDNumber != nil {
		id := NormalizeIDNumber(*in.IDNumber)
		switch {
		case id == "":
			pr = profile{}
		case strings.Contains(id, "*"):
			// The mask sent back unchanged (an edit form, an exported sheet).
			if id != pr.idMasked {
				return pr, errs.Field("id_number", "invalid_id_number", "deputy.err.id_format")
			}
		default:
			if err := idNumberError("id_number", id); err != nil {
				return pr, err
			}
			pr = profile{idHash: k.Hash(id), idEnc: k.Seal(id), idMasked: MaskIDNumber(id)}
			born, _ := IDBirthDate(id)
			if d.BirthDate == "" {
				d.BirthDate = born
			} else if d.BirthDate != born {
				return pr, errs.Field("birth_date", "birth_date_mismatch", "deputy.err.birth_mismatch", born)
			}
		}
	}
	return pr, nil
}

func idNumberError(field, id string) error {
	switch IDNumberProblem(id) {
	case "format":
		return errs.Field(field, "invalid_id_number", "deputy.err.id_format")
	case "birth":
		return errs.Field(field, "invalid_id_number", "deputy.err.id_birth")
	case "check":
		return errs.Field(field, "invalid_id_number", "deputy.err.id_check")
	}
	return nil
}

// checkTownship checks a deputy's township: a township-level unit that
// exists and that p may write in.
func checkTownship(p *auth.Principal, code string) error {
	if code == "" {
		return errs.Required("township", "deputy.field.township")
	}
	u, ok := jurisdiction.National().Get(code)
	if !ok || !u.Kind.TownshipLevel() || !p.Covers(code) {
		return errs.Field("township", "unknown_township", "deputy.err.township")
	}
	if !writable(p, code) {
		return errs.ForbiddenErr()
	}
	return nil
}

// checkMembership checks that the group and station belong to the
// deputy's township.
func checkMembership(ctx context.Context, q store.Querier, township string, groupID, stationID int64) error {
	if groupID != 0 {
		var t string
		err := q.QueryRowContext(ctx, `SELECT township_code FROM deputy_groups WHERE id = $1`, groupID).Scan(&t)
		if err != nil || t != township {
			if err != nil && store.NotFound(err) != store.ErrNotFound {
				return err
			}
			return errs.Field("group_id", "unknown_group", "deputy.err.group")
		}
	}
	if stationID != 0 {
		var t string
		err := q.QueryRowContext(ctx, `SELECT township_code FROM stations WHERE id = $1`, stationID).Scan(&t)
		if err != nil || t != township {
			if err != nil && store.NotFound(err) != store.ErrNotFound {
				return err
			}
			return errs.Field("station_id", "unknown_station", "deputy.err.station")
		}
	}
	return nil
}
