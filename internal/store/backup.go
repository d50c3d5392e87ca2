package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
)

// Backup writes a consistent copy of a SQLite database to file while the
// server keeps running: VACUUM INTO reads one snapshot and writes a compact
// new database, which is the backup (restore by copying it into place).
func (db *DB) Backup(ctx context.Context, file string) error {
	if db.Engine != SQLite {
		return errors.New("backup works on SQLite; use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(file); err == nil {
		return errors.New(file + " already exists; choose a new name")
	}
	// A connection of its own: the readers are query-only and the writer
	// must stay free for the server.
	conn, err := sql.Open("sqlite", sqliteDSN(db.dsn, false))
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `VACUUM INTO $1`, file)
	return err
}
