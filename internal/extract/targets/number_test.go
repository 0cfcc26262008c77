package targets

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// decimalValue reads a number's digits as strconv.ParseFloat does, on its
// exact path and past it.
func TestDecimalValue(t *testing.T) {
	cases := []string{"0", "7", "0.1", "0.3", "2.675", "100", "123456789012345", "1234567890123456", "99999999999999999999",
		"0.0000000000000000000001", "0.00000000000000000000001", "12.5", "000123", "3.14159265358979"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		n := 1 + rnd.IntN(20)
		point := -1
		if rnd.IntN(2) == 0 && n > 1 {
			point = 1 + rnd.IntN(n-1)
		}
		for i := 0; i < n; i++ {
			if i == point {
				b.WriteByte('.')
			}
			b.WriteByte(byte('0' + rnd.IntN(10)))
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		want, _ := strconv.ParseFloat(c, 64)
		if got := decimalValue([]byte(c), strings.IndexByte(c, '.')); got != want {
			t.Errorf("decimalValue(%q) = %v, want %v", c, got, want)
		}
	}
}
