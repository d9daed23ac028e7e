package opendata

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
)

// PartnershipHeader is the header row of partnerships.csv, the open-data
// download of a municipality's partnerships and the format of their import
// (docs/open-data.md describes each column).
var PartnershipHeader = []string{
	"partner_city", "partner_city_en", "country", "latitude", "longitude",
	"kind", "status", "since_year", "council_decision_ref", "note", "demo", "url",
}

// PartnershipRequired are the columns an import cannot do without.
var PartnershipRequired = []string{"partner_city", "kind", "status"}

// PartnershipCSV writes partnerships.csv: RFC 4180 with CRLF line ends, UTF-8
// after a BOM, the header, then one row per partnership (values in the order
// of PartnershipHeader).
func PartnershipCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(PartnershipHeader); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// CSVRow is one data row of a CSV read back: its line in the file (the header
// is line 1) and its values by column name.
type CSVRow struct {
	Line   int
	Values map[string]string
}

// ErrCSVHeader reports a file whose first row lacks a required column; Missing
// names it.
type ErrCSVHeader struct{ Missing string }

func (e *ErrCSVHeader) Error() string { return "the CSV has no column " + e.Missing }

// ErrCSVUnreadable reports a file that is not CSV at all (a broken quote, a
// binary file).
var ErrCSVUnreadable = errors.New("the file cannot be read as CSV")

// ReadPartnershipCSV reads a partnerships.csv as the download writes it, or as a
// spreadsheet saves it: a BOM or none, commas or semicolons (Excel set to
// German, Swedish or Danish), columns in any order, unknown columns ignored,
// blank lines skipped. Values are trimmed.
func ReadPartnershipCSV(r io.Reader) ([]CSVRow, error) {
	b, err := io.ReadAll(io.LimitReader(r, 5<<20))
	if err != nil {
		return nil, err
	}
	text := strings.TrimPrefix(string(b), BOM)
	first, _, _ := strings.Cut(text, "\n")
	cr := csv.NewReader(strings.NewReader(text))
	if strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, ErrCSVUnreadable
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	for _, col := range PartnershipRequired {
		if !slices.Contains(header, col) {
			return nil, &ErrCSVHeader{Missing: col}
		}
	}
	var out []CSVRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, ErrCSVUnreadable
		}
		line, _ := cr.FieldPos(0)
		row := CSVRow{Line: line, Values: map[string]string{}}
		blank := true
		for i, v := range rec {
			if i < len(header) {
				row.Values[header[i]] = strings.TrimSpace(v)
				blank = blank && strings.TrimSpace(v) == ""
			}
		}
		if !blank {
			out = append(out, row)
		}
	}
	return out, nil
}
