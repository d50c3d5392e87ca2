package meetingweb_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

var (
	pdf  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n政府工作报告\n%%EOF\n")
	docx = append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0x14}, 60)...)
	png  = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 40)...)
)

// newSession records a term and a session of 大源镇 with attendance, and
// returns the session's API path.
func newSession(t *testing.T, s *webtest.Server, deps []int64) (int64, string) {
	t.Helper()
	res := s.As(t, "dayuan", "POST", "/api/v1/terms", map[string]string{"congress": dayuan, "name": "第十八届", "start": "2021-12-28", "end": "2026-12-27"})
	if res.Status != 201 {
		t.Fatalf("term: %d %s", res.Status, res.Body)
	}
	res = s.As(t, "dayuan", "POST", "/api/v1/sessions", map[string]any{"congress": dayuan, "term_id": int64(res.JSON()["id"].(float64)),
		"number": 3, "start": "2026-01-08", "end": "2026-01-09", "agenda": []string{"审议政府工作报告"}})
	if res.Status != 201 {
		t.Fatalf("session: %d %s", res.Status, res.Body)
	}
	id := int64(res.JSON()["id"].(float64))
	sp := fmt.Sprintf("/api/v1/sessions/%d", id)
	if res := s.As(t, "dayuan", "PUT", sp+"/attendance", map[string]any{"entries": []map[string]any{{"deputy_id": deps[1], "status": "leave", "reason": "住院治疗"}}}); res.Status != 200 {
		t.Fatalf("attendance: %d %s", res.Status, res.Body)
	}
	return id, sp
}

// TestSessionDocumentFiles attaches report files to a session through the
// API and checks who may download them, before and after the session page
// is published.
func TestSessionDocumentFiles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, deps := setup(t, db)
		id, sp := newSession(t, s, deps)
		res := s.As(t, "dayuan", "POST", sp+"/documents", map[string]any{"kind": "government_report", "title": "2026年镇政府工作报告"})
		if res.Status != 201 {
			t.Fatalf("document: %d %s", res.Status, res.Body)
		}
		doc := int64(res.JSON()["id"].(float64))
		files := fmt.Sprintf("%s/documents/%d/files", sp, doc)

		upload := func(user, path, name string, data []byte) *webtest.Response {
			return s.Upload(t, user, path, "file", name, data)
		}
		for _, c := range []struct {
			name, user, path, file string
			data                   []byte
			status                 int
			field                  string
		}{
			{"public cannot upload", "", files, "报告.pdf", pdf, http.StatusUnauthorized, ""},
			{"deputy cannot upload", "deputy", files, "报告.pdf", pdf, http.StatusForbidden, ""},
			{"other township cannot upload", "huyuan", files, "报告.pdf", pdf, http.StatusNotFound, ""},
			{"unknown report", "dayuan", fmt.Sprintf("%s/documents/%d/files", sp, doc+100), "报告.pdf", pdf, http.StatusNotFound, ""},
			{"a photo is not a report", "dayuan", files, "照片.png", png, http.StatusUnprocessableEntity, "file"},
			{"an empty file", "dayuan", files, "空.pdf", nil, http.StatusUnprocessableEntity, "file"},
		} {
			if res := upload(c.user, c.path, c.file, c.data); res.Status != c.status || res.ErrorField() != c.field {
				t.Errorf("%s: %d field %q, want %d %q: %s", c.name, res.Status, res.ErrorField(), c.status, c.field, res.Body)
			}
		}
		res = upload("fuyang", files, "2026年政府工作报告.pdf", pdf)
		if res.Status != 201 || !strings.Contains(string(res.Body), "2026年政府工作报告.pdf") {
			t.Fatalf("county uploads the PDF: %d %s", res.Status, res.Body)
		}
		if res = upload("dayuan", files, "附表.docx", docx); res.Status != 201 {
			t.Fatalf("Word file: %d %s", res.Status, res.Body)
		}
		var d struct {
			Files []struct {
				ID  int64  `json:"id"`
				URL string `json:"url"`
			} `json:"files"`
		}
		res.Decode(t, &d)
		if len(d.Files) != 2 {
			t.Fatalf("the report carries %d files, want 2: %s", len(d.Files), res.Body)
		}
		url := d.Files[0].URL
		if url != fmt.Sprintf("/public/sessions/%d/files/%d", id, d.Files[0].ID) {
			t.Fatalf("file url %q", url)
		}

		get := func(user, path string) *webtest.Response { return s.Browser(t, user).Get(t, path) }
		if res := get("dayuan", url); res.Status != 200 || !bytes.Equal(res.Body, pdf) || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("staff download: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		for _, user := range []string{"", "huyuan", "deputy"} {
			if res := get(user, url); res.Status != http.StatusNotFound {
				t.Errorf("%q downloads the file of an unpublished session: %d", user, res.Status)
			}
		}
		// The file under another session's path is not found.
		if res := get("dayuan", fmt.Sprintf("/public/sessions/%d/files/%d", id+1, d.Files[0].ID)); res.Status != http.StatusNotFound {
			t.Errorf("file under another session: %d", res.Status)
		}

		pub := fmt.Sprintf("/api/v1/public/sessions/%d", id)
		s.Run(t, []webtest.Case{
			{Name: "documented", Method: "GET", Path: "/api/v1/openapi.json", Status: http.StatusOK, Contains: []string{"/api/v1/sessions/{id}/documents/{doc_id}/files", "/api/v1/sessions/{id}/publish", "/api/v1/public/sessions/{id}"}},
			{Name: "staff see the files", User: "dayuan", Method: "GET", Path: sp, Status: http.StatusOK, Contains: []string{"2026年政府工作报告.pdf", "附表.docx"}},
			{Name: "unpublished hidden from the public", Method: "GET", Path: pub, Status: http.StatusNotFound},
			{Name: "unpublished not listed", Method: "GET", Path: "/api/v1/public/sessions", Status: http.StatusOK, Excludes: []string{"第三次会议"}},
			{Name: "public cannot publish", Method: "POST", Path: sp + "/publish", Status: http.StatusUnauthorized},
			{Name: "deputy cannot publish", User: "deputy", Method: "POST", Path: sp + "/publish", Status: http.StatusForbidden},
			{Name: "other township cannot publish", User: "huyuan", Method: "POST", Path: sp + "/publish", Status: http.StatusNotFound},
			{Name: "township publishes", User: "dayuan", Method: "POST", Path: sp + "/publish", Status: http.StatusOK, Contains: []string{`"published_at":`}},
			{Name: "published once", User: "dayuan", Method: "POST", Path: sp + "/publish", Status: http.StatusConflict, Contains: []string{`"field":"status"`}},
			{Name: "public sees the reports and files", Method: "GET", Path: pub, Status: http.StatusOK,
				Contains: []string{"2026年镇政府工作报告", "2026年政府工作报告.pdf", url}, Excludes: []string{"住院治疗", `"attendance"`}},
			{Name: "published listed", Method: "GET", Path: "/api/v1/public/sessions?congress=" + dayuan, Status: http.StatusOK, Contains: []string{"第十八届人民代表大会第三次会议"}},
			{Name: "listed under its county", Method: "GET", Path: "/api/v1/public/sessions?congress=330111", Status: http.StatusOK, Contains: []string{"第三次会议"}},
			{Name: "not listed under another township", Method: "GET", Path: "/api/v1/public/sessions?congress=" + huyuan, Status: http.StatusOK, Excludes: []string{"第三次会议"}},
		})
		if res := get("", url); res.Status != 200 || !bytes.Equal(res.Body, pdf) {
			t.Fatalf("public download after publishing: %d", res.Status)
		}
		page := get("", fmt.Sprintf("/public/sessions/%d", id))
		if page.Status != 200 || !strings.Contains(string(page.Body), `href="`+url+`"`) || strings.Contains(string(page.Body), "住院治疗") {
			t.Fatalf("public session page: %d %s", page.Status, page.Body)
		}
		if list := get("", "/public/sessions"); !strings.Contains(string(list.Body), fmt.Sprintf(`href="/public/sessions/%d"`, id)) {
			t.Error("the published session is not on the public list")
		}
	})
}

// TestSessionDocumentPages keeps a report with its file from the session
// page: a file of the wrong kind is refused and leaves no report behind.
func TestSessionDocumentPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, deps := setup(t, db)
		id, _ := newSession(t, s, deps)
		loc := fmt.Sprintf("/sessions/%d", id)
		b := s.Browser(t, "dayuan")
		post := func(path string, fields map[string]string, name string, data []byte) *webtest.Response {
			t.Helper()
			page := string(b.Get(t, loc).Body)
			csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
			if csrf == nil {
				t.Fatal("no CSRF token on the session page")
			}
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			mw.WriteField("csrf", csrf[1]) //nolint:errcheck
			for k, v := range fields {
				mw.WriteField(k, v) //nolint:errcheck
			}
			if name != "" {
				fw, _ := mw.CreateFormFile("file", name)
				fw.Write(data) //nolint:errcheck
			}
			mw.Close()
			req, _ := http.NewRequest("POST", s.URL+path, &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			r, err := b.Client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Body.Close()
			var body bytes.Buffer
			body.ReadFrom(r.Body) //nolint:errcheck
			return &webtest.Response{Status: r.StatusCode, Header: r.Header, Body: body.Bytes()}
		}
		page := string(b.Get(t, loc).Body)
		if !strings.Contains(page, `enctype="multipart/form-data"`) || !strings.Contains(page, `name="file"`) {
			t.Fatal("the report form offers no file")
		}
		res := post(loc+"/documents", map[string]string{"kind": "budget_report", "title": "2026年财政预算报告"}, "预算.png", png)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "不是 PDF、Word 或 Excel 文件") {
			t.Fatalf("a photo as the budget report: %d", res.Status)
		}
		if page := string(b.Get(t, loc).Body); strings.Contains(page, "2026年财政预算报告") {
			t.Fatal("a refused file left its report behind")
		}
		res = post(loc+"/documents", map[string]string{"kind": "budget_report", "title": "2026年财政预算报告"}, "2026年预算.pdf", pdf)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("budget report with its file: %d %s", res.Status, res.Body)
		}
		page = string(b.Get(t, loc).Body)
		link := regexp.MustCompile(`<a href="(/public/sessions/\d+/files/\d+)">2026年预算.pdf</a>`).FindStringSubmatch(page)
		if link == nil {
			t.Fatalf("the session page shows no file link: %s", page)
		}
		doc := regexp.MustCompile(`action="(/sessions/\d+/documents/\d+/files)"`).FindStringSubmatch(page)
		if doc == nil {
			t.Fatal("no form to add a file to the report")
		}
		if res := post(doc[1], nil, "", nil); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("adding no file: %d", res.Status)
		}
		if res := post(doc[1], nil, "预算明细表.docx", docx); res.Status != http.StatusSeeOther {
			t.Fatalf("add a Word file: %d %s", res.Status, res.Body)
		}
		if res := b.Get(t, link[1]); res.Status != 200 || !bytes.Equal(res.Body, pdf) {
			t.Fatalf("download from the page: %d", res.Status)
		}
		if res := s.Browser(t, "").Get(t, link[1]); res.Status != http.StatusNotFound {
			t.Errorf("the public downloads before publication: %d", res.Status)
		}
		if res := b.Post(t, loc+"/publish", url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", res.Status, res.Body)
		}
		if page := string(b.Get(t, loc).Body); !strings.Contains(page, "公开页面") || !strings.Contains(page, "预算明细表.docx") {
			t.Error("the session page does not show it is published")
		}
		if res := s.Browser(t, "").Get(t, link[1]); res.Status != 200 {
			t.Errorf("the public cannot download after publication: %d", res.Status)
		}
	})
}
