// Package cli is the renda command line: it parses subcommands and flags,
// opens the database and hands work to the domain packages.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"renda/internal/store"
)

// DefaultDB is the embedded SQLite file used when neither --db nor RENDA_DB
// names a database.
const DefaultDB = "data/renda.db"

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server", runServe},
		{"migrate", "apply the database migrations", runMigrate},
		{"user", "manage accounts (user add)", runUser},
		{"import", "import data (import villages FILE)", runImport},
		{"demo", "load the demo data, or generate data at scale (--scale county|province)", runDemo},
		{"backup", "write a consistent copy of a SQLite database", runBackup},
	}
}

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	for _, c := range commands() {
		if c.name == args[0] {
			if err := c.run(ctx, e, args[1:]); err != nil {
				if err == flag.ErrHelp {
					return 0
				}
				fmt.Fprintln(stderr, "renda "+c.name+":", err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "renda: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: renda COMMAND [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nThe database is --db DB, a SQLite file path or a postgres:// URL (also RENDA_DB); default "+DefaultDB+".")
}

// dbFlag adds --db to a flag set, defaulting to RENDA_DB or DefaultDB.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("RENDA_DB")
	if def == "" {
		def = DefaultDB
	}
	return fs.String("db", def, "SQLite file path or postgres:// URL (also RENDA_DB)")
}

func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("renda "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// openDB opens and prepares (migrates, seeds) a database.
func openDB(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := prepare(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
