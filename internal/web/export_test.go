package web

import "time"

// SetClock sets the server's clock, so that tests do not depend on the
// day they run.
func SetClock(s *Server, now func() time.Time) { s.now = now }
