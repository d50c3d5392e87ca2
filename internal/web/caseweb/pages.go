package caseweb

import "renda/internal/web"

func (m *Module) pages(a *web.App)       {}
func (m *Module) publicPages(a *web.App) {}
