package main

import (
	"math"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/bench"
)

var (
	qWord   = bench.Query{Kind: bench.KindWord, Terms: []string{"harbour"}}
	qAnd    = bench.Query{Kind: bench.KindAnd, Terms: []string{"ferry", "schedule"}}
	qPhrase = bench.Query{Kind: bench.KindPhrase, Terms: []string{"tide", "tables"}}
	qOr     = bench.Query{Kind: bench.KindOr, Terms: []string{"Brindle", "Ostrova"}}
)

func TestPeerSyntax(t *testing.T) {
	tests := []struct {
		name     string
		q        bench.Query
		fts, rg  string
		morgueQ  string
		sqlMatch string
	}{
		{"word", qWord, "harbour", "rg -l -i -w -- harbour /p", "harbour", "MATCH 'harbour'"},
		{"and", qAnd, "ferry schedule",
			`sh -c 'rg -l0 -i -w -- '\''ferry'\'' '\''/p'\'' | xargs -0 -r rg -l0 -i -w -- '\''schedule'\'' | tr '\''\0'\'' '\''\n'\'''`,
			"ferry schedule", "MATCH 'ferry schedule'"},
		{"phrase", qPhrase, `"tide tables"`, "rg -l -i -w -F -- 'tide tables' /p", `"tide tables"`, `MATCH '"tide tables"'`},
		{"or", qOr, "Brindle OR Ostrova", "rg -l -i -w -e Brindle -e Ostrova -- /p", "Brindle OR Ostrova", "MATCH 'Brindle OR Ostrova'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ftsMatch(tt.q); got != tt.fts {
				t.Errorf("ftsMatch = %s, want %s", got, tt.fts)
			}
			if got := rgCommand("/p", tt.q).String(); got != tt.rg {
				t.Errorf("rg command =\n%s\nwant\n%s", got, tt.rg)
			}
			if got := tt.q.String(); got != tt.morgueQ {
				t.Errorf("morgue query = %s, want %s", got, tt.morgueQ)
			}
			if got := sqliteSearchSQL(tt.q); !strings.Contains(got, tt.sqlMatch+" ORDER BY rank LIMIT 20;") {
				t.Errorf("sql = %s, want it to contain %s", got, tt.sqlMatch)
			}
		})
	}
	if got := sqlQuote("it's"); got != "'it''s'" {
		t.Errorf("sqlQuote = %s", got)
	}
}

func TestReps(t *testing.T) {
	tests := []struct {
		name                  string
		cfg                   config
		n                     int
		ingest, query, export int
	}{
		{"10k", config{}, 10000, 3, 5, 3},
		{"100k", config{}, 100000, 3, 5, 3},
		{"1m", config{}, 1000000, 1, 3, 1},
		{"quick", config{quick: true}, 10000, 1, 3, 1},
		{"flags win", config{ingestReps: 2, queryReps: 7, exportReps: 4}, 1000000, 2, 7, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, q, e := tt.cfg.reps(tt.n)
			if i != tt.ingest || q != tt.query || e != tt.export {
				t.Errorf("reps = %d, %d, %d; want %d, %d, %d", i, q, e, tt.ingest, tt.query, tt.export)
			}
		})
	}
}

func TestRotate(t *testing.T) {
	tools := []tool{&morgueTool{}, sqliteTool{}, rgTool{}}
	for k, want := range [][]string{{"morgue", "sqlite_fts5", "ripgrep"}, {"sqlite_fts5", "ripgrep", "morgue"}, {"ripgrep", "morgue", "sqlite_fts5"}, {"morgue", "sqlite_fts5", "ripgrep"}} {
		got := rotate(tools, k)
		for i := range want {
			if got[i].Key() != want[i] {
				t.Errorf("rotate(%d)[%d] = %s, want %s", k, i, got[i].Key(), want[i])
			}
		}
	}
}

func TestCells(t *testing.T) {
	ok := &stat{WallMS: []float64{1}}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"value", cell(ok, 12.345, "%.1f"), "12.3"},
		{"missing", cell(nil, 1, "%.1f"), "—"},
		{"error", cell(&stat{Error: "boom"}, 1, "%.1f"), "error"},
		{"not applicable", cell(&stat{Skipped: "not applicable"}, 1, "%.1f"), "n/a"},
		{"NaN", cell(ok, math.NaN(), "%.1f"), "—"},
		{"never measured", func() string {
			s, v := measureValue("ingest", func(*stat) float64 { return 0 })(&sizeResult{Tools: map[string]map[string]*stat{"morgue": {"ingest": {}}}}, "morgue")
			return cell(s, v, "%.1f")
		}(), "—"},
		{"ratio", ratioCell(3, 2), "1.50×"},
		{"big ratio", ratioCell(250, 2), "125×"},
		{"small ratio", ratioCell(1, 50), "0.020×"},
		{"no ratio against zero", ratioCell(1, 0), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
