package deputyweb

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"renda/internal/audit"
	"renda/internal/i18n"
)

// change is one field of a deputy as an entry of the history changed it.
type change struct {
	Label, Before, After string
}

// historyRow is an audit entry with its changes spelled out field by field.
type historyRow struct {
	audit.Entry
	Changes []change
}

// skipped are fields a reader of the history does not need.
var skipped = map[string]bool{"id": true, "created_at": true, "updated_at": true, "name_pinyin": true,
	"township_name": true, "congress_name": true, "congress": true}

// describe lists what an entry changed, in the reader's language; a
// creation lists what was entered.
func describe(lang i18n.Lang, e audit.Entry) []change {
	var before, after map[string]any
	_ = json.Unmarshal(e.Before, &before)
	_ = json.Unmarshal(e.After, &after)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []change
	for k := range keys {
		if skipped[k] {
			continue
		}
		b, a := show(lang, k, before[k]), show(lang, k, after[k])
		if b == a {
			continue
		}
		label := k
		if key := "deputy.field." + k; i18n.Has(key) {
			label = i18n.T(lang, key)
		}
		out = append(out, change{Label: label, Before: b, After: a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// show writes a recorded value as people read it: a group by its name, a
// seat by its level, term and status.
func show(lang i18n.Lang, field string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		switch field {
		case "gender":
			return i18n.T(lang, "deputy.gender."+x)
		case "level":
			return i18n.T(lang, "deputy.level."+x)
		case "status":
			return i18n.T(lang, "deputy.status."+x)
		}
		return x
	case map[string]any:
		if name, ok := x["name"].(string); ok {
			return name
		}
	case []any:
		var parts []string
		for _, s := range x {
			if m, ok := s.(map[string]any); ok {
				lvl, _ := m["level"].(string)
				term, _ := m["term"].(string)
				st, _ := m["status"].(string)
				parts = append(parts, strings.TrimSpace(i18n.T(lang, "deputy.level."+lvl)+" "+term+" "+i18n.T(lang, "deputy.status."+st)))
			}
		}
		return strings.Join(parts, "；")
	}
	return fmt.Sprint(v)
}
