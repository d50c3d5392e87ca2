package auth

import (
	"context"
	"sync"
	"time"

	"renda/internal/errs"
)

var (
	dummyOnce sync.Once
	dummyVal  string
)

// dummy is a hash checked when the username is unknown, so a login for a
// name that does not exist takes as long as one that does.
func dummy() string {
	dummyOnce.Do(func() { dummyVal, _ = HashPassword("renda-dummy-password") })
	return dummyVal
}

// checkLock refuses a locked name, saying how many minutes remain.
func (s *Service) checkLock(ctx context.Context, name string) error {
	var until int64
	err := s.DB.R.QueryRowContext(ctx, `SELECT locked_until FROM login_attempts WHERE username = $1`, name).Scan(&until)
	if err != nil {
		return nil // no row: no failures
	}
	if left := until - s.now().Unix(); left > 0 {
		return errs.New(errs.TooMany, "locked", "username", "err.login_locked", (left+59)/60)
	}
	return nil
}

// fail counts a failure, locks the name after too many, and slows the
// answer after a few so guessing is slow either way.
func (s *Service) fail(ctx context.Context, name string) error {
	now := s.now().Unix()
	var failures int
	err := s.DB.W.QueryRowContext(ctx, `INSERT INTO login_attempts (username, failures, last_failure_at, locked_until)
		VALUES ($1, 1, $2, 0)
		ON CONFLICT (username) DO UPDATE SET failures = login_attempts.failures + 1, last_failure_at = $2
		RETURNING failures`, name, now).Scan(&failures)
	if err != nil {
		return err
	}
	p := s.Policy
	if p.LockAfter > 0 && failures >= p.LockAfter {
		until := now + int64(p.LockFor.Seconds())
		if _, err := s.DB.W.ExecContext(ctx, `UPDATE login_attempts SET locked_until = $1, failures = 0 WHERE username = $2`, until, name); err != nil {
			return err
		}
		return errs.New(errs.TooMany, "locked", "username", "err.login_locked", int64(p.LockFor.Minutes()))
	}
	if p.SlowAfter > 0 && failures > p.SlowAfter {
		d := time.Duration(failures-p.SlowAfter) * p.Delay
		if d > p.MaxDelay {
			d = p.MaxDelay
		}
		s.sleep(ctx, d)
	}
	return errs.New(errs.Unauthorized, "bad_credentials", "password", "err.login_failed")
}

func (s *Service) clearFailures(ctx context.Context, name string) {
	_, _ = s.DB.W.ExecContext(ctx, `DELETE FROM login_attempts WHERE username = $1`, name)
}

func (s *Service) sleep(ctx context.Context, d time.Duration) {
	if s.Sleep != nil {
		s.Sleep(ctx, d)
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
