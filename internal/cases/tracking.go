package cases

import (
	"context"
	"crypto/rand"
	"strings"

	"renda/internal/errs"
)

// Tracking codes avoid letters and digits people confuse (0/O, 1/I/L).
const trackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

const trackingLen = 12

func newTrackingCode() (string, error) {
	b := make([]byte, trackingLen)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = trackingAlphabet[int(b[i])%len(trackingAlphabet)]
	}
	return string(b), nil
}

// NormalizeTrackingCode reads a code as people type it: any case, with or
// without the dashes of the printed form.
func NormalizeTrackingCode(s string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s)))
}

// FormatTrackingCode prints a code in groups of four.
func FormatTrackingCode(s string) string {
	if len(s) != trackingLen {
		return s
	}
	return s[:4] + "-" + s[4:8] + "-" + s[8:]
}

// Tracking is what the public tracking page shows: the matter's status, its
// history and the public reply — never the constituent's name or phone.
type Tracking struct {
	TrackingCode string  `json:"tracking_code"`
	Title        string  `json:"title"`
	Township     string  `json:"township"`
	Channel      string  `json:"channel"`
	Status       Status  `json:"status"`
	Unit         string  `json:"unit,omitempty"`
	Due          string  `json:"due,omitempty"`
	Reply        string  `json:"reply,omitempty"`
	Grade        string  `json:"grade,omitempty"`
	Satisfaction string  `json:"satisfaction,omitempty"`
	History      []Event `json:"history"`
	CreatedAt    int64   `json:"created_at"`
}

// Track finds an opinion by its tracking code. A merged opinion shows the
// progress of the one it was merged into, after its own history.
func (s *Service) Track(ctx context.Context, code string) (*Tracking, error) {
	code = NormalizeTrackingCode(code)
	var t Tracking
	var id, merged int64
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, tracking_code, title, township_code, channel, status, created_at,
		COALESCE(merged_into, 0) FROM cases WHERE tracking_code = $1`, code).
		Scan(&id, &t.TrackingCode, &t.Title, &t.Township, &t.Channel, &t.Status, &t.CreatedAt, &merged)
	if err != nil || len(code) != trackingLen {
		return nil, errs.NotFoundErr("cases.entity.tracking")
	}
	if t.History, err = events(ctx, s.DB.R, id); err != nil {
		return nil, err
	}
	follow := id
	if merged != 0 {
		follow = merged
		more, err := events(ctx, s.DB.R, merged)
		if err != nil {
			return nil, err
		}
		t.History = append(t.History, more...)
	}
	var unit, due, grade, sat, reply *string
	err = s.DB.R.QueryRowContext(ctx, `SELECT c.status, u.name, c.due_date, c.grade, c.satisfaction, NULLIF(c.public_reply, '')
		FROM cases c LEFT JOIN units u ON u.id = c.lead_unit_id WHERE c.id = $1`, follow).
		Scan(&t.Status, &unit, &due, &grade, &sat, &reply)
	if err != nil {
		return nil, err
	}
	t.Unit, t.Due, t.Grade, t.Satisfaction, t.Reply = deref(unit), deref(due), deref(grade), deref(sat), deref(reply)
	return &t, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
