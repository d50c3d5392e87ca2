package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	old := PasswordCost
	PasswordCost = Argon2Params{Memory: 1024, Time: 1, Threads: 1}
	defer func() { PasswordCost = old }()
	h, err := HashPassword("correct horse")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hash %q, %v", h, err)
	}
	h2, _ := HashPassword("correct horse")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	if ok, err := CheckPassword(h, "correct horse"); !ok || err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if ok, _ := CheckPassword(h, "correct horsE"); ok {
		t.Error("wrong password accepted")
	}
	if _, err := CheckPassword("$2a$10$notargon", "x"); err == nil {
		t.Error("a malformed hash was accepted")
	}
}
