package web

import "context"

func (p *Page) setUnread(n int) { p.Unread = n }

// countUnread gives a signed-in reader's page the number of unread
// notices for the navigation. A failure leaves the count out of the
// page rather than failing it.
func (s *Server) countUnread(ctx context.Context, rq *request, view any) {
	if rq == nil || rq.user == nil {
		return
	}
	v, ok := view.(interface{ setUnread(int) })
	if !ok {
		return
	}
	n, err := s.st.Unread(ctx, rq.user.ID)
	if err != nil {
		s.log.Warn("counting unread notices", "user", rq.user.Username, "error", err)
		return
	}
	v.setUnread(n)
}
