package deputies

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// The roster sheet's columns, in order (the template).
const (
	colName = iota
	colGender
	colEthnicity
	colBirthDate
	colPolitical
	colLevel
	colTerm
	colDistrict
	colGroup
	colStation
	colEmployer
	colSector
	colSkills
	colPhone
	colIDNumber
	numColumns
)

// Columns are the headers of the roster sheet, in order.
var Columns = [numColumns]string{"姓名", "性别", "民族", "出生日期", "政治面貌", "代表层级", "届次", "选区", "代表小组", "联络站",
	"工作单位及职务", "界别", "技能专长", "手机号码", "身份证号"}

var requiredColumns = []int{colName, colGender, colLevel, colPhone}

var columnWidths = [numColumns]float64{10, 6, 8, 12, 12, 10, 10, 14, 16, 20, 30, 14, 20, 14, 22}

// levelLabels are the levels as the sheet writes them.
var levelLabels = map[Level]string{National: "全国", Province: "省级", City: "市级", County: "县级", Township: "乡镇级"}

// SheetName is the name of the roster's sheet.
const SheetName = "代表名册"

// newRosterFile starts a workbook with the header row styled, the columns
// sized, and the phone and ID columns formatted as text so that Excel and
// WPS keep all 18 digits.
func newRosterFile() (*excelize.File, *excelize.StreamWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return nil, nil, err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return nil, nil, err
	}
	for _, c := range []int{colPhone, colIDNumber, colBirthDate} {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColStyle(SheetName, name, text); err != nil {
			return nil, nil, err
		}
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return nil, nil, err
	}
	for i, w := range columnWidths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, nil, err
		}
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return nil, nil, err
	}
	req, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "B3261E"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return nil, nil, err
	}
	cells := make([]any, numColumns)
	for i, h := range Columns {
		style := head
		for _, r := range requiredColumns {
			if r == i {
				style = req
			}
		}
		cells[i] = excelize.Cell{StyleID: style, Value: h}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, nil, err
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return nil, nil, err
	}
	return f, sw, nil
}

// Template is the empty roster sheet staff download and fill in, with
// drop-downs for gender and level and a sheet of instructions.
func Template() ([]byte, error) {
	f, sw, err := newRosterFile()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	for _, dv := range []struct {
		col  int
		list []string
	}{{colGender, []string{"男", "女"}}, {colLevel, []string{"全国", "省级", "市级", "县级", "乡镇级"}}} {
		name, _ := excelize.ColumnNumberToName(dv.col + 1)
		v := excelize.NewDataValidation(true)
		v.Sqref = name + "2:" + name + "5000"
		if err := v.SetDropList(dv.list); err != nil {
			return nil, err
		}
		if err := f.AddDataValidation(SheetName, v); err != nil {
			return nil, err
		}
	}
	if _, err := f.NewSheet("填写说明"); err != nil {
		return nil, err
	}
	for i, line := range templateNotes {
		if err := f.SetCellValue("填写说明", "A"+itoa(i+1), line); err != nil {
			return nil, err
		}
	}
	f.SetColWidth("填写说明", "A", "A", 100) //nolint:errcheck
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var templateNotes = []string{
	"代表名册填写说明",
	"1. 请在“代表名册”工作表中从第 2 行起逐行填写，不要改动第 1 行表头的内容和顺序。",
	"2. 必填列（表头红字）：姓名、性别、代表层级、手机号码。",
	"3. 代表层级可填：全国、省级、市级、县级（也可写区级）、乡镇级（也可写乡级、镇级）。街道没有乡镇人大，街道的代表请填县级。",
	"4. 同一人同时是两级代表的，每一级填一行，姓名、手机号码、身份证号等保持一致。",
	"5. 出生日期可填 1975-03-02、1975/3/2、1975.3.2、1975年3月2日，或直接使用 Excel 日期。",
	"6. 手机号码为 11 位大陆手机号；身份证号为 18 位，请把这两列设为“文本”，以免 Excel 把数字变成科学计数法。",
	"7. 代表小组、联络站、选区填名称；系统中还没有的会自动新建。",
	"8. 再次导入同一名册会更新已有代表，不会重复登记：身份证号相同，或（未填身份证号时）姓名、出生日期、手机号码都相同，视为同一人。",
	"9. 上传后先预览：有错误的行会列出行号、列名和原因，全部改正后才能导入；只要有一行有错，就一行也不写入。",
}
