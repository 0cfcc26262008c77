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
	Units  store.Page[store.Unit]
	Filter store.UnitFilter
	Next   string
	First  string
	Kinds  []string
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

// unitFilter reads the filter of the unit registry.
func unitFilter(q query) (store.UnitFilter, error) {
	f := store.UnitFilter{Sort: q.Get("sort"), After: q.Get("after")}
	var err error
	for _, x := range []struct {
		name string
		dst  *string
	}{{"q", &f.Query}, {"region", &f.Region}, {"kind", &f.Kind}} {
		if *x.dst, err = q.text(x.name); err != nil {
			return f, err
		}
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.is(store.RoleReporter) {
		http.Redirect(w, r, fmt.Sprintf("/units/%d", rq.user.UnitID), http.StatusSeeOther)
		return nil
	}
	f, err := unitFilter(listQuery(r))
	if err != nil {
		return err
	}
	units, err := s.st.UnitList(r.Context(), f)
	if err != nil {
		return err
	}
	v := &unitsView{Page: s.page(rq, "units.title"), Units: units, Filter: f, Kinds: unitKinds,
		Next: pageLink(r, "after", units.Next), First: firstLink(r, "after")}
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
	Lead        store.Page[store.UnitTask]
	Cooperating store.Page[store.UnitTask]
	LeadNext    string
	LeadFirst   string
	CoopNext    string
	CoopFirst   string
	Filter      store.UnitTaskFilter
	Status      string
	Statuses    []string
	Plans       []store.PlanChoice
}

// unitTaskFilter reads the filter of a unit's tasks; the office also
// sees drafts.
func unitTaskFilter(rq *request, q query) (store.UnitTaskFilter, error) {
	f := store.UnitTaskFilter{Status: q.Get("status"), Role: q.Get("role"), After: q.Get("after"), PublishedOnly: !rq.is(store.RoleOffice)}
	var err error
	if f.PlanID, err = q.id("plan"); err != nil {
		return f, err
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

// unitPage lists a unit's tasks as lead and as cooperating unit, each
// list paged on its own.
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
	q := listQuery(r)
	f, err := unitTaskFilter(rq, q)
	if err != nil {
		return err
	}
	if f.Role != "" {
		return badFilter("role")
	}
	v := &unitView{Page: s.page(rq, "unit.title"), Unit: u, Filter: f, Status: f.Status, Statuses: store.TaskStatuses}
	lead, coop := f, f
	lead.Role, lead.After = "lead", q.Get("lafter")
	coop.Role, coop.After = "cooperating", q.Get("cafter")
	if v.Lead, err = s.st.UnitTaskList(r.Context(), id, lead); err != nil {
		return err
	}
	if v.Cooperating, err = s.st.UnitTaskList(r.Context(), id, coop); err != nil {
		return err
	}
	v.LeadNext, v.LeadFirst = pageLink(r, "lafter", v.Lead.Next), firstLink(r, "lafter")
	v.CoopNext, v.CoopFirst = pageLink(r, "cafter", v.Cooperating.Next), firstLink(r, "cafter")
	if v.Plans, err = s.st.PlanChoices(r.Context(), id, maxChoices); err != nil {
		return err
	}
	v.Title = u.Name
	v.Nav, v.Flash = "units", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "unit", v)
	return nil
}
