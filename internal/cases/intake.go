package cases

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"renda/internal/audit"
	"renda/internal/errs"
	"renda/internal/store"
)

// Public submissions are written by one goroutine that gathers whatever has
// queued while the previous write ran and commits it in one transaction
// (group commit): SQLite has a single writer, and one fsync for a hundred
// submissions is what lets it take thousands a second. Each submitter waits
// until its own submission is committed, so nothing is acknowledged before it
// is stored.

// Limits protect the public form against floods.
type Limits struct {
	PerWindow int   // submissions per client per window
	Window    int64 // seconds
}

// DefaultLimits allow a person a few dozen submissions an hour.
var DefaultLimits = Limits{PerWindow: 30, Window: 3600}

const maxBatch = 256

type submission struct {
	ctx    context.Context
	in     NewOpinion
	key    string // Idempotency-Key, hashed
	client string // the client's address, for the flood limit
	done   chan result
}

type result struct {
	r   *Receipt
	err error
}

// Intake takes public submissions.
type Intake struct {
	s      *Service
	Limits Limits
	once   sync.Once
	queue  chan *submission
	swept  atomic.Int64 // when old flood counters were last deleted
}

// NewIntake makes the public intake of a service; its writer starts with the
// first submission.
func (s *Service) NewIntake(l Limits) *Intake {
	return &Intake{s: s, Limits: l, queue: make(chan *submission, 4*maxBatch)}
}

// Submit stores a public submission and returns its receipt once committed.
// A submission carrying an Idempotency-Key already stored returns the first
// receipt and stores nothing.
func (in *Intake) Submit(ctx context.Context, op NewOpinion, idempotencyKey, client string) (*Receipt, error) {
	op.Channel = "online"
	if err := op.check(); err != nil {
		return nil, err
	}
	if len(idempotencyKey) > 200 {
		return nil, errs.Field("Idempotency-Key", "too_long", "cases.err.idempotency_key")
	}
	in.once.Do(func() { go in.write() })
	sub := &submission{ctx: context.WithoutCancel(ctx), in: op, client: client, done: make(chan result, 1)}
	if idempotencyKey != "" {
		h := sha256.Sum256([]byte(idempotencyKey))
		sub.key = hex.EncodeToString(h[:])
	}
	select {
	case in.queue <- sub:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// Once queued the submission is written whatever the client does, and
	// the answer waits for the commit.
	res := <-sub.done
	return res.r, res.err
}

func (in *Intake) write() {
	for first := range in.queue {
		batch := []*submission{first}
	gather:
		for len(batch) < maxBatch {
			select {
			case sub := <-in.queue:
				batch = append(batch, sub)
			default:
				break gather
			}
		}
		in.flush(batch)
	}
}

// flush commits a batch together; if the batch as a whole fails (another
// instance stored the same key meanwhile, say), each submission is retried
// alone so one cannot sink the others.
func (in *Intake) flush(batch []*submission) {
	results := make([]result, len(batch))
	err := in.s.DB.Tx(context.Background(), func(tx *sql.Tx) error {
		keys := map[string]*Receipt{}
		pt := &preparedTx{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer pt.close()
		allowed, err := in.count(context.Background(), pt, batch)
		if err != nil {
			return err
		}
		for i, sub := range batch {
			results[i] = in.store(pt, sub, keys, allowed)
			if results[i].err != nil {
				if _, ok := errs.As(results[i].err); !ok {
					return results[i].err
				}
			}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, sub := range batch {
			in.flush([]*submission{sub})
		}
		return
	}
	for i, sub := range batch {
		if err != nil {
			results[i] = result{err: err}
		}
		sub.done <- results[i]
	}
}

// store writes one submission inside the batch's transaction. User errors
// (a bad station, too many submissions) are returned without writing, so
// they do not abort the batch.
func (in *Intake) store(tx store.Querier, sub *submission, keys map[string]*Receipt, allowed map[string]int) result {
	ctx := sub.ctx
	if sub.key != "" {
		if r, ok := keys[sub.key]; ok {
			return result{r: r}
		}
		var r Receipt
		err := tx.QueryRowContext(ctx, `SELECT c.id, c.tracking_code, c.status FROM submission_keys k JOIN cases c ON c.id = k.case_id
			WHERE k.key_hash = $1`, sub.key).Scan(&r.ID, &r.TrackingCode, &r.Status)
		if err == nil {
			return result{r: &r}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return result{err: err}
		}
	}
	now := in.s.now().Unix()
	if in.Limits.PerWindow > 0 && sub.client != "" {
		if allowed[sub.client] <= 0 {
			return result{err: errs.New(errs.TooMany, "too_many_submissions", "", "cases.err.too_many_submissions", in.Limits.Window/60)}
		}
		allowed[sub.client]--
	}
	if err := checkRefs(ctx, tx, &sub.in); err != nil {
		return result{err: err}
	}
	r, err := insertOpinion(ctx, tx, audit.By(ctx, 0, "public"), 0, &sub.in, now)
	if err != nil {
		return result{err: err}
	}
	if sub.key != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_keys (key_hash, case_id, created_at) VALUES ($1, $2, $3)`, sub.key, r.ID, now); err != nil {
			return result{err: err}
		}
		keys[sub.key] = r
	}
	return result{r: r}
}

// count adds the batch's hits to each client's bucket in one statement and
// returns how many submissions of the batch each client may still make.
// The counters live in the database, so every instance behind a load
// balancer counts against the same allowance; old windows are swept now
// and then.
func (in *Intake) count(ctx context.Context, tx store.Querier, batch []*submission) (map[string]int, error) {
	allowed := map[string]int{}
	if in.Limits.PerWindow <= 0 {
		return allowed, nil
	}
	now := in.s.now().Unix()
	window := now - now%in.Limits.Window
	hits := map[string]int{}
	var order []string
	for _, sub := range batch {
		if sub.client == "" {
			continue
		}
		if hits[sub.client] == 0 {
			order = append(order, sub.client)
		}
		hits[sub.client]++
	}
	if len(order) == 0 {
		return allowed, nil
	}
	var b strings.Builder
	args := make([]any, 0, 3*len(order))
	b.WriteString(`INSERT INTO submission_limits (bucket, window_start, hits) VALUES `)
	for i, c := range order {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "($%d, $%d, $%d)", 3*i+1, 3*i+2, 3*i+3)
		args = append(args, "ip:"+c, window, hits[c])
	}
	b.WriteString(` ON CONFLICT (bucket) DO UPDATE SET
		hits = CASE WHEN submission_limits.window_start = excluded.window_start THEN submission_limits.hits + excluded.hits ELSE excluded.hits END,
		window_start = excluded.window_start
		RETURNING bucket, hits`)
	rows, err := tx.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var bucket string
		var total int
		if err := rows.Scan(&bucket, &total); err != nil {
			return nil, err
		}
		c := strings.TrimPrefix(bucket, "ip:")
		// Before this batch the client had made total - hits[c].
		allowed[c] = max(0, in.Limits.PerWindow-(total-hits[c]))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if now-in.swept.Load() > in.Limits.Window {
		in.swept.Store(now)
		if _, err := tx.ExecContext(ctx, `DELETE FROM submission_limits WHERE window_start < $1`, window); err != nil {
			return nil, err
		}
	}
	return allowed, nil
}

// preparedTx runs a batch's statements as prepared statements, each parsed
// once per batch rather than once per submission: the same handful of
// statements repeat for every submission of a batch.
type preparedTx struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (p *preparedTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	st, err := p.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = st
	return st, nil
}

func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (p *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext falls back to the transaction when a statement cannot be
// prepared, so the error surfaces through Scan as usual.
func (p *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return p.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (p *preparedTx) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}
