package deputies

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"renda/internal/store"
)

// Where the key that protects ID numbers comes from, first found wins:
//
//  1. the environment variable RENDA_SECRET (at least 16 characters), the
//     choice for production and for several instances on one PostgreSQL;
//  2. on SQLite, the file renda.key beside the database file, made with 32
//     random bytes on first use (mode 0600), so a copy of the database alone
//     does not reveal ID numbers — back the key file up with it;
//  3. on PostgreSQL without RENDA_SECRET, a random key kept in the
//     app_secrets table, as a last resort (logged as a warning).
//
// The ID number is stored encrypted with AES-256-GCM under a key derived
// from that secret, beside a keyed hash (HMAC-SHA-256 under a second derived
// key) used to find the same person again, and its mask for display.
const secretEnv = "RENDA_SECRET"

// Keyring holds the derived keys.
type Keyring struct {
	aead    cipher.AEAD
	hashKey []byte
}

func newKeyring(secret []byte) (*Keyring, error) {
	derive := func(label string) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte("renda/deputies/" + label))
		return m.Sum(nil)
	}
	block, err := aes.NewCipher(derive("id-number-encryption"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keyring{aead: aead, hashKey: derive("id-number-hash")}, nil
}

// Hash is the keyed hash of a normalised ID number.
func (k *Keyring) Hash(id string) string {
	m := hmac.New(sha256.New, k.hashKey)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}

// Seal encrypts an ID number: base64 of nonce and ciphertext.
func (k *Keyring) Seal(id string) string {
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		panic(err) // the system's random source failed; nothing sensible remains
	}
	return base64.StdEncoding.EncodeToString(k.aead.Seal(nonce, nonce, []byte(id), []byte("id_number")))
}

// Open decrypts what Seal made.
func (k *Keyring) Open(enc string) (string, error) {
	if enc == "" {
		return "", nil
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil || len(b) < k.aead.NonceSize() {
		return "", errors.New("id number: bad ciphertext")
	}
	n := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, b[:n], b[n:], []byte("id_number"))
	if err != nil {
		return "", errors.New("id number: cannot decrypt (was the key changed?)")
	}
	return string(plain), nil
}

var (
	keyMu    sync.Mutex
	keyrings = map[*store.DB]*Keyring{}
)

// Keys returns the keyring of a database, finding or making its secret on
// first use.
func Keys(ctx context.Context, db *store.DB) (*Keyring, error) {
	keyMu.Lock()
	defer keyMu.Unlock()
	if k, ok := keyrings[db]; ok {
		return k, nil
	}
	secret, err := loadSecret(ctx, db)
	if err != nil {
		return nil, err
	}
	k, err := newKeyring(secret)
	if err != nil {
		return nil, err
	}
	keyrings[db] = k
	return k, nil
}

func loadSecret(ctx context.Context, db *store.DB) ([]byte, error) {
	if s := os.Getenv(secretEnv); s != "" {
		if len(s) < 16 {
			return nil, fmt.Errorf("%s must be at least 16 characters", secretEnv)
		}
		return []byte(s), nil
	}
	if path := db.Path(); path != "" {
		return keyFile(filepath.Join(filepath.Dir(path), "renda.key"))
	}
	return dbSecret(ctx, db)
}

// keyFile reads the key file or creates it; O_EXCL makes two processes
// starting at once agree on one key.
func keyFile(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return nil, fmt.Errorf("key file %s is too short", path)
		}
		return []byte(s), nil
	}
	key := randomHex()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		time.Sleep(50 * time.Millisecond)
		return keyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("create key file: %w", err)
	}
	if _, err := f.WriteString(key + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	return []byte(key), f.Close()
}

func dbSecret(ctx context.Context, db *store.DB) ([]byte, error) {
	const name = "id_number_key"
	if _, err := db.W.ExecContext(ctx, `INSERT INTO app_secrets (name, value, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO NOTHING`, name, randomHex(), time.Now().Unix()); err != nil {
		return nil, err
	}
	var v string
	if err := db.W.QueryRowContext(ctx, `SELECT value FROM app_secrets WHERE name = $1`, name).Scan(&v); err != nil {
		return nil, err
	}
	slog.Warn("ID numbers are protected by a key kept in the database; set " + secretEnv + " to keep it apart")
	return []byte(v), nil
}

func randomHex() string {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
