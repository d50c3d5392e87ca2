package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"renda/internal/auth"
	"renda/internal/demo"
	"renda/internal/server"
	"renda/internal/store"
)

func prepare(ctx context.Context, db *store.DB) error { return server.Prepare(ctx, db) }

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on, HOST:PORT")
	dsn := dbFlag(fs)
	withDemo := fs.Bool("demo", false, "load the demo data into an empty database")
	certFile := fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM); cookies are then Secure")
	keyFile := fs.String("tls-key", "", "the certificate's private key (PEM)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*certFile == "") != (*keyFile == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	start := time.Now()
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	authSvc := auth.NewService(db)
	if *withDemo {
		loaded, err := demo.LoadIfEmpty(ctx, db)
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if loaded {
			log.Info("demo data loaded", "took", time.Since(start).Round(time.Millisecond).String())
		} else {
			log.Info("database already holds data; demo data not loaded")
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	scheme := "http://"
	if *certFile != "" {
		scheme = "https://"
	}
	base := scheme + ln.Addr().String()
	fmt.Fprintf(e.stdout, "renda 已启动 / listening on %s (database: %s)\n", base, describeDB(db, *dsn))
	if *withDemo {
		fmt.Fprintln(e.stdout, "演示账号 / demo accounts (password "+demo.Password+"):")
		for _, a := range demo.Accounts() {
			fmt.Fprintf(e.stdout, "  %-10s %s\n", a.Username, a.Description)
		}
	}
	if tok, err := authSvc.NewSetupToken(ctx); err != nil {
		return err
	} else if tok != "" {
		fmt.Fprintf(e.stdout, "尚无管理员账号。请打开此一次性链接创建首个管理员 / no admin yet, create one at:\n  %s/setup/%s\n", base, tok)
	}
	app := server.New(db, authSvc, log)
	srv := &http.Server{
		Handler:           app.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() {
		if *certFile != "" {
			errc <- srv.ServeTLS(ln, *certFile, *keyFile)
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// SIGTERM or Ctrl-C: stop taking connections and let requests finish.
	log.Info("shutting down")
	shut, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func describeDB(db *store.DB, dsn string) string {
	if db.Engine == store.SQLite {
		if abs, err := absPath(db.Path()); err == nil {
			return "SQLite " + abs
		}
		return "SQLite " + db.Path()
	}
	return "PostgreSQL"
}

func absPath(p string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if len(p) > 0 && p[0] == '/' {
		return p, nil
	}
	return wd + "/" + p, nil
}
