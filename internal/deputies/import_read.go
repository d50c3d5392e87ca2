package deputies

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"renda/internal/errs"
)

// sheetRow is one filled row of a roster sheet, with its row number as
// Excel shows it (the header is row 1).
type sheetRow struct {
	num   int
	cells [numColumns]string
}

// maxImportRows bounds a sheet so a mistaken upload cannot tie the server up.
const maxImportRows = 50000

// readSheet reads the roster's rows from an .xlsx file, checking that it is
// a spreadsheet, that the headers are the template's in its order, and that
// there is at least one filled row.
func readSheet(content []byte) ([]sheetRow, error) {
	if len(content) == 0 {
		return nil, errs.Field("file", "empty_file", "deputy.import.empty_file")
	}
	f, err := excelize.OpenReader(bytes.NewReader(content))
	if err != nil {
		return nil, errs.Field("file", "not_spreadsheet", "deputy.import.not_xlsx")
	}
	defer f.Close()
	sheet := ""
	for _, name := range f.GetSheetList() {
		if name == SheetName {
			sheet = name
		}
	}
	if sheet == "" {
		sheet = f.GetSheetName(f.GetActiveSheetIndex())
		if sheet == "" || sheet == "填写说明" {
			sheet = f.GetSheetName(0)
		}
	}
	// Raw values: a date cell gives its serial number, which ParseDate reads,
	// rather than a display format that depends on the file's locale.
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, errs.Field("file", "not_spreadsheet", "deputy.import.not_xlsx")
	}
	if len(rows) == 0 {
		return nil, errs.Field("file", "empty_sheet", "deputy.import.empty_sheet")
	}
	if err := checkHeader(rows[0]); err != nil {
		return nil, err
	}
	var out []sheetRow
	for i, r := range rows[1:] {
		var sr sheetRow
		sr.num = i + 2
		blank := true
		for c := 0; c < numColumns && c < len(r); c++ {
			sr.cells[c] = cleanCell(r[c])
			if sr.cells[c] != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		out = append(out, sr)
		if len(out) > maxImportRows {
			return nil, errs.Field("file", "too_many_rows", "deputy.import.too_many_rows", maxImportRows)
		}
	}
	if len(out) == 0 {
		return nil, errs.Field("file", "no_rows", "deputy.import.no_rows")
	}
	return out, nil
}

// cleanCell trims a cell, including the full-width and no-break spaces WPS
// and copied web pages leave.
func cleanCell(s string) string {
	return strings.TrimSpace(strings.Trim(s, "\u3000\u00a0\ufeff"))
}

// checkHeader compares the header row with the template's: a missing
// required column, then any column out of place, is refused.
func checkHeader(row []string) error {
	got := make([]string, numColumns)
	for i := 0; i < numColumns && i < len(row); i++ {
		got[i] = strings.ReplaceAll(cleanCell(row[i]), " ", "")
	}
	for _, c := range requiredColumns {
		found := false
		for _, h := range got {
			if h == Columns[c] {
				found = true
			}
		}
		if !found {
			return errs.Field("file", "missing_column", "deputy.import.missing_column", Columns[c])
		}
	}
	for i, want := range Columns {
		if got[i] != want {
			col, _ := excelize.ColumnNumberToName(i + 1)
			shown := got[i]
			if shown == "" {
				shown = "（空）"
			}
			return errs.Field("file", "header_order", "deputy.import.header_order", col, want, shown)
		}
	}
	return nil
}
