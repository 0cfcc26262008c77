package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"luoshi/internal/auth"
	"luoshi/internal/store"
)

type loginView struct {
	Page
	Username string
	Next     string
	Error    string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	s.render(w, r, rq, http.StatusOK, "login", &loginView{Page: s.page(rq, "login.title"), Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, rq *request) error {
	username := strings.TrimSpace(r.PostFormValue("username"))
	next := safeNext(r.PostFormValue("next"))
	u, err := s.checkLogin(r.Context(), r, username, r.PostFormValue("password"))
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return err
		}
		v := &loginView{Page: s.page(rq, "login.title"), Username: username, Next: next, Error: s.cat.T(rq.lang, e.Key, e.Args...)}
		s.render(w, r, rq, e.Status, "login", v)
		return nil
	}
	if _, err := s.startSession(r.Context(), w, r, u); err != nil {
		return err
	}
	s.log.Info("login", "user", u.Username, "role", u.Role)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, rq *request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.st.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

func (s *Server) setLocale(w http.ResponseWriter, r *http.Request, rq *request) error {
	lang := r.PostFormValue("lang")
	if !s.cat.Has(lang) {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if rq.user != nil {
		if err := s.st.SetUserLocale(r.Context(), rq.actor(), rq.user.ID, lang); err != nil {
			return err
		}
	}
	s.setCookie(w, r, langCookie, lang, 365*24*3600e9)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

type homeView struct {
	Page
	Plans          []store.PlanSummary
	MyTasks        []store.UnitTask
	PageNo         int
	PrevPage, More bool
}

// plansPerPage is how many plans the overview shows at once.
const plansPerPage = 50

func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	pageNo := 1
	if p := r.URL.Query().Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 100000 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		pageNo = n
	}
	f := planListFilter(rq)
	f.Limit, f.Offset = plansPerPage+1, (pageNo-1)*plansPerPage
	plans, err := s.st.Overview(r.Context(), f)
	if err != nil {
		return err
	}
	v := &homeView{Page: s.page(rq, "home.title"), PageNo: pageNo, PrevPage: pageNo > 1}
	if len(plans) > plansPerPage {
		plans, v.More = plans[:plansPerPage], true
	}
	v.Plans = plans
	v.Nav, v.Flash = "home", s.flash(rq, r)
	if rq.is(store.RoleReporter) {
		if v.MyTasks, err = s.st.UnitTasks(r.Context(), rq.user.UnitID, store.UnitTaskFilter{PublishedOnly: true}); err != nil {
			return err
		}
	}
	s.render(w, r, rq, http.StatusOK, "home", v)
	return nil
}
