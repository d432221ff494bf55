// Package dateparser stands in for github.com/markusmobius/go-dateparser
// inside morgue (go.mod replaces that module with this directory).
//
// Why: morgue reaches go-dateparser only through go-trafilatura →
// go-htmldate, which calls it for its optional "extensive" date search,
// which morgue does not use. Yet linking go-dateparser compiles about 4,000
// regular expressions when the program starts: 137 ms and 95 MB of
// allocations measured on this machine (GODEBUG=inittrace=1) for every
// morgue command, including a search that should take a few milliseconds.
// This stand-in offers the small part of the API that go-htmldate uses and
// parses absolute dates with github.com/araddon/dateparse, whose start-up
// cost is negligible.
package dateparser

import (
	"errors"
	"time"

	"github.com/araddon/dateparse"
)

// ParserType names a parsing strategy (accepted and ignored: only absolute
// dates are parsed).
type ParserType int

// Parsing strategies.
const (
	Timestamp ParserType = iota
	NegativeTimestamp
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource says which side of today to prefer for ambiguous
// dates (accepted and ignored).
type PreferredDateSource int

// Preferred date sources.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// DateOrder is the order of day, month and year (accepted; MDY is assumed
// by the underlying parser for ambiguous numeric dates).
type DateOrder int

// PreferredDayOfMonth picks a day when a date lacks one (accepted and
// ignored).
type PreferredDayOfMonth int

// Configuration mirrors the fields callers set.
type Configuration struct {
	DateOrder           DateOrder
	CurrentTime         time.Time
	PreferredDayOfMonth PreferredDayOfMonth
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
	Languages           []string
	Locales             []string
	DefaultTimezone     *time.Location
}

// Parser parses date strings.
type Parser struct {
	ParserTypes []ParserType
}

// Date is a parsed date.
type Date struct {
	Time time.Time
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Time.IsZero() }

var errNoDate = errors.New("no date found")

// Parse reads an absolute date from s.
func (p *Parser) Parse(cfg *Configuration, s string, formats ...string) (Date, error) {
	for _, f := range formats {
		if t, err := time.Parse(f, s); err == nil {
			return Date{Time: t}, nil
		}
	}
	loc := time.UTC
	if cfg != nil && cfg.DefaultTimezone != nil {
		loc = cfg.DefaultTimezone
	}
	t, err := dateparse.ParseIn(s, loc)
	if err != nil {
		return Date{}, errNoDate
	}
	return Date{Time: t}, nil
}

// Parse reads an absolute date from s with the default parser.
func Parse(cfg *Configuration, s string, formats ...string) (Date, error) {
	return (&Parser{}).Parse(cfg, s, formats...)
}
