package jurisdiction

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"sync"
)

//go:embed data/provinces.csv data/cities.csv data/areas.csv data/streets.csv data/villages-seed-counties.csv
var dataFS embed.FS

// Unit is one division unit.
type Unit struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Kind   Kind   `json:"kind"`
	Parent string `json:"parent,omitempty"`
}

// Level is the depth of the unit (1 province … 5 village).
func (u Unit) Level() int { return Level(u.Code) }

// Table is the embedded national table, provinces to townships, in memory:
// names and kinds are looked up without a query.
type Table struct {
	byCode   map[string]*Unit
	children map[string][]*Unit
	ordered  []*Unit // parents before children
}

var (
	tableOnce sync.Once
	table     *Table
	tableErr  error
)

// National returns the embedded table, read once.
func National() *Table {
	tableOnce.Do(func() { table, tableErr = loadTable() })
	if tableErr != nil {
		panic("embedded division table: " + tableErr.Error())
	}
	return table
}

func loadTable() (*Table, error) {
	t := &Table{byCode: map[string]*Unit{}, children: map[string][]*Unit{}}
	for _, f := range []string{"provinces", "cities", "areas", "streets"} {
		fh, err := dataFS.Open("data/" + f + ".csv")
		if err != nil {
			return nil, err
		}
		err = readCSV(fh, func(rec []string) error {
			code, name := rec[0], rec[1]
			u := &Unit{Code: code, Name: name, Kind: KindOf(code, name), Parent: ParentCode(code)}
			if u.Parent != "" && t.byCode[u.Parent] == nil {
				// A few cities are missing their province row in no edition,
				// but guard anyway: the tree must not have orphans.
				return fmt.Errorf("%s: parent %s unknown", code, u.Parent)
			}
			t.byCode[code] = u
			t.children[u.Parent] = append(t.children[u.Parent], u)
			t.ordered = append(t.ordered, u)
			return nil
		})
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s.csv: %w", f, err)
		}
	}
	for _, c := range t.children {
		sort.Slice(c, func(i, j int) bool { return c[i].Code < c[j].Code })
	}
	return t, nil
}

// readCSV calls fn for each record after the header.
func readCSV(r io.Reader, fn func([]string) error) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	if _, err := cr.Read(); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if len(rec) < 2 {
			line, _ := cr.FieldPos(0)
			return fmt.Errorf("line %d: too few columns", line)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// Get returns the unit with this code, if the national table has it.
func (t *Table) Get(code string) (*Unit, bool) {
	u, ok := t.byCode[code]
	return u, ok
}

// Children lists the units directly below code ("" for provinces).
func (t *Table) Children(code string) []*Unit { return t.children[code] }

// All lists every unit, parents before children.
func (t *Table) All() []*Unit { return t.ordered }

// Len is the number of units in the table.
func (t *Table) Len() int { return len(t.ordered) }

// Path lists the unit and its parents from the province down.
func (t *Table) Path(code string) []*Unit {
	var out []*Unit
	for c := code; c != ""; c = ParentCode(c) {
		if u, ok := t.byCode[c]; ok {
			out = append([]*Unit{u}, out...)
		}
	}
	return out
}

// FullName joins the names from the province down, skipping the
// placeholder 市辖区 / 县 that municipalities carry at city level.
func (t *Table) FullName(code string) string {
	s := ""
	for _, u := range t.Path(code) {
		if u.Name == "市辖区" || u.Name == "县" || u.Name == "省直辖县级行政区划" || u.Name == "自治区直辖县级行政区划" {
			continue
		}
		s += u.Name
	}
	return s
}

// Townships lists the township-level units under a county (or any code).
func (t *Table) Townships(under string) []*Unit {
	var out []*Unit
	var walk func(string)
	walk = func(c string) {
		for _, u := range t.children[c] {
			if len(u.Code) == 9 {
				out = append(out, u)
				continue
			}
			walk(u.Code)
		}
	}
	if len(under) == 9 {
		if u, ok := t.byCode[under]; ok {
			return []*Unit{u}
		}
		return nil
	}
	walk(under)
	return out
}
