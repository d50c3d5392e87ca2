package voteweb_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/votes/votetest"
	"renda/internal/web"
	"renda/internal/web/voteweb"
	"renda/internal/web/webtest"
)

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
	fuyang = "330111"
)

// syncBuffer collects the server's log lines, written from many requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is a server with the votes module, staff accounts of 大源镇, 湖源乡
// and 富阳区, and deputies of 大源镇's congress who can sign in.
type env struct {
	s        *webtest.Server
	log      *syncBuffer
	deputies []int64
	names    []string // usernames of the deputies, in order
	outsider int64    // a deputy of 湖源乡, not entitled to vote in 大源镇
}

func setup(t *testing.T, db *store.DB, deputies int) *env {
	t.Helper()
	svc := auth.NewService(db)
	svc.Sleep = func(context.Context, time.Duration) {}
	logs := &syncBuffer{}
	app := web.New(web.Config{DB: db, Auth: svc, Log: slog.New(slog.NewJSONHandler(logs, nil))}).Add(voteweb.Module{})
	s := webtest.Start(t, db, svc, app)
	s.User(t, "admin", auth.Admin, "")
	s.User(t, "fuyang", auth.County, fuyang)
	s.User(t, "dayuan", auth.Township, dayuan)
	s.User(t, "huyuan", auth.Township, huyuan)
	e := &env{s: s, log: logs, deputies: votetest.Deputies(t, db, dayuan, dayuan, deputies)}
	for _, id := range e.deputies {
		e.names = append(e.names, votetest.Account(t, svc, id, dayuan, webtest.Password))
	}
	e.outsider = votetest.Deputies(t, db, huyuan, huyuan, 1)[0]
	s.UserWith(t, auth.NewUser{Username: "outsider", Role: auth.Deputy, Scope: huyuan, DeputyID: e.outsider})
	return e
}

// createVote makes a vote of 大源镇 through the API and returns its id and
// project ids.
func (e *env) createVote(t *testing.T, choose int, projects ...string) (int64, []int64) {
	t.Helper()
	var ps []map[string]any
	for i, name := range projects {
		ps = append(ps, map[string]any{"name": name, "investment": 100 * (i + 1), "department": "镇政府", "rationale": "群众呼声高", "due": "2026-12-31"})
	}
	res := e.s.As(t, "dayuan", "POST", "/api/v1/votes", map[string]any{"congress": dayuan, "title": "2026年民生实事项目票决", "choose": choose, "projects": ps})
	if res.Status != 201 {
		t.Fatalf("create vote: %d %s", res.Status, res.Body)
	}
	var v struct {
		ID       int64 `json:"id"`
		Projects []struct {
			ID int64 `json:"id"`
		} `json:"projects"`
	}
	res.Decode(t, &v)
	var ids []int64
	for _, p := range v.Projects {
		ids = append(ids, p.ID)
	}
	return v.ID, ids
}

func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func choices(ids []int64, marks ...string) map[string]any {
	var cs []map[string]any
	for i, m := range marks {
		cs = append(cs, map[string]any{"project_id": ids[i], "choice": m})
	}
	return map[string]any{"choices": cs}
}
