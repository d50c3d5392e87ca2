package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"renda/internal/auth"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate")
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	for _, name := range applied {
		fmt.Fprintln(e.stdout, "applied", name)
	}
	if err != nil {
		return err
	}
	n, err := jurisdiction.Seed(ctx, db)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(e.stdout, "loaded %d division units\n", n)
	}
	v, err := db.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema version %d\n", v)
	return nil
}

func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: renda user add --username U --role R --scope CODE [--name NAME] [--db DB]  (password on stdin)")
	}
	fs := newFlags(e, "user add")
	dsn := dbFlag(fs)
	username := fs.String("username", "", "login name")
	role := fs.String("role", "", "admin, county, township, liaison, deputy or unit")
	scope := fs.String("scope", "", "division code of the account's jurisdiction (empty for a national admin)")
	name := fs.String("name", "", "the person's name")
	phone := fs.String("phone", "", "mobile phone")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	pw, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := auth.NewService(db)
	u, err := svc.CreateUser(ctx, auth.SystemPrincipal, auth.NewUser{
		Username: *username, Password: pw, DisplayName: *name, Role: auth.Role(*role), Scope: *scope, Phone: *phone,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created account %s (id %d, role %s, scope %q)\n", u.Username, u.ID, u.Role, u.Scope)
	return nil
}

// readPassword takes the first line of stdin, so `echo pw | renda user add`
// and a here-document both work, and the password never shows in ps.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("no password on standard input")
	}
	return pw, nil
}

func runImport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "villages" {
		return errors.New("usage: renda import villages FILE [--county CODE] [--db DB]")
	}
	fs := newFlags(e, "import villages")
	dsn := dbFlag(fs)
	county := fs.String("county", "", "only the villages of this county (6 digits)")
	file, err := parseWithFile(fs, args[1:], "name the file to import: renda import villages FILE")
	if err != nil {
		return err
	}
	if *county != "" {
		c, err := jurisdiction.Normalize(*county)
		if err != nil || len(c) != 6 {
			return fmt.Errorf("--county %q is not a 6-digit county code", *county)
		}
		if _, ok := jurisdiction.National().Get(c); !ok {
			return fmt.Errorf("--county %s: no such county", c)
		}
		*county = c
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := jurisdiction.ImportVillages(ctx, db, f, *county)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing imported)", file, err)
	}
	fmt.Fprintf(e.stdout, "imported %d village-level units\n", n)
	return nil
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup")
	dsn := dbFlag(fs)
	file, err := parseWithFile(fs, args, "name the backup file: renda backup FILE")
	if err != nil {
		return err
	}
	if store.IsPostgres(*dsn) {
		return errors.New("this database is PostgreSQL: back it up with pg_dump (see the README)")
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, file); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s\n", file)
	return nil
}

// parseWithFile parses flags around one file argument, which may come
// before or after them.
func parseWithFile(fs *flag.FlagSet, args []string, missing string) (string, error) {
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" {
		return "", errors.New(missing)
	}
	return file, nil
}
