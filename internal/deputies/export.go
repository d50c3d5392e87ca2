package deputies

import (
	"bytes"
	"context"

	"github.com/xuri/excelize/v2"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Export writes a township's roster in the template's columns, one row per
// seat, so that it can be edited and imported again. ID numbers are
// masked unless p's role may read them in full.
func Export(ctx context.Context, db *store.DB, p *auth.Principal, township string) ([]byte, error) {
	if len(township) != 9 || !p.Covers(township) || !p.Role.Staff() {
		return nil, errs.NotFoundErr("entity.jurisdiction")
	}
	if _, ok := townshipUnit(township); !ok {
		return nil, errs.NotFoundErr("entity.jurisdiction")
	}
	k, err := Keys(ctx, db)
	if err != nil {
		return nil, err
	}
	roster, err := townshipRoster(ctx, db.R, township)
	if err != nil {
		return nil, err
	}
	list := sortedRoster(roster)
	full := MaySeeFullIDNumbers(p)
	f, sw, err := newRosterFile()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	row := 2
	for _, d := range list {
		id := d.IDNumber
		if full && d.idEnc != "" {
			if id, err = k.Open(d.idEnc); err != nil {
				return nil, err
			}
		}
		for _, s := range d.Seats {
			var cells [numColumns]any
			for i := range cells {
				cells[i] = ""
			}
			cells[colName], cells[colEthnicity], cells[colBirthDate] = d.Name, d.Ethnicity, d.BirthDate
			cells[colGender] = map[Gender]string{Male: "男", Female: "女"}[d.Gender]
			cells[colPolitical], cells[colLevel], cells[colTerm] = d.Political, levelLabels[s.Level], s.Term
			if s.District != nil {
				cells[colDistrict] = s.District.Name
			}
			if d.Group != nil {
				cells[colGroup] = d.Group.Name
			}
			if d.Station != nil {
				cells[colStation] = d.Station.Name
			}
			cells[colEmployer], cells[colSector], cells[colSkills] = d.Employer, d.Sector, d.Skills
			cells[colPhone], cells[colIDNumber] = d.Phone, id
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, cells[:]); err != nil {
				return nil, err
			}
			row++
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
