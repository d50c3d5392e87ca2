package liaison

import (
	"testing"
	"time"
)

// The rule's days: the 1st and 3rd (or spread) occurrences of the weekday.
func TestRuleDays(t *testing.T) {
	cases := []struct {
		rule        Rule
		n           int
		first, last string
	}{
		{Rule{Year: 2026, PerMonth: 2, Weekday: 3}, 24, "2026-01-07", "2026-12-16"},
		{Rule{Year: 2026, PerMonth: 1, Weekday: 1}, 12, "2026-01-05", "2026-12-07"},
		{Rule{Year: 2026, PerMonth: 4, Weekday: 7}, 48, "2026-01-04", "2026-12-27"},
	}
	for _, c := range cases {
		days := c.rule.days(time.UTC)
		if len(days) != c.n || days[0].Format(time.DateOnly) != c.first || days[len(days)-1].Format(time.DateOnly) != c.last {
			t.Errorf("%+v: %d days, %s … %s", c.rule, len(days), days[0].Format(time.DateOnly), days[len(days)-1].Format(time.DateOnly))
		}
		for _, d := range days {
			if int(d.Weekday()+6)%7+1 != c.rule.Weekday {
				t.Errorf("%s is not weekday %d", d.Format(time.DateOnly), c.rule.Weekday)
			}
		}
	}
}

// A reception is flagged when announced less than seven days ahead.
func TestShortNotice(t *testing.T) {
	announced := time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC).Unix()
	for date, want := range map[string]bool{"2026-03-02": true, "2026-03-08": true, "2026-03-09": false, "2026-04-01": false} {
		if got := shortNotice(date, announced, time.UTC); got != want {
			t.Errorf("%s: short notice %v, want %v", date, got, want)
		}
	}
}
