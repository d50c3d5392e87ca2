package errs

import (
	"testing"

	"renda/internal/i18n"
)

// Messages name the field in the reader's words, never by its key.
func TestMessagesNameTheField(t *testing.T) {
	cases := []struct {
		err  *Error
		lang i18n.Lang
		want string
	}{
		{Required("username", "field.username"), i18n.ZH, "请填写用户名"},
		{TooLong("display_name", "field.display_name", 50), i18n.ZH, "姓名不能超过 50 个字"},
		{TooLong("display_name", "field.display_name", 50), i18n.EN, "Name may have at most 50 characters"},
		{NotFoundErr("entity.user"), i18n.ZH, "找不到该账号"},
	}
	for _, c := range cases {
		if got := c.err.Message(c.lang); got != c.want {
			t.Errorf("%s: %q, want %q", c.err.Code, got, c.want)
		}
	}
}
