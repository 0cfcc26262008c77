package auth

import (
	"testing"
	"time"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("s3cret-密码")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "s3cret-密码") || CheckPassword(h, "wrong") || CheckPassword("", "x") {
		t.Error("CheckPassword gave a wrong answer")
	}
	if p := Password(); len(p) != 16 {
		t.Errorf("Password() = %q", p)
	}
}

func TestThrottle(t *testing.T) {
	th := NewThrottle(5, 15*time.Minute, 10*time.Minute)
	now := time.Now()
	for i := 0; i < 4; i++ {
		th.Fail(now, "user:a", "ip:1")
	}
	if d := th.Locked(now, "user:a"); d != 0 {
		t.Fatalf("locked after 4 failures: %v", d)
	}
	th.Fail(now, "user:a", "ip:1")
	if d := th.Locked(now, "user:a"); d != 10*time.Minute {
		t.Errorf("after 5 failures locked for %v, want 10m", d)
	}
	if d := th.Locked(now, "user:b", "ip:1"); d == 0 {
		t.Error("the address is not locked")
	}
	if d := th.Locked(now.Add(11*time.Minute), "user:a"); d != 0 {
		t.Errorf("still locked after the lock ran out: %v", d)
	}
	// Old failures are forgotten.
	th.Fail(now, "user:c")
	th.Fail(now, "user:c")
	th.Fail(now, "user:c")
	th.Fail(now, "user:c")
	th.Fail(now.Add(20*time.Minute), "user:c")
	if d := th.Locked(now.Add(20*time.Minute), "user:c"); d != 0 {
		t.Error("failures outside the window counted")
	}
	th.Succeed("user:a")
	if d := th.Locked(now, "user:a"); d != 0 {
		t.Error("Succeed did not clear the lock")
	}
}
