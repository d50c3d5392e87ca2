package cli

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve --demo on a fresh file: prints the address and the demo accounts,
// answers, and stops cleanly when its context ends (as on SIGTERM).
func TestServeDemoAndShutdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "renda.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errb := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, &env{stdin: strings.NewReader(""), stdout: out, stderr: errb}, []string{"--addr", "127.0.0.1:0", "--db", db, "--demo"})
	}()
	addrRe := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	var base string
	for i := 0; i < 1200 && base == ""; i++ { // up to a minute on a busy machine
		time.Sleep(50 * time.Millisecond)
		base = addrRe.FindString(out.String())
	}
	if base == "" {
		t.Fatalf("no address printed: %s %s", out.String(), errb.String())
	}
	for _, want := range []string{"dayuan", "fuyang", "huyuan", "fuchun", "admin", "renda-demo"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo account %s not printed", want)
		}
	}
	if strings.Contains(out.String(), "/setup/") {
		t.Error("a setup link was printed although the demo has an admin")
	}
	res, err := http.Get(base + "/readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop")
	}
	if !strings.Contains(errb.String(), `"request_id"`) {
		t.Error("requests are not logged with their id")
	}
}

// A fresh database without --demo has no password at all: it offers a
// one-time setup link.
func TestServeFreshPrintsSetupLink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "renda.db")
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, &env{stdin: strings.NewReader(""), stdout: out, stderr: &syncBuffer{}}, []string{"--addr", "127.0.0.1:0", "--db", db})
	}()
	linkRe := regexp.MustCompile(`http://127\.0\.0\.1:\d+/setup/[A-Za-z0-9_-]+`)
	var link string
	for i := 0; i < 200 && link == ""; i++ {
		time.Sleep(50 * time.Millisecond)
		link = linkRe.FindString(out.String())
	}
	if link == "" {
		cancel()
		t.Fatalf("no setup link: %s", out.String())
	}
	res, err := http.Get(link)
	if err != nil || res.StatusCode != 200 {
		t.Errorf("setup link: %v %v", res, err)
	}
	res.Body.Close()
	cancel()
	<-done
}
