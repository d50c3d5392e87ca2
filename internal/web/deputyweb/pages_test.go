package deputyweb_test

import (
	"bytes"
	"image"
	_ "image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"renda/internal/store"
	"renda/internal/testdb"
)

// The pages as each role sees them, over a real server with cookies.
func TestPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		zhang, wang := id(w.zhang), id(w.wang)
		cases := []struct {
			user, path string
			status     int
			contains   []string
			excludes   []string
		}{
			{"dayuan", "/deputies", 200, []string{"张三", "李四", "勤功片代表小组", "导出 Excel"}, []string{"王五"}},
			{"dayuan", "/deputies?q=zs", 200, []string{"张三"}, []string{"李四"}},
			{"fuyang", "/deputies?township=" + huyuan, 200, []string{"王五"}, []string{"13800000001"}},
			{"liaison", "/deputies", 200, []string{"张三"}, []string{"李四", "新增代表"}},
			{"dayuan", "/deputies/" + zhang, 200, []string{"张三", w.zhangID, "变更记录", "大源镇人大"}, nil},
			{"dayuan", "/deputies/" + wang, 404, nil, []string{"王五"}},
			{"deputy", "/deputies/" + zhang, 200, []string{"张三", w.zhangID}, []string{"变更记录"}},
			{"deputy", "/deputies/" + id(w.li), 404, nil, nil},
			{"dayuan", "/deputies/new", 200, []string{"新增代表", "勤功片代表小组", "第1选区"}, nil},
			{"dayuan", "/deputies/" + zhang + "/edit", 200, []string{w.zhangID}, nil},
			{"liaison", "/deputies/new", 403, nil, nil},
			{"dayuan", "/deputies/import", 200, []string{"下载名册模板", "大源镇"}, nil},
			{"dayuan", "/groups", 200, []string{"勤功片代表小组"}, []string{"湖源片"}},
			{"dayuan", "/groups/" + id(w.group), 200, []string{"张三", "李四"}, nil},
			{"huyuan", "/groups/" + id(w.group), 404, nil, nil},
			{"dayuan", "/stations", 200, []string{"大源镇人大代表联络站", "周联络"}, nil},
			{"dayuan", "/stations/" + id(w.station), 200, []string{"周联络", "13900000001", "勤功村", "打印公示牌"}, nil},
			{"liaison", "/stations/" + id(w.station), 200, []string{"张三"}, []string{"开通账号"}},
			{"dayuan", "/districts", 200, []string{"第1选区", "史家村"}, nil},
			{"unit", "/deputies", 403, nil, nil},
			{"", "/directory/" + dayuan, 200, []string{"张三", "李四", "大源镇人大代表联络站"}, []string{"13800000001", "330183"}},
			{"", "/directory/330111", 200, []string{"大源镇", "湖源乡"}, nil},
			{"", "/directory/deputies/" + zhang, 200, []string{"张三", "大源镇人大代表", "勤功片代表小组"}, []string{"13800000001", "330183"}},
			{"", "/directory/stations/" + id(w.station), 200, []string{"张三", "0571-63300001", "每月5日"}, []string{"13900000001", "13800000001"}},
			{"", "/directory/stations/" + id(w.station) + "/poster?size=A3", 200, []string{"poster-a3", "张三", "qr.png"}, []string{"13800000001"}},
			{"", "/directory/stations/999/poster", 404, nil, nil},
			{"", "/directory/deputies/999", 404, nil, nil},
		}
		for _, c := range cases {
			t.Run(c.user+" "+c.path, func(t *testing.T) {
				res := w.s.Browser(t, c.user).Get(t, c.path)
				if res.Status != c.status {
					t.Fatalf("status %d, want %d", res.Status, c.status)
				}
				for _, s := range c.contains {
					if !bytes.Contains(res.Body, []byte(s)) {
						t.Errorf("page lacks %q", s)
					}
				}
				for _, s := range c.excludes {
					if bytes.Contains(res.Body, []byte(s)) {
						t.Errorf("page shows %q", s)
					}
				}
			})
		}
		// Signed out, the roster asks for a login.
		if res := w.s.Browser(t, "").Get(t, "/deputies"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("signed-out roster: %d %s", res.Status, res.Header.Get("Location"))
		}
	})
}

// Forms: a deputy added and changed on the pages, with errors shown under
// their field and nothing written.
func TestForms(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		b := w.s.Browser(t, "dayuan")
		b.Get(t, "/deputies/new")
		form := url.Values{"township": {dayuan}, "name": {"钱六"}, "gender": {"female"}, "phone": {"1380000"}, "level": {"township"},
			"term": {"第十八届"}, "birth_date": {"1980年2月3日"}}
		res := b.Post(t, "/deputies", form)
		if res.Status != 422 || !bytes.Contains(res.Body, []byte("11 位")) || !bytes.Contains(res.Body, []byte(`value="钱六"`)) {
			t.Fatalf("bad phone: %d", res.Status)
		}
		form.Set("phone", "13800000077")
		res = b.Post(t, "/deputies", form)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		page := b.Get(t, res.Header.Get("Location"))
		if !bytes.Contains(page.Body, []byte("钱六")) || !bytes.Contains(page.Body, []byte("1980-02-03")) || !bytes.Contains(page.Body, []byte("代表已登记")) {
			t.Fatalf("the new deputy's page: %s", page.Body)
		}
		// A street refuses a township seat on the page too.
		w.s.User(t, "fuchun", "township", fuchun)
		fb := w.s.Browser(t, "fuchun")
		fb.Get(t, "/deputies/new")
		res = fb.Post(t, "/deputies", url.Values{"township": {fuchun}, "name": {"孙七"}, "gender": {"male"}, "phone": {"13800000078"}, "level": {"township"}})
		if res.Status != 422 || !bytes.Contains(res.Body, []byte("街道")) {
			t.Fatalf("street township seat: %d", res.Status)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE name = '孙七'`); n != 0 {
			t.Fatal("a refused form wrote")
		}
		// A seat ends with its reason.
		var seat int64
		db.R.QueryRow(`SELECT id FROM seats WHERE deputy_id = $1`, w.zhang).Scan(&seat)
		b.Get(t, "/deputies/"+id(w.zhang))
		res = b.Post(t, "/deputies/"+id(w.zhang)+"/seats/"+id(seat), url.Values{"status": {"resigned"}, "status_reason": {""}, "status_date": {"2024-06-01"}})
		if res.Status != 422 || !bytes.Contains(res.Body, []byte("变动原因")) {
			t.Fatalf("resign without reason: %d", res.Status)
		}
		res = b.Post(t, "/deputies/"+id(w.zhang)+"/seats/"+id(seat), url.Values{"status": {"resigned"}, "status_reason": {"工作调动"}, "status_date": {"2024-06-01"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("resign: %d", res.Status)
		}
		page = b.Get(t, "/deputies/"+id(w.zhang))
		if !bytes.Contains(page.Body, []byte("工作调动")) || !bytes.Contains(page.Body, []byte("辞职")) {
			t.Error("the profile does not show the resignation")
		}
		// The history says what changed, field by field.
		if !bytes.Contains(page.Body, []byte("<strong>任职状态</strong>：<del>在任</del> → 辞职")) {
			t.Error("the history does not spell out the status change")
		}
	})
}

// The poster's QR code decodes to the station's public page.
func TestStationQRCode(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		res := w.s.Browser(t, "").Get(t, "/directory/stations/"+id(w.station)+"/qr.png")
		if res.Status != 200 || res.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("qr: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		img, _, err := image.Decode(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			t.Fatal(err)
		}
		got, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		want := w.s.URL + "/directory/stations/" + id(w.station)
		if got.GetText() != want {
			t.Fatalf("QR code says %q, want %q", got.GetText(), want)
		}
		page := w.s.Browser(t, "").Get(t, strings.TrimPrefix(got.GetText(), w.s.URL))
		if page.Status != 200 || !bytes.Contains(page.Body, []byte("大源镇人大代表联络站")) {
			t.Errorf("the QR code's page: %d", page.Status)
		}
	})
}

// A deputy's public page offers the opinion form addressed to them, by link
// and by a QR code that decodes to the form's address.
func TestDeputyQRCodeLeadsToTheForm(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		b := w.s.Browser(t, "")
		page := b.Get(t, "/directory/deputies/"+id(w.zhang))
		form := "/submit?township=330111117&amp;deputy=" + id(w.zhang)
		for _, want := range []string{form, "/directory/deputies/" + id(w.zhang) + "/qr.png", "/public/duties/deputies/" + id(w.zhang)} {
			if !bytes.Contains(page.Body, []byte(want)) {
				t.Errorf("deputy page lacks %s", want)
			}
		}
		res := b.Get(t, "/directory/deputies/"+id(w.zhang)+"/qr.png")
		img, _, err := image.Decode(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatalf("qr: %d %v", res.Status, err)
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			t.Fatal(err)
		}
		got, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if want := w.s.URL + "/submit?township=330111117&deputy=" + id(w.zhang); got.GetText() != want {
			t.Fatalf("QR code says %q, want %q", got.GetText(), want)
		}
		if res := b.Get(t, "/directory/deputies/99999/qr.png"); res.Status != 404 {
			t.Errorf("QR of no deputy: %d", res.Status)
		}
	})
}
