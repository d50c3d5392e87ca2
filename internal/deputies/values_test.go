package deputies

import "testing"

func TestIDNumber(t *testing.T) {
	good := CompleteIDNumber("11010519491231002")
	if good != "11010519491231002X" {
		t.Fatalf("check character of the GB 11643 example: %s", good)
	}
	cases := []struct {
		id, problem string
	}{
		{"11010519491231002X", ""},
		{"11010519491231002x", ""}, // normalised to X
		{"110105194912310021", "check"},
		{"11010519491331002X", "birth"},
		{"1101051949123100", "format"},
		{"11010519491231002Y", "format"},
		{"3301831975030212a4", "format"},
	}
	for _, c := range cases {
		if got := IDNumberProblem(NormalizeIDNumber(c.id)); got != c.problem {
			t.Errorf("%s: problem %q, want %q", c.id, got, c.problem)
		}
	}
	if b, _ := IDBirthDate(good); b != "1949-12-31" {
		t.Errorf("birth date %s", b)
	}
	if m := MaskIDNumber("330111197503021234"); m != "330111********1234" {
		t.Errorf("mask %s", m)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"1975-03-02": "1975-03-02", "1975/3/2": "1975-03-02", "1975.3.2": "1975-03-02", "1975年3月2日": "1975-03-02",
		"1975年3月2": "1975-03-02", " 1975 - 3 - 2 ": "1975-03-02", "19750302": "1975-03-02",
		"27455": "1975-03-02", "27455.5": "1975-03-02", // Excel's date serial
		"59": "1900-02-28", "61": "1900-03-01",
	} {
		if got, ok := ParseDate(in); !ok || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "1975-02-30", "1975/13/1", "三月二日", "75-3-2", "1975-03"} {
		if got, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) = %q, want refused", bad, got)
		}
	}
}

func TestPhone(t *testing.T) {
	for in, ok := range map[string]bool{"13812345678": true, "+86 138-1234-5678": true, "8613812345678": true,
		"1381234567": false, "23812345678": false, "12812345678": false, "0571-63312345": false} {
		if got := ValidPhone(NormalizePhone(in)); got != ok {
			t.Errorf("%s: valid %v, want %v", in, got, ok)
		}
	}
}

func TestNamePinyin(t *testing.T) {
	for name, want := range map[string][2]string{
		"张三": {"zhangsan", "zs"}, "吕丽娟": {"lvlijuan", "llj"}, "欧阳建国": {"ouyangjianguo", "oyjg"}, "阿依古丽·Ali": {"ayiguliali", "aygl" + "ali"},
	} {
		full, in := NamePinyin(name)
		if full != want[0] || in != want[1] {
			t.Errorf("%s: %s %s, want %s %s", name, full, in, want[0], want[1])
		}
	}
}

func TestParseLevelLabel(t *testing.T) {
	for in, want := range map[string]Level{"全国": National, "省级": Province, "市级": City, "县级": County, "区级": County,
		"乡镇级": Township, "乡级": Township, "镇级": Township, "县级人大代表": County, "township": Township} {
		if got, ok := ParseLevelLabel(in); !ok || got != want {
			t.Errorf("%s: %s", in, got)
		}
	}
	if _, ok := ParseLevelLabel("村级"); ok {
		t.Error("村级 is no level")
	}
}
