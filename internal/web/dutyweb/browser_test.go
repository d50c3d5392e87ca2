package dutyweb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"renda/internal/browsertest"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// A deputy records a duty with a photo on a phone; staff confirm it.
func TestPhoneRecordAndConfirm(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	e := newEnv(t, db)
	photo := filepath.Join(t.TempDir(), "现场照片.png")
	if err := os.WriteFile(photo, pngBytes, 0o600); err != nil {
		t.Fatal(err)
	}

	ctx := browsertest.New(t, browsertest.Phone)
	var flash, status, img string
	var countHiddenBefore bool
	browsertest.Run(t, ctx,
		browsertest.Login(e.URL, "wangjg", webtest.Password),
		chromedp.Navigate(e.URL+"/duties/records/new"),
		chromedp.WaitVisible(`select[name=kind]`, chromedp.ByQuery),
		// The count box shows only for a kind that counts persons.
		chromedp.Evaluate(`document.querySelector('[data-count-field]').hidden`, &countHiddenBefore),
		chromedp.SetValue(`select[name=kind]`, "constituent_contact", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('select[name=kind]').dispatchEvent(new Event('change', {bubbles: true}))`, nil),
		chromedp.SetValue(`input[name=days]`, "0.5", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=count]`, "16", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=place]`, "大源村文化礼堂", chromedp.ByQuery),
		chromedp.SendKeys(`textarea[name=note]`, "听取村民对道路修缮的意见", chromedp.ByQuery),
		chromedp.SetUploadFiles(`input[name=files]`, []string{photo}, chromedp.ByQuery),
		browsertest.ClickAndWait(`#duty-form button[type=submit]`),
		chromedp.WaitVisible(`#record-status`, chromedp.ByQuery),
		chromedp.Text(`.flash`, &flash, chromedp.ByQuery),
		chromedp.Text(`#record-status`, &status, chromedp.ByQuery),
		chromedp.AttributeValue(`img.thumb`, "alt", &img, nil, chromedp.ByQuery),
	)
	if !countHiddenBefore {
		t.Error("the count box shows before a kind that counts persons is chosen")
	}
	if !strings.Contains(flash, "待工作人员确认") || status != "待确认" || img != "现场照片.png" {
		t.Fatalf("after submitting: flash %q, status %q, photo %q", flash, status, img)
	}
	var width int
	browsertest.Run(t, ctx, chromedp.Evaluate(`document.documentElement.scrollWidth`, &width))
	if width > browsertest.Phone.W {
		t.Errorf("the record page is %dpx wide on a %dpx phone", width, browsertest.Phone.W)
	}

	staff := browsertest.New(t, browsertest.Phone)
	var pending string
	browsertest.Run(t, staff,
		browsertest.Login(e.URL, "dayuan", webtest.Password),
		chromedp.Navigate(e.URL+"/duties/records?status=pending"),
		chromedp.WaitVisible(`table.records`, chromedp.ByQuery),
		chromedp.Text(`table.records tbody`, &pending, chromedp.ByQuery),
		browsertest.ClickAndWait(`table.records tbody a`),
		chromedp.WaitVisible(`#confirm`, chromedp.ByQuery),
		browsertest.ClickAndWait(`#confirm`),
		chromedp.WaitVisible(`.flash`, chromedp.ByQuery),
		chromedp.Text(`#record-status`, &status, chromedp.ByQuery),
	)
	if !strings.Contains(pending, "王建国") || status != "已确认" {
		t.Fatalf("staff: pending list %q, status after confirming %q", pending, status)
	}
	res := e.As(t, "dayuan", "GET", "/api/v1/assessments?township=330111117&year=2025", nil)
	if !strings.Contains(string(res.Body), `{"key":"constituent_contacts","required":30,"actual":16,"met":false}`) {
		t.Errorf("the confirmed contact does not count: %s", res.Body)
	}
}
