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

		{"GET /reports", signedIn, s.reportsPage},
		{"GET /reports/{id}", signedIn, s.reportPage},
		{"POST /reports/{id}/decide", office, s.decideReport},
		{"GET /tasks/{id}/report", signedIn, s.reportForm},
		{"POST /tasks/{id}/report", signedIn, s.saveReport},
		{"GET /evidence/{name}", signedIn, s.evidenceFile},
		{"GET /plans/{id}/calendar", signedIn, s.calendarPage},
		{"POST /plans/{id}/calendar", office, s.saveCalendar},
		{"GET /supervise", office, s.supervisePage},
		{"POST /remind", office, s.remindForm},
		{"GET /inbox", signedIn, s.inboxPage},
		{"GET /inbox/{id}", signedIn, s.openNotice},
		{"POST /inbox/read", signedIn, s.markRead},
		{"POST /inbox/email", signedIn, s.saveEmail},
		{"GET /dashboard", signedIn, s.dashboard},
		{"POST /thresholds", office, s.saveThresholds},
		{"GET /units/{id}/monitor", signedIn, s.unitMonitor},
		{"GET /indicators/{id}", signedIn, s.indicatorPage},
		{"GET /indicators/{id}/chart.svg", signedIn, s.indicatorChart},
		{"POST /indicators/{id}/trajectory", office, s.saveTrajectory},
		{"POST /indicators/{id}/values", office, s.saveValue},
	}
}
