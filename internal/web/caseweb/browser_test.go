package caseweb

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"renda/internal/browsertest"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// In a real browser, on a phone: a constituent submits through the public
// form and gets a tracking code; staff route the opinion to the township
// government; the unit replies; the tracking page shows the reply.
func TestBrowserOpinion(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	w := newWorld(t, db)
	ctx := browsertest.New(t, browsertest.Phone)
	var code, status string
	browsertest.Run(t, ctx,
		chromedp.Navigate(w.URL+path("/submit?station=%d", w.station)),
		chromedp.WaitVisible(`#submit-form textarea[name=body]`, chromedp.ByQuery),
		chromedp.SendKeys(`#submit-form input[name=title]`, "村口路灯不亮", chromedp.ByQuery),
		chromedp.SendKeys(`#submit-form textarea[name=body]`, "大源村村口两盏路灯坏了，晚上很黑。", chromedp.ByQuery),
		chromedp.SendKeys(`#submit-form input[name=name]`, "陈阿姨", chromedp.ByQuery),
		chromedp.SendKeys(`#submit-form input[name=phone]`, "13805710001", chromedp.ByQuery),
		browsertest.ClickAndWait(`#submit-form button[type=submit]`),
		chromedp.WaitVisible(`#tracking-code`, chromedp.ByQuery),
		chromedp.Text(`#tracking-code`, &code, chromedp.ByQuery),
		chromedp.Text(`#track-status`, &status, chromedp.ByQuery),
	)
	if len(code) != 12 || status != "已受理" {
		t.Fatalf("tracking code %q, status %q", code, status)
	}
	var id int64
	if err := db.R.QueryRow(`SELECT id FROM cases WHERE tracking_code = $1`, code).Scan(&id); err != nil {
		t.Fatal(err)
	}

	browsertest.Run(t, ctx,
		browsertest.Login(w.URL, "dayuan", webtest.Password),
		signedIn,
		chromedp.Navigate(w.URL+path("/opinions/%d", id)),
		chromedp.WaitVisible(`form[action$="/route"]`, chromedp.ByQuery),
		chromedp.SetValue(`form[action$="/route"] select[name=route]`, "township", chromedp.ByQuery),
		chromedp.SetValue(`form[action$="/route"] select[name=unit_id]`, path("%d", w.townGov), chromedp.ByQuery),
		browsertest.ClickAndWait(`form[action$="/route"] button[type=submit]`),
		chromedp.WaitVisible(`#case-status`, chromedp.ByQuery),
		chromedp.Text(`#case-status`, &status, chromedp.ByQuery),
	)
	if status != "办理中" {
		t.Fatalf("after routing: %q", status)
	}

	var reply string
	browsertest.Run(t, ctx,
		network.ClearBrowserCookies(),
		browsertest.Login(w.URL, "towngov", webtest.Password),
		signedIn,
		chromedp.Navigate(w.URL+path("/opinions/%d", id)),
		chromedp.WaitVisible(`#reply-form`, chromedp.ByQuery),
		chromedp.SetValue(`#reply-form select[name=grade]`, "A", chromedp.ByQuery),
		chromedp.SendKeys(`#reply-form textarea[name=text]`, "已更换两盏路灯，恢复照明。", chromedp.ByQuery),
		browsertest.ClickAndWait(`#reply-form button[type=submit]`),
		chromedp.WaitVisible(`.flash`, chromedp.ByQuery),
	)
	browsertest.Run(t, ctx,
		network.ClearBrowserCookies(),
		chromedp.Navigate(w.URL+"/track"),
		chromedp.WaitVisible(`input[name=code]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=code]`, strings.ToLower(code[:4])+"-"+code[4:], chromedp.ByQuery),
		chromedp.Submit(`input[name=code]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#track-reply`, chromedp.ByQuery),
		chromedp.Text(`#track-reply`, &reply, chromedp.ByQuery),
		chromedp.Text(`#track-status`, &status, chromedp.ByQuery),
	)
	if reply != "已更换两盏路灯，恢复照明。" || status != "已答复" {
		t.Fatalf("tracking page: reply %q, status %q", reply, status)
	}
}

// signedIn waits for the page after the login form: the login page has a
// heading too, so waiting for one is not enough to know the sign-in landed.
var signedIn = chromedp.WaitVisible(`form[action="/logout"]`, chromedp.ByQuery)
