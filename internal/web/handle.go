package web

// The shapes most API endpoints share — read the path id and the JSON body,
// call the domain, answer its result with a status — so that an endpoint's
// Handle says only what it calls.

// Handle answers fn's result as JSON with status.
func Handle[R any](status int, fn func(c *Ctx) (R, error)) func(*Ctx) error {
	return func(c *Ctx) error {
		out, err := fn(c)
		if err != nil {
			return err
		}
		return c.JSON(status, out)
	}
}

// HandleBody decodes the JSON body into a T for fn.
func HandleBody[T, R any](status int, fn func(c *Ctx, in T) (R, error)) func(*Ctx) error {
	return Handle(status, func(c *Ctx) (R, error) {
		var in T
		if err := c.Decode(&in); err != nil {
			var zero R
			return zero, err
		}
		return fn(c, in)
	})
}

// HandleID reads the path's numeric {id} for fn; a bad one is "not found"
// for entity (an i18n key).
func HandleID[R any](status int, entity string, fn func(c *Ctx, id int64) (R, error)) func(*Ctx) error {
	return Handle(status, func(c *Ctx) (R, error) {
		id, err := c.PathID("id", entity)
		if err != nil {
			var zero R
			return zero, err
		}
		return fn(c, id)
	})
}

// HandleIDBody reads the path's {id} and the JSON body for fn.
func HandleIDBody[T, R any](status int, entity string, fn func(c *Ctx, id int64, in T) (R, error)) func(*Ctx) error {
	return HandleID(status, entity, func(c *Ctx, id int64) (R, error) {
		var in T
		if err := c.Decode(&in); err != nil {
			var zero R
			return zero, err
		}
		return fn(c, id, in)
	})
}
