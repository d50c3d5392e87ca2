package attachments

import (
	"bytes"
	"context"
	"database/sql"
	"testing"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
)

var (
	png  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	jpeg = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
	pdf  = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
	zip  = []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
	ole  = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00\x00\x00\x00\x00")
)

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"现场.png", png, "image/png"},
		{"photo.JPG", jpeg, "image/jpeg"},
		{"no-extension", jpeg, "image/jpeg"},
		{"报告.pdf", pdf, "application/pdf"},
		{"述职报告.docx", zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"台账.xlsx", zip, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"旧报告.doc", ole, "application/msword"},
		{"a.zip", zip, ""},                     // a zip that is no Office document
		{"fake.docx", ole, ""},                 // an OLE file named as OOXML
		{"fake.png", []byte("MZ\x90\x00"), ""}, // a program named as a photo
		{"x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"page.html", []byte("<!doctype html><html>"), ""},
	} {
		if got := Sniff(c.name, c.data); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestStoreAndOpen(t *testing.T) {
	Register("test_note", func(ctx context.Context, q store.Querier, p *auth.Principal, id int64) error {
		if p.Role == auth.Admin || id == p.DeputyID {
			return nil
		}
		return errs.NotFoundErr("attach.entity")
	})
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		add := func(u Upload) (File, error) {
			var f File
			err := db.Tx(ctx, func(tx *sql.Tx) error {
				var err error
				f, err = Add(ctx, tx, u)
				return err
			})
			return f, err
		}
		f, err := add(Upload{Owner: "test_note", OwnerID: 7, Scope: "330111117", Name: `..\..\照片"1".png`, Data: png})
		if err != nil {
			t.Fatal(err)
		}
		if f.Name != "照片1.png" || f.ContentType != "image/png" || f.Size != int64(len(png)) {
			t.Errorf("stored %+v", f)
		}
		for _, c := range []struct {
			name string
			u    Upload
			kind errs.Kind
		}{
			{"empty", Upload{Owner: "test_note", OwnerID: 7, Name: "a.png"}, errs.Invalid},
			{"too large", Upload{Owner: "test_note", OwnerID: 7, Name: "a.png", Data: append(append([]byte{}, png...), make([]byte, MaxSize)...)}, errs.TooLarge},
			{"program", Upload{Owner: "test_note", OwnerID: 7, Name: "a.exe", Data: []byte("MZ\x90\x00")}, errs.Invalid},
		} {
			_, err := add(c.u)
			if e, ok := errs.As(err); !ok || e.Kind != c.kind || e.Field != "files" {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		for i := 1; i < MaxPerOwner; i++ {
			if _, err := add(Upload{Owner: "test_note", OwnerID: 7, Name: "p.pdf", Data: pdf}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := add(Upload{Owner: "test_note", OwnerID: 7, Name: "p.pdf", Data: pdf}); err == nil {
			t.Errorf("a record took more than %d files", MaxPerOwner)
		}
		// The owner may read it; another deputy gets "not found", as does
		// anyone for an owner kind nobody registered.
		got, data, err := Open(ctx, db.R, &auth.Principal{Role: auth.Deputy, DeputyID: 7}, f.ID)
		if err != nil || !bytes.Equal(data, png) || got.Name != f.Name {
			t.Errorf("owner's download: %v", err)
		}
		if _, _, err := Open(ctx, db.R, &auth.Principal{Role: auth.Deputy, DeputyID: 8}, f.ID); err == nil {
			t.Error("another deputy downloaded the file")
		}
		lists, err := List(ctx, db.R, "test_note", []int64{7, 8})
		if err != nil || len(lists[7]) != MaxPerOwner || len(lists[8]) != 0 {
			t.Errorf("list: %d files, %v", len(lists[7]), err)
		}
	})
}
