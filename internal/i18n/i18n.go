// Package i18n holds the strings users see, in Simplified Chinese first and
// English. Every domain keeps its own catalog files in locales/
// (domain.zh-CN.json, domain.en.json); a test checks both languages have
// every key.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// Lang is a language tag.
type Lang string

const (
	ZH Lang = "zh-CN"
	EN Lang = "en"
)

// Langs lists the languages offered, the default first.
var Langs = []Lang{ZH, EN}

// Parse returns the language a tag asks for, Chinese by default.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return EN
	}
	return ZH
}

// FromAcceptLanguage picks a language from an Accept-Language header:
// English only when the browser prefers it over Chinese.
func FromAcceptLanguage(h string) Lang {
	for _, part := range strings.Split(h, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(tag)
		switch {
		case strings.HasPrefix(tag, "zh"):
			return ZH
		case strings.HasPrefix(tag, "en"):
			return EN
		}
	}
	return ZH
}

//go:embed locales/*.json
var localeFS embed.FS

var (
	loadOnce sync.Once
	catalogs map[Lang]map[string]string
	loadErr  error
)

func load() {
	catalogs = map[Lang]map[string]string{}
	for _, l := range Langs {
		catalogs[l] = map[string]string{}
	}
	files, err := fs.Glob(localeFS, "locales/*.json")
	if err != nil {
		loadErr = err
		return
	}
	for _, f := range files {
		base := strings.TrimSuffix(f[len("locales/"):], ".json")
		dot := strings.LastIndex(base, ".")
		if dot < 0 {
			loadErr = fmt.Errorf("%s: name must be domain.LANG.json", f)
			return
		}
		lang := Lang(base[dot+1:])
		cat, ok := catalogs[lang]
		if !ok {
			loadErr = fmt.Errorf("%s: unknown language %s", f, lang)
			return
		}
		b, _ := localeFS.ReadFile(f)
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			loadErr = fmt.Errorf("%s: %w", f, err)
			return
		}
		for k, v := range m {
			if _, dup := cat[k]; dup {
				loadErr = fmt.Errorf("%s: key %s defined twice", f, k)
				return
			}
			cat[k] = v
		}
	}
}

func catalog(l Lang) map[string]string {
	loadOnce.Do(load)
	if loadErr != nil {
		panic("i18n catalogs: " + loadErr.Error())
	}
	if c, ok := catalogs[l]; ok {
		return c
	}
	return catalogs[ZH]
}

// Msg is a message to translate later, when the reader's language is known.
// Args that are themselves Msg are translated too (field labels, say).
type Msg struct {
	Key  string
	Args []any
}

// M makes a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// Has reports whether a key exists in the Chinese catalog.
func Has(key string) bool { _, ok := catalog(ZH)[key]; return ok }

// T translates key into lang, formatting args with fmt verbs. A missing key
// is shown as itself so a gap is visible, never a blank.
func T(lang Lang, key string, args ...any) string {
	s, ok := catalog(lang)[key]
	if !ok {
		if s, ok = catalog(ZH)[key]; !ok {
			s = key
		}
	}
	if len(args) == 0 {
		return s
	}
	for i, a := range args {
		if m, ok := a.(Msg); ok {
			args[i] = Render(lang, m)
		}
	}
	return fmt.Sprintf(s, args...)
}

// Render translates a Msg.
func Render(lang Lang, m Msg) string {
	args := append([]any(nil), m.Args...)
	return T(lang, m.Key, args...)
}

// Keys lists every key of a language, sorted (for the catalog test).
func Keys(l Lang) []string {
	c := catalog(l)
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
