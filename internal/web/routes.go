package web

// pageRoutes is every HTML page and form, with who may use it.
func (s *Server) pageRoutes() []route {
	return []route{
		{"GET /{$}", anyone, s.home},
		{"GET /login", anyone, s.loginForm},
		{"POST /login", anyone, s.login},
		{"POST /logout", signedIn, s.logout},
		{"POST /locale", anyone, s.setLocale},

		{"GET /import", office, s.importForm},
		{"POST /import", office, s.importDocument},

		{"GET /plans/{id}", anyone, s.planPage},
		{"GET /plans/{id}/review", office, s.reviewPage},
		{"POST /plans/{id}/publish", office, s.publishPlan},
		{"POST /plans/{id}/public", office, s.setPlanPublic},
		{"POST /plans/{id}/delete", office, s.deletePlan},
		{"POST /plans/{id}/map", office, s.mapUnitName},

		{"GET /tasks/{id}", anyone, s.taskPage},
		{"POST /tasks/{id}", office, s.saveTask},
		{"POST /tasks/{id}/units", office, s.addTaskUnit},
		{"POST /task-units/{id}", office, s.saveTaskUnit},
		{"POST /task-units/{id}/delete", office, s.removeTaskUnit},
		{"POST /targets/{id}", office, s.saveTarget},

		{"GET /units", signedIn, s.unitsPage},
		{"POST /units", office, s.createUnit},
		{"GET /units/{id}", signedIn, s.unitPage},

		{"GET /users", office, s.usersPage},
		{"POST /users", office, s.createUser},
	}
}
