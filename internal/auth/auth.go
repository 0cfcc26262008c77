// Package auth holds what logging in needs: password hashes, random
// tokens and the throttling of failed attempts.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// cost of bcrypt hashes; each check takes tens of milliseconds.
const cost = bcrypt.DefaultCost

// HashPassword returns a bcrypt hash of password.
func HashPassword(password string) (string, error) {
	if len(password) > 72 {
		return "", errors.New("password longer than 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// dummyHash is compared against when the account does not exist, so that
// a missing account takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("luoshi-no-such-account"), cost)
	return h
})

// CheckPassword tells whether password matches hash. An empty hash (no
// account) still costs one bcrypt comparison.
func CheckPassword(hash, password string) bool {
	if hash == "" {
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// Token returns n random bytes, URL-safe base64 encoded.
func Token(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Password returns a random password easy to type from a printout.
func Password() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// HashToken is how session tokens are stored: a leaked table does not
// give working cookies.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Throttle counts failed logins per key (an account, an address) and
// locks a key out for a while after too many.
type Throttle struct {
	Max    int           // failures allowed within Window
	Window time.Duration // how long failures are remembered
	Lock   time.Duration // how long a key stays locked

	mu   sync.Mutex
	keys map[string]*attempts
}

type attempts struct {
	failures []time.Time
	until    time.Time
}

// NewThrottle locks a key for lock after max failures within window.
func NewThrottle(max int, window, lock time.Duration) *Throttle {
	return &Throttle{Max: max, Window: window, Lock: lock, keys: map[string]*attempts{}}
}

// Locked returns how long any of keys stays locked; 0 when none is.
func (t *Throttle) Locked(now time.Time, keys ...string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	var longest time.Duration
	for _, k := range keys {
		if a := t.keys[k]; a != nil && a.until.After(now) {
			longest = max(longest, a.until.Sub(now))
		}
	}
	return longest
}

// Fail records a failed attempt for each key.
func (t *Throttle) Fail(now time.Time, keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		a := t.keys[k]
		if a == nil {
			a = &attempts{}
			t.keys[k] = a
		}
		kept := a.failures[:0]
		for _, f := range a.failures {
			if now.Sub(f) < t.Window {
				kept = append(kept, f)
			}
		}
		a.failures = append(kept, now)
		if len(a.failures) >= t.Max {
			a.until = now.Add(t.Lock)
			a.failures = nil
		}
	}
	// Forget stale keys now and then so the map does not grow forever.
	if len(t.keys) > 10000 {
		for k, a := range t.keys {
			if a.until.Before(now) && (len(a.failures) == 0 || now.Sub(a.failures[len(a.failures)-1]) > t.Window) {
				delete(t.keys, k)
			}
		}
	}
}

// Succeed clears the failures of keys.
func (t *Throttle) Succeed(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		delete(t.keys, k)
	}
}
