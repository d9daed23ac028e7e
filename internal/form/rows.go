package form

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// MaxRows bounds the row index Rows reads, so a crafted form cannot make a view
// render a million empty rows.
const MaxRows = 500

// RowName is the name (and id) of field in row i of the repeated group prefix:
// RowName("traveller", 0, "name") = "traveller-0-name".
func RowName(prefix string, i int, field string) string {
	return prefix + "-" + strconv.Itoa(i) + "-" + field
}

// Rows reads the repeated rows of group prefix from a posted form, where row i's
// inputs are named RowName(prefix, i, field). Rows come in the order of their
// index, gaps closed; each row has every field of fields, with the user's input
// exactly as typed ("" for an input that was not sent, such as an unticked
// checkbox). A row is kept even when it is blank: the person added it.
func Rows(form url.Values, prefix string, fields ...string) []map[string]string {
	rows := map[int]map[string]string{}
	for name, values := range form {
		rest, ok := strings.CutPrefix(name, prefix+"-")
		if !ok || len(values) == 0 {
			continue
		}
		num, field, ok := strings.Cut(rest, "-")
		if !ok || !slices.Contains(fields, field) {
			continue
		}
		i, ok := rowIndex(num)
		if !ok {
			continue
		}
		row := rows[i]
		if row == nil {
			row = make(map[string]string, len(fields))
			for _, f := range fields {
				row[f] = ""
			}
			rows[i] = row
		}
		row[field] = values[0]
	}
	idx := make([]int, 0, len(rows))
	for i := range rows {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	out := make([]map[string]string, 0, len(idx))
	for _, i := range idx {
		out = append(out, rows[i])
	}
	return out
}

// rowIndex accepts only the canonical decimal form of an index below MaxRows, so
// "01" and "1" cannot name the same row twice.
func rowIndex(s string) (int, bool) {
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 || i >= MaxRows || strconv.Itoa(i) != s {
		return 0, false
	}
	return i, true
}

// Verbs of the submit buttons that edit repeated rows without JavaScript.
const (
	VerbAdd    = "add"
	VerbRemove = "remove"
)

// ActionAdd is the value of the submit button (name="action") that adds a row to
// group: "add:traveller".
func ActionAdd(group string) string { return VerbAdd + ":" + group }

// ActionRemove is the value of the submit button that removes row i of group:
// "remove:traveller:2".
func ActionRemove(group string, i int) string {
	return VerbRemove + ":" + group + ":" + strconv.Itoa(i)
}

// ParseAction splits the value of the pressed submit button: "add:traveller" is
// ("add", "traveller", -1), "remove:traveller:2" is ("remove", "traveller", 2) and
// "save" is ("save", "", -1). A malformed value ("remove:traveller", "remove:x:-1",
// "add:") gives ("", "", -1), which no handler acts on.
func ParseAction(v string) (verb, group string, index int) {
	parts := strings.Split(v, ":")
	switch {
	case len(parts) == 1 && parts[0] != "":
		return parts[0], "", -1
	case len(parts) == 2 && parts[0] == VerbAdd && parts[1] != "":
		return VerbAdd, parts[1], -1
	case len(parts) == 3 && parts[0] == VerbRemove && parts[1] != "":
		if i, ok := rowIndex(parts[2]); ok {
			return VerbRemove, parts[1], i
		}
	}
	return "", "", -1
}

// EditRows applies the pressed button action to rows of group: an "add" for group
// appends a blank row with fields, a "remove" of an existing row drops it. It
// reports whether action was one of these, in which case the handler shows the
// form again instead of saving it.
func EditRows(rows []map[string]string, action, group string, fields ...string) ([]map[string]string, bool) {
	verb, g, i := ParseAction(action)
	if group == "" || g != group {
		return rows, false
	}
	switch verb {
	case VerbAdd:
		if len(rows) >= MaxRows {
			return rows, true
		}
		row := make(map[string]string, len(fields))
		for _, f := range fields {
			row[f] = ""
		}
		return append(rows, row), true
	case VerbRemove:
		if i < len(rows) {
			rows = slices.Delete(slices.Clone(rows), i, i+1)
		}
		return rows, true
	}
	return rows, false
}
