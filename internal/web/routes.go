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
		{"GET /plans/{id}/publish", office, s.publishConfirm},
		{"POST /plans/{id}/publish", office, s.publishPlan},
		{"POST /plans/{id}/public", office, s.setPlanPublic},
		{"GET /plans/{id}/discard", office, s.discardConfirm},
		{"POST /plans/{id}/delete", office, s.deletePlan},
		{"POST /plans/{id}/map", office, s.mapUnitName},
		{"POST /plans/{id}/meta", office, s.saveMeta},
		{"POST /plans/{id}/collectives", office, s.collectiveForm},
		{"POST /plans/{id}/tasks", office, s.addTask},
		{"POST /plans/{id}/targets", office, s.addGoal},

		{"GET /tasks/{id}", anyone, s.taskPage},
		{"POST /tasks/{id}", office, s.saveTask},
		{"POST /tasks/{id}/units", office, s.addTaskUnit},
		{"POST /task-units/{id}", office, s.saveTaskUnit},
		{"POST /task-units/{id}/delete", office, s.removeTaskUnit},
		{"POST /tasks/{id}/delete", office, s.deleteTask},
		{"POST /tasks/{id}/targets", office, s.addTarget},
		{"POST /targets/{id}", office, s.saveTarget},
		{"POST /targets/{id}/delete", office, s.deleteTarget},
		{"POST /tasks/{id}/frequency", office, s.saveTaskFrequency},

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

		{"GET /favicon.ico", anyone, s.favicon},
		// Anything else is a page that does not exist, in the reader's language.
		{"/", anyone, s.notFound},
	}
}
