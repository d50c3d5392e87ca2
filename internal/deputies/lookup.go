package deputies

import (
	"context"

	"renda/internal/store"
)

// Brief is a deputy as other domains need them: who, where organised, and
// their group and station.
type Brief struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Township  string `json:"township"`
	GroupID   int64  `json:"group_id,omitempty"`
	StationID int64  `json:"station_id,omitempty"`
	Phone     string `json:"-"`
}

func scanBriefs(ctx context.Context, q store.Querier, query string, args ...any) ([]Brief, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Brief
	for rows.Next() {
		var b Brief
		var gid, sid *int64
		if err := rows.Scan(&b.ID, &b.Name, &b.Township, &gid, &sid, &b.Phone); err != nil {
			return nil, err
		}
		if gid != nil {
			b.GroupID = *gid
		}
		if sid != nil {
			b.StationID = *sid
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

const briefCols = `d.id, d.name, d.township_code, d.group_id, d.station_id, d.phone`

// ServingInCongress lists the deputies holding a serving seat in a congress
// (a township's code for its township congress, a county's for the county
// congress), by township and pinyin. A caller passes a congress within the
// scope it has checked.
func ServingInCongress(ctx context.Context, q store.Querier, congress string) ([]Brief, error) {
	return scanBriefs(ctx, q, `SELECT `+briefCols+` FROM deputies d
		WHERE EXISTS (SELECT 1 FROM seats st WHERE st.deputy_id = d.id AND st.congress_code = $1 AND st.status = 'serving')
		ORDER BY d.township_code, d.name_pinyin, d.id`, congress)
}

// ServingIn lists the deputies organised in a township-level unit (or any
// code's subtree) who hold any serving seat.
func ServingIn(ctx context.Context, q store.Querier, code string) ([]Brief, error) {
	lo, hi := store.PrefixRange(code)
	return scanBriefs(ctx, q, `SELECT `+briefCols+` FROM deputies d
		WHERE d.township_code >= $1 AND d.township_code < $2
		AND EXISTS (SELECT 1 FROM seats st WHERE st.deputy_id = d.id AND st.status = 'serving')
		ORDER BY d.township_code, d.name_pinyin, d.id`, lo, hi)
}

// OfStation lists a station's deputies who hold a serving seat.
func OfStation(ctx context.Context, q store.Querier, stationID int64) ([]Brief, error) {
	return scanBriefs(ctx, q, `SELECT `+briefCols+` FROM deputies d WHERE d.station_id = $1
		AND EXISTS (SELECT 1 FROM seats st WHERE st.deputy_id = d.id AND st.status = 'serving')
		ORDER BY d.name_pinyin, d.id`, stationID)
}

// OfGroup lists a group's or delegation's deputies who hold a serving seat.
func OfGroup(ctx context.Context, q store.Querier, groupID int64) ([]Brief, error) {
	return scanBriefs(ctx, q, `SELECT `+briefCols+` FROM deputies d WHERE d.group_id = $1
		AND EXISTS (SELECT 1 FROM seats st WHERE st.deputy_id = d.id AND st.status = 'serving')
		ORDER BY d.name_pinyin, d.id`, groupID)
}
