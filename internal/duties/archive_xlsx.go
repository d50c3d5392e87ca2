package duties

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"renda/internal/i18n"
)

// Title is the archive's heading, e.g. 王建国履职档案（第十八届）.
func (a *Archive) Title(lang i18n.Lang) string {
	return i18n.T(lang, "duty.archive.heading", a.Profile.Name, a.Term)
}

// XLSX writes the archive as a workbook with one sheet for each of the
// eight parts.
func (a *Archive) XLSX(lang i18n.Lang) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	sheet := func(n int) string { return t(fmt.Sprintf("duty.archive.part.%d", n)) }
	if err := f.SetSheetName("Sheet1", sheet(1)); err != nil {
		return nil, err
	}
	pr := a.Profile
	rows := [][]any{
		{a.Title(lang)},
		{t("duty.archive.name"), pr.Name}, {t("duty.archive.gender"), t("duty.archive.gender." + pr.Gender)},
		{t("duty.archive.ethnicity"), pr.Ethnicity}, {t("duty.archive.birth_date"), pr.BirthDate},
		{t("duty.archive.political"), pr.Political}, {t("duty.archive.education"), pr.Education},
		{t("duty.archive.employer"), pr.Employer}, {t("duty.archive.sector"), pr.Sector},
		{t("duty.field.township"), jurisdictionName(pr.Township)}, {t("duty.bulletin.group"), pr.Group},
		{}, {t("duty.archive.seat_level"), t("duty.archive.congress"), t("duty.archive.term"), t("duty.archive.start"), t("duty.archive.end"), t("field.status")},
	}
	for _, s := range pr.Seats {
		rows = append(rows, []any{t("duty.archive.level." + s.Level), s.Congress, s.Term, s.Start, s.End, t("duty.archive.seat_status." + s.Status)})
	}
	rows = append(rows, []any{}, []any{t("duty.field.year"), t("duty.col.points"), t("duty.col.compliant"), t("duty.col.grade")})
	for _, y := range a.Points {
		rows = append(rows, []any{y.Year, y.Points, yesNo(lang, y.Compliant), t("duty.grade." + y.Grade)})
	}
	if err := writeRows(f, sheet(1), rows); err != nil {
		return nil, err
	}
	head := []any{t("duty.field.date"), t("duty.field.kind"), t("duty.field.title"), t("duty.field.days"), t("duty.field.count"), t("duty.field.place"), t("duty.field.note")}
	for _, part := range a.Parts {
		name := sheet(part.No)
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		rows := [][]any{head}
		for _, r := range part.Records {
			var n any = ""
			if r.Count > 0 {
				n = r.Count
			}
			rows = append(rows, []any{r.Date, t(r.Kind.LabelKey()), r.Title, r.Days, n, r.Place, r.Note})
		}
		if part.No == 2 && len(a.Absences) > 0 {
			rows = append(rows, []any{}, []any{t("duty.field.date"), t("duty.field.meeting"), t("duty.archive.absence")})
			for _, ab := range a.Absences {
				rows = append(rows, []any{ab.Date, ab.Meeting, t(map[bool]string{true: "duty.archive.with_leave", false: "duty.archive.without_leave"}[ab.WithLeave])})
			}
		}
		if part.No == 7 && len(a.Reports) > 0 {
			rows = append(rows, []any{}, []any{t("duty.field.date"), t("duty.field.place"), t("duty.report.total"), t("duty.report.satisfied_rate"), t("duty.report.approval_rate")})
			for _, rp := range a.Reports {
				rows = append(rows, []any{rp.HeldDate, rp.Place, rp.Result.Total, fmt.Sprintf("%.1f%%", rp.Result.SatisfiedRate*100), fmt.Sprintf("%.1f%%", rp.Result.ApprovalRate*100)})
			}
		}
		if err := writeRows(f, name, rows); err != nil {
			return nil, err
		}
	}
	if _, err := f.NewSheet(sheet(8)); err != nil {
		return nil, err
	}
	awards := [][]any{{t("duty.field.year"), t("duty.award.kind"), t("duty.award.name"), t("duty.col.points"), t("duty.field.note")}}
	for _, aw := range a.Awards {
		awards = append(awards, []any{aw.Year, t("duty.award." + aw.Kind), aw.Name, aw.Points, aw.Note})
	}
	if err := writeRows(f, sheet(8), awards); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	f.SetColWidth(sheet, "A", "A", 14) //nolint:errcheck
	f.SetColWidth(sheet, "B", "C", 24) //nolint:errcheck
	return f.SetColWidth(sheet, "G", "G", 40)
}

func yesNo(lang i18n.Lang, b bool) string {
	if b {
		return i18n.T(lang, "duty.public.yes")
	}
	return i18n.T(lang, "duty.public.no")
}
