package caseweb

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

var trackRe = regexp.MustCompile(`/track/([A-Z0-9]{12})`)

// The pages people use, through forms: a constituent submits, staff route,
// the unit replies, the constituent reads the reply; every page renders for
// the roles that reach it.
func TestPagesFlow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		pub := w.Browser(t, "")
		form := pub.Get(t, path("/submit?station=%d", w.station))
		if form.Status != 200 || !strings.Contains(string(form.Body), "大源村代表联络站") {
			t.Fatalf("public form: %d", form.Status)
		}
		key := regexp.MustCompile(`name="key" value="([0-9a-f]+)"`).FindSubmatch(form.Body)[1]
		bad := pub.Post(t, "/submit", url.Values{"township": {dayuan}, "station_id": {path("%d", w.station)}, "body": {"路灯坏了"}, "phone": {"123"}, "key": {string(key)}})
		if bad.Status != 422 || !strings.Contains(string(bad.Body), "联系电话格式不对") {
			t.Fatalf("bad phone on the form: %d", bad.Status)
		}
		res := pub.Post(t, "/submit", url.Values{"township": {dayuan}, "station_id": {path("%d", w.station)}, "body": {"大源村口路灯坏了"},
			"name": {"陈阿姨"}, "phone": {"13805710001"}, "key": {string(key)}})
		m := trackRe.FindStringSubmatch(res.Header.Get("Location"))
		if res.Status != 303 || m == nil {
			t.Fatalf("submit: %d %s", res.Status, res.Header.Get("Location"))
		}
		code := m[1]
		again := pub.Post(t, "/submit", url.Values{"township": {dayuan}, "body": {"大源村口路灯坏了"}, "key": {string(key)}})
		if again.Header.Get("Location") != res.Header.Get("Location") {
			t.Fatal("a double-submitted form stored twice")
		}
		receipt := pub.Get(t, "/track/"+code+"?new=1")
		if !strings.Contains(string(receipt.Body), code) || !strings.Contains(string(receipt.Body), "已受理") {
			t.Fatalf("receipt page: %s", receipt.Body)
		}
		var opID int64
		db.R.QueryRow(`SELECT id FROM cases WHERE tracking_code = $1`, code).Scan(&opID)

		staff := w.Browser(t, "dayuan")
		for _, p := range []string{"/opinions", "/opinions?overdue=1&status=received", "/opinions/new", "/suggestions", "/suggestions/new", "/units", "/stats/handling", "/"} {
			if r := staff.Get(t, p); r.Status != 200 {
				t.Fatalf("GET %s: %d %s", p, r.Status, r.Body)
			}
		}
		detail := staff.Get(t, path("/opinions/%d", opID))
		if !strings.Contains(string(detail.Body), "陈阿姨") || !strings.Contains(string(detail.Body), "分流处理") {
			t.Fatal("staff detail page lacks the constituent or the triage form")
		}
		r := staff.Post(t, path("/cases/%d/route", opID), url.Values{"route": {"township"}, "unit_id": {path("%d", w.townGov)}})
		if r.Status != 303 {
			t.Fatalf("route form: %d %s", r.Status, r.Body)
		}
		twice := staff.Post(t, path("/cases/%d/route", opID), url.Values{"route": {"beyond"}})
		if twice.Status != 422 || !strings.Contains(string(twice.Body), "不能再次分流") {
			t.Fatalf("route twice on the page: %d", twice.Status)
		}

		unit := w.Browser(t, "towngov")
		list := unit.Get(t, "/handling")
		if !strings.Contains(string(list.Body), "大源村口路灯坏了") {
			t.Fatal("the unit's list lacks the assigned opinion")
		}
		page := unit.Get(t, path("/opinions/%d", opID))
		if strings.Contains(string(page.Body), "13805710001") {
			t.Fatal("the unit sees the constituent's phone")
		}
		if r := unit.Post(t, path("/cases/%d/reply", opID), url.Values{"grade": {"A"}, "text": {"已更换灯泡，恢复照明。"}}); r.Status != 303 {
			t.Fatalf("reply form: %d %s", r.Status, r.Body)
		}
		tr := pub.Get(t, "/track/"+strings.ToLower(code))
		if !strings.Contains(string(tr.Body), "已更换灯泡，恢复照明。") || strings.Contains(string(tr.Body), "陈阿姨") {
			t.Fatalf("tracking page: %s", tr.Body)
		}
		if r := pub.Get(t, "/track/NOPE"); r.Status != 404 {
			t.Fatalf("unknown code: %d", r.Status)
		}
		if r := w.Browser(t, "jianshe").Get(t, path("/opinions/%d", opID)); r.Status != 404 {
			t.Fatalf("another unit opened the opinion: %d", r.Status)
		}
		county := w.Browser(t, "fuyang")
		if r := county.Get(t, "/stats/handling"); r.Status != 200 || !strings.Contains(string(r.Body), "大源镇") || !strings.Contains(string(r.Body), "%") {
			t.Fatalf("county figures page: %d", r.Status)
		}
	})
}
