package server

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
)

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("https://evil.example/?x","click")`, `'=HYPERLINK("https://evil.example/?x","click")`},
		{"  =1+2", "'  =1+2"},
		{"\u00a0=1+2", "'\u00a0=1+2"},
		{"+1", "'+1"},
		{"-3", "'-3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a = b", "a = b"},
		{"1-2", "1-2"},
		{"plain text", "plain text"},
		{"", ""},
		{"   ", "   "},
	}
	for _, tt := range tests {
		if got := safeCell(tt.in); got != tt.want {
			t.Errorf("safeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVFormulaInjection ingests an essay whose sentences and figures
// start with formulas and reads both CSV files back: no cell a spreadsheet
// would evaluate is left as it was.
func TestCSVFormulaInjection(t *testing.T) {
	essay := "A title about spreadsheets\n" +
		`=HYPERLINK("https://evil.example/?leak","Click here") is what the cell says. According to the report, 40 percent agree.` + "\n" +
		"+1 more point is made here.\n@everyone should read it.\n" +
		"-5 degrees was the low, said the report.\n"
	snap := storedSnapshot(t, version{name: "formulas.txt", data: []byte(essay)})
	ts := serve(t, newSite(t, snap))
	formulas := 0
	for _, path := range []string{"/sentences.csv", "/figures.csv"} {
		got := fetch(t, http.DefaultClient, ts.URL, path)
		if got.status != http.StatusOK {
			t.Fatalf("GET %s = %d", path, got.status)
		}
		rows, err := csv.NewReader(strings.NewReader(got.body)).ReadAll()
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		for i, row := range rows {
			for j, cell := range row {
				if safeCell(cell) != cell {
					t.Errorf("%s row %d column %d = %q: a spreadsheet would evaluate it", path, i, j, cell)
				}
				if strings.HasPrefix(cell, "'=HYPERLINK(") || strings.HasPrefix(cell, "'+1") || strings.HasPrefix(cell, "'@") {
					formulas++
				}
			}
		}
	}
	if formulas < 3 {
		t.Errorf("found %d neutralised formula cells, want the =HYPERLINK, +1 and @everyone sentences", formulas)
	}
}
