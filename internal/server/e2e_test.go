package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"renda/internal/auth"
	"renda/internal/browsertest"
	"renda/internal/demo"
	"renda/internal/server"
	"renda/internal/store"
	"renda/internal/testdb"
)

// startDemo serves the whole app on a database holding the demo.
func startDemo(t testing.TB, e store.Engine) (*httptest.Server, *store.DB) {
	t.Helper()
	db := testdb.Open(t, e)
	if err := demo.Load(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	svc := auth.NewService(db)
	srv := httptest.NewServer(server.New(db, svc, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	t.Cleanup(srv.Close)
	return srv, db
}

// The township staff member of 大源镇 signs in in a real browser and sees
// their home page with figures from the database.
func TestBrowserTownshipHome(t *testing.T) {
	srv, _ := startDemo(t, store.SQLite)
	ctx := browsertest.New(t, browsertest.Desktop)
	var h1, lead, cards, lang string
	browsertest.Run(t, ctx,
		browsertest.Login(srv.URL, "dayuan", demo.Password),
		chromedp.Text(`main h1`, &h1, chromedp.ByQuery),
		chromedp.Text(`p.lead`, &lead, chromedp.ByQuery),
		chromedp.Text(`section.cards`, &cards, chromedp.ByQuery),
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
	)
	if h1 != "工作台" || lang != "zh-CN" {
		t.Errorf("home heading %q, lang %q", h1, lang)
	}
	if !strings.Contains(lead, "大源镇") {
		t.Errorf("lead %q does not name the township", lead)
	}
	// 大源镇 has 17 villages and communities in the 2023 table.
	if !strings.Contains(cards, "村（社区）") || !strings.Contains(cards, "17") {
		t.Errorf("figures missing: %q", cards)
	}
}

// On a phone the navigation folds behind a menu button that opens it.
func TestBrowserPhoneNavigation(t *testing.T) {
	srv, _ := startDemo(t, store.SQLite)
	ctx := browsertest.New(t, browsertest.Phone)
	var before, after bool
	browsertest.Run(t, ctx,
		browsertest.Login(srv.URL, "fuyang", demo.Password),
		chromedp.Evaluate(`getComputedStyle(document.getElementById('main-nav')).display !== 'none'`, &before),
		chromedp.Click(`.nav-toggle`, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.getElementById('main-nav')).display !== 'none'`, &after),
	)
	if before || !after {
		t.Errorf("phone menu: visible before %v, after toggle %v", before, after)
	}
}
