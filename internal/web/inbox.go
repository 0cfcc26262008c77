package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"luoshi/internal/store"
)

type inboxView struct {
	mPage
	Notices  store.Page[store.Notice]
	Filter   store.NoticeFilter
	Kinds    []string
	Next     string
	First    string
	Email    string
	Mail     bool
	Filtered bool
}

// noticeFilter reads the inbox's filter from the query string.
func noticeFilter(q query) (store.NoticeFilter, error) {
	f := store.NoticeFilter{Kind: q.Get("kind"), After: q.Get("after")}
	var err error
	if f.Unread, err = q.bool("unread"); err != nil {
		return f, err
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	v := &inboxView{mPage: s.mpage(rq, "inbox.title"), Mail: s.cfg.SMTPAddr != "", Kinds: store.NoticeKinds}
	var err error
	if v.Filter, err = noticeFilter(listQuery(r)); err != nil {
		return err
	}
	v.Filtered = v.Filter.Unread || v.Filter.Kind != ""
	if v.Notices, err = s.st.InboxList(ctx, rq.user.ID, v.Filter); err != nil {
		return err
	}
	v.Next, v.First = pageLink(r, "after", v.Notices.Next), firstLink(r, "after")
	if v.Email, err = s.st.UserEmail(ctx, rq.user.ID); err != nil {
		return err
	}
	v.Nav, v.Flash = "inbox", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "inbox", v)
	return nil
}

// noticeTarget is the page a notice is about.
func noticeTarget(n store.Notice) string {
	switch {
	case n.Kind == store.NoticeSubmitted && n.ReportID != 0:
		return fmt.Sprintf("/reports/%d", n.ReportID)
	case n.TaskID != 0 && n.Period != "":
		return fmt.Sprintf("/tasks/%d/report?period=%s", n.TaskID, url.QueryEscape(n.Period))
	case n.TaskID != 0:
		return fmt.Sprintf("/tasks/%d", n.TaskID)
	}
	return "/inbox"
}

// openNotice marks one of the caller's notices read and goes to what it
// is about. Another user's notice is not found.
func (s *Server) openNotice(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := s.st.OpenNotice(r.Context(), rq.user.ID, id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, noticeTarget(n), http.StatusSeeOther)
	return nil
}

func (s *Server) markRead(w http.ResponseWriter, r *http.Request, rq *request) error {
	var ids []int64
	for _, x := range r.PostForm["id"] {
		id, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		ids = append(ids, id)
	}
	if r.PostFormValue("id") == "" && r.PostFormValue("all") != "1" {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if err := s.st.MarkRead(r.Context(), rq.user.ID, ids); err != nil {
		return err
	}
	http.Redirect(w, r, "/inbox?done=all_read", http.StatusSeeOther)
	return nil
}

func (s *Server) saveEmail(w http.ResponseWriter, r *http.Request, rq *request) error {
	e := strings.TrimSpace(r.PostFormValue("email"))
	if e != "" && (len(e) > 200 || !strings.Contains(e, "@") || strings.ContainsAny(e, " \r\n<>,;\"")) {
		return userError(http.StatusBadRequest, "inbox.bad_email")
	}
	if err := s.st.SetUserEmail(r.Context(), rq.actor(), rq.user.ID, e); err != nil {
		return err
	}
	http.Redirect(w, r, "/inbox?done=email_saved", http.StatusSeeOther)
	return nil
}
