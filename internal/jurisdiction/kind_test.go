package jurisdiction

import "testing"

func TestKindOf(t *testing.T) {
	cases := []struct {
		code, name string
		want       Kind
	}{
		{"33", "浙江省", Province},
		{"3301", "杭州市", City},
		{"330111", "富阳区", County},
		{"330111001", "富春街道", Street},
		{"330111117", "大源镇", Town},
		{"330111205", "湖源乡", Township},
		{"152921200", "巴彦浩特苏木", Township},
		{"110105021", "南磨房地区", Street},   // named otherwise, coded as a street
		{"230803198", "向阳区直辖村级区划", Town}, // code range decides where the name does not
		{"330111450", "银湖开发区", Other},
		{"330111117207", "勤功村委会", Village},
		{"330111117002", "东塘社区", Community},
		{"320826001001", "东门社区居委会", Community},
	}
	for _, c := range cases {
		if got := KindOf(c.code, c.name); got != c.want {
			t.Errorf("KindOf(%s, %s) = %s, want %s", c.code, c.name, got, c.want)
		}
	}
}

func TestHasCongress(t *testing.T) {
	for _, k := range []Kind{Town, Township, County} {
		if !k.HasCongress() {
			t.Errorf("%s should have a congress", k)
		}
	}
	for _, k := range []Kind{Street, Other, Village, Community} {
		if k.HasCongress() {
			t.Errorf("%s has no congress of its own", k)
		}
	}
}

func TestNormalize(t *testing.T) {
	good := map[string]string{
		"33": "33", "330111": "330111", " 330111117 ": "330111117",
		"330000000000": "33", "330100000000": "3301", "330111000000": "330111",
		"330111117000": "330111117", "330111117207": "330111117207",
	}
	for in, want := range good {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "3", "33011", "33011a", "3301111170", "富阳区"} {
		if _, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) accepted a bad code", bad)
		}
	}
}

func TestParentCode(t *testing.T) {
	cases := map[string]string{"33": "", "3301": "33", "330111": "3301", "330111117": "330111", "330111117207": "330111117"}
	for in, want := range cases {
		if got := ParentCode(in); got != want {
			t.Errorf("ParentCode(%s) = %q, want %q", in, got, want)
		}
	}
}
