package deputyweb_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	commitURL = regexp.MustCompile(`action="(/deputy-imports/[0-9a-f]+)"`)
)

// The page flow on both engines: the upload waits in the database between
// its preview and the commit.
func TestImportPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		b := w.s.Browser(t, "dayuan")
		form := b.Get(t, "/deputies/import")
		csrf := string(csrfField.FindSubmatch(form.Body)[1])
		post := func(path string, sheet []byte) (int, []byte) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			mw.WriteField("csrf", csrf)       //nolint:errcheck
			mw.WriteField("township", dayuan) //nolint:errcheck
			if sheet != nil {
				fw, _ := mw.CreateFormFile("file", "名册.xlsx")
				fw.Write(sheet) //nolint:errcheck
			}
			mw.Close()
			req, _ := http.NewRequest("POST", w.s.URL+path, &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			res, err := b.Client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			return res.StatusCode, body
		}
		status, body := post("/deputies/import", []byte("not a workbook"))
		if status != 422 || !bytes.Contains(body, []byte("不是 Excel")) {
			t.Fatalf("not a workbook: %d", status)
		}
		status, body = post("/deputies/import", rosterFile(t, header, row("钱多多", "女", "1980-01-01", "乡镇级", "", "", "1381234", "")))
		if status != 422 || !bytes.Contains(body, []byte("手机号码")) || commitURL.Match(body) {
			t.Fatalf("bad row: %d", status)
		}
		status, body = post("/deputies/import", rosterFile(t, header, row("钱多多", "女", "1980-01-01", "乡镇级", "", "", "13812345670", "")))
		m := commitURL.FindSubmatch(body)
		if status != 200 || m == nil {
			t.Fatalf("clean sheet: %d, commit form %v", status, m != nil)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE name = '钱多多'`); n != 0 {
			t.Fatal("the preview wrote")
		}
		res := b.Post(t, string(m[1]), url.Values{"csrf": {csrf}})
		if res.Status != 200 || !bytes.Contains(res.Body, []byte("导入完成")) {
			t.Fatalf("commit: %d", res.Status)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE name = '钱多多'`); n != 1 {
			t.Fatalf("%d imported", n)
		}
		// The upload is gone once committed, and is nobody else's to commit.
		if res := b.Post(t, string(m[1]), url.Values{"csrf": {csrf}}); res.Status != 404 {
			t.Errorf("a second commit: %d", res.Status)
		}
		_, body = post("/deputies/import", rosterFile(t, header, row("钱少少", "女", "1981-01-01", "乡镇级", "", "", "13812345671", "")))
		m = commitURL.FindSubmatch(body)
		other := w.s.Browser(t, "fuyang")
		other.Get(t, "/deputies/import")
		if res := other.Post(t, string(m[1]), url.Values{}); res.Status != 404 {
			t.Errorf("another user committed the upload: %d", res.Status)
		}
	})
}
