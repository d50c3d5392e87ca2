package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Querier is what both *sql.DB and *sql.Tx offer, so a read can run inside a
// write transaction or on the reader pool alike.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Errors domain code can test without importing a driver.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
)

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either engine.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || // SQLite
		strings.Contains(msg, "SQLSTATE 23505") // PostgreSQL
}

// IsForeignKeyViolation reports whether err is a foreign-key failure.
func IsForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") || strings.Contains(msg, "SQLSTATE 23503")
}

// NotFound turns sql.ErrNoRows into ErrNotFound and leaves other errors alone.
func NotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// LikePrefix returns a LIKE pattern matching strings that start with p, with
// LIKE's wildcards in p escaped (use with ESCAPE '\').
func LikePrefix(p string) string {
	return EscapeLike(p) + "%"
}

// LikeContains returns a LIKE pattern matching strings that contain p.
func LikeContains(p string) string {
	return "%" + EscapeLike(p) + "%"
}

// EscapeLike escapes LIKE's wildcards with a backslash.
func EscapeLike(p string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(p)
}

// PrefixRange returns the bounds of the codes that start with p, for a
// range scan `col >= lo AND col < hi` that uses the column's index on both
// engines (code columns are declared {{code}}, compared byte by byte). An
// empty p covers every code.
func PrefixRange(p string) (lo, hi string) {
	return p, p + "~"
}

// NullID stores a zero id as NULL, for optional references.
func NullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
