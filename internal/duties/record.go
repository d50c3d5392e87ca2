package duties

import (
	"math"
	"strings"
	"time"

	"renda/internal/errs"
)

// Record is a duty record (履职登记).
type Record struct {
	ID           int64   `json:"id"`
	DeputyID     int64   `json:"deputy_id"`
	DeputyName   string  `json:"deputy_name"`
	Township     string  `json:"township"`
	Kind         Kind    `json:"kind"`
	Date         string  `json:"date"`
	Days         float64 `json:"days"`
	Count        int     `json:"count"`
	Title        string  `json:"title"`
	Place        string  `json:"place"`
	Note         string  `json:"note"`
	Status       string  `json:"status"` // pending, confirmed or returned
	ReturnReason string  `json:"return_reason,omitempty"`
	Source       string  `json:"source"` // deputy, staff, or the part of the platform that implied it
	RecordedBy   int64   `json:"recorded_by,omitempty"`
	ConfirmedBy  int64   `json:"confirmed_by,omitempty"`
	CreatedAt    int64   `json:"created_at"`
	UpdatedAt    int64   `json:"updated_at"`
	Attachments  []File  `json:"attachments"`
}

// File is an attachment as a record lists it.
type File struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

// Statuses of a record.
const (
	StatusPending   = "pending"
	StatusConfirmed = "confirmed"
	StatusReturned  = "returned"
)

// Input is what recording a duty takes.
type Input struct {
	DeputyID int64   `json:"deputy_id"`
	Kind     Kind    `json:"kind"`
	Date     string  `json:"date"`
	Days     float64 `json:"days"`
	Count    int     `json:"count"`
	Title    string  `json:"title"`
	Place    string  `json:"place"`
	Note     string  `json:"note"`
}

// MaxDays is the longest one record may be.
const MaxDays = 31

// check validates the fields of a record, naming the first bad one. today
// is YYYY-MM-DD; a date after it is refused.
func (in *Input) check(today string) error {
	in.Title = strings.TrimSpace(in.Title)
	in.Place = strings.TrimSpace(in.Place)
	in.Note = strings.TrimSpace(in.Note)
	in.Date = strings.TrimSpace(in.Date)
	if in.Kind == "" {
		return errs.Required("kind", "duty.field.kind")
	}
	if !in.Kind.Valid() {
		return errs.Field("kind", "unknown_kind", "duty.err.kind_unknown", string(in.Kind))
	}
	if err := checkDate("date", in.Date, today); err != nil {
		return err
	}
	switch {
	case in.Days == 0:
		return errs.Required("days", "duty.field.days")
	case in.Days < 0 || in.Days > MaxDays || math.IsNaN(in.Days):
		return errs.Field("days", "out_of_range", "duty.err.days_range", MaxDays)
	case in.Days*2 != math.Trunc(in.Days*2):
		return errs.Field("days", "half_days", "duty.err.days_half")
	}
	if in.Kind.Counted() {
		if in.Count <= 0 {
			return errs.Required("count", "duty.field.count")
		}
		if in.Count > 10000 {
			return errs.Field("count", "out_of_range", "duty.err.count_range")
		}
	} else if in.Count != 0 {
		return errs.Field("count", "not_counted", "duty.err.count_not_allowed", i18nKind(in.Kind))
	}
	if err := errs.MaxLen("title", "duty.field.title", in.Title, 100); err != nil {
		return err
	}
	if err := errs.MaxLen("place", "duty.field.place", in.Place, 100); err != nil {
		return err
	}
	return errs.MaxLen("note", "duty.field.note", in.Note, 2000)
}

// checkDate refuses a missing, malformed or future date.
func checkDate(field, date, today string) error {
	if date == "" {
		return errs.Required(field, "duty.field.date")
	}
	t, err := time.Parse(DateLayout, date)
	if err != nil || t.Format(DateLayout) != date {
		return errs.Field(field, "invalid_date", "err.date_format", date)
	}
	if date > today {
		return errs.Field(field, "future_date", "duty.err.date_future", date)
	}
	if t.Year() < 2000 {
		return errs.Field(field, "invalid_date", "duty.err.date_old")
	}
	return nil
}
