package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestRunReport(t *testing.T) {
	var out, errb strings.Builder
	if err := run([]string{"../../testdata/ner/gold.conll"}, &out, &errb); err != nil {
		t.Fatalf("run: %v (stderr %s)", err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !regexp.MustCompile(`^tagged 14 tokens in .*: \d+ tokens/s$`).MatchString(lines[0]) {
		t.Errorf("first line = %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "processed 14 tokens with 4 phrases;") {
		t.Errorf("second line = %q", lines[1])
	}
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^overall \d+\.\d\d \d+\.\d\d \d+\.\d\d$`).MatchString(last) {
		t.Errorf("last line = %q, want overall P R F1", last)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no file", nil},
		{"missing file", []string{"../../testdata/ner/no-such-file.conll"}},
		{"missing model", []string{"-model", "no-such-model.bin.zst", "../../testdata/ner/gold.conll"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb strings.Builder
			if err := run(tt.args, &out, &errb); err == nil {
				t.Errorf("run(%q) succeeded", tt.args)
			}
		})
	}
}
