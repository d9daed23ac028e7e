package fidelity_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fromRE is the line that names the document the indented quotes below it
// come from: "From ballerup-international-strategi-2014.da.txt:".
var fromRE = regexp.MustCompile(`^From ([a-z0-9.-]+\.txt)\b`)

// TestQuotesAreVerbatim: every TestPoint test opens with the sentences of its
// document, quoted as received, and the eight points all have their test. A
// quote is an indented block of the test's comment under a "From <file>:"
// line; it must be in testdata/documents/<file>, the documents exactly as
// they came (only runs of white space, line breaks included, count as one).
func TestQuotesAreVerbatim(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("point*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	points := map[string]bool{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fn.Name.Name, "TestPoint") {
				continue
			}
			points[fn.Name.Name[:len("TestPoint")+1]] = true
			quotes := quotesOf(fn.Doc.Text())
			if len(quotes) == 0 {
				t.Errorf("%s quotes no sentence of its document", fn.Name.Name)
			}
			for _, q := range quotes {
				doc, err := os.ReadFile(filepath.Join("testdata", "documents", q.file))
				if err != nil {
					t.Errorf("%s: %v", fn.Name.Name, err)
					continue
				}
				if !strings.Contains(squash(string(doc)), squash(q.text)) {
					t.Errorf("%s quotes %q, which %s does not say", fn.Name.Name, q.text, q.file)
				}
			}
		}
	}
	for i := 1; i <= 8; i++ {
		if p := "TestPoint" + string(rune('0'+i)); !points[p] {
			t.Errorf("no test for point %d (%s…)", i, p)
		}
	}
}

type quote struct{ file, text string }

// quotesOf reads the quotes of a doc comment: the indented blocks after each
// "From <file>" line.
func quotesOf(doc string) []quote {
	var out []quote
	var file string
	var block []string
	flush := func() {
		if len(block) > 0 && file != "" {
			out = append(out, quote{file, strings.Join(block, "\n")})
		}
		block = nil
	}
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "\t"):
			block = append(block, strings.TrimPrefix(line, "\t"))
		default:
			flush()
			if m := fromRE.FindStringSubmatch(line); m != nil {
				file = m[1]
			} else if strings.TrimSpace(line) != "" {
				file = "" // prose after the quotes ends them
			}
		}
	}
	flush()
	return out
}
