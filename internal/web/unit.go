package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"luoshi/internal/store"
	"luoshi/internal/units"
)

type unitsView struct {
	Page
	Units []store.Unit
	Kinds []string
}

// unitKinds are the kinds a unit may be, as the registry names them; ""
// is a unit of no particular kind.
var unitKinds = []string{"", string(units.Department), string(units.Government), string(units.Prefecture), string(units.Party),
	string(units.Organization), string(units.Vertical), string(units.Regulator), string(units.CentralBank), string(units.SOE),
	string(units.Zone), string(units.Office), string(units.Collective)}

// unitKind checks a unit kind from a form or a request.
func unitKind(k string) (string, error) {
	k = strings.TrimSpace(k)
	if !slices.Contains(unitKinds, k) {
		return "", userError(http.StatusBadRequest, "units.bad_kind")
	}
	return k, nil
}

func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.is(store.RoleReporter) {
		http.Redirect(w, r, fmt.Sprintf("/units/%d", rq.user.UnitID), http.StatusSeeOther)
		return nil
	}
	units, err := s.st.Units(r.Context())
	if err != nil {
		return err
	}
	v := &unitsView{Page: s.page(rq, "units.title"), Units: units, Kinds: unitKinds}
	v.Nav, v.Flash = "units", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "units", v)
	return nil
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || len([]rune(name)) > 100 {
		return userError(http.StatusBadRequest, "units.name_required")
	}
	kind, err := unitKind(r.PostFormValue("kind"))
	if err != nil {
		return err
	}
	id, err := s.st.CreateUnit(r.Context(), rq.actor(), store.Unit{Name: name, Region: strings.TrimSpace(r.PostFormValue("region")),
		Kind: kind})
	if errors.Is(err, store.ErrConflict) {
		return userError(http.StatusConflict, "units.exists")
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/units/%d?done=unit_created", id), http.StatusSeeOther)
	return nil
}

type unitView struct {
	Page
	Unit        store.Unit
	Lead        []store.UnitTask
	Cooperating []store.UnitTask
	Status      string
	Statuses    []string
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if !canSeeUnit(rq, id) {
		return userError(http.StatusForbidden, "error.forbidden")
	}
	u, err := s.st.UnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := taskFilter(r)
	if err != nil {
		return err
	}
	tasks, err := s.st.UnitTasks(r.Context(), id, store.UnitTaskFilter{Status: f.Status, PublishedOnly: !rq.is(store.RoleOffice)})
	if err != nil {
		return err
	}
	v := &unitView{Page: s.page(rq, "unit.title"), Unit: u, Status: f.Status, Statuses: store.TaskStatuses}
	for _, t := range tasks {
		if t.Role == "lead" {
			v.Lead = append(v.Lead, t)
		} else {
			v.Cooperating = append(v.Cooperating, t)
		}
	}
	v.Title = u.Name
	v.Nav, v.Flash = "units", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "unit", v)
	return nil
}
