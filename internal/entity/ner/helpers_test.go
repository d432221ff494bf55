package ner_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity/ner"
)

// sharedDir returns the shared data folder ($MORGUE_SHARED, else ../shared
// next to the repository), skipping the test when it is absent.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			tb.Fatal(err)
		}
		root := wd
		for {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(root)
			if parent == root {
				tb.Skip("repository root not found")
			}
			root = parent
		}
		dir = filepath.Join(root, "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
		tb.Skipf("shared data not found at %s (set MORGUE_SHARED): %v", dir, err)
	}
	return dir
}

func defaultModel(tb testing.TB) *ner.Model {
	tb.Helper()
	m, err := ner.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
