// Package attachments keeps files attached to records — photos of a duty,
// the text of a report — in the database, so that the server keeps no state
// of its own. A domain registers an owner kind with the check that says who
// may see its records; downloads go through that check.
package attachments

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// MaxSize is the largest file accepted: a phone photo fits, a video does not.
const MaxSize = 10 << 20

// MaxPerOwner is how many files one record may carry.
const MaxPerOwner = 9

// File is an attachment without its content.
type File struct {
	ID          int64  `json:"id"`
	Owner       string `json:"owner"`
	OwnerID     int64  `json:"owner_id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	CreatedAt   int64  `json:"created_at"`
}

// URL is where the file is downloaded.
func (f File) URL() string { return "/attachments/" + itoa(f.ID) }

// Upload is a file to attach.
type Upload struct {
	Owner   string
	OwnerID int64
	Scope   string // the owning record's township code
	Name    string
	Data    []byte
	By      int64 // the uploading user
}

// Check says whether p may see the record ownerID of an owner kind: nil if
// so, an error (not found, for what lies outside the caller's scope)
// otherwise.
type Check func(ctx context.Context, q store.Querier, p *auth.Principal, ownerID int64) error

var (
	mu     sync.RWMutex
	owners = map[string]Check{}
)

// Register names an owner kind and its access check. Domains call it from
// an init function.
func Register(owner string, check Check) {
	mu.Lock()
	defer mu.Unlock()
	owners[owner] = check
}

func checkFor(owner string) Check {
	mu.RLock()
	defer mu.RUnlock()
	return owners[owner]
}

// allowed are the types accepted, by what the content sniffs as: images,
// PDF and Office documents (which sniff as zip or OLE).
var allowed = map[string]string{
	"image/jpeg":      "",
	"image/png":       "",
	"image/gif":       "",
	"image/webp":      "",
	"application/pdf": "",
}

var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".wps":  "application/vnd.ms-works",
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Sniff returns the content type of a file from its bytes (and, for Office
// documents, which are zip or OLE containers, its extension), or "" when
// the file is not of a kind accepted.
func Sniff(name string, data []byte) string {
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if _, ok := allowed[ct]; ok {
		return ct
	}
	ext := strings.ToLower(path.Ext(name))
	office, isOffice := officeTypes[ext]
	switch {
	case !isOffice:
		return ""
	case ct == "application/zip" && strings.HasSuffix(ext, "x"):
		return office
	case bytes.HasPrefix(data, oleMagic) && !strings.HasSuffix(ext, "x"):
		return office
	}
	return ""
}

// cleanName keeps a file name safe to show and to send back.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == '"' || r == 127 {
			return -1
		}
		return r
	}, name)
	for utf8.RuneCountInString(name) > 100 {
		r := []rune(name)
		name = string(r[len(r)-100:])
	}
	if name == "" || name == "." || name == "/" {
		name = "file"
	}
	return name
}

// Add stores a file inside the caller's transaction, refusing one that is
// empty, too large or of a kind not accepted (the field is named "files").
func Add(ctx context.Context, tx store.Querier, u Upload) (File, error) {
	if len(u.Data) == 0 {
		return File{}, errs.Field("files", "empty_file", "attach.err.empty", cleanName(u.Name))
	}
	if len(u.Data) > MaxSize {
		return File{}, errs.New(errs.TooLarge, "file_too_large", "files", "attach.err.too_large", cleanName(u.Name), MaxSize>>20)
	}
	ct := Sniff(u.Name, u.Data)
	if ct == "" {
		return File{}, errs.Field("files", "file_type", "attach.err.type", cleanName(u.Name))
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attachments WHERE owner = $1 AND owner_id = $2`, u.Owner, u.OwnerID).Scan(&n); err != nil {
		return File{}, err
	}
	if n >= MaxPerOwner {
		return File{}, errs.Field("files", "too_many_files", "attach.err.too_many", MaxPerOwner)
	}
	f := File{Owner: u.Owner, OwnerID: u.OwnerID, Name: cleanName(u.Name), ContentType: ct, Size: int64(len(u.Data)), CreatedAt: time.Now().Unix()}
	var by any
	if u.By != 0 {
		by = u.By
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO attachments (owner, owner_id, scope_code, name, content_type, size, data, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		u.Owner, u.OwnerID, u.Scope, f.Name, f.ContentType, f.Size, u.Data, by, f.CreatedAt).Scan(&f.ID)
	return f, err
}

// List returns the files of some records of one owner kind, by record.
// The caller has already checked it may see those records.
func List(ctx context.Context, q store.Querier, owner string, ownerIDs []int64) (map[int64][]File, error) {
	out := map[int64][]File{}
	if len(ownerIDs) == 0 {
		return out, nil
	}
	args := []any{owner}
	ph := make([]string, len(ownerIDs))
	for i, id := range ownerIDs {
		args = append(args, id)
		ph[i] = "$" + itoa(int64(i+2))
	}
	rows, err := q.QueryContext(ctx, `SELECT id, owner, owner_id, name, content_type, size, created_at FROM attachments
		WHERE owner = $1 AND owner_id IN (`+strings.Join(ph, ",")+`) ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.ID, &f.Owner, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.CreatedAt); err != nil {
			return nil, err
		}
		out[f.OwnerID] = append(out[f.OwnerID], f)
	}
	return out, rows.Err()
}

// Open returns a file and its content if p may see the record that owns
// it; anything else is "not found".
func Open(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (File, []byte, error) {
	var f File
	var data []byte
	err := q.QueryRowContext(ctx, `SELECT id, owner, owner_id, name, content_type, size, created_at, data FROM attachments WHERE id = $1`, id).
		Scan(&f.ID, &f.Owner, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.CreatedAt, &data)
	if err == sql.ErrNoRows {
		return File{}, nil, errs.NotFoundErr("attach.entity")
	}
	if err != nil {
		return File{}, nil, err
	}
	check := checkFor(f.Owner)
	if check == nil {
		return File{}, nil, errs.NotFoundErr("attach.entity")
	}
	if err := check(ctx, q, p, f.OwnerID); err != nil {
		if e, ok := errs.As(err); ok && (e.Kind == errs.NotFound || e.Kind == errs.Forbidden) {
			return File{}, nil, errs.NotFoundErr("attach.entity")
		}
		return File{}, nil, err
	}
	return f, data, nil
}

// Remove deletes the files of a record inside the caller's transaction.
func Remove(ctx context.Context, tx store.Querier, owner string, ownerID int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM attachments WHERE owner = $1 AND owner_id = $2`, owner, ownerID)
	return err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
