package meetingweb

import (
	"net/http"
	"strconv"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/meetings"
	"renda/internal/web"
)

type attendanceRequest struct {
	Entries []meetings.AttendanceEntry `json:"entries"`
}

func sessionID(c *web.Ctx) (int64, error) { return c.PathID("id", "meet.session") }

// year reads ?year=, this year by default.
func year(c *web.Ctx, now time.Time) (int, error) {
	y, err := c.QueryInt("year", now.Year())
	if err != nil {
		return 0, err
	}
	if y < 2000 || y > 2100 {
		return 0, errs.Field("year", "out_of_range", "meet.err.year")
	}
	return y, nil
}

func (m Module) registerAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "GET", Path: "/terms", Tag: "meetings", Access: web.Staff,
		Summary: "Terms of the congresses in scope", Query: []web.Param{{Name: "congress", Description: "division code prefix"}},
		Response: web.List[meetings.Term]{},
		Handle: func(c *web.Ctx) error {
			ts, err := meetings.Terms(c.Context(), db, c.User, c.Query("congress"))
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(ts, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/terms", Tag: "meetings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record a congress's term (届) with its dates", Request: meetings.Term{}, Response: meetings.Term{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in meetings.Term) (any, error) {
			return meetings.CreateTerm(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/sessions", Tag: "meetings", Access: web.Roles(auth.Admin, auth.County, auth.Township, auth.Deputy),
		Summary: "Congress sessions in scope, latest first (deputies see their own township's, to file a suggestion under one)",
		Query: []web.Param{{Name: "congress", Description: "division code prefix"}, {Name: "year", Type: "integer"},
			{Name: "cursor"}, {Name: "limit", Type: "integer"}},
		Response: web.List[meetings.Session]{},
		Handle: func(c *web.Ctx) error {
			limit, err := c.Limit()
			if err != nil {
				return err
			}
			y, err := c.QueryInt("year", 0)
			if err != nil {
				return err
			}
			var before int64
			if s := c.Query("cursor"); s != "" {
				if before, err = strconv.ParseInt(s, 10, 64); err != nil {
					return errs.Field("cursor", "invalid_cursor", "err.cursor")
				}
			}
			ss, next, err := meetings.ListSessions(c.Context(), db, c.User, meetings.SessionFilter{Congress: c.Query("congress"), Year: y, Before: before, Limit: limit})
			if err != nil {
				return err
			}
			cur := ""
			if next != 0 {
				cur = strconv.FormatInt(next, 10)
			}
			return c.JSON(http.StatusOK, web.NewList(ss, cur))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/sessions", Tag: "meetings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record a congress session (its dates must lie within its term)", Request: meetings.NewSession{}, Response: meetings.Session{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in meetings.NewSession) (any, error) {
			return meetings.CreateSession(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/sessions/yearly", Tag: "meetings", Access: web.Staff,
		Summary: "Every township congress in scope with its sessions in a year; those that have not met first",
		Query:   []web.Param{{Name: "year", Type: "integer"}}, Response: web.List[meetings.SessionYear]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			ys, err := meetings.SessionsByTownship(c.Context(), db, c.User, y)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(ys, ""))
		}})
	a.API(web.Endpoint{Method: "GET", Path: "/sessions/{id}", Tag: "meetings", Access: web.Staff,
		Summary: "A session with its agenda, reports, attendance, speeches and resolutions", Response: meetings.Session{},
		Handle: web.HandleID(http.StatusOK, "meet.session", func(c *web.Ctx, id int64) (any, error) {
			return meetings.GetSession(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "PUT", Path: "/sessions/{id}/attendance", Tag: "meetings", Access: web.Staff,
		Summary: "Record attendance (present, leave, absent); present deputies get a duty record",
		Request: attendanceRequest{}, Response: meetings.Session{},
		Handle: web.HandleIDBody(http.StatusOK, "meet.session", func(c *web.Ctx, id int64, in attendanceRequest) (any, error) {
			return meetings.SetAttendance(c.Context(), db, c.User, id, in.Entries)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/sessions/{id}/speeches", Tag: "meetings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record a deliberation speech; the deputy gets a duty record", Request: meetings.Speech{}, Response: meetings.Speech{},
		Handle: web.HandleIDBody(http.StatusCreated, "meet.session", func(c *web.Ctx, id int64, in meetings.Speech) (any, error) {
			return meetings.AddSpeech(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/sessions/{id}/resolutions", Tag: "meetings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record a resolution or decision with its vote counts", Request: meetings.Resolution{}, Response: meetings.Resolution{},
		Handle: web.HandleIDBody(http.StatusCreated, "meet.session", func(c *web.Ctx, id int64, in meetings.Resolution) (any, error) {
			return meetings.AddResolution(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/sessions/{id}/documents", Tag: "meetings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Keep a report of the session (presidium, government, budget, last session's suggestions, other)",
		Request: meetings.Document{}, Response: meetings.Document{},
		Handle: web.HandleIDBody(http.StatusCreated, "meet.session", func(c *web.Ctx, id int64, in meetings.Document) (any, error) {
			return meetings.AddDocument(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/presidium-meetings", Tag: "meetings", Access: web.Staff,
		Summary:  "Presidium meetings of a year in scope",
		Query:    []web.Param{{Name: "township", Description: "division code prefix"}, {Name: "year", Type: "integer"}},
		Response: web.List[meetings.PresidiumMeeting]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			ms, err := meetings.ListPresidiumMeetings(c.Context(), db, c.User, c.Query("township"), y)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(ms, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/presidium-meetings", Tag: "meetings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record a presidium meeting (regular or extra)", Request: meetings.PresidiumMeeting{}, Response: meetings.PresidiumMeeting{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in meetings.PresidiumMeeting) (any, error) {
			return meetings.CreatePresidiumMeeting(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/presidium-meetings/quarters", Tag: "meetings", Access: web.Staff,
		Summary: "Presidium meetings per quarter of each township congress in scope; missed quarters flagged",
		Query:   []web.Param{{Name: "year", Type: "integer"}}, Response: web.List[meetings.QuarterRow]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			rows, err := meetings.PresidiumQuarters(c.Context(), db, c.User, y, m.now())
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(rows, ""))
		}})
	a.API(web.Endpoint{Method: "GET", Path: "/presidium-meetings/{id}", Tag: "meetings", Access: web.Staff,
		Summary: "A presidium meeting", Response: meetings.PresidiumMeeting{},
		Handle: web.HandleID(http.StatusOK, "meet.presidium", func(c *web.Ctx, id int64) (any, error) {
			return meetings.GetPresidiumMeeting(c.Context(), db, c.User, id)
		})})
}
