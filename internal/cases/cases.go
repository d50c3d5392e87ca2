// Package cases keeps constituents' opinions and deputies' suggestions and
// motions, and carries each from intake to the constituent's or deputy's
// satisfaction: triage, assignment to handling units, returns, replies,
// ratings, follow-up and the figures (DESIGN.md §6). Opinions, suggestions
// and motions share one table and one handling path.
package cases

import (
	"sync"
	"time"

	"renda/internal/store"
)

// Kind is what a case is.
type Kind string

const (
	Opinion    Kind = "opinion"
	Suggestion Kind = "suggestion"
	Motion     Kind = "motion"
)

// Status is where a case stands. The keys are used in the API.
type Status string

const (
	Received   Status = "received"   // an opinion taken in, not yet triaged
	Filed      Status = "filed"      // a suggestion or motion filed, not yet assigned
	Forwarded  Status = "forwarded"  // sent to the standing committee as a deputy letter, awaiting a unit
	Assigned   Status = "assigned"   // with a handling unit
	Returned   Status = "returned"   // the unit sent it back as wrongly assigned; awaiting a new unit
	Replied    Status = "replied"    // the unit replied; awaiting the rating
	Rehandling Status = "rehandling" // the reply was rated unsatisfied; back with the unit
	Closed     Status = "closed"     // the reply was rated satisfied or basically satisfied
	Referred   Status = "referred"   // beyond the district: referred to the city deputies of the area
	Merged     Status = "merged"     // a duplicate, followed through the case it was merged into
	Raised     Status = "raised"     // raised as (or merged into) a deputy suggestion
)

// Statuses lists every status in the order of the handling path.
var Statuses = []Status{Received, Filed, Forwarded, Assigned, Returned, Replied, Rehandling, Closed, Referred, Merged, Raised}

// Open reports whether a unit still owes work on a case in this status.
func (s Status) Open() bool { return s == Assigned || s == Rehandling }

// Channels an opinion comes through.
var Channels = []string{"reception", "appointment", "visit", "hotline", "mailbox", "online", "forum", "research"}

// Grades of a reply (the handling result).
var Grades = []string{"A", "B", "C", "D"}

// Satisfactions a reply may be rated.
const (
	Satisfied   = "satisfied"
	Basic       = "basic"
	Unsatisfied = "unsatisfied"
)

// Config holds the rules a county may set; Defaults are the law's and the
// district rules' values.
type Config struct {
	RatingWindowDays int // a reply not rated within this many days counts as closed
	AmberDays        int // an open item due within this many days shows amber
	ReturnWorkdays   int // a unit may return an item within this many working days
	DueMonths        int // reply due this many months after assignment
	HardDueMonths    int // for items marked hard
}

// Defaults are the default rules.
var Defaults = Config{RatingWindowDays: 30, AmberDays: 15, ReturnWorkdays: 7, DueMonths: 3, HardDueMonths: 6}

// Service runs the cases domain on a database.
type Service struct {
	DB     *store.DB
	Config Config
	Now    func() time.Time

	settings sync.Map // county code → cachedConfig
}

// New makes a service with the default rules.
func New(db *store.DB) *Service {
	return &Service{DB: db, Config: Defaults, Now: time.Now}
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}
