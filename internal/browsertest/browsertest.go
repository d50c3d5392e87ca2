// Package browsertest drives Debian's headless Chromium from Go (chromedp)
// for tests of the pages as people use them. Without a browser the test is
// skipped with a message, except under CI=true, where it fails.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// execPath finds Chromium.
func execPath() string {
	if p := os.Getenv("RENDA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Size is a window size.
type Size struct{ W, H int }

var (
	Desktop = Size{1280, 900}
	Phone   = Size{390, 844} // a common phone, CSS pixels
)

// New starts a headless Chromium of a window size and returns a context to
// run chromedp actions in; it ends with the test.
func New(t testing.TB, size Size) context.Context {
	t.Helper()
	path := execPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is required under CI (apt-get install chromium)")
		}
		t.Skip("Chromium not found; skipping the browser test (apt-get install chromium)")
	}
	// Chromium's helper processes may still write to the profile for a
	// moment after the browser exits, which makes t.TempDir's cleanup fail
	// the test; the profile is removed here instead, with a few tries.
	profile, err := os.MkdirTemp("", "renda-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(size.W, size.H),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		for range 20 {
			if os.RemoveAll(profile) == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(size.W), int64(size.H))); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// Run runs actions and fails the test on error.
func Run(t testing.TB, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Login signs in through the login page.
func Login(base, username, password string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Navigate(base + "/login"),
		chromedp.WaitVisible(`input[name=username]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=username]`, username, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=password]`, password, chromedp.ByQuery),
		// Wait for the navigation the click starts to finish: a query made
		// while the login page is being replaced can catch its nodes on the
		// way out.
		ClickAndWait(`form[action="/login"] button[type=submit]`),
		// The sign-out button exists only on a signed-in page.
		chromedp.WaitReady(`form[action="/logout"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`main h1`, chromedp.ByQuery),
	}
}

// ClickAndWait clicks something that leads to another page (a form's submit
// button, a link) and waits until that page has loaded, so that what comes
// next reads the new page, not the old one on its way out.
func ClickAndWait(sel string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery))
		return err
	})
}
