package dateparser_test

import (
	"testing"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     time.Time
		ok       bool
	}{
		{"long English", "October 11, 2011", time.Date(2011, 10, 11, 0, 0, 0, 0, time.UTC), true},
		{"ISO", "2011-09-14", time.Date(2011, 9, 14, 0, 0, 0, 0, time.UTC), true},
		{"RFC 3339", "2011-09-14T08:30:00Z", time.Date(2011, 9, 14, 8, 30, 0, 0, time.UTC), true},
		{"not a date", "merchant of death", time.Time{}, false},
	}
	p := &dateparser.Parser{ParserTypes: []dateparser.ParserType{dateparser.CustomFormat, dateparser.AbsoluteTime}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := p.Parse(&dateparser.Configuration{PreferredDateSource: dateparser.Past}, tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("Parse(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			}
			if !d.Time.Equal(tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.in, d.Time, tt.want)
			}
		})
	}
}
