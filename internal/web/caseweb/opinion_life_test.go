package caseweb

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"renda/internal/store"
	"renda/internal/testdb"
)

// The whole life of an opinion: submitted by the public (stored once despite
// a retry), tracked, triaged to the township government, replied, rated
// unsatisfied at the return visit, handled again, replied and closed; the
// tracking page shows the public reply and never the constituent.
func TestOpinionLife(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		body := map[string]any{"township": dayuan, "channel": "online", "title": "大源村路灯不亮",
			"body": "大源村文化礼堂门口三盏路灯坏了一个多月，晚上出行不便。", "constituent": map[string]any{"name": "陈阿姨", "phone": "13805710001"},
			"station_id": w.station, "deputy_ids": []int64{w.lead}}
		first := submitWithKey(t, w, body, "key-1")
		again := submitWithKey(t, w, body, "key-1")
		if first["tracking_code"] != again["tracking_code"] || id(first) != id(again) {
			t.Fatalf("a retry with the same Idempotency-Key stored twice: %v %v", first, again)
		}
		var n int
		db.R.QueryRow(`SELECT COUNT(*) FROM cases WHERE kind = 'opinion'`).Scan(&n)
		if n != 1 {
			t.Fatalf("%d opinions stored, want 1", n)
		}
		code := first["tracking_code"].(string)
		opID := id(first)

		track := w.ok(t, 200, "", "GET", "/api/v1/public/track/"+strings.ToLower(code), nil)
		if track["status"] != "received" {
			t.Fatalf("tracking status %v", track["status"])
		}

		w.ok(t, 200, "dayuan", "POST", path("/api/v1/opinions/%d/route", opID), map[string]any{"route": "township", "unit_id": w.townGov})
		res := w.As(t, "dayuan", "POST", path("/api/v1/opinions/%d/route", opID), map[string]any{"route": "district"})
		if res.Status != http.StatusConflict || res.ErrorField() != "route" {
			t.Fatalf("routed twice: %d %s", res.Status, res.Body)
		}
		got := w.ok(t, 200, "towngov", "GET", path("/api/v1/opinions/%d", opID), nil)
		if got["status"] != "assigned" || got["colour"] != "green" || got["due"] != "2026-06-02" {
			t.Fatalf("assigned opinion: %v", got)
		}
		if _, seen := got["constituent"]; seen {
			t.Fatal("a handling unit sees the constituent's contact")
		}
		w.ok(t, 200, "towngov", "POST", path("/api/v1/opinions/%d/reply", opID), map[string]any{"grade": "B", "text": "已报修，待配件到货后更换。"})
		w.advance(48 * time.Hour)
		w.ok(t, 200, "officer", "POST", path("/api/v1/opinions/%d/rating", opID), map[string]any{"satisfaction": "unsatisfied", "note": "回访时群众反映仍未修好"})
		back := w.ok(t, 200, "dayuan", "GET", path("/api/v1/opinions/%d", opID), nil)
		if back["status"] != "rehandling" {
			t.Fatalf("unsatisfied rating left status %v", back["status"])
		}
		w.ok(t, 200, "towngov", "POST", path("/api/v1/opinions/%d/reply", opID), map[string]any{"grade": "A", "text": "三盏路灯已全部更换，经回访正常照明。"})
		w.ok(t, 200, "officer", "POST", path("/api/v1/opinions/%d/rating", opID), map[string]any{"satisfaction": "satisfied"})
		done := w.ok(t, 200, "dayuan", "GET", path("/api/v1/opinions/%d", opID), nil)
		if done["status"] != "closed" || done["rounds"].(float64) != 2 || len(done["replies"].([]any)) != 2 {
			t.Fatalf("closed opinion: %v", done)
		}

		pub := w.As(t, "", "GET", "/api/v1/public/track/"+code, nil)
		tr := pub.JSON()
		if tr["status"] != "closed" || tr["reply"] != "三盏路灯已全部更换，经回访正常照明。" || tr["unit"] != "大源镇人民政府" {
			t.Fatalf("tracking: %s", pub.Body)
		}
		if len(tr["history"].([]any)) != 6 {
			t.Fatalf("history too short: %s", pub.Body)
		}
		for _, private := range []string{"陈阿姨", "13805710001"} {
			if bytes.Contains(pub.Body, []byte(private)) {
				t.Fatalf("tracking page shows %s", private)
			}
		}
		w.ok(t, 404, "", "GET", "/api/v1/public/track/ABCDABCDABCD", nil)
	})
}

func submitWithKey(t *testing.T, w *world, body any, key string) map[string]any {
	t.Helper()
	req := jsonRequest(t, w.URL+"/api/v1/public/opinions", body)
	req.Header.Set("Idempotency-Key", key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	m := decode(t, res)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %v", res.StatusCode, m)
	}
	return m
}

// Duplicates merged into one: every constituent is listed to be told, and
// the merged opinion's tracking page follows the kept one to its reply.
func TestMergeOpinions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var ids []int64
		var codes []string
		for i, phone := range []string{"13900000001", "13900000002", "13900000003"} {
			r := w.ok(t, 201, "officer", "POST", "/api/v1/opinions", map[string]any{"township": dayuan, "channel": "reception",
				"body": "大源溪沿岸防洪堤有裂缝，汛期前需要加固。", "constituent": map[string]any{"name": []string{"甲", "乙", "丙"}[i], "phone": phone},
				"deputy_ids": []int64{[]int64{w.lead, w.co, w.lead}[i]}})
			ids = append(ids, id(r))
			codes = append(codes, r["tracking_code"].(string))
		}
		w.ok(t, 200, "dayuan", "POST", "/api/v1/opinions/merge", map[string]any{"into": ids[0], "ids": []int64{ids[1]}})
		res := w.ok(t, 200, "dayuan", "POST", "/api/v1/opinions/merge", map[string]any{"into": ids[0], "ids": []int64{ids[2]}})
		notify := res["notify"].([]any)
		if len(notify) != 3 {
			t.Fatalf("constituents to tell: %v", notify)
		}
		kept := res["case"].(map[string]any)
		if len(kept["deputy_ids"].([]any)) != 2 {
			t.Fatalf("the kept opinion should carry both deputies who took the matter: %v", kept["deputy_ids"])
		}
		bad := w.As(t, "dayuan", "POST", "/api/v1/opinions/merge", map[string]any{"into": ids[1], "ids": []int64{ids[2]}})
		if bad.Status != 422 || bad.ErrorField() != "into" {
			t.Fatalf("merge into a merged opinion: %d %s", bad.Status, bad.Body)
		}
		w.ok(t, 200, "dayuan", "POST", path("/api/v1/opinions/%d/route", ids[0]), map[string]any{"route": "district"})
		w.ok(t, 200, "fuyang", "POST", path("/api/v1/opinions/%d/assign", ids[0]), map[string]any{"lead_unit_id": w.dept})
		w.ok(t, 200, "jianshe", "POST", path("/api/v1/opinions/%d/reply", ids[0]), map[string]any{"grade": "C", "text": "已列入今年汛前加固计划。"})
		for _, code := range codes[1:] {
			tr := w.ok(t, 200, "", "GET", "/api/v1/public/track/"+code, nil)
			if tr["status"] != "replied" || tr["reply"] != "已列入今年汛前加固计划。" {
				t.Fatalf("merged opinion's tracking: %v", tr)
			}
		}
		r := w.As(t, "dayuan", "POST", path("/api/v1/opinions/%d/route", ids[1]), map[string]any{"route": "beyond"})
		if r.Status != http.StatusConflict {
			t.Fatalf("routing a merged opinion: %d %s", r.Status, r.Body)
		}
	})
}
