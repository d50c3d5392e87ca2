package duties

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"renda/internal/i18n"
)

// Title is the bulletin's heading, e.g. 大源镇2025年上半年代表履职情况通报.
func (b *Bulletin) Title(lang i18n.Lang) string {
	who := b.TownshipName
	if b.GroupName != "" {
		who += b.GroupName
	}
	return i18n.T(lang, "duty.bulletin.heading", who, b.Year, i18n.M(fmt.Sprintf("duty.bulletin.half.%d", b.Half)))
}

// XLSX writes the bulletin as a workbook: a title row, a header row and one
// row per deputy.
func (b *Bulletin) XLSX(lang i18n.Lang) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := i18n.T(lang, "duty.bulletin.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	headers := []string{i18n.T(lang, "duty.col.rank"), i18n.T(lang, "duty.field.deputy"), i18n.T(lang, "duty.bulletin.group"),
		i18n.T(lang, "duty.bulletin.attendance"), i18n.T(lang, "duty.bulletin.absences"), i18n.T(lang, "duty.bulletin.speeches"),
		i18n.T(lang, "duty.bulletin.records"), i18n.T(lang, "duty.bulletin.recess_days")}
	for _, k := range TargetKeys {
		headers = append(headers, i18n.T(lang, "duty.target."+k))
	}
	headers = append(headers, i18n.T(lang, "duty.col.points"), i18n.T(lang, "duty.bulletin.targets_met"),
		i18n.T(lang, "duty.col.grade"), i18n.T(lang, "duty.col.warnings"))
	title := b.Title(lang) + "（" + b.From + " — " + b.To + "）"
	if err := f.SetCellValue(sheet, "A1", title); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(headers), 1)
	if err := f.MergeCell(sheet, "A1", last); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return nil, err
	}
	f.SetCellStyle(sheet, "A1", last, bold) //nolint:errcheck
	if err := f.SetSheetRow(sheet, "A2", &headers); err != nil {
		return nil, err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"EEF1F4"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return nil, err
	}
	lastHead, _ := excelize.CoordinatesToCellName(len(headers), 2)
	f.SetCellStyle(sheet, "A2", lastHead, head) //nolint:errcheck
	for i, r := range b.Rows {
		row := []any{r.Rank, r.Name, r.Group, r.Attendance, r.Absences, r.Speeches, r.Records, r.RecessDays}
		for _, t := range r.Targets {
			row = append(row, fmt.Sprintf("%g/%g", t.Actual, t.Required))
		}
		warn := ""
		for j, w := range r.Warnings {
			if j > 0 {
				warn += "、"
			}
			warn += i18n.T(lang, "duty.warn."+w)
		}
		row = append(row, r.Points, fmt.Sprintf("%d/%d", r.TargetsMet, len(r.Targets)), i18n.T(lang, "duty.grade."+r.Grade), warn)
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	f.SetColWidth(sheet, "B", "C", 14)                                                                       //nolint:errcheck
	f.SetColWidth(sheet, "D", last[:len(last)-1], 11)                                                        //nolint:errcheck
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}) //nolint:errcheck
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
