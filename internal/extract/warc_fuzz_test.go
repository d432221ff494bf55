package extract_test

import (
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
)

func FuzzReadWARC(f *testing.F) {
	addSeeds(f, "warc")
	f.Add([]byte("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\nab"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, extract.WARC) })
}
