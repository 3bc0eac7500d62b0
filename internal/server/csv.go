package server

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
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

// figuresCSVHeader names the columns of /figures.csv. Columns added later
// go at the end, so that a script reading them by position still finds
// the others ("currency", the ISO 4217 code of money, came last).
var figuresCSVHeader = []string{"id", "sentence", "paragraph", "kind", "text", "value", "qualifier",
	"counts", "source", "speaker", "speaker_role", "when", "url", "currency"}

// sentencesCSVHeader names the columns of /sentences.csv.
var sentencesCSVHeader = []string{"id", "paragraph", "paragraph_kind", "position", "role", "text", "why",
	"supports", "attacks", "url"}

// csvWriter writes CSV rows to w, every cell through safeCell, one row at
// a time: a download of a long essay is never held whole.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer, header []string) (*csvWriter, error) {
	c := &csvWriter{w: csv.NewWriter(w)}
	c.w.UseCRLF = true
	return c, c.row(slices.Clone(header))
}

func (c *csvWriter) row(cells []string) error {
	for i, cell := range cells {
		cells[i] = safeCell(cell)
	}
	return c.w.Write(cells)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// writeFiguresCSV writes every cited figure, one a row, in the order of
// /figures, reading them one at a time.
func (m *model) writeFiguresCSV(w io.Writer) error {
	c, err := newCSVWriter(w, figuresCSVHeader)
	if err != nil {
		return err
	}
	ids := figureOrdinals{m: m}
	err = m.src.eachFigure(0, -1, func(i int, f argument.Figure, pid string) error {
		url := ""
		if pid != "" {
			url = m.abs(sentencePath(pid, f.Sentence))
		}
		return c.row([]string{ids.id(i, f), f.Sentence, pid, string(f.Kind), f.Text, f.Value.String(), f.Qualifier,
			f.Counts, f.Source, f.Speaker, f.SpeakerRole, f.When, url, f.Currency})
	})
	if err != nil {
		return err
	}
	return c.flush()
}

// writeSentencesCSV writes every sentence in reading order with its role
// and the ids of the sentences it supports and attacks (space separated),
// reading csvBatch paragraphs, and the relations from their sentences, at
// a time.
func (m *model) writeSentencesCSV(w io.Writer) error {
	c, err := newCSVWriter(w, sentencesCSVHeader)
	if err != nil {
		return err
	}
	for lo, n := 0, m.src.paragraphCount(); lo < n; lo += csvBatch {
		from := m.src.relationsFromParagraphs(lo, lo+csvBatch)
		err = m.src.eachParagraph(lo, lo+csvBatch, func(_ int, p argument.Paragraph) error {
			for j, s := range p.Sentences {
				var supports, attacks []string
				for _, r := range from[s.ID] {
					if r.Kind == argument.Attack {
						attacks = append(attacks, r.To)
					} else {
						supports = append(supports, r.To)
					}
				}
				if err := c.row([]string{s.ID, p.ID, string(p.Kind), strconv.Itoa(j + 1), string(s.Role), s.Text, s.Why,
					strings.Join(supports, " "), strings.Join(attacks, " "), m.abs(sentencePath(p.ID, s.ID))}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return c.flush()
}

// csvBatch is how many paragraphs /sentences.csv reads at a time.
const csvBatch = 512

// bodyOf returns the bytes write writes, for a short essay's download
// served like a page.
func bodyOf(write func(io.Writer) error) func() ([]byte, error) {
	return func() ([]byte, error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
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
