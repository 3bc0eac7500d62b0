package server

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"unicode"

	"github.com/argmap/argmap/internal/argument"
)

// This file writes /figures.csv and /sentences.csv: RFC 4180 CSV (comma
// separated, CRLF line ends, fields quoted when needed) in UTF-8 with a
// header row. Cells hold the essay's words exactly, except that a cell a
// spreadsheet would read as a formula is neutralised (see safeCell).

const contentCSV = "text/csv; charset=utf-8"

// figuresCSVHeader names the columns of /figures.csv.
var figuresCSVHeader = []string{"id", "sentence", "paragraph", "kind", "text", "value", "qualifier",
	"counts", "source", "speaker", "speaker_role", "when", "url"}

// sentencesCSVHeader names the columns of /sentences.csv.
var sentencesCSVHeader = []string{"id", "paragraph", "paragraph_kind", "position", "role", "text", "why",
	"supports", "attacks", "url"}

// writeCSV writes rows as CSV, every cell through safeCell.
func writeCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	for _, row := range rows {
		for i, cell := range row {
			row[i] = safeCell(cell)
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// figuresCSV is every cited figure, one a row, in the order of /figures.
func (m *model) figuresCSV() ([]byte, error) {
	rows := [][]string{figuresCSVHeader}
	for i := range m.a.Figures {
		v := m.figureView(i)
		f := v.Figure
		url := ""
		if v.URL != "" {
			url = m.abs(v.URL)
		}
		rows = append(rows, []string{v.ID, f.Sentence, v.PID, string(f.Kind), f.Text, f.Value.String(), f.Qualifier,
			f.Counts, f.Source, f.Speaker, f.SpeakerRole, f.When, url})
	}
	return writeCSV(rows)
}

// sentencesCSV is every sentence in reading order with its role and the
// ids of the sentences it supports and attacks (space separated).
func (m *model) sentencesCSV() ([]byte, error) {
	rows := [][]string{sentencesCSVHeader}
	for _, p := range m.a.Paragraphs {
		for j, s := range p.Sentences {
			var supports, attacks []string
			for _, ri := range m.relFrom[s.ID] {
				r := m.a.Relations[ri]
				if r.Kind == argument.Attack {
					attacks = append(attacks, r.To)
				} else {
					supports = append(supports, r.To)
				}
			}
			rows = append(rows, []string{s.ID, p.ID, string(p.Kind), strconv.Itoa(j + 1), string(s.Role), s.Text, s.Why,
				strings.Join(supports, " "), strings.Join(attacks, " "), m.abs(sentencePath(p.ID, s.ID))})
		}
	}
	return writeCSV(rows)
}

// safeCell neutralises a cell that a spreadsheet would evaluate as a
// formula (CSV injection), as OWASP recommends: a cell whose first
// character other than white space is "=", "+", "-" or "@", or whose first
// character is a tab or a carriage return, gets a single quote in front,
// which spreadsheets take as "this is text" and do not show. Every other
// cell is returned as it is. So "=HYPERLINK(…)" is written "'=HYPERLINK(…)",
// and a negative value "-3" is written "'-3".
func safeCell(s string) string {
	if s == "" {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' {
		return "'" + s
	}
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + s
	}
	return s
}
