package demo

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"renda/internal/store"
)

// dutyRow is a duty record as the demo and the scale generator write it.
type dutyRow struct {
	deputy   int64
	township string
	kind     string
	date     string
	days     float64
	count    int
	title    string
	place    string
	status   string
	reason   string
	source   string
}

// dutyWriter writes duty records in multi-row inserts of batchRows rows,
// so millions of records stream through a small buffer. With a
// transaction (the scale generator's), rows are committed every
// txRows rows.
type dutyWriter struct {
	db    *store.DB
	tx    *sql.Tx
	inTx  int
	rows  []dutyRow
	now   int64
	total int
	done  func(n int)
	full  *sql.Stmt // the statement of a full batch, prepared once per transaction
	batch int
}

// exec runs a batch; full batches reuse one prepared statement, which
// spares the engine parsing thousands of placeholders each time.
func (w *dutyWriter) exec(ctx context.Context, query string, args []any) error {
	if w.tx == nil {
		_, err := w.db.W.ExecContext(ctx, query, args...)
		return err
	}
	if len(args) != w.batch*dutyCols {
		_, err := w.tx.ExecContext(ctx, query, args...)
		return err
	}
	if w.full == nil {
		st, err := w.tx.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		w.full = st
	}
	_, err := w.full.ExecContext(ctx, args...)
	return err
}

const txRows = 50000

// newScaleWriter writes in transactions of txRows rows.
func newScaleWriter(ctx context.Context, db *store.DB, done func(int)) (*dutyWriter, error) {
	w := newDutyWriter(db, done)
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	w.tx = tx
	return w, nil
}

// finish writes what is buffered and commits.
func (w *dutyWriter) finish(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	if w.tx == nil {
		return nil
	}
	w.full = nil
	err := w.tx.Commit()
	w.tx = nil
	return err
}

func (w *dutyWriter) rollback() {
	if w.tx != nil {
		w.tx.Rollback() //nolint:errcheck // after a failure
	}
}

// batchRows is how many rows one INSERT carries. The SQLite driver looks
// each numbered placeholder ($1…) up by name, a cost that grows with the
// square of the batch, so on SQLite the batch uses plain ? placeholders
// (which SQLite numbers by position) and stays within its 32766-variable
// limit.
func batchRows(e store.Engine) int {
	if e == store.SQLite {
		return 200
	}
	return 500
}

func newDutyWriter(db *store.DB, done func(int)) *dutyWriter {
	n := batchRows(db.Engine)
	return &dutyWriter{db: db, batch: n, rows: make([]dutyRow, 0, n), now: time.Now().Unix(), done: done}
}

func (w *dutyWriter) add(ctx context.Context, r dutyRow) error {
	w.rows = append(w.rows, r)
	if len(w.rows) == w.batch {
		return w.flush(ctx)
	}
	return nil
}

const dutyCols = 13

func (w *dutyWriter) flush(ctx context.Context) error {
	if len(w.rows) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.Grow(len(w.rows) * 80)
	sb.WriteString(`INSERT INTO duty_records (deputy_id, township_code, kind, date, days, count, title, place, status, return_reason, source, created_at, updated_at) VALUES `)
	args := make([]any, 0, len(w.rows)*dutyCols)
	for i, r := range w.rows {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for j := 1; j <= dutyCols; j++ {
			if j > 1 {
				sb.WriteByte(',')
			}
			if w.db.Engine == store.SQLite {
				sb.WriteByte('?') // see batchRows
			} else {
				sb.WriteByte('$')
				sb.WriteString(strconv.Itoa(i*dutyCols + j))
			}
		}
		sb.WriteByte(')')
		args = append(args, r.deputy, r.township, r.kind, r.date, r.days, r.count, r.title, r.place, r.status, r.reason, r.source, w.now, w.now)
	}
	if err := w.exec(ctx, sb.String(), args); err != nil {
		return err
	}
	if w.tx != nil {
		if w.inTx += len(w.rows); w.inTx >= txRows {
			w.full = nil
			if err := w.tx.Commit(); err != nil {
				return err
			}
			tx, err := w.db.W.BeginTx(ctx, nil)
			if err != nil {
				w.tx = nil
				return err
			}
			w.tx, w.inTx = tx, 0
		}
	}
	w.total += len(w.rows)
	if w.done != nil {
		w.done(len(w.rows))
	}
	w.rows = w.rows[:0]
	return nil
}
