package voteweb_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// TestConcurrentBallots has 300 deputies vote at once over HTTP, fifty of
// them sending their ballot twice at the same moment: every ballot is
// counted once, none is lost, each double gets exactly one refusal, and the
// server's log names no receipt and no choice.
func TestConcurrentBallots(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		const n, doubled = 300, 50
		e := setup(t, db, n)
		id, ps := e.createVote(t, 2, "村道硬化", "文化礼堂", "污水管网")
		if res := e.s.As(t, "dayuan", "POST", path("/api/v1/votes/%d/open", id), nil); res.Status != 200 {
			t.Fatalf("open: %d %s", res.Status, res.Body)
		}
		tokens := make([]string, n)
		for i, name := range e.names {
			sess, _, err := e.s.Auth.Login(context.Background(), auth.LoginInput{Username: name, Password: webtest.Password, Kind: auth.APIToken})
			if err != nil {
				t.Fatal(err)
			}
			tokens[i] = sess.Token
		}
		// Deputy i votes for project 0 unless i%3 == 2, for project 1 when
		// i%2 == 0, and abstains on project 2 when i%5 == 0.
		marks := func(i int) []string {
			m := []string{"for", "against", "against"}
			if i%3 == 2 {
				m[0] = "against"
			}
			if i%2 == 0 {
				m[1] = "for"
			}
			if i%5 == 0 {
				m[2] = "abstain"
			}
			return m
		}
		var mu sync.Mutex
		statuses := map[int]int{}
		receipts := map[string]bool{}
		perDeputy := make([]int, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		send := func(i int) {
			defer wg.Done()
			<-start
			res := e.s.Do(t, "POST", path("/api/v1/votes/%d/ballots", id), tokens[i], choices(ps, marks(i)...))
			mu.Lock()
			defer mu.Unlock()
			statuses[res.Status]++
			if res.Status == http.StatusCreated {
				perDeputy[i]++
				r, _ := res.JSON()["receipt"].(string)
				if receipts[r] {
					t.Errorf("receipt %s handed out twice", r)
				}
				receipts[r] = true
			}
		}
		for i := range n {
			wg.Add(1)
			go send(i)
			if i < doubled {
				wg.Add(1)
				go send(i)
			}
		}
		close(start)
		wg.Wait()
		if statuses[http.StatusCreated] != n || statuses[http.StatusConflict] != doubled || len(statuses) != 2 {
			t.Fatalf("statuses %v, want %d created and %d conflicts", statuses, n, doubled)
		}
		for i, k := range perDeputy {
			if k != 1 {
				t.Fatalf("deputy %d has %d ballots accepted", i, k)
			}
		}
		res := e.s.As(t, "dayuan", "POST", path("/api/v1/votes/%d/close", id), nil)
		var r struct {
			Eligible, Cast int
			Projects       []struct {
				ProjectID             int64 `json:"project_id"`
				For, Against, Abstain int
				Passed, Selected      bool
			}
		}
		res.Decode(t, &r)
		want := map[int64][3]int{}
		for i := range n {
			for j, m := range marks(i) {
				w := want[ps[j]]
				w[map[string]int{"for": 0, "against": 1, "abstain": 2}[m]]++
				want[ps[j]] = w
			}
		}
		if r.Eligible != n || r.Cast != n {
			t.Fatalf("eligible %d cast %d, want %d", r.Eligible, r.Cast, n)
		}
		for _, l := range r.Projects {
			if got := [3]int{l.For, l.Against, l.Abstain}; got != want[l.ProjectID] {
				t.Errorf("project %d: %v, want %v", l.ProjectID, got, want[l.ProjectID])
			}
		}
		var marked int
		if err := db.R.QueryRow(`SELECT COUNT(*) FROM vote_electors WHERE vote_id = $1 AND voted`, id).Scan(&marked); err != nil || marked != n {
			t.Fatalf("%d deputies marked as voted (%v), want %d", marked, err, n)
		}
		logs := e.log.String()
		if !strings.Contains(logs, fmt.Sprintf("/api/v1/votes/%d/ballots", id)) {
			t.Fatal("the request log is empty; the check below would prove nothing")
		}
		for rc := range receipts {
			if strings.Contains(logs, rc) {
				t.Fatalf("the log holds receipt %s", rc)
			}
		}
		for _, word := range []string{`"for"`, `"against"`, `"abstain"`, "choices"} {
			if strings.Contains(logs, word) {
				t.Fatalf("the log holds %s", word)
			}
		}
	})
}
