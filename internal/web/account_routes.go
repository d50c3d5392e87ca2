package web

import (
	"net/http"
	"net/url"
	"strconv"

	"renda/internal/auth"
	"renda/internal/errs"
)

type fieldErrors map[string]string

// fieldErrorsOf places a user-facing error under its field, or returns it as
// the page's general error.
func (c *Ctx) fieldErrorsOf(err error) (fieldErrors, string) {
	if e, ok := errs.As(err); ok && e.Field != "" {
		return fieldErrors{e.Field: e.Message(c.Lang)}, ""
	}
	return fieldErrors{}, c.ErrorMessage(err)
}

type passwordPage struct{ Errors fieldErrors }

type userListPage struct {
	Users []*auth.User
	Roles []auth.Role
	Role  string
	Query string
	Next  string
}

type userFormPage struct {
	Form   auth.NewUser
	Roles  []auth.Role
	Errors fieldErrors
}

type passwordRequest struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

type resetRequest struct {
	Password string `json:"password"`
}

type meResponse struct {
	*auth.User
}

// manageableRoles lists the roles a user may hand out.
func manageableRoles(p *auth.Principal) []auth.Role {
	var out []auth.Role
	for _, r := range auth.Roles {
		if p.MayManage(r, p.Scope) {
			out = append(out, r)
		}
	}
	return out
}

func (a *App) registerAccountRoutes() {
	a.Page("GET /account/password", SignedIn, func(c *Ctx) error {
		return c.Render(http.StatusOK, "core/password.html", "title.password", passwordPage{})
	})
	a.Page("POST /account/password", SignedIn, func(c *Ctx) error {
		if c.R.PostFormValue("new_password") != c.R.PostFormValue("new_password_again") {
			return c.RenderPage(http.StatusUnprocessableEntity, "core/password.html", &Page{Title: c.T("title.password"),
				Data: passwordPage{Errors: fieldErrors{"new_password_again": c.T("err.password_mismatch")}}})
		}
		err := a.Auth.ChangePassword(c.Context(), c.User, c.R.PostFormValue("old_password"), c.R.PostFormValue("new_password"), c.Token)
		if err != nil {
			fe, general := c.fieldErrorsOf(err)
			return c.RenderPage(http.StatusUnprocessableEntity, "core/password.html", &Page{Title: c.T("title.password"), Error: general, Data: passwordPage{Errors: fe}})
		}
		c.Flash("flash.password_changed")
		return c.Redirect("/")
	})

	a.Page("GET /admin/users", Staff, func(c *Ctx) error {
		after, _ := strconv.ParseInt(c.Query("cursor"), 10, 64)
		f := auth.UserFilter{Role: auth.Role(c.Query("role")), Query: c.Query("q"), After: after}
		users, next, err := a.Auth.ListUsers(c.Context(), c.User, f)
		if err != nil {
			return err
		}
		page := userListPage{Users: users, Roles: auth.Roles, Role: c.Query("role"), Query: f.Query}
		if next > 0 {
			q := c.R.URL.Query()
			q.Set("cursor", strconv.FormatInt(next, 10))
			page.Next = "/admin/users?" + q.Encode()
		}
		return c.Render(http.StatusOK, "core/users.html", "title.users", page)
	})
	a.Page("GET /admin/users/new", Staff, func(c *Ctx) error {
		form := auth.NewUser{Scope: c.User.Scope}
		return c.Render(http.StatusOK, "core/user_new.html", "title.user_new", userFormPage{Form: form, Roles: manageableRoles(c.User)})
	})
	a.Page("POST /admin/users", Staff, func(c *Ctx) error {
		in := auth.NewUser{
			Username: c.R.PostFormValue("username"), DisplayName: c.R.PostFormValue("display_name"),
			Role: auth.Role(c.R.PostFormValue("role")), Scope: c.R.PostFormValue("scope"),
			Phone: c.R.PostFormValue("phone"), Password: c.R.PostFormValue("password"),
		}
		if _, err := a.Auth.CreateUser(c.Context(), c.User, in); err != nil {
			fe, general := c.fieldErrorsOf(err)
			in.Password = ""
			return c.RenderPage(http.StatusUnprocessableEntity, "core/user_new.html", &Page{Title: c.T("title.user_new"), Error: general,
				Data: userFormPage{Form: in, Roles: manageableRoles(c.User), Errors: fe}})
		}
		c.Flash("flash.user_created")
		return c.Redirect("/admin/users")
	})
	for _, act := range []string{"disable", "enable"} {
		disabled := act == "disable"
		a.Page("POST /admin/users/{id}/"+act, Staff, func(c *Ctx) error {
			id, err := c.PathID("id", "entity.user")
			if err != nil {
				return err
			}
			if _, err := a.Auth.SetDisabled(c.Context(), c.User, id, disabled); err != nil {
				return err
			}
			c.Flash("flash.user_" + act + "d")
			return c.Redirect("/admin/users")
		})
	}

	a.API(Endpoint{
		Method: "GET", Path: "/me", Tag: "auth", Summary: "The signed-in account",
		Response: auth.User{},
		Handle: func(c *Ctx) error {
			u, err := a.Auth.GetUser(c.Context(), c.User, c.User.UserID)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, u)
		},
	})
	a.API(Endpoint{
		Method: "POST", Path: "/me/password", Tag: "auth", Summary: "Change one's own password; other sessions end",
		Request: passwordRequest{}, Status: http.StatusNoContent,
		Handle: func(c *Ctx) error {
			var in passwordRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			if err := a.Auth.ChangePassword(c.Context(), c.User, in.OldPassword, in.NewPassword, c.Token); err != nil {
				return err
			}
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		},
	})
	a.API(Endpoint{
		Method: "GET", Path: "/users", Tag: "accounts", Access: Staff,
		Summary: "List the accounts within the caller's scope",
		Query: []Param{{Name: "role", Description: "admin, county, township, liaison, deputy or unit"},
			{Name: "scope", Description: "division code within the caller's scope"},
			{Name: "q", Description: "part of the username or name"}, cursorParam, limitParam},
		Response: List[auth.User]{},
		Handle: func(c *Ctx) error {
			limit, err := c.Limit()
			if err != nil {
				return err
			}
			after, err := c.cursorID()
			if err != nil {
				return err
			}
			role := auth.Role(c.Query("role"))
			if role != "" && !role.Valid() {
				return errs.Field("role", "invalid_role", "err.role_unknown", string(role))
			}
			users, next, err := a.Auth.ListUsers(c.Context(), c.User, auth.UserFilter{Role: role, Scope: c.Query("scope"), Query: c.Query("q"), After: after, Limit: limit})
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, NewList(users, idCursor(next)))
		},
	})
	a.API(Endpoint{
		Method: "POST", Path: "/users", Tag: "accounts", Access: Staff, Status: http.StatusCreated,
		Summary: "Create an account within the caller's scope",
		Request: auth.NewUser{}, Response: auth.User{},
		Handle: func(c *Ctx) error {
			var in auth.NewUser
			if err := c.Decode(&in); err != nil {
				return err
			}
			u, err := a.Auth.CreateUser(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			c.W.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
			return c.JSON(http.StatusCreated, u)
		},
	})
	a.API(Endpoint{
		Method: "GET", Path: "/users/{id}", Tag: "accounts", Summary: "One account (one's own, or one within a staff member's scope)",
		Response: auth.User{},
		Handle: func(c *Ctx) error {
			id, err := c.PathID("id", "entity.user")
			if err != nil {
				return err
			}
			u, err := a.Auth.GetUser(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, u)
		},
	})
	for _, act := range []string{"disable", "enable"} {
		disabled := act == "disable"
		a.API(Endpoint{
			Method: "POST", Path: "/users/{id}/" + act, Tag: "accounts", Access: Staff,
			Summary: "Disable or enable an account (" + act + ")", Response: auth.User{},
			Handle: func(c *Ctx) error {
				id, err := c.PathID("id", "entity.user")
				if err != nil {
					return err
				}
				u, err := a.Auth.SetDisabled(c.Context(), c.User, id, disabled)
				if err != nil {
					return err
				}
				return c.JSON(http.StatusOK, u)
			},
		})
	}
	a.API(Endpoint{
		Method: "POST", Path: "/users/{id}/password", Tag: "accounts", Access: Staff, Status: http.StatusNoContent,
		Summary: "Set a new password on an account the caller manages; its sessions end",
		Request: resetRequest{},
		Handle: func(c *Ctx) error {
			id, err := c.PathID("id", "entity.user")
			if err != nil {
				return err
			}
			var in resetRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			if err := a.Auth.ResetPassword(c.Context(), c.User, id, in.Password); err != nil {
				return err
			}
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		},
	})
	a.registerSetupRoutes()
}

var (
	cursorParam = Param{Name: "cursor", Description: "the next value of the previous page"}
	limitParam  = Param{Name: "limit", Description: "page size, 1 to 200 (50)", Type: "integer"}
)

// cursorID reads a numeric cursor.
func (c *Ctx) cursorID() (int64, error) {
	s := c.Query("cursor")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, errs.Field("cursor", "invalid_cursor", "err.cursor")
	}
	return n, nil
}

func idCursor(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

type setupPage struct {
	Username, DisplayName string
	Errors                fieldErrors
}

func (a *App) registerSetupRoutes() {
	a.Page("GET /setup/{token}", nil, func(c *Ctx) error {
		if !a.Auth.SetupTokenValid(c.Context(), c.R.PathValue("token")) {
			return errs.NotFoundErr("entity.setup_link")
		}
		return c.Render(http.StatusOK, "core/setup.html", "title.setup", setupPage{})
	})
	a.Page("POST /setup/{token}", nil, func(c *Ctx) error {
		in := auth.NewUser{Username: c.R.PostFormValue("username"), DisplayName: c.R.PostFormValue("display_name"), Password: c.R.PostFormValue("password")}
		if _, err := a.Auth.CompleteSetup(c.Context(), c.R.PathValue("token"), in); err != nil {
			fe, general := c.fieldErrorsOf(err)
			return c.RenderPage(http.StatusUnprocessableEntity, "core/setup.html", &Page{Title: c.T("title.setup"), Error: general,
				Data: setupPage{Username: in.Username, DisplayName: in.DisplayName, Errors: fe}})
		}
		c.Flash("flash.setup_done")
		return c.Redirect("/login?next=" + url.QueryEscape("/"))
	})
}
