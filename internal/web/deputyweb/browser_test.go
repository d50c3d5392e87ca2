package deputyweb_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"renda/internal/browsertest"
	"renda/internal/deputies"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// Township staff upload a roster with mistakes, read the preview, fix the
// sheet, import it, and find a new deputy by the initials of their name.
func TestBrowserImportAndFind(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	w := newWorld(t, db)
	dir := t.TempDir()
	idA := deputies.CompleteIDNumber("33018319680415203")
	badFile := filepath.Join(dir, "大源镇代表名册（有错）.xlsx")
	goodFile := filepath.Join(dir, "大源镇代表名册.xlsx")
	if err := os.WriteFile(badFile, rosterFile(t, header,
		row("陈建国", "男", "1968-04-15", "乡镇级", "新群片代表小组", "", 13812340001, idA),
		row("吴丽娟", "女", "1975/3/2", "乡镇级", "", "", "0571-6331234", ""),
	), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goodFile, rosterFile(t, header,
		row("陈建国", "男", "1968-04-15", "乡镇级", "新群片代表小组", "", 13812340001, idA),
		row("吴丽娟", "女", "1975/3/2", "乡镇级", "", "", "13812340003", ""),
	), 0o600); err != nil {
		t.Fatal(err)
	}

	ctx := browsertest.New(t, browsertest.Desktop)
	var errorsText, ready, preview, done, found string
	browsertest.Run(t, ctx,
		browsertest.Login(w.s.URL, "dayuan", webtest.Password),
		chromedp.Navigate(w.s.URL+"/deputies/import"),
		chromedp.WaitVisible(`input[name=file]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`input[name=file]`, []string{badFile}, chromedp.ByQuery),
		browsertest.ClickAndWait(`#import-check`),
		chromedp.WaitVisible(`table.import-errors`, chromedp.ByQuery),
		chromedp.Text(`table.import-errors tbody`, &errorsText, chromedp.ByQuery),
	)
	if !strings.Contains(errorsText, "3") || !strings.Contains(errorsText, "手机号码") || !strings.Contains(errorsText, "11 位") {
		t.Fatalf("the preview does not show row 3's phone: %q", errorsText)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE name = '陈建国'`); n != 0 {
		t.Fatal("the preview wrote")
	}
	browsertest.Run(t, ctx,
		chromedp.SetUploadFiles(`input[name=file]`, []string{goodFile}, chromedp.ByQuery),
		browsertest.ClickAndWait(`#import-check`),
		chromedp.WaitVisible(`#import-ok`, chromedp.ByQuery),
		chromedp.Text(`#import-ok`, &ready, chromedp.ByQuery),
		chromedp.Text(`table.import-preview tbody`, &preview, chromedp.ByQuery),
		browsertest.ClickAndWait(`#import-commit`),
		chromedp.WaitVisible(`#import-done`, chromedp.ByQuery),
		chromedp.Text(`#import-done`, &done, chromedp.ByQuery),
		chromedp.Navigate(w.s.URL+"/deputies"),
		chromedp.WaitVisible(`input[name=q]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=q]`, "cjg", chromedp.ByQuery),
		chromedp.Submit(`input[name=q]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[name=q][value="cjg"]`, chromedp.ByQuery), // the answer page
		chromedp.WaitVisible(`table.roster`, chromedp.ByQuery),
		chromedp.Text(`table.roster tbody`, &found, chromedp.ByQuery),
	)
	if !strings.Contains(ready, "新增 2") || !strings.Contains(done, "新增 2") {
		t.Fatalf("preview %q, result %q", ready, done)
	}
	if !strings.Contains(preview, "陈建国") || !strings.Contains(preview, "吴丽娟") || !strings.Contains(preview, "新群片代表小组") {
		t.Errorf("the preview does not list the rows to import: %q", preview)
	}
	if !strings.Contains(found, "陈建国") || !strings.Contains(found, "新群片代表小组") || strings.Contains(found, "张三") {
		t.Fatalf("searching cjg found %q", found)
	}
}
