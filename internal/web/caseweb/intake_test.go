package caseweb

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

// Many submissions at once are all stored, each acknowledged with its own
// tracking code, and a client over its allowance is refused.
func TestPublicIntake(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.mod.Intake.Limits.PerWindow = 150
		const n = 150
		codes := make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := jsonRequest(t, w.URL+"/api/v1/public/opinions", map[string]any{"township": dayuan,
					"body": fmt.Sprintf("第 %d 条意见：村道需要硬化", i)})
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				defer res.Body.Close()
				m := decode(t, res)
				if res.StatusCode != 201 {
					t.Errorf("submission %d: %d %v", i, res.StatusCode, m)
					return
				}
				codes[i] = m["tracking_code"].(string)
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		for i, c := range codes {
			var body string
			if err := db.R.QueryRow(`SELECT body FROM cases WHERE tracking_code = $1`, c).Scan(&body); err != nil || body != fmt.Sprintf("第 %d 条意见：村道需要硬化", i) {
				t.Fatalf("acknowledged submission %d (%s) not stored: %q %v", i, c, body, err)
			}
			if seen[c] {
				t.Fatalf("tracking code %s given twice", c)
			}
			seen[c] = true
		}
		res := w.As(t, "", "POST", "/api/v1/public/opinions", map[string]any{"township": dayuan, "body": "再提一条"})
		if res.Status != http.StatusTooManyRequests {
			t.Fatalf("over the allowance: %d %s", res.Status, res.Body)
		}
		var stored int
		db.R.QueryRow(`SELECT COUNT(*) FROM cases`).Scan(&stored)
		if stored != n {
			t.Fatalf("%d stored, want %d", stored, n)
		}
	})
}
