package voteweb_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

// TestVotePages runs a vote through the pages as staff and a deputy use
// them: the form, opening, the ballot form, the receipt, closing,
// publishing, and the public page with the receipt check.
func TestVotePages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db, 2)
		staff := e.s.Browser(t, "dayuan")
		if res := staff.Get(t, "/votes/new"); res.Status != 200 || !strings.Contains(string(res.Body), "候选项目") {
			t.Fatalf("new vote form: %d", res.Status)
		}
		form := url.Values{"congress": {dayuan}, "title": {"2026年大源镇民生实事项目票决"}, "choose": {"5"},
			"project_name": {"村道硬化", "文化礼堂", ""}, "project_investment": {"120", "80", ""},
			"project_department": {"镇农办", "镇文化站", ""}, "project_rationale": {"", "", ""}, "project_due": {"2026-10-31", "", ""}}
		res := staff.Post(t, "/votes", form)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "拟选项目数应在 1 到 2") {
			t.Fatalf("choose 5 of 2: %d %s", res.Status, res.Body)
		}
		if !strings.Contains(string(res.Body), `value="文化礼堂"`) {
			t.Error("the refused form lost what was typed")
		}
		form.Set("choose", "1")
		res = staff.Post(t, "/votes", form)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/votes/"), 10, 64)
		staff.Get(t, loc)
		if res := staff.Post(t, loc+"/open", url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("open: %d %s", res.Status, res.Body)
		}

		dep := e.s.Browser(t, e.names[0])
		if home := string(dep.Get(t, "/").Body); !strings.Contains(home, "待投票的票决") {
			t.Fatal("the deputy's home page does not lead to the open vote")
		}
		page := string(dep.Get(t, loc).Body)
		radio := regexp.MustCompile(`name="(p\d+)" value="for"`).FindAllStringSubmatch(page, -1)
		if len(radio) != 2 {
			t.Fatalf("ballot form shows %d projects, want 2", len(radio))
		}
		half := url.Values{radio[0][1]: {"for"}}
		if res := dep.Post(t, loc+"/ballot", half); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "文化礼堂") {
			t.Fatalf("half a ballot: %d", res.Status)
		}
		res = dep.Post(t, loc+"/ballot", url.Values{radio[0][1]: {"for"}, radio[1][1]: {"against"}})
		receipt := regexp.MustCompile(`id="receipt">([A-Z0-9-]+)<`).FindStringSubmatch(string(res.Body))
		if res.Status != 200 || receipt == nil {
			t.Fatalf("ballot: %d %s", res.Status, res.Body)
		}
		if res := dep.Get(t, loc); !strings.Contains(string(res.Body), "您已投票") || strings.Contains(string(res.Body), `value="for"`) {
			t.Error("after voting the page still offers a ballot")
		}
		// The second deputy takes a paper ballot: staff tick them on the
		// roster, where the phone voter has no box to tick.
		page = string(staff.Get(t, loc).Body)
		ticks := regexp.MustCompile(`name="deputy_id" value="(\d+)"`).FindAllStringSubmatch(page, -1)
		if len(ticks) != 1 || ticks[0][1] != strconv.FormatInt(e.deputies[1], 10) || !strings.Contains(page, "已手机投票") {
			t.Fatalf("roster offers %v to tick, want only the deputy who has not voted", ticks)
		}
		if res := staff.Post(t, loc+"/paper", url.Values{"box": {"1号票箱"}, "count": {"1"}, "ballots": {"赞 反"}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "已发 0 张") {
			t.Fatalf("a box before any paper ballot was handed out: %d", res.Status)
		}
		staff.Get(t, loc)
		if res := staff.Post(t, loc+"/paper-issue", url.Values{"ids": {strconv.FormatInt(e.deputies[0], 10)}}); res.Status != http.StatusConflict || !strings.Contains(string(res.Body), "已在手机上投票") {
			t.Fatalf("paper ballot for the phone voter: %d", res.Status)
		}
		staff.Get(t, loc)
		if res := staff.Post(t, loc+"/paper-issue", url.Values{"deputy_id": {ticks[0][1]}}); res.Status != http.StatusSeeOther {
			t.Fatalf("hand out a paper ballot: %d %s", res.Status, res.Body)
		}
		if page := string(staff.Get(t, loc).Body); !strings.Contains(page, "已发纸质选票 1 张，已录入 0 张") || !strings.Contains(page, "已领纸质选票") {
			t.Fatal("the page does not show the paper ballot handed out")
		}
		if page := string(e.s.Browser(t, e.names[1]).Get(t, loc).Body); strings.Contains(page, `value="for"`) {
			t.Error("a deputy holding a paper ballot is offered a phone ballot")
		}
		if res := staff.Post(t, loc+"/paper", url.Values{"box": {"1号票箱"}, "count": {"2"}, "ballots": {"赞 反"}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "不一致") {
			t.Fatalf("box with a wrong subtotal: %d", res.Status)
		}
		if res := staff.Post(t, loc+"/paper", url.Values{"box": {"1号票箱"}, "count": {"1"}, "ballots": {"赞反弃"}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "应为 2 个") {
			t.Fatalf("ballot with three marks for two projects: %d", res.Status)
		}
		if res := staff.Post(t, loc+"/paper", url.Values{"box": {"1号票箱"}, "count": {"1"}, "ballots": {"赞 反"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("paper box: %d %s", res.Status, res.Body)
		}
		staff.Get(t, loc)
		staff.Post(t, loc+"/close", url.Values{})
		if res := staff.Get(t, loc); !strings.Contains(string(res.Body), "票决结果") {
			t.Fatal("closed vote shows no result to staff")
		}
		if res := staff.Post(t, loc+"/publish", url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", res.Status, res.Body)
		}
		pub := e.s.Browser(t, "")
		res = pub.Get(t, "/public/votes")
		if !strings.Contains(string(res.Body), "2026年大源镇民生实事项目票决") {
			t.Fatal("published vote missing from the public list")
		}
		res = pub.Get(t, "/public/votes/"+strconv.FormatInt(id, 10))
		// Both ballots (phone and paper) are for 村道硬化 and against 文化礼堂.
		if !strings.Contains(string(res.Body), "未通过") || !strings.Contains(string(res.Body), ">入选<") {
			t.Fatalf("public result: %s", res.Body)
		}
		res = pub.Post(t, "/public/votes/"+strconv.FormatInt(id, 10)+"/receipt", url.Values{"receipt": {receipt[1]}})
		if res.Status != 200 || !strings.Contains(string(res.Body), "已计入") {
			t.Fatalf("receipt check: %d %s", res.Status, res.Body)
		}
	})
}
