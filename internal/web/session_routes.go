package web

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
)

func contextTimeout(r *http.Request, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), d)
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext keeps a post-login redirect on this site.
func safeNext(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") {
		return "/"
	}
	return s
}

type loginForm struct {
	Username string
	Next     string
}

type tokenRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type tokenResponse struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (a *App) registerSessionRoutes() {
	a.Page("GET /login", nil, func(c *Ctx) error {
		if c.User != nil {
			return c.Redirect("/")
		}
		return c.Render(http.StatusOK, "core/login.html", "login.title", loginForm{Next: safeNext(c.Query("next"))})
	})
	a.Page("POST /login", nil, func(c *Ctx) error {
		form := loginForm{Username: c.R.PostFormValue("username"), Next: safeNext(c.R.PostFormValue("next"))}
		sess, _, err := a.Auth.Login(c.Context(), auth.LoginInput{
			Username: form.Username, Password: c.R.PostFormValue("password"), Kind: auth.WebSession,
			UserAgent: c.R.UserAgent(), IP: clientIP(c.R),
		})
		if err != nil {
			status := http.StatusUnauthorized
			if e, ok := errs.As(err); ok {
				status = Status(e.Kind)
			}
			return c.RenderPage(status, "core/login.html", &Page{Title: c.T("login.title"), Error: c.ErrorMessage(err), Data: form})
		}
		c.SetSessionCookie(sess.Token, 0)
		return c.Redirect(form.Next)
	})
	a.Page("POST /logout", SignedIn, func(c *Ctx) error {
		if err := a.Auth.Logout(c.Context(), c.Token); err != nil {
			return err
		}
		c.SetSessionCookie("", -1)
		return c.Redirect("/login")
	})

	a.API(Endpoint{
		Method: "POST", Path: "/auth/token", Tag: "auth", Public: true, Status: http.StatusCreated,
		Summary: "Sign in with a username and password and get an API token",
		Request: tokenRequest{}, Response: tokenResponse{},
		Handle: func(c *Ctx) error {
			var in tokenRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			sess, _, err := a.Auth.Login(c.Context(), auth.LoginInput{
				Username: in.Username, Password: in.Password, Kind: auth.APIToken,
				UserAgent: c.R.UserAgent(), IP: clientIP(c.R),
			})
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, tokenResponse{Token: sess.Token, ExpiresAt: sess.ExpiresAt})
		},
	})
	a.API(Endpoint{
		Method: "DELETE", Path: "/auth/token", Tag: "auth", Status: http.StatusNoContent,
		Summary: "Revoke the token the request carries",
		Handle: func(c *Ctx) error {
			if err := a.Auth.Logout(c.Context(), c.Token); err != nil {
				return err
			}
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		},
	})
}
