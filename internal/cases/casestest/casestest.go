// Package casestest makes the stations, deputies and handling units that
// tests of opinions and suggestions need, by inserting rows as the
// organisation schema (migration 0100) defines them.
package casestest

import (
	"context"
	"testing"
	"time"

	"renda/internal/store"
)

func insert(t testing.TB, db *store.DB, query string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := db.W.QueryRowContext(context.Background(), query+" RETURNING id", args...).Scan(&id); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return id
}

// Station makes a liaison station in a township.
func Station(t testing.TB, db *store.DB, township, name string) int64 {
	t.Helper()
	return insert(t, db, `INSERT INTO stations (township_code, name, address, phone, created_at, updated_at) VALUES ($1, $2, $3, '0571-63300000', $4, $4)`,
		township, name, name+"（村委会二楼）", time.Now().Unix())
}

// Officer makes a liaison officer of a station.
func Officer(t testing.TB, db *store.DB, station int64, name, phone string) int64 {
	t.Helper()
	return insert(t, db, `INSERT INTO station_officers (station_id, name, phone, public_phone, is_staff, created_at) VALUES ($1, $2, $3, $3, TRUE, $4)`,
		station, name, phone, time.Now().Unix())
}

// Deputy makes a deputy organised in a township, with a serving seat in the
// township's congress (or the county's, for a street), attached to a station
// when station is not 0.
func Deputy(t testing.TB, db *store.DB, township, name string, station int64) int64 {
	t.Helper()
	now := time.Now().Unix()
	var st any
	if station != 0 {
		st = station
	}
	id := insert(t, db, `INSERT INTO deputies (township_code, name, station_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		township, name, st, now)
	insert(t, db, `INSERT INTO seats (deputy_id, level, congress_code, term, status, created_at, updated_at) VALUES ($1, 'township', $2, '第十八届', 'serving', $3, $3)`,
		id, township, now)
	return id
}

// Unit makes a handling unit.
func Unit(t testing.TB, db *store.DB, jurisdiction, name, kind string) int64 {
	t.Helper()
	return insert(t, db, `INSERT INTO units (jurisdiction_code, name, kind, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		jurisdiction, name, kind, time.Now().Unix())
}
