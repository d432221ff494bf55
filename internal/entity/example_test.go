package entity_test

import (
	"fmt"
	"time"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/entity/ner"
	"github.com/morgue-archive/morgue/internal/news"
)

func ExampleKey() {
	for _, name := range []string{"Andrei Khlychev", "Andrei Klychev", "Victor Bout’s", "Виктор Бут", "Mohammed", "Muhammad", "Alexander"} {
		fmt.Printf("%s → %s\n", name, entity.Key(name))
	}
	// Output:
	// Andrei Khlychev → andrei klichev
	// Andrei Klychev → andrei klichev
	// Victor Bout’s → viktor but
	// Виктор Бут → viktor but
	// Mohammed → muhamad
	// Muhammad → muhamad
	// Alexander → aleksandr
}

func ExampleSameEntity() {
	fmt.Println(entity.SameEntity("Andrei Klychev", "Andrei Khlychev"))
	fmt.Println(entity.SameEntity("Ivanov", "Ivanova"))
	fmt.Println(entity.SameEntity("John Smith", "Jane Smith"))
	// Output:
	// true
	// false
	// false
}

// Resolve works on spans from any tagger; here they are written by hand.
func ExampleResolve() {
	article := "Viktor Bout was held in Thailand. Bout’s lawyers appealed."
	comment := "Viktor has no value beyond trading."
	th := entity.Thread{Docs: []entity.Doc{
		{Text: article, Spans: []ner.Span{{Start: 0, End: 11, Type: "PER"}, {Start: 24, End: 32, Type: "LOC"}, {Start: 34, End: 43, Type: "PER"}}},
		{Text: comment, Spans: []ner.Span{{Start: 0, End: 6, Type: "PER"}}},
	}}
	for i, ents := range entity.Resolve(th) {
		for _, e := range ents {
			fmt.Printf("doc %d: %s %q:", i, e.Type, e.Name)
			for _, m := range e.Mentions {
				fmt.Printf(" %q@%d", m.Text, m.Start)
			}
			fmt.Println()
		}
	}
	// Output:
	// doc 0: person "Viktor Bout": "Viktor Bout"@0 "Bout"@34
	// doc 0: place "Thailand": "Thailand"@24
	// doc 1: person "Viktor Bout": "Viktor"@0
}

func ExampleRegistry_Variants() {
	r := entity.NewRegistry()
	r.AddN("Andrei Klychev", news.Person, 3)
	r.Add("Andrei Khlychev", news.Person)
	r.Add("Viktor Bout", news.Person)
	fmt.Println(r.Variants("Klychev", news.Person, false))
	fmt.Println(r.Variants("Khlychev", news.Person, true))
	fmt.Println(r.Variants("Klychev", news.Org, false))
	// Output:
	// [Andrei Klychev Andrei Khlychev]
	// [Andrei Khlychev]
	// []
}

func ExampleDates() {
	published := time.Date(2011, 8, 19, 0, 0, 0, 0, time.UTC)
	text := "Last week he was sentenced. On Wednesday Interfax reported talks; the trial is set for October 11, 2011."
	for _, d := range entity.Dates(text, published) {
		fmt.Printf("%q %s %s\n", d.Text, d.Time.Format("2006-01-02"), d.Precision)
	}
	// Output:
	// "Last week" 2011-08-08 week
	// "Wednesday" 2011-08-17 day
	// "October 11, 2011" 2011-10-11 day
}

// Annotate tags an article and its comments with the built-in model and
// resolves names across the thread. (Its output depends on the trained
// model, so this example is compiled but not run.)
func ExampleAnnotate() {
	a := &news.Article{
		Title: "Russia may swap spy for Viktor Bout",
		Body:  "Moscow may trade Andrei Klychev for Viktor Bout. Bout is held in the US.",
		Comments: []news.Comment{
			{Number: 1, Body: "Viktor has no strategic value."},
		},
	}
	if err := entity.Annotate(a); err != nil {
		fmt.Println(err)
		return
	}
	text, _ := entity.ArticleText(a)
	for _, e := range a.Entities {
		fmt.Println(e.Type, e.Name, len(e.Mentions), text[e.Mentions[0].Start:e.Mentions[0].End])
	}
	for _, e := range a.Comments[0].Entities {
		fmt.Println("comment:", e.Type, e.Name)
	}
}
