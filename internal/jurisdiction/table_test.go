package jurisdiction

import "testing"

func TestNationalTable(t *testing.T) {
	nat := National()
	counts := map[int]int{}
	kinds := map[Kind]int{}
	for _, u := range nat.All() {
		counts[u.Level()]++
		kinds[u.Kind]++
	}
	// The README of the data: 31 provinces, 342 cities, 2,978 counties,
	// 41,352 township-level units.
	want := map[int]int{1: 31, 2: 342, 3: 2978, 4: 41352}
	for lvl, n := range want {
		if counts[lvl] != n {
			t.Errorf("level %d: %d units, want %d", lvl, counts[lvl], n)
		}
	}
	if kinds[Street] < 9000 || kinds[Town] < 21000 || kinds[Township] < 8000 {
		t.Errorf("kinds look wrong: %v", kinds)
	}
}

func TestFuyangTownships(t *testing.T) {
	ts := National().Townships("330111")
	if len(ts) != 24 {
		t.Fatalf("富阳区 has %d township-level units, want 24", len(ts))
	}
	kinds := map[Kind]int{}
	for _, u := range ts {
		kinds[u.Kind]++
	}
	if kinds[Street] != 5 || kinds[Town] != 13 || kinds[Township] != 6 {
		t.Errorf("富阳区 kinds %v, want 5 streets, 13 towns, 6 townships", kinds)
	}
	if got := National().FullName("330111117"); got != "浙江省杭州市富阳区大源镇" {
		t.Errorf("FullName = %q", got)
	}
	if got := National().FullName("110101001"); got != "北京市东城区东华门街道" {
		t.Errorf("FullName skips 市辖区: got %q", got)
	}
}
