package demo

import (
	"context"
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

// dutyWriter writes duty records in multi-row inserts of dutyBatch rows,
// so millions of records stream through a small buffer.
type dutyWriter struct {
	db    *store.DB
	rows  []dutyRow
	now   int64
	total int
	done  func(n int)
}

const dutyBatch = 500

func newDutyWriter(db *store.DB, done func(int)) *dutyWriter {
	return &dutyWriter{db: db, rows: make([]dutyRow, 0, dutyBatch), now: time.Now().Unix(), done: done}
}

func (w *dutyWriter) add(ctx context.Context, r dutyRow) error {
	w.rows = append(w.rows, r)
	if len(w.rows) == dutyBatch {
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
			sb.WriteByte('$')
			sb.WriteString(strconv.Itoa(i*dutyCols + j))
		}
		sb.WriteByte(')')
		args = append(args, r.deputy, r.township, r.kind, r.date, r.days, r.count, r.title, r.place, r.status, r.reason, r.source, w.now, w.now)
	}
	if _, err := w.db.W.ExecContext(ctx, sb.String(), args...); err != nil {
		return err
	}
	w.total += len(w.rows)
	if w.done != nil {
		w.done(len(w.rows))
	}
	w.rows = w.rows[:0]
	return nil
}
