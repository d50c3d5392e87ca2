package jurisdiction_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"

	"renda/internal/jurisdiction"
	"renda/internal/store"
	"renda/internal/testdb"
)

const villageCSV = `code,name,streetCode,provinceCode,cityCode,areaCode
330111117207,"勤功村委会",330111117,33,3301,330111
330111117002,"东塘社区",330111117,33,3301,330111
320826001001,"东门社区居委会",320826001,32,3208,320826
`

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s)) //nolint:errcheck
	w.Close()
	return b.Bytes()
}

func TestImportVillages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// The test database already holds 富阳区's villages; rename one to
		// see an import update it, and add 涟水县's from a gzipped file.
		renamed := strings.Replace(villageCSV, "勤功村委会", "勤功村村委会", 1)
		n, err := jurisdiction.ImportVillages(ctx, db, bytes.NewReader(gz(renamed)), "")
		if err != nil || n != 3 {
			t.Fatalf("import: %d, %v", n, err)
		}
		u, err := jurisdiction.Get(ctx, db.R, "330111117207")
		if err != nil || u.Name != "勤功村村委会" || u.Kind != jurisdiction.Village || u.Parent != "330111117" {
			t.Fatalf("village after import: %+v, %v", u, err)
		}
		c, err := jurisdiction.Get(ctx, db.R, "320826001001")
		if err != nil || c.Kind != jurisdiction.Community {
			t.Fatalf("community: %+v, %v", c, err)
		}

		// With --county only that county's villages are taken.
		n, err = jurisdiction.ImportVillages(ctx, db, strings.NewReader(villageCSV), "320826")
		if err != nil || n != 1 {
			t.Fatalf("county filter: %d, %v", n, err)
		}
	})
}

func TestImportVillagesRefusesBadFileWhole(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		bad := villageCSV + "999999999001,\"无名村\",999999999,99,9999,999999\n"
		bad = strings.Replace(bad, "东门社区居委会", "东门新居委会", 1)
		_, err := jurisdiction.ImportVillages(ctx, db, strings.NewReader(bad), "")
		var ie *jurisdiction.ImportError
		if !errors.As(err, &ie) || ie.Line != 5 {
			t.Fatalf("want an error on line 5, got %v", err)
		}
		// Nothing was written: the good lines before the bad one are not there.
		if u, err := jurisdiction.Get(ctx, db.R, "320826001001"); err == nil {
			t.Fatalf("a rejected file wrote %+v", u)
		}
	})
}

func TestChildrenAndPath(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		page1, next, err := jurisdiction.Children(ctx, db.R, "330111", "", 20)
		if err != nil || len(page1) != 20 || next == "" {
			t.Fatalf("page 1: %d units, next %q, %v", len(page1), next, err)
		}
		page2, next2, err := jurisdiction.Children(ctx, db.R, "330111", next, 20)
		if err != nil || len(page2) != 4 || next2 != "" {
			t.Fatalf("page 2: %d units, next %q, %v", len(page2), next2, err)
		}
		if page1[0].Code != "330111001" || page2[0].Code <= page1[19].Code {
			t.Errorf("pages out of order: %s … %s", page1[0].Code, page2[0].Code)
		}
		provinces, _, err := jurisdiction.Children(ctx, db.R, "", "", 50)
		if err != nil || len(provinces) != 31 {
			t.Fatalf("provinces: %d, %v", len(provinces), err)
		}
		path, err := jurisdiction.Path(ctx, db.R, "330111117207")
		if err != nil || len(path) != 5 || path[0].Name != "浙江省" || path[3].Name != "大源镇" {
			t.Fatalf("path: %+v, %v", path, err)
		}
		if _, err := jurisdiction.Path(ctx, db.R, "330111999"); err != store.ErrNotFound {
			t.Errorf("unknown code: %v", err)
		}
	})
}
