package deputies

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// NamePinyin gives a name's pinyin without tones or spaces ("zhangsan") and
// its initials ("zs"), so staff find 张三 by typing either. Letters in the
// name (a Latin or Uyghur name written in Latin letters) are kept as is.
func NamePinyin(name string) (full, initials string) {
	args := pinyin.NewArgs()
	var f, in strings.Builder
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Han, r):
			py := pinyin.SinglePinyin(r, args)
			if len(py) > 0 && py[0] != "" {
				f.WriteString(py[0])
				in.WriteByte(py[0][0])
			}
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			lr := unicode.ToLower(r)
			f.WriteRune(lr)
			in.WriteRune(lr)
		}
	}
	return f.String(), in.String()
}

// isLatinQuery reports whether a search is pinyin (letters only).
func isLatinQuery(q string) bool {
	if q == "" {
		return false
	}
	for _, r := range q {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}
