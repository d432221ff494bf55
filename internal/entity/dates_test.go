package entity_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/entity"
)

// ref is a Friday.
var ref = time.Date(2011, 8, 19, 14, 30, 0, 0, time.UTC)

// brief renders mentions as "text=2006-01-02/precision[/rel]".
func brief(ms []entity.DateMention) []string {
	var out []string
	for _, m := range ms {
		s := fmt.Sprintf("%s=%s/%s", m.Text, m.Time.Format("2006-01-02"), m.Precision)
		if m.Relative {
			s += "/rel"
		}
		out = append(out, s)
	}
	return out
}

func TestDates(t *testing.T) {
	tests := []struct {
		name string
		text string
		ref  time.Time
		want []string
	}{
		// Absolute dates.
		{"month day year", "setting October 11, 2011, as the new date", time.Time{}, []string{"October 11, 2011=2011-10-11/day"}},
		{"abbreviated month", "on Oct. 11, 2011 he", time.Time{}, []string{"Oct. 11, 2011=2011-10-11/day"}},
		{"no comma", "Oct 11 2011", time.Time{}, []string{"Oct 11 2011=2011-10-11/day"}},
		{"ordinal", "October 11th, 2011", time.Time{}, []string{"October 11th, 2011=2011-10-11/day"}},
		{"day first", "on 11 October 2011.", time.Time{}, []string{"11 October 2011=2011-10-11/day"}},
		{"day of month", "the 11th of October, 2011", time.Time{}, []string{"11th of October, 2011=2011-10-11/day"}},
		{"day first abbreviated", "11 Oct 2011", time.Time{}, []string{"11 Oct 2011=2011-10-11/day"}},
		{"iso", "updated 2011-10-11T09:00:00Z", time.Time{}, []string{"2011-10-11=2011-10-11/day"}},
		{"slashes year first", "2011/10/11", time.Time{}, []string{"2011/10/11=2011-10-11/day"}},
		{"dots day first", "11.10.2011", time.Time{}, []string{"11.10.2011=2011-10-11/day"}},
		{"us order unambiguous", "10/25/2011", time.Time{}, []string{"10/25/2011=2011-10-25/day"}},
		{"eu order unambiguous", "25/10/2011", time.Time{}, []string{"25/10/2011=2011-10-25/day"}},
		{"ambiguous order skipped", "10/11/2011", time.Time{}, nil},
		{"weekday joins date", "Wednesday, October 12, 2011 at noon", time.Time{}, []string{"Wednesday, October 12, 2011=2011-10-12/day"}},
		{"lower-case month with year", "posted october 11, 2011", time.Time{}, []string{"october 11, 2011=2011-10-11/day"}},
		{"month year", "March 2008", time.Time{}, []string{"March 2008=2008-03-01/month"}},
		{"month of year", "In March of 2008, Bout was arrested", time.Time{}, []string{"March of 2008=2008-03-01/month"}},
		{"month comma year", "March, 2008", time.Time{}, []string{"March, 2008=2008-03-01/month"}},
		{"year after preposition", "born in 1967 in Dushanbe", time.Time{}, []string{"1967=1967-01-01/year"}},
		{"several", "From 2005 until March 2008 and on 2011-10-11.", time.Time{}, []string{"2005=2005-01-01/year", "March 2008=2008-03-01/month", "2011-10-11=2011-10-11/day"}},
		// Not dates.
		{"modal may", "Russia may swap a spy. May I ask?", ref, nil},
		{"verb march", "They march on Moscow.", ref, nil},
		{"invalid day", "February 30, 2011", time.Time{}, nil},
		{"bare year", "the 2005 motion picture", time.Time{}, nil},
		{"compound", "an 18-year sentence", ref, nil},
		{"season range", "in 2011-12 season", time.Time{}, nil},
		{"version", "version 1.2.3.2011", time.Time{}, nil},
		{"clock", "at 10:30 am", ref, nil},
		{"lower-case weekday", "a wednesday thing", ref, nil},
		{"month without year needs capital", "in october 11 days", ref, nil},
		// Relative dates.
		{"weekday", "reported on Wednesday that", ref, []string{"Wednesday=2011-08-17/day/rel"}},
		{"weekday is today", "on Friday", ref, []string{"Friday=2011-08-19/day/rel"}},
		{"last weekday", "last Friday", ref, []string{"last Friday=2011-08-12/day/rel"}},
		{"next weekday", "next Wednesday", ref, []string{"next Wednesday=2011-08-24/day/rel"}},
		{"last week", "Last week, he was sentenced", ref, []string{"Last week=2011-08-08/week/rel"}},
		{"this week", "this week", ref, []string{"this week=2011-08-15/week/rel"}},
		{"yesterday", "Yesterday the court", ref, []string{"Yesterday=2011-08-18/day/rel"}},
		{"today", "today", ref, []string{"today=2011-08-19/day/rel"}},
		{"tomorrow", "tomorrow", ref, []string{"tomorrow=2011-08-20/day/rel"}},
		{"last night", "last night", ref, []string{"last night=2011-08-18/day/rel"}},
		{"day before yesterday", "the day before yesterday", ref, []string{"the day before yesterday=2011-08-17/day/rel"}},
		{"last month", "last month", ref, []string{"last month=2011-07-01/month/rel"}},
		{"next month", "next month", ref, []string{"next month=2011-09-01/month/rel"}},
		{"last year", "arrested last year on", ref, []string{"last year=2010-01-01/year/rel"}},
		{"days ago", "3 days ago", ref, []string{"3 days ago=2011-08-16/day/rel"}},
		{"word days ago", "three days ago", ref, []string{"three days ago=2011-08-16/day/rel"}},
		{"a week ago", "a week ago", ref, []string{"a week ago=2011-08-08/week/rel"}},
		{"months ago", "two months ago", ref, []string{"two months ago=2011-06-01/month/rel"}},
		{"years ago", "ten years ago", ref, []string{"ten years ago=2001-01-01/year/rel"}},
		{"last march", "since last March", ref, []string{"last March=2011-03-01/month/rel"}},
		{"next march", "next March", ref, []string{"next March=2012-03-01/month/rel"}},
		{"month day without year", "on October 11 the trial", ref, []string{"October 11=2011-10-11/day/rel"}},
		{"day month without year", "on 11 October, the trial", ref, []string{"11 October=2011-10-11/day/rel"}},
		{"nearest year backwards", "on December 28 he", time.Date(2012, 1, 3, 0, 0, 0, 0, time.UTC), []string{"December 28=2011-12-28/day/rel"}},
		{"ref location decides the day", "yesterday", time.Date(2011, 8, 19, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), []string{"yesterday=2011-08-18/day/rel"}},
		{"no ref, no relative", "Last week, on Wednesday, yesterday, on October 11", time.Time{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entity.Dates(tt.text, tt.ref)
			for _, m := range got {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("mention %+v: text at offsets is %q", m, tt.text[m.Start:m.End])
				}
			}
			if b := brief(got); !reflect.DeepEqual(b, tt.want) {
				t.Errorf("Dates(%q) =\n %q\nwant\n %q", tt.text, b, tt.want)
			}
		})
	}
}

func TestPublishedGuess(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // 2006-01-02, or "" for none
	}{
		{"byline", "Spy swap talk\n\nPosted on August 20, 2011 by N. Kermode\n\nThe trial is set for October 11, 2011.", "2011-08-20"},
		{"first date near the top", "Spy swap talk\n20 Aug 2011\n\nBody text.", "2011-08-20"},
		{"byline wins over an earlier date", "Talk of 1 May 2011 events\nUpdated: 2011-08-21\nBody.", "2011-08-21"},
		{"event date far down is not used", "Spy swap talk\n\n" + filler(700) + " the trial is set for October 11, 2011.", ""},
		{"month only is not a day", "Posted in March 2008\n", ""},
		{"relative is not used", "Posted yesterday\n", ""},
		{"future is skipped", "Posted on January 1, 2199\n", ""},
		{"nothing", "No dates here at all.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entity.PublishedGuess(tt.text)
			s := ""
			if !got.IsZero() {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("PublishedGuess = %q, want %q", s, tt.want)
			}
		})
	}
}

func filler(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "lorem ipsum "[i%12]
	}
	return string(b)
}
