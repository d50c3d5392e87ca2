package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"renda/internal/attachments"
	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// DocumentKinds are the reports a session hears, in the usual order.
var DocumentKinds = []string{"presidium_report", "government_report", "budget_report", "suggestions_report", "other"}

// OwnerDocument is the attachments owner kind of a report's files.
const OwnerDocument = "session_document"

func init() {
	attachments.Register(OwnerDocument, mayReadDocument)
}

// Document is a report heard at a session, with its text and its files.
type Document struct {
	ID    int64          `json:"id"`
	Kind  string         `json:"kind"`
	Title string         `json:"title"`
	Body  string         `json:"body"`
	Files []DocumentFile `json:"files"`
}

// DocumentFile is a report's file (PDF, Word or Excel) and where to
// download it.
type DocumentFile struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

// File is a report's file as uploaded.
type File struct {
	Name string
	Data []byte
}

// documentTypes are the kinds of file a report may be: PDF, Word, Excel
// (and WPS, which offices in China use for Word documents).
var documentTypes = map[string]bool{
	"application/pdf":    true,
	"application/msword": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
	"application/vnd.ms-excel": true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": true,
	"application/vnd.ms-works": true,
}

// FileURL is where a report's file is downloaded: the session's page path,
// public once the session is published, for staff in scope before.
func FileURL(sessionID, fileID int64) string {
	return fmt.Sprintf("/public/sessions/%d/files/%d", sessionID, fileID)
}

// mayReadDocument lets staff who keep the session's congress, or anyone
// once the session is published, download a report's files.
func mayReadDocument(ctx context.Context, q store.Querier, p *auth.Principal, docID int64) error {
	var congress string
	var published sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT s.congress_code, s.published_at FROM session_documents d
		JOIN congress_sessions s ON s.id = d.session_id WHERE d.id = $1`, docID).Scan(&congress, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFoundErr("meet.document")
	}
	if err != nil {
		return err
	}
	if published.Valid || mayRun(p, congress) {
		return nil
	}
	return errs.NotFoundErr("meet.document")
}

// AddDocument keeps a report of the session, with its files if any, in one
// transaction: a refused file leaves no report behind.
func AddDocument(ctx context.Context, db *store.DB, p *auth.Principal, sessionID int64, in Document, files ...File) (*Document, error) {
	var err error
	known := false
	for _, k := range DocumentKinds {
		known = known || k == in.Kind
	}
	if !known {
		return nil, errs.Field("kind", "invalid_kind", "meet.err.document_kind")
	}
	if in.Title, err = checkText("title", in.Title, true, 200); err != nil {
		return nil, err
	}
	if in.Body, err = checkText("body", in.Body, false, 200000); err != nil {
		return nil, err
	}
	in.Files = []DocumentFile{}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, sessionID)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO session_documents (session_id, kind, title, body, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, sessionID, in.Kind, in.Title, in.Body, store.NullID(p.UserID), time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p.Actor(ctx), "document", "congress_session", s.ID, s.Congress, in.Title, nil,
			map[string]any{"id": in.ID, "kind": in.Kind, "title": in.Title}); err != nil {
			return err
		}
		for _, f := range files {
			df, err := addFile(ctx, tx, p, s, in.ID, f)
			if err != nil {
				return err
			}
			in.Files = append(in.Files, df)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// AttachDocumentFile adds a file to a report of the session.
func AttachDocumentFile(ctx context.Context, db *store.DB, p *auth.Principal, sessionID, docID int64, f File) (*Document, error) {
	var out *Document
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, sessionID)
		if err != nil {
			return err
		}
		ds, err := documents(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		for i := range ds {
			if ds[i].ID == docID {
				out = &ds[i]
			}
		}
		if out == nil {
			return errs.NotFoundErr("meet.document")
		}
		df, err := addFile(ctx, tx, p, s, docID, f)
		if err != nil {
			return err
		}
		out.Files = append(out.Files, df)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// addFile stores a report's file, refusing anything but PDF, Word or Excel
// (the field is named "file").
func addFile(ctx context.Context, tx *sql.Tx, p *auth.Principal, s *Session, docID int64, f File) (DocumentFile, error) {
	if len(f.Data) > 0 && !documentTypes[attachments.Sniff(f.Name, f.Data)] {
		return DocumentFile{}, errs.Field("file", "file_type", "meet.err.document_file_type", f.Name)
	}
	af, err := attachments.Add(ctx, tx, attachments.Upload{Owner: OwnerDocument, OwnerID: docID, Scope: s.Congress,
		Name: f.Name, Data: f.Data, By: p.UserID})
	if e, ok := errs.As(err); ok && e.Field == "files" {
		e.Field = "file"
	}
	if err != nil {
		return DocumentFile{}, err
	}
	if err := audit.Record(ctx, tx, p.Actor(ctx), "document_file", "congress_session", s.ID, s.Congress, af.Name, nil,
		map[string]any{"document_id": docID, "file_id": af.ID, "name": af.Name, "size": af.Size}); err != nil {
		return DocumentFile{}, err
	}
	return fileOf(s.ID, af), nil
}

func fileOf(sessionID int64, f attachments.File) DocumentFile {
	return DocumentFile{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, URL: FileURL(sessionID, f.ID)}
}

func documents(ctx context.Context, q store.Querier, sessionID int64) ([]Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, title, body FROM session_documents WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Document{}
	var ids []int64
	for rows.Next() {
		d := Document{Files: []DocumentFile{}}
		if err := rows.Scan(&d.ID, &d.Kind, &d.Title, &d.Body); err != nil {
			return nil, err
		}
		out = append(out, d)
		ids = append(ids, d.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	files, err := attachments.List(ctx, q, OwnerDocument, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, f := range files[out[i].ID] {
			out[i].Files = append(out[i].Files, fileOf(sessionID, f))
		}
	}
	return out, nil
}

// DocumentFileOf checks that a file belongs to a report of the session, for
// the download under the session's path.
func DocumentFileOf(ctx context.Context, db *store.DB, sessionID int64, f attachments.File) error {
	if f.Owner != OwnerDocument {
		return errs.NotFoundErr("attach.entity")
	}
	var n int
	if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM session_documents WHERE id = $1 AND session_id = $2`, f.OwnerID, sessionID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.NotFoundErr("attach.entity")
	}
	return nil
}

// KB is the file's size in kilobytes, rounded up, for showing.
func (f DocumentFile) KB() int64 { return (f.Size + 1023) / 1024 }
