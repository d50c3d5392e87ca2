package auth_test

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
)

func service(db *store.DB) (*auth.Service, *time.Duration) {
	svc := auth.NewService(db)
	slept := new(time.Duration)
	svc.Sleep = func(_ context.Context, d time.Duration) { *slept += d }
	return svc, slept
}

func mustCreate(t *testing.T, svc *auth.Service, actor *auth.Principal, in auth.NewUser) *auth.User {
	t.Helper()
	if in.Password == "" {
		in.Password = "password-123"
	}
	u, err := svc.CreateUser(context.Background(), actor, in)
	if err != nil {
		t.Fatalf("create %s: %v", in.Username, err)
	}
	return u
}

func errKind(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Code + "@" + e.Field
	}
	if err == nil {
		return "ok"
	}
	return err.Error()
}

func TestLoginAndSessions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, _ := service(db)
		mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "Dayuan", Role: auth.Township, Scope: "330111117"})

		sess, u, err := svc.Login(ctx, auth.LoginInput{Username: " dayuan ", Password: "password-123", Kind: auth.WebSession})
		if err != nil || u.Username != "dayuan" {
			t.Fatalf("login: %v", err)
		}
		p, csrf, err := svc.Authenticate(ctx, sess.Token, auth.WebSession)
		if err != nil || p.Scope != "330111117" || p.Role != auth.Township || csrf != sess.CSRF {
			t.Fatalf("authenticate: %+v %v", p, err)
		}
		// A web session is no API token and the other way round.
		if _, _, err := svc.Authenticate(ctx, sess.Token, auth.APIToken); err == nil {
			t.Error("web session accepted as an API token")
		}
		if err := svc.Logout(ctx, sess.Token); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Authenticate(ctx, sess.Token, auth.WebSession); err == nil {
			t.Error("session still valid after logout")
		}
	})
}

func TestSessionExpires(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, _ := service(db)
		now := time.Now()
		svc.Now = func() time.Time { return now }
		mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "x1", Role: auth.County, Scope: "330111"})
		sess, _, err := svc.Login(ctx, auth.LoginInput{Username: "x1", Password: "password-123", Kind: auth.APIToken})
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(svc.Policy.APITTL + time.Minute)
		if _, _, err := svc.Authenticate(ctx, sess.Token, auth.APIToken); err == nil {
			t.Error("expired token accepted")
		}
	})
}

func TestLoginThrottleAndLock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, slept := service(db)
		now := time.Now()
		svc.Now = func() time.Time { return now }
		mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "huyuan", Role: auth.Township, Scope: "330111205"})
		pol := svc.Policy
		for i := 1; i < pol.LockAfter; i++ {
			_, _, err := svc.Login(ctx, auth.LoginInput{Username: "huyuan", Password: "wrong-one"})
			if e, ok := errs.As(err); !ok || e.Kind != errs.Unauthorized {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		if *slept == 0 {
			t.Error("repeated failures were not slowed")
		}
		_, _, err := svc.Login(ctx, auth.LoginInput{Username: "huyuan", Password: "wrong-one"})
		if e, ok := errs.As(err); !ok || e.Code != "locked" {
			t.Fatalf("no lock after %d failures: %v", pol.LockAfter, err)
		}
		// Locked: even the right password is refused, with the wait in minutes.
		_, _, err = svc.Login(ctx, auth.LoginInput{Username: "huyuan", Password: "password-123"})
		if e, ok := errs.As(err); !ok || e.Code != "locked" {
			t.Fatalf("locked account let in: %v", err)
		}
		now = now.Add(pol.LockFor + time.Second)
		if _, _, err := svc.Login(ctx, auth.LoginInput{Username: "huyuan", Password: "password-123"}); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		// Unknown names are throttled the same way, revealing nothing.
		_, _, err = svc.Login(ctx, auth.LoginInput{Username: "nobody", Password: "whatever1"})
		if e, ok := errs.As(err); !ok || e.Code != "bad_credentials" {
			t.Errorf("unknown user: %v", err)
		}
	})
}

func TestDisabledAccountCannotSignIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, _ := service(db)
		county := mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "fuyang", Role: auth.County, Scope: "330111"})
		u := mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "dayuan", Role: auth.Township, Scope: "330111117"})
		sess, _, err := svc.Login(ctx, auth.LoginInput{Username: "dayuan", Password: "password-123"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SetDisabled(ctx, county.Principal(), u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Authenticate(ctx, sess.Token, auth.WebSession); err == nil {
			t.Error("a disabled account's session still works")
		}
		if _, _, err := svc.Login(ctx, auth.LoginInput{Username: "dayuan", Password: "password-123"}); err == nil {
			t.Error("a disabled account signed in")
		}
	})
}

// Who may create which account where.
func TestCreateUserScopes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		svc, _ := service(db)
		admin := mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "root", Role: auth.Admin}).Principal()
		county := mustCreate(t, svc, admin, auth.NewUser{Username: "fuyang", Role: auth.County, Scope: "330111"}).Principal()
		town := mustCreate(t, svc, county, auth.NewUser{Username: "dayuan", Role: auth.Township, Scope: "330111117"}).Principal()
		deputy := mustCreate(t, svc, town, auth.NewUser{Username: "zhang", Role: auth.Deputy, Scope: "330111117"}).Principal()
		cases := []struct {
			name  string
			actor *auth.Principal
			in    auth.NewUser
			want  string
		}{
			{"county makes township staff", county, auth.NewUser{Username: "huyuan", Role: auth.Township, Scope: "330111205"}, "ok"},
			{"county outside its county", county, auth.NewUser{Username: "other", Role: auth.Township, Scope: "330106002"}, "out_of_scope@scope"},
			{"county may not make an admin", county, auth.NewUser{Username: "boss", Role: auth.Admin}, "out_of_scope@scope"},
			{"township makes a liaison officer", town, auth.NewUser{Username: "lly", Role: auth.Liaison, Scope: "330111117"}, "ok"},
			{"township may not make county staff", town, auth.NewUser{Username: "c2", Role: auth.County, Scope: "330111"}, "out_of_scope@scope"},
			{"township may not make township staff", town, auth.NewUser{Username: "t2", Role: auth.Township, Scope: "330111117"}, "forbidden@"},
			{"deputy may not make accounts", deputy, auth.NewUser{Username: "d2", Role: auth.Deputy, Scope: "330111117"}, "forbidden@"},
			{"township staff need a township", admin, auth.NewUser{Username: "t3", Role: auth.Township, Scope: "330111"}, "scope_level@scope"},
			{"unknown code", admin, auth.NewUser{Username: "t4", Role: auth.Township, Scope: "330111999"}, "unknown_code@scope"},
			{"malformed code", admin, auth.NewUser{Username: "t5", Role: auth.Township, Scope: "33011A117"}, "invalid_code@scope"},
			{"unknown role", admin, auth.NewUser{Username: "t6", Role: "mayor", Scope: "330111117"}, "invalid_role@role"},
			{"bad username", admin, auth.NewUser{Username: "张三", Role: auth.County, Scope: "330111"}, "invalid_username@username"},
			{"taken username", admin, auth.NewUser{Username: "FuYang", Role: auth.County, Scope: "330111"}, "conflict@username"},
			{"short password", admin, auth.NewUser{Username: "t7", Role: auth.County, Scope: "330111", Password: "short"}, "too_short@password"},
			{"padded code is accepted", admin, auth.NewUser{Username: "t8", Role: auth.County, Scope: "330111000000"}, "ok"},
		}
		for _, c := range cases {
			if c.in.Password == "" {
				c.in.Password = "password-123"
			}
			_, err := svc.CreateUser(context.Background(), c.actor, c.in)
			if got := errKind(err); got != c.want {
				t.Errorf("%s: %s, want %s", c.name, got, c.want)
			}
		}
	})
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, _ := service(db)
		u := mustCreate(t, svc, auth.SystemPrincipal, auth.NewUser{Username: "dayuan", Role: auth.Township, Scope: "330111117"})
		a, _, _ := svc.Login(ctx, auth.LoginInput{Username: "dayuan", Password: "password-123"})
		b, _, _ := svc.Login(ctx, auth.LoginInput{Username: "dayuan", Password: "password-123"})
		err := svc.ChangePassword(ctx, u.Principal(), "wrong-old", "new-password-1", a.Token)
		if errKind(err) != "wrong_password@old_password" {
			t.Fatalf("wrong old password: %v", errKind(err))
		}
		if err := svc.ChangePassword(ctx, u.Principal(), "password-123", "new-password-1", a.Token); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Authenticate(ctx, a.Token, auth.WebSession); err != nil {
			t.Error("the session that changed the password was ended")
		}
		if _, _, err := svc.Authenticate(ctx, b.Token, auth.WebSession); err == nil {
			t.Error("another session survived the password change")
		}
		if _, _, err := svc.Login(ctx, auth.LoginInput{Username: "dayuan", Password: "new-password-1"}); err != nil {
			t.Error("new password refused")
		}
	})
}

func TestSetupLinkCreatesFirstAdminOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc, _ := service(db)
		tok, err := svc.NewSetupToken(ctx)
		if err != nil || tok == "" {
			t.Fatalf("setup token: %q %v", tok, err)
		}
		if _, err := svc.CompleteSetup(ctx, tok, auth.NewUser{Username: "root", Password: "short"}); errKind(err) != "too_short@password" {
			t.Fatalf("weak password: %s", errKind(err))
		}
		if _, err := svc.CompleteSetup(ctx, tok, auth.NewUser{Username: "root", Password: "a-good-password"}); err != nil {
			t.Fatal(err)
		}
		_, err = svc.CompleteSetup(ctx, tok, auth.NewUser{Username: "root2", Password: "a-good-password"})
		if e, ok := errs.As(err); !ok || e.Kind != errs.NotFound {
			t.Fatalf("setup link used twice: %v", err)
		}
		if tok2, _ := svc.NewSetupToken(ctx); tok2 != "" {
			t.Error("a setup link was made although an admin exists")
		}
		if _, _, err := svc.Login(ctx, auth.LoginInput{Username: "root", Password: "a-good-password"}); err != nil {
			t.Error(err)
		}
	})
}
