package voteweb_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"renda/internal/browsertest"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// TestDeputyVotesOnPhone: a deputy signs in on a phone-sized page, votes,
// keeps the receipt, and once staff publish the result sees it on the
// public page and finds the ballot counted.
func TestDeputyVotesOnPhone(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	e := setup(t, db, 1)
	id, ps := e.createVote(t, 1, "大源溪堤防加固", "老年食堂扩建")
	e.s.As(t, "dayuan", "POST", path("/api/v1/votes/%d/open", id), nil)

	ctx := browsertest.New(t, browsertest.Phone)
	var receipt, width string
	browsertest.Run(t, ctx,
		browsertest.Login(e.s.URL, e.names[0], webtest.Password),
		chromedp.Navigate(e.s.URL+path("/votes/%d", id)),
		chromedp.WaitVisible(`form.ballot`, chromedp.ByQuery),
		chromedp.Click(path(`input[name="p%d"][value="for"]`, ps[0]), chromedp.ByQuery),
		chromedp.Click(path(`input[name="p%d"][value="against"]`, ps[1]), chromedp.ByQuery),
		chromedp.Evaluate(`String(document.documentElement.scrollWidth <= window.innerWidth)`, &width),
		browsertest.ClickAndWait(`form.ballot button[type=submit]`),
		chromedp.WaitVisible(`#receipt`, chromedp.ByQuery),
		chromedp.Text(`#receipt`, &receipt, chromedp.ByQuery),
	)
	if width != "true" {
		t.Error("the ballot page scrolls sideways on a phone")
	}
	receipt = strings.TrimSpace(receipt)
	if len(receipt) != 14 {
		t.Fatalf("receipt %q", receipt)
	}
	for _, step := range []string{"close", "publish"} {
		if res := e.s.As(t, "dayuan", "POST", path("/api/v1/votes/%d/%s", id, step), nil); res.Status != 200 {
			t.Fatalf("%s: %d %s", step, res.Status, res.Body)
		}
	}
	var result, check string
	browsertest.Run(t, ctx,
		chromedp.Navigate(e.s.URL+path("/public/votes/%d", id)),
		chromedp.WaitVisible(`section.result`, chromedp.ByQuery),
		chromedp.Text(`section.result`, &result, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=receipt]`, receipt, chromedp.ByQuery),
		browsertest.ClickAndWait(`form[action$="/receipt"] button[type=submit]`),
		chromedp.WaitVisible(`#receipt-result`, chromedp.ByQuery),
		chromedp.Text(`main`, &check, chromedp.ByQuery),
	)
	// One deputy of one voted for the first project: it passes and is chosen.
	if !strings.Contains(result, "大源溪堤防加固") || !strings.Contains(result, "入选") || !strings.Contains(result, "未通过") {
		t.Fatalf("public result reads: %s", result)
	}
	if !strings.Contains(check, "已计入") || !strings.Contains(check, "大源溪堤防加固：赞成") || !strings.Contains(check, "老年食堂扩建：反对") {
		t.Fatalf("receipt check reads: %s", check)
	}
}
