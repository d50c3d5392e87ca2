package supervisionweb

import (
	"net/http"
	"strconv"
	"strings"

	"renda/internal/errs"
	"renda/internal/supervision"
	"renda/internal/web"
)

// refusal turns a user error into the message a page shows again; other
// errors (and "not found") go up.
func refusal(c *web.Ctx, err error) (int, string, error) {
	e, ok := errs.As(err)
	if !ok || e.Kind == errs.NotFound {
		return 0, "", err
	}
	return web.Status(e.Kind), e.Message(c.Lang), nil
}

type supervisionData struct {
	Year       int
	Topics     []supervision.Topic
	Activities []supervision.Activity
	Kinds      []string
	Deputies   []deputyOption
	Township   string
}

type deputyOption struct {
	ID   int64
	Name string
}

// deputiesOf lists the deputies organised in the caller's township, for
// choosing participants.
func deputiesOf(c *web.Ctx) ([]deputyOption, error) {
	if len(c.User.Scope) != 9 {
		return nil, nil
	}
	rows, err := c.App.DB.R.QueryContext(c.Context(), `SELECT id, name FROM deputies WHERE township_code = $1 ORDER BY name_pinyin, id LIMIT 500`, c.User.Scope)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []deputyOption
	for rows.Next() {
		var d deputyOption
		if err := rows.Scan(&d.ID, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func (m Module) renderSupervision(c *web.Ctx, status int, msg string) error {
	y, err := year(c, m.now())
	if err != nil {
		return err
	}
	d := supervisionData{Year: y, Kinds: supervision.ActivityKinds, Township: c.User.Scope}
	if d.Topics, err = supervision.Topics(c.Context(), c.App.DB, c.User, y); err != nil {
		return err
	}
	if d.Activities, err = supervision.ListActivities(c.Context(), c.App.DB, c.User, y); err != nil {
		return err
	}
	if d.Deputies, err = deputiesOf(c); err != nil {
		return err
	}
	return c.RenderPage(status, "supervision/supervision.html", &web.Page{Title: c.T("sup.title.supervision"), Error: msg, Data: d})
}

func (m Module) supervisionPage(c *web.Ctx) error { return m.renderSupervision(c, http.StatusOK, "") }

func (m Module) topicPage(c *web.Ctx) error {
	f := c.R.PostForm
	y, _ := strconv.Atoi(f.Get("year"))
	mo, _ := strconv.Atoi(f.Get("month"))
	_, err := supervision.AddTopic(c.Context(), c.App.DB, c.User, supervision.Topic{Township: f.Get("township"), Year: y, Kind: f.Get("kind"), Topic: f.Get("topic"), Month: mo})
	if err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return m.renderSupervision(c, status, msg)
	}
	c.Flash("sup.flash.topic")
	return c.Redirect("/supervision")
}

func ids(vals []string) []int64 {
	var out []int64
	for _, v := range vals {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

func (m Module) activityCreatePage(c *web.Ctx) error {
	f := c.R.PostForm
	in := supervision.Activity{Township: f.Get("township"), Kind: f.Get("kind"), Title: f.Get("title"), Date: f.Get("date"),
		Laws: f.Get("laws"), Findings: f.Get("findings"), DeputyIDs: ids(f["deputy_id"])}
	if t := ids(f["topic_id"]); len(t) == 1 {
		in.TopicID = &t[0]
	}
	a, err := supervision.CreateActivity(c.Context(), c.App.DB, c.User, in)
	if err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return m.renderSupervision(c, status, msg)
	}
	c.Flash("sup.flash.activity")
	return c.Redirect(web.Pathf("/supervision/activities/%d", a.ID))
}

func renderActivity(c *web.Ctx, id int64, status int, msg string) error {
	a, err := supervision.GetActivity(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	return c.RenderPage(status, "supervision/activity.html", &web.Page{Title: a.Title, Error: msg, Data: a})
}

func activityPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.activity")
	if err != nil {
		return err
	}
	return renderActivity(c, id, http.StatusOK, "")
}

func recommendationCreatePage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.activity")
	if err != nil {
		return err
	}
	f := c.R.PostForm
	if _, err := supervision.AddRecommendation(c.Context(), c.App.DB, c.User, id, supervision.NewRecommendation{Unit: f.Get("unit"), Content: f.Get("content"), Due: f.Get("due")}); err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return renderActivity(c, id, status, msg)
	}
	c.Flash("sup.flash.recommendation")
	return c.Redirect(web.Pathf("/supervision/activities/%d", id))
}

type rectificationData struct {
	Items  []supervision.Recommendation
	Status string
	Colour string
}

func (m Module) rectificationPage(c *web.Ctx) error {
	d := rectificationData{Status: c.Query("status"), Colour: c.Query("colour")}
	var err error
	if d.Items, err = supervision.ListRecommendations(c.Context(), c.App.DB, c.User, supervision.RecFilter{Status: d.Status, Colour: d.Colour}, m.now()); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "supervision/rectification.html", "sup.title.rectification", d)
}

func renderRecommendation(c *web.Ctx, id int64, status int, msg string) error {
	r, err := supervision.GetRecommendation(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	return c.RenderPage(status, "supervision/recommendation.html", &web.Page{Title: c.T("sup.title.recommendation"), Error: msg, Data: r})
}

func recommendationPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.recommendation")
	if err != nil {
		return err
	}
	return renderRecommendation(c, id, http.StatusOK, "")
}

func recActionPage(action string) func(c *web.Ctx) error {
	return func(c *web.Ctx) error {
		id, err := c.PathID("id", "sup.recommendation")
		if err != nil {
			return err
		}
		f := c.R.PostForm
		ctx, db := c.Context(), c.App.DB
		switch action {
		case "plan":
			_, err = supervision.SetPlan(ctx, db, c.User, id, f.Get("plan"))
		case "progress":
			pct, _ := strconv.Atoi(f.Get("percent"))
			_, err = supervision.AddProgress(ctx, db, c.User, id, supervision.Progress{Date: f.Get("date"), Percent: pct, Note: f.Get("note")})
		case "close":
			_, err = supervision.CloseRecommendation(ctx, db, c.User, id, f.Get("result"))
		}
		if err != nil {
			status, msg, err := refusal(c, err)
			if err != nil {
				return err
			}
			return renderRecommendation(c, id, status, msg)
		}
		c.Flash("sup.flash." + action)
		return c.Redirect(web.Pathf("/rectification/%d", id))
	}
}
