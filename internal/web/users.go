package web

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"luoshi/internal/auth"
	"luoshi/internal/store"
)

type usersView struct {
	Page
	Users    store.Page[store.User]
	Filter   store.UserFilter
	Next     string
	First    string
	Units    []store.Unit
	Roles    []string
	Created  string // name of the account just created
	Password string // its generated password, shown once
	Error    string
	Form     newUserForm
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderUsers(w, r, rq, http.StatusOK, &usersView{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, rq *request, status int, v *usersView) error {
	var err error
	if v.Filter, err = userFilter(listQuery(r)); err != nil {
		return err
	}
	if v.Users, err = s.st.UserList(r.Context(), v.Filter); err != nil {
		return err
	}
	v.Next, v.First = pageLink(r, "after", v.Users.Next), firstLink(r, "after")
	if v.Units, err = s.st.Units(r.Context()); err != nil {
		return err
	}
	v.Page = s.page(rq, "users.title")
	v.Nav, v.Roles = "users", []string{store.RoleReporter, store.RoleViewer, store.RoleOffice}
	s.render(w, r, rq, status, "users", v)
	return nil
}

// newUserForm is an account the office is creating.
type newUserForm struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role"`
	UnitID      int64  `json:"unit_id"`
	Password    string `json:"password"` // empty for a generated one
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{1,31}$`)

// createAccount validates and stores an account and returns the password
// it was given, generated when none was asked for.
func (s *Server) createAccount(ctx context.Context, rq *request, f newUserForm) (string, error) {
	f.Username = strings.ToLower(strings.TrimSpace(f.Username))
	if !usernamePattern.MatchString(f.Username) {
		return "", userError(http.StatusBadRequest, "users.bad_username")
	}
	switch f.Role {
	case store.RoleReporter:
		if f.UnitID <= 0 {
			return "", userError(http.StatusBadRequest, "users.unit_required")
		}
		if _, err := s.st.UnitByID(ctx, f.UnitID); err != nil {
			return "", userError(http.StatusBadRequest, "users.unit_required")
		}
	case store.RoleViewer, store.RoleOffice:
		f.UnitID = 0
	default:
		return "", userError(http.StatusBadRequest, "users.bad_role")
	}
	password := f.Password
	if password == "" {
		password = auth.Password()
	} else if len(password) < 10 || len(password) > 72 {
		return "", userError(http.StatusBadRequest, "users.bad_password")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", err
	}
	_, err = s.st.CreateUser(ctx, rq.actor(), store.NewUser{Username: f.Username, DisplayName: strings.TrimSpace(f.DisplayName),
		Role: f.Role, UnitID: f.UnitID, PasswordHash: hash, Locale: rq.lang})
	if errors.Is(err, store.ErrConflict) {
		return "", userError(http.StatusConflict, "users.exists")
	}
	if err != nil {
		return "", err
	}
	s.log.Info("account created", "username", f.Username, "role", f.Role, "by", rq.actor().Username)
	return password, nil
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, rq *request) error {
	f := newUserForm{Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"),
		Role: r.PostFormValue("role"), Password: r.PostFormValue("password")}
	if u := r.PostFormValue("unit"); u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil {
			return userError(http.StatusBadRequest, "users.unit_required")
		}
		f.UnitID = id
	}
	password, err := s.createAccount(r.Context(), rq, f)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return err
		}
		f.Password = ""
		return s.renderUsers(w, r, rq, e.Status, &usersView{Error: s.cat.T(rq.lang, e.Key, e.Args...), Form: f})
	}
	v := &usersView{Created: strings.ToLower(strings.TrimSpace(f.Username))}
	if f.Password == "" {
		v.Password = password
	}
	return s.renderUsers(w, r, rq, http.StatusCreated, v)
}

// userFilter reads the filter of the accounts.
func userFilter(q query) (store.UserFilter, error) {
	f := store.UserFilter{Role: q.Get("role"), After: q.Get("after")}
	var err error
	if f.Query, err = q.text("q"); err != nil {
		return f, err
	}
	if f.UnitID, err = q.id("unit"); err != nil {
		return f, err
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := userFilter(listQuery(r))
	if err != nil {
		return err
	}
	users, err := s.st.UserList(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": users.Rows, "next": users.Next})
	return nil
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request, rq *request) error {
	var f newUserForm
	if err := decode(w, r, &f); err != nil {
		return err
	}
	password, err := s.createAccount(r.Context(), rq, f)
	if err != nil {
		return err
	}
	u, err := s.st.UserByName(r.Context(), strings.ToLower(strings.TrimSpace(f.Username)))
	if err != nil {
		return err
	}
	body := map[string]any{"user": u}
	if f.Password == "" {
		body["password"] = password
	}
	writeJSON(w, http.StatusCreated, body)
	return nil
}
