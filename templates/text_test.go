package templates

import (
	"reflect"
	"testing"
)

func TestSplitBlocks(t *testing.T) {
	got := splitBlocks("Intro line\ncontinues.\n\n- one\n- two\nAfter.\n\n\n  \nLast")
	want := []textBlock{
		{Text: "Intro line continues."},
		{Items: []string{"one", "two"}},
		{Text: "After."},
		{Text: "Last"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v", got)
	}
}
