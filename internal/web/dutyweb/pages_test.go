package dutyweb

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

func TestPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		staff := e.Browser(t, "dayuan")
		for _, c := range []struct {
			user, path string
			status     int
			contains   []string
		}{
			{"dayuan", "/duties/records", 200, []string{"履职登记", "批量登记"}},
			{"dayuan", "/duties/records/new", 200, []string{"王建国", "联系选民", `name="files"`}},
			{"dayuan", "/duties/records/batch", 200, []string{"李秀英", "为所选代表登记"}},
			{"dayuan", "/duties/assessment", 200, []string{"履职积分与考核", "王建国"}},
			{"dayuan", "/duties/settings", 200, []string{"年度履职目标", "disabled"}},
			{"fuyang", "/duties/assessment", 200, []string{"大源镇", "达标率"}},
			{"fuyang", "/duties/settings", 200, []string{"参加代表小组活动"}},
			{"wangjg", "/duties/records/new", 200, []string{"提交登记"}},
			{"wangjg", "/duties/records/batch", 403, nil},
			{"liaison", "/duties/records", 403, nil},
			{"wangjg", "/", 200, []string{"2025 年履职积分", "履职预警"}},
			{"dayuan", "/", 200, []string{"待确认履职记录", "“三不”预警代表", "李秀英"}},
			{"dayuan", "/duties/awards", 200, []string{"评优评先", "按积分推荐"}},
			{"dayuan", "/duties/reports", 200, []string{"安排述职", "王建国"}},
			{"wangjg", "/duties/reports", 200, []string{"向选民述职"}},
			{"dayuan", "/duties/periods", 200, []string{"发布积分公示"}},
			{"wangjg", "/duties/periods", 200, []string{"履职积分公示"}},
			{"dayuan", "/duties/bulletin", 200, []string{"代表履职情况通报", "导出 Excel"}},
			{"fuyang", "/duties/bulletin", 200, []string{"请选择乡镇"}},
			{"wangjg", "/duties/archive", 303, nil},
			{"wangjg", fmt.Sprintf("/duties/archive/%d", e.mine), 200, []string{"一、基本情况", "八、评优评先"}},
			{"lixy", fmt.Sprintf("/duties/archive/%d", e.mine), 404, nil},
		} {
			b := staff
			if c.user != "dayuan" {
				b = e.Browser(t, c.user)
			}
			res := b.Get(t, c.path)
			if res.Status != c.status {
				t.Errorf("%s %s: %d, want %d", c.user, c.path, res.Status, c.status)
				continue
			}
			for _, s := range c.contains {
				if !strings.Contains(string(res.Body), s) {
					t.Errorf("%s %s lacks %q", c.user, c.path, s)
				}
			}
		}

		// The batch form records the activity for every ticked deputy.
		staff.Get(t, "/duties/records/batch")
		res := staff.Post(t, "/duties/records/batch", url.Values{"kind": {"group_activity"}, "date": {"2025-09-10"}, "days": {"0.5"},
			"title": {"小组视察饮用水工程"}, "deputy_ids": {fmt.Sprint(e.mine), fmt.Sprint(e.theirs)}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("batch form: %d %s", res.Status, res.Body)
		}
		list := staff.Get(t, "/duties/records?kind=group_activity")
		if n := strings.Count(string(list.Body), "小组视察饮用水工程"); n != 2 {
			t.Errorf("batch made %d records, want 2", n)
		}
		// A bad form keeps what was typed and names the field.
		staff.Get(t, "/duties/records/new")
		res = staff.Post(t, "/duties/records", url.Values{"deputy_id": {fmt.Sprint(e.mine)}, "kind": {"group_activity"},
			"date": {"2025-09-16"}, "days": {"1"}, "place": {"大源村"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "晚于今天") || !strings.Contains(string(res.Body), `value="大源村"`) {
			t.Errorf("future date on the form: %d %s", res.Status, res.Body)
		}
		res = staff.Post(t, "/duties/records", url.Values{"deputy_id": {fmt.Sprint(e.far)}, "kind": {"group_activity"}, "date": {"2025-09-01"}, "days": {"1"}})
		if res.Status != http.StatusUnprocessableEntity && res.Status != http.StatusNotFound {
			t.Errorf("another township's deputy on the form: %d", res.Status)
		}
		// Staff schedule a report on the form, mark it held and print codes.
		staff.Get(t, "/duties/reports")
		res = staff.Post(t, "/duties/reports", url.Values{"deputy_id": {fmt.Sprint(e.theirs)}, "scheduled_at": {"2025-09-12T09:00"}, "place": {"湖源村委会"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("schedule form: %d %s", res.Status, res.Body)
		}
		report := res.Header.Get("Location")
		staff.Get(t, report)
		if res = staff.Post(t, report+"/held", url.Values{"date": {"2025-09-12"}}); res.Status != http.StatusSeeOther {
			t.Errorf("held form: %d", res.Status)
		}
		staff.Get(t, report)
		res = staff.Post(t, report+"/codes", url.Values{"count": {"3"}})
		if res.Status != 200 || strings.Count(string(res.Body), `class="code"`) != 3 {
			t.Errorf("codes page: %d", res.Status)
		}
		// A returned record is corrected on its page and waits again.
		rec := e.As(t, "wangjg", "POST", "/api/v1/duty-records", map[string]any{"kind": "district_visit", "date": "2025-09-01", "days": 1})
		rid := int64(rec.JSON()["id"].(float64))
		e.As(t, "dayuan", "POST", fmt.Sprintf("/api/v1/duty-records/%d/return", rid), map[string]any{"reason": "请填写走访地点"})
		deputy := e.Browser(t, "wangjg")
		page := deputy.Get(t, fmt.Sprintf("/duties/records/%d", rid))
		if !strings.Contains(string(page.Body), "请填写走访地点") || !strings.Contains(string(page.Body), "修改后重新提交") {
			t.Errorf("returned record page lacks the reason or the way to correct it")
		}
		deputy.Get(t, fmt.Sprintf("/duties/records/%d/edit", rid))
		res = deputy.Post(t, fmt.Sprintf("/duties/records/%d", rid), url.Values{"kind": {"district_visit"}, "date": {"2025-09-01"}, "days": {"1"}, "place": {"大源村"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("correcting: %d %s", res.Status, res.Body)
		}
		if got := e.As(t, "wangjg", "GET", fmt.Sprintf("/api/v1/duty-records/%d", rid), nil); !strings.Contains(string(got.Body), `"status":"pending"`) || !strings.Contains(string(got.Body), "大源村") {
			t.Errorf("after correcting: %s", got.Body)
		}
		if res := e.Browser(t, "lixy").Get(t, fmt.Sprintf("/duties/records/%d/edit", rid)); res.Status != http.StatusNotFound {
			t.Errorf("another deputy's edit page: %d", res.Status)
		}
		// County staff change a target on the settings form.
		county := e.Browser(t, "fuyang")
		county.Get(t, "/duties/settings?year=2025")
		res = county.Post(t, "/duties/settings", url.Values{"county": {"330111"}, "year": {"2025"}, "target.district_visits": {"4"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("settings form: %d %s", res.Status, res.Body)
		}
		if page := county.Get(t, "/duties/settings?year=2025"); !strings.Contains(string(page.Body), `name="target.district_visits" value="4"`) {
			t.Error("the new target is not shown")
		}
	})
}
