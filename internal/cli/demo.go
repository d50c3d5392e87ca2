package cli

import (
	"context"
	"fmt"
	"time"

	"renda/internal/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo")
	dsn := dbFlag(fs)
	scale := fs.String("scale", "", "generate synthetic data: county or province (Zhejiang)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if *scale == "" {
		loaded, err := demo.LoadIfEmpty(ctx, db)
		if err != nil {
			return err
		}
		if !loaded {
			return fmt.Errorf("the database already holds data; the demo goes into an empty database only")
		}
		fmt.Fprintf(e.stdout, "demo data loaded in %s\n", time.Since(start).Round(time.Millisecond))
		return nil
	}
	sc, err := demo.ParseScale(*scale)
	if err != nil {
		return err
	}
	sum, err := demo.Generate(ctx, db, sc, e.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "generated %s in %s\n", sum, time.Since(start).Round(time.Millisecond))
	return nil
}
