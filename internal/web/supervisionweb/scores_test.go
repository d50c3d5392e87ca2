package supervisionweb_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

var tags = regexp.MustCompile(`<[^>]+>`)

// resultRow returns the cells of a results row, as text.
func resultRow(t *testing.T, page, subject string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<tr><td>` + regexp.QuoteMeta(subject) + `(.*?)</tr>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no results row for %s", subject)
	}
	var cells []string
	for _, c := range strings.Split(m[1], "<td")[1:] {
		cells = append(cells, strings.TrimSpace(tags.ReplaceAllString("<td"+c, "")))
	}
	return cells
}

// TestScoredAppraisalPages: staff set up a work appraisal of units scored
// per criterion, enter one paper ballot in the grid and more typed a line
// each, a rater scores with a code; bad scores are refused naming the unit
// and criterion, and the averages per criterion and overall match a hand
// count; closing puts the unit below the line on the rectification list.
func TestScoredAppraisalPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := setup(t, db)
		b := s.Browser(t, "dayuan")
		b.Get(t, "/ratings")
		res := b.Post(t, "/ratings", url.Values{"township": {dayuan}, "title": {"2026年站所工作评议"}, "subject_kind": {"units"}, "method": {"scores"},
			"date": {"2026-12-01"}, "threshold": {"60"}, "subjects": {"镇中心小学\n兽医站\n环卫所"}, "criteria": {"工作实绩 40\n服务态度 30\n群众满意 30"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("appraisal form: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		page := string(b.Get(t, loc).Body)
		inputs := regexp.MustCompile(`name="(score_\d+_\d+)"`).FindAllStringSubmatch(page, -1)
		if len(inputs) != 9 || !strings.Contains(page, "录入评分票") || strings.Contains(page, "满满基不") {
			t.Fatalf("the scored appraisal page offers %d score inputs (want 9) or the satisfaction entry", len(inputs))
		}
		// inputs are row by row: unit, then criterion.
		grid := func(scores ...string) url.Values {
			v := url.Values{}
			for i, sc := range scores {
				v.Set(inputs[i][1], sc)
			}
			return v
		}
		for _, c := range []struct {
			user   string
			status int
		}{{"huyuan", http.StatusNotFound}, {"deputy", http.StatusForbidden}} {
			o := s.Browser(t, c.user)
			o.Get(t, "/")
			if res := o.Post(t, loc+"/paper", grid("38")); res.Status != c.status {
				t.Errorf("%s enters a scored ballot: %d, want %d", c.user, res.Status, c.status)
			}
		}
		res = b.Post(t, loc+"/paper", grid("38", "27", "28", "45", "15", "10"))
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "“兽医站”的“工作实绩”得分应为 0 到 40 的整数") ||
			!strings.Contains(string(res.Body), `value="45"`) {
			t.Fatalf("a score above the maximum: %d", res.Status)
		}
		b.Get(t, loc)
		if res := b.Post(t, loc+"/paper", grid("", "", "")); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("an empty ballot: %d", res.Status)
		}
		b.Get(t, loc)
		if res := b.Post(t, loc+"/paper", grid("38", "27", "28", "20", "15", "10", "30", "20", "")); res.Status != http.StatusSeeOther {
			t.Fatalf("grid ballot: %d %s", res.Status, res.Body)
		}
		b.Get(t, loc)
		// A batch with one bad line is refused whole.
		res = b.Post(t, loc+"/paper", url.Values{"ballots": {"40 30 30 / - / 32 24 26\n36 25 / 1 2 3 / -"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "第 2 张评分票中“镇中心小学”有 2 项得分，应为 3 项") {
			t.Fatalf("a short line: %d", res.Status)
		}
		if !strings.Contains(string(res.Body), "已收测评票 1 张") {
			t.Fatal("the refused batch counted ballots")
		}
		if res := b.Post(t, loc+"/paper", url.Values{"ballots": {"40 30 30 / - / 32 24 26"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("batch: %d %s", res.Status, res.Body)
		}

		// A rater scores with a one-time code.
		b.Get(t, loc)
		res = b.Post(t, loc+"/codes", url.Values{"count": {"1"}})
		code := regexp.MustCompile(`<li>([2-9A-Z]{8})</li>`).FindStringSubmatch(string(res.Body))
		if code == nil {
			t.Fatal("no code issued")
		}
		id := strings.TrimPrefix(loc, "/ratings/")
		rater := s.Browser(t, "")
		rp := string(rater.Get(t, "/rate/"+id).Body)
		if n := len(regexp.MustCompile(`name="score_\d+_\d+" value="" type="number"`).FindAllString(rp, -1)); n != 9 || strings.Contains(rp, `value="satisfied"`) {
			t.Fatalf("the rater's page offers %d score inputs, want 9", n)
		}
		vote := grid("36", "25", "26", "16", "13", "31", "34", "22", "24")
		vote.Set("code", code[1])
		if res := rater.Post(t, "/rate/"+id, vote); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "“兽医站”的“群众满意”") {
			t.Fatalf("rater's score above the maximum: %d", res.Status)
		}
		vote.Set(inputs[5][1], "12")
		if res := rater.Post(t, "/rate/"+id, vote); res.Status != 200 || !strings.Contains(string(res.Body), "测评已提交") {
			t.Fatalf("rater: %d %s", res.Status, res.Body)
		}

		// By hand — 小学: 38 36 40 → 38.0, 27 25 30 → 27.3, 28 26 30 → 28.0,
		// 93.3 of 100; 兽医站: 20 16 → 18.0, 15 13 → 14.0, 10 12 → 11.0,
		// 43.0; 环卫所: 30 34 32 → 32.0, 20 22 24 → 22.0, 24 26 → 25.0, 79.0.
		// Overall: 29.3, 21.1, 21.3, 71.8.
		page = string(b.Get(t, loc).Body)
		if !strings.Contains(page, "已收测评票 3 张") {
			t.Fatalf("ballot count: %s", page)
		}
		want := map[string][]string{
			"镇中心小学": {"38.0", "27.3", "28.0", "93.3", "93.3%", "3", ""},
			"兽医站":   {"18.0", "14.0", "11.0", "43.0", "43.0%", "2", "低于整改线"},
			"环卫所":   {"32.0", "22.0", "25.0", "79.0", "79.0%", "3", ""},
		}
		for unit, cells := range want {
			if got := resultRow(t, page, unit); strings.Join(got, "|") != strings.Join(cells, "|") {
				t.Errorf("%s: %q, want %q", unit, got, cells)
			}
		}
		overall := regexp.MustCompile(`(?s)<tr class="overall">(.*?)</tr>`).FindStringSubmatch(page)
		if overall == nil || !strings.Contains(overall[1], "全部 3 个对象平均") {
			t.Fatal("no overall row")
		}
		cells := strings.NewReplacer("</td>", " ", "</th>", " ").Replace(overall[1])
		if got := strings.Fields(tags.ReplaceAllString(cells, "")); strings.Join(got[len(got)-5:], " ") != "29.3 21.1 21.3 71.8 71.8%" {
			t.Errorf("overall %q", got)
		}

		if res := b.Post(t, loc+"/close", url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("close: %d %s", res.Status, res.Body)
		}
		list := string(b.Get(t, "/rectification").Body)
		if !strings.Contains(list, "兽医站") || strings.Contains(list, "环卫所") {
			t.Errorf("rectification after the appraisal: %s", list)
		}
	})
}
