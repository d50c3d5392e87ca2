package i18n

import (
	"regexp"
	"testing"
)

// Every key must exist in both languages with the same format verbs, so a
// switch to English never shows a raw key or a %!d(MISSING).
func TestCatalogsMatch(t *testing.T) {
	zh, en := Keys(ZH), Keys(EN)
	inEN := map[string]bool{}
	for _, k := range en {
		inEN[k] = true
	}
	inZH := map[string]bool{}
	for _, k := range zh {
		inZH[k] = true
		if !inEN[k] {
			t.Errorf("key %s has no English", k)
		}
	}
	for _, k := range en {
		if !inZH[k] {
			t.Errorf("key %s has no Chinese", k)
		}
	}
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for _, k := range zh {
		a := verbs.FindAllString(catalog(ZH)[k], -1)
		b := verbs.FindAllString(catalog(EN)[k], -1)
		if len(a) != len(b) {
			t.Errorf("key %s: %d format verbs in Chinese, %d in English", k, len(a), len(b))
		}
	}
	if len(zh) < 50 {
		t.Fatalf("only %d keys: catalogs not loaded", len(zh))
	}
}

func TestTranslate(t *testing.T) {
	cases := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{ZH, "err.required", []any{M("field.username")}, "请填写用户名"},
		{EN, "err.required", []any{M("field.username")}, "Username is required"},
		{ZH, "no.such.key", nil, "no.such.key"},
	}
	for _, c := range cases {
		if got := T(c.lang, c.key, c.args...); got != c.want {
			t.Errorf("T(%s, %s) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	cases := map[string]Lang{"": ZH, "en": EN, "en-US": EN, "zh-CN": ZH, "fr": ZH}
	for in, want := range cases {
		if got := Parse(in); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
	headers := map[string]Lang{"en-US,en;q=0.9": EN, "zh-CN,zh;q=0.9,en;q=0.8": ZH, "fr-FR": ZH, "": ZH}
	for in, want := range headers {
		if got := FromAcceptLanguage(in); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", in, got, want)
		}
	}
}
