package jurisdiction

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"renda/internal/store"
)

// ImportError names the line of a village file that could not be read.
type ImportError struct {
	Line   int
	Reason string
}

func (e *ImportError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// ImportVillages loads village-level units from a file in the national
// table's CSV format (code,name,streetCode,…), plain or gzipped. With a
// county code only that county's villages are taken. A village already known
// gets its new name. The whole file goes in one transaction: a bad line and
// nothing is written.
func ImportVillages(ctx context.Context, db *store.DB, r io.Reader, county string) (int, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return 0, fmt.Errorf("gzip: %w", err)
		}
		defer gz.Close()
		r = gz
	} else {
		r = br
	}
	nat := National()
	var units []*Unit
	line := 1
	err := readCSV(r, func(rec []string) error {
		line++
		code, name := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if len(code) != 12 {
			return &ImportError{line, fmt.Sprintf("code %q is not a 12-digit village code", code)}
		}
		if _, err := Normalize(code); err != nil {
			return &ImportError{line, fmt.Sprintf("code %q is not a division code", code)}
		}
		if county != "" && !strings.HasPrefix(code, county) {
			return nil
		}
		if name == "" {
			return &ImportError{line, "name is empty"}
		}
		parent := code[:9]
		if _, ok := nat.Get(parent); !ok {
			return &ImportError{line, fmt.Sprintf("township %s of village %s is unknown", parent, code)}
		}
		units = append(units, &Unit{Code: code, Name: name, Kind: villageKind(name), Parent: parent})
		return nil
	})
	if err != nil {
		return 0, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error { return insertUnits(ctx, tx, units, true) })
	if err != nil {
		return 0, err
	}
	return len(units), nil
}

// SeedVillages opens the embedded villages of the four sample counties
// (富阳区, 福田区, 涟水县, 旬阳市) for the demo and for tests.
func SeedVillages() (io.ReadCloser, error) {
	return dataFS.Open("data/villages-seed-counties.csv")
}
