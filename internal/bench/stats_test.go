package bench_test

import (
	"math"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/bench"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want float64
	}{
		{"one", []float64{7}, 7},
		{"odd count, unsorted", []float64{9, 1, 5}, 5},
		{"even count takes the mean of the middle two", []float64{4, 1, 3, 2}, 2.5},
		{"repeats", []float64{2, 2, 9, 2, 9}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.xs...)
			if got := bench.Median(tt.xs); got != tt.want {
				t.Errorf("Median(%v) = %v, want %v", tt.xs, got, tt.want)
			}
			for i := range in {
				if in[i] != tt.xs[i] {
					t.Fatalf("Median sorted its argument: %v", tt.xs)
				}
			}
		})
	}
	if !math.IsNaN(bench.Median(nil)) {
		t.Error("Median(nil) is not NaN")
	}
	if got := bench.MedianDuration([]time.Duration{3 * time.Second, time.Second, 2 * time.Second}); got != 2*time.Second {
		t.Errorf("MedianDuration = %v, want 2s", got)
	}
}

func TestPercentile(t *testing.T) {
	hundred := make([]float64, 100)
	for i := range hundred {
		hundred[i] = float64(100 - i) // 100 … 1
	}
	tests := []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"p50 of 1..100", hundred, 50, 50},
		{"p99 of 1..100", hundred, 99, 99},
		{"p100 is the maximum", hundred, 100, 100},
		{"p1 is the minimum", hundred, 1, 1},
		{"nearest rank rounds up", []float64{10, 20, 30}, 50, 20},
		{"p99 of three values is the largest", []float64{10, 30, 20}, 99, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bench.Percentile(tt.xs, tt.p); got != tt.want {
				t.Errorf("Percentile(p%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
	for _, p := range []float64{0, -1, 101} {
		if !math.IsNaN(bench.Percentile(hundred, p)) {
			t.Errorf("Percentile(p%v) is not NaN", p)
		}
	}
}

func TestRatio(t *testing.T) {
	tests := []struct {
		name string
		a, b float64
		want float64
	}{
		{"plain", 3, 2, 1.5},
		{"morgue faster", 1, 4, 0.25},
		{"zero numerator", 0, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bench.Ratio(tt.a, tt.b); got != tt.want {
				t.Errorf("Ratio(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
	for _, c := range [][2]float64{{1, 0}, {math.NaN(), 1}, {1, math.NaN()}} {
		if !math.IsNaN(bench.Ratio(c[0], c[1])) {
			t.Errorf("Ratio(%v, %v) is not NaN", c[0], c[1])
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		label   string
		wantErr bool
	}{
		{"10k", 10000, "10k", false},
		{"100K", 100000, "100k", false},
		{"1m", 1000000, "1m", false},
		{" 2500 ", 2500, "2500", false},
		{"1500", 1500, "1500", false},
		{"0", 0, "", true},
		{"-3k", 0, "", true},
		{"ten", 0, "", true},
		{"", 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := bench.ParseSize(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseSize(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseSize(%q) = %d, want %d", tt.in, got, tt.want)
			}
			if !tt.wantErr && bench.SizeLabel(got) != tt.label {
				t.Errorf("SizeLabel(%d) = %q, want %q", got, bench.SizeLabel(got), tt.label)
			}
		})
	}
}
