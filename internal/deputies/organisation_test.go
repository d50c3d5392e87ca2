package deputies

import (
	"context"
	"testing"

	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
)

func TestOrganisationRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// A group's leader becomes one of its members.
		g, err := CreateGroup(ctx, db, staffDY, GroupInput{Township: Str(dayuan), Name: Str("勤功片代表小组")})
		if err != nil {
			t.Fatal(err)
		}
		d := newDeputy(t, db, staffDY, dayuan, "张三", "13800000001", Township, func(in *Input) {
			in.IDNumber = Str(CompleteIDNumber("33018319750302123"))
		})
		g, err = UpdateGroup(ctx, db, staffDY, g.ID, GroupInput{LeaderID: &d.ID})
		if err != nil || g.Leader == nil || g.Leader.ID != d.ID || g.Members != 1 {
			t.Fatalf("leader %+v, %d members (%v)", g.Leader, g.Members, err)
		}
		if got, _ := Get(ctx, db.R, staffDY, d.ID); got.Group == nil || got.Group.ID != g.ID {
			t.Error("the leader is not a member")
		}
		other := newDeputy(t, db, staffHY, huyuan, "王五", "13800000005", Township)
		_, err = UpdateGroup(ctx, db, county, g.ID, GroupInput{LeaderID: &other.ID})
		wantField(t, err, "leader_id")
		if _, err := CreateGroup(ctx, db, staffDY, GroupInput{Township: Str(dayuan), Name: Str("勤功片代表小组")}); err == nil {
			t.Error("two groups of one name in a township")
		} else if e, _ := errs.As(err); e.Kind != errs.Conflict {
			t.Errorf("duplicate group: %v", err)
		}
		_, err = Update(ctx, db, staffDY, d.ID, Input{GroupID: Int(99999)})
		wantField(t, err, "group_id")

		// A station has one staff officer; its villages lie in its township.
		s, err := CreateStation(ctx, db, staffDY, StationInput{Township: Str(dayuan), Name: Str("大源镇人大代表联络站"),
			Villages: &[]string{"330111117207", "330111117221"}})
		if err != nil || len(s.Villages) != 2 {
			t.Fatalf("station %+v (%v)", s, err)
		}
		_, err = CreateStation(ctx, db, staffDY, StationInput{Township: Str(dayuan), Name: Str("越界联络点"), Villages: &[]string{"330111205201"}})
		wantField(t, err, "villages")
		first, err := AddOfficer(ctx, db, staffDY, s.ID, OfficerInput{Name: Str("周一"), Phone: Str("13900000001")})
		if err != nil || !first.IsStaff {
			t.Fatalf("the first officer is staff: %+v (%v)", first, err)
		}
		yes := true
		second, err := AddOfficer(ctx, db, staffDY, s.ID, OfficerInput{Name: Str("周二"), Phone: Str("13900000002"), IsStaff: &yes})
		if err != nil {
			t.Fatal(err)
		}
		s, _ = GetStation(ctx, db.R, staffDY, s.ID)
		staff := 0
		for _, o := range s.Officers {
			if o.IsStaff {
				staff++
				if o.ID != second.ID {
					t.Error("the new staff officer did not take over")
				}
			}
		}
		if staff != 1 {
			t.Errorf("%d staff officers, want 1", staff)
		}
		if _, err := GetStation(ctx, db.R, staffHY, s.ID); err == nil {
			t.Error("another township sees the station")
		}

		// An electoral district of a street belongs to the district congress.
		dist, err := CreateDistrict(ctx, db, county, DistrictInput{Township: Str(fuchun), Name: Str("富春街道第1选区")})
		if err != nil || dist.Congress != "330111" || dist.Level != County {
			t.Fatalf("street district %+v (%v)", dist, err)
		}
		// A seat's district must be of the seat's congress.
		_, err = AddSeat(ctx, db, staffDY, d.ID, SeatInput{Level: Str("county"), DistrictID: &dist.ID})
		if err != nil {
			t.Fatalf("county seat in the district congress's district: %v", err)
		}
		townDist, _ := CreateDistrict(ctx, db, staffDY, DistrictInput{Township: Str(dayuan), Name: Str("第1选区")})
		_, err = AddSeat(ctx, db, staffDY, d.ID, SeatInput{Level: Str("city"), DistrictID: &townDist.ID})
		wantField(t, err, "district_id")

		// A birth date changed alone must agree with the ID number on file.
		_, err = Update(ctx, db, staffDY, d.ID, Input{BirthDate: Str("1976-01-01")})
		wantField(t, err, "birth_date")
	})
}
