package deputyweb

import (
	"errors"
	"net/url"

	"renda/internal/jurisdiction"
)

func pathEscape(s string) string { return url.PathEscape(s) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// jshort is a unit's own name: 大源镇.
func jshort(code string) string {
	if u, ok := jurisdiction.National().Get(code); ok {
		return u.Name
	}
	return code
}
