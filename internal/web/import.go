package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"luoshi/internal/store"
)

type importView struct {
	Page
	Text      string
	Error     string
	Duplicate *store.Plan
	MaxMB     int64
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := &importView{Page: s.page(rq, "import.title"), MaxMB: s.cfg.MaxUpload >> 20}
	v.Nav = "import"
	s.render(w, r, rq, http.StatusOK, "import", v)
	return nil
}

// errDuplicate is returned by importPlan for a document already stored.
type errDuplicate struct{ plan store.Plan }

func (e *errDuplicate) Error() string { return fmt.Sprintf("already imported as plan %d", e.plan.ID) }

// importPlan runs the parser on a document and stores the plan as a
// draft. Nothing is stored when the document cannot be read, holds no
// task, or was imported before.
func (s *Server) importPlan(ctx context.Context, rq *request, name string, data []byte) (int64, error) {
	p, err := s.parse(name, data)
	if err != nil {
		return 0, err
	}
	if p == nil || len(p.Tasks) == 0 {
		return 0, userError(http.StatusUnprocessableEntity, "import.no_tasks")
	}
	if dup, err := s.st.PlanByHash(ctx, store.ContentHash(p.Source)); err == nil {
		return 0, &errDuplicate{plan: dup}
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	id, err := s.st.CreatePlan(ctx, rq.actor(), store.NewPlan{Plan: p, FileName: name})
	if errors.Is(err, store.ErrConflict) {
		// Imported by someone else a moment ago.
		if dup, derr := s.st.PlanByHash(ctx, store.ContentHash(p.Source)); derr == nil {
			return 0, &errDuplicate{plan: dup}
		}
	}
	if err != nil {
		return 0, err
	}
	s.log.Info("plan imported", "plan", id, "file", name, "tasks", len(p.Tasks), "user", rq.actor().Username)
	return id, nil
}

// readDocument takes the uploaded file, or else the pasted text, within
// the size limit.
func (s *Server) readDocument(w http.ResponseWriter, r *http.Request) (name string, data []byte, text string, err error) {
	// Room for the form's other fields beside the document.
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return "", nil, "", err
	}
	text = r.PostFormValue("text")
	f, hdr, err := r.FormFile("file")
	switch {
	case err == nil:
		defer f.Close()
		if hdr.Size > s.cfg.MaxUpload {
			return "", nil, text, &http.MaxBytesError{Limit: s.cfg.MaxUpload}
		}
		data, err = io.ReadAll(io.LimitReader(f, s.cfg.MaxUpload+1))
		if err != nil {
			return "", nil, text, err
		}
		if int64(len(data)) > s.cfg.MaxUpload {
			return "", nil, text, &http.MaxBytesError{Limit: s.cfg.MaxUpload}
		}
		if len(data) > 0 {
			return hdr.Filename, data, text, nil
		}
	case !errors.Is(err, http.ErrMissingFile) && !errors.Is(err, http.ErrNotMultipart):
		return "", nil, text, err
	}
	if strings.TrimSpace(text) == "" {
		return "", nil, text, userError(http.StatusBadRequest, "import.nothing")
	}
	if int64(len(text)) > s.cfg.MaxUpload {
		return "", nil, text, &http.MaxBytesError{Limit: s.cfg.MaxUpload}
	}
	return "pasted.txt", []byte(text), text, nil
}

func (s *Server) importDocument(w http.ResponseWriter, r *http.Request, rq *request) error {
	name, data, text, err := s.readDocument(w, r)
	if err == nil {
		var id int64
		if id, err = s.importPlan(r.Context(), rq, name, data); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/plans/%d/review", id), http.StatusSeeOther)
			return nil
		}
	}
	// Every refusal is shown on the import form, with what was pasted.
	v := &importView{Page: s.page(rq, "import.title"), Text: text, MaxMB: s.cfg.MaxUpload >> 20}
	v.Nav = "import"
	var dup *errDuplicate
	status := http.StatusConflict
	if errors.As(err, &dup) {
		v.Duplicate = &dup.plan
		v.Error = s.cat.T(rq.lang, "import.duplicate", dup.plan.Title)
	} else {
		e := classify(err)
		if e.Status >= 500 {
			return err
		}
		status = e.Status
		v.Error = s.cat.T(rq.lang, e.Key, e.Args...)
		s.log.Info("import refused", "status", status, "error", err.Error())
	}
	if len(v.Text) > 200<<10 {
		v.Text = ""
	}
	s.render(w, r, rq, status, "import", v)
	return nil
}
