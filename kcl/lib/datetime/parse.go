package datetime

// This file holds the parsing side of format.go: Validate reads a date
// string with a format as chrono's parse_from_str does for NaiveDateTime,
// NaiveDate and NaiveTime.

import (
	"strconv"
	"strings"
	"time"
)

// parsed holds the fields read from a date string; -1 when absent.
type parsed struct {
	year, century, yearMod, month, day, ordinal, weekday int
	hour, hour12, pm, minute, second                     int
	isoYear, isoWeek, weekSun, weekMon                   int
}

func newParsed() parsed {
	return parsed{-1 << 31, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 << 31, -1, -1, -1}
}

// Validate reports whether s parses with format into a real date and
// time, date, or time of day.
func Validate(s, format string) bool {
	its, err := items(format)
	if err != nil {
		return false
	}
	p := newParsed()
	if !parseItems(&p, s, its) {
		return false
	}
	return p.validDate() || p.validTime()
}

// parseItems reads s into p, failing on a mismatch or leftover input.
func parseItems(p *parsed, s string, its []item) bool {
	for _, it := range its {
		switch it.kind {
		case ' ':
			s = strings.TrimLeft(s, " \t\n\r\v\f")
		case 'l':
			if !strings.HasPrefix(s, it.lit) {
				return false
			}
			s = s[len(it.lit):]
		case 's':
			var ok bool
			if s, ok = parseSpec(p, s, it.spec); !ok {
				return false
			}
		}
	}
	return s == ""
}

// number reads between 1 and max digits.
func number(s string, max int) (int, string, bool) {
	n := 0
	for n < len(s) && n < max && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 {
		return 0, s, false
	}
	v, err := strconv.Atoi(s[:n])
	if err != nil {
		return 0, s, false
	}
	return v, s[n:], true
}

// name reads one of names (case-insensitive), longest first when long
// names are allowed; it returns the index.
func name(s string, short, long []string) (int, string, bool) {
	if long != nil {
		for i, n := range long {
			if len(s) >= len(n) && strings.EqualFold(s[:len(n)], n) {
				return i, s[len(n):], true
			}
		}
	}
	for i, n := range short {
		if len(s) >= len(n) && strings.EqualFold(s[:len(n)], n) {
			return i, s[len(n):], true
		}
	}
	return 0, s, false
}

// set records a field, failing when it contradicts an earlier value or
// is out of range.
func set(f *int, v, lo, hi int) bool {
	if v < lo || v > hi {
		return false
	}
	if *f != -1 && *f != -1<<31 && *f != v {
		return false
	}
	*f = v
	return true
}

func parseSpec(p *parsed, s, spec string) (string, bool) {
	var v int
	var ok bool
	numeric := func(max int) bool {
		s = strings.TrimLeft(s, " \t\n\r\v\f")
		v, s, ok = number(s, max)
		return ok
	}
	switch spec {
	case "Y", "G":
		s = strings.TrimLeft(s, " \t\n\r\v\f")
		neg := false
		width := 4
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
			neg, s, width = s[0] == '-', s[1:], 18
		}
		if v, s, ok = number(s, width); !ok {
			return s, false
		}
		if neg {
			v = -v
		}
		if spec == "Y" {
			return s, set(&p.year, v, -1<<30, 1<<30)
		}
		return s, set(&p.isoYear, v, -1<<30, 1<<30)
	case "C":
		return s, numeric(2) && set(&p.century, v, 0, 99)
	case "y", "g":
		return s, numeric(2) && set(&p.yearMod, v, 0, 99)
	case "m":
		return s, numeric(2) && set(&p.month, v, 1, 12)
	case "b", "h", "B":
		var long []string
		if spec == "B" {
			long = longMonths
		}
		if v, s, ok = name(s, shortMonths, long); !ok {
			return s, false
		}
		return s, set(&p.month, v+1, 1, 12)
	case "d", "e":
		return s, numeric(2) && set(&p.day, v, 1, 31)
	case "j":
		return s, numeric(3) && set(&p.ordinal, v, 1, 366)
	case "a", "A":
		var long []string
		if spec == "A" {
			long = longDays
		}
		if v, s, ok = name(s, shortDays, long); !ok {
			return s, false
		}
		return s, set(&p.weekday, v, 0, 6)
	case "w":
		return s, numeric(1) && set(&p.weekday, v, 0, 6)
	case "u":
		return s, numeric(1) && v >= 1 && v <= 7 && set(&p.weekday, v%7, 0, 6)
	case "U":
		return s, numeric(2) && set(&p.weekSun, v, 0, 53)
	case "W":
		return s, numeric(2) && set(&p.weekMon, v, 0, 53)
	case "V":
		return s, numeric(2) && set(&p.isoWeek, v, 1, 53)
	case "H", "k":
		return s, numeric(2) && set(&p.hour, v, 0, 23)
	case "I", "l":
		return s, numeric(2) && set(&p.hour12, v, 1, 12)
	case "p", "P":
		if v, s, ok = name(s, []string{"am", "pm"}, nil); !ok {
			return s, false
		}
		return s, set(&p.pm, v, 0, 1)
	case "M":
		return s, numeric(2) && set(&p.minute, v, 0, 59)
	case "S":
		return s, numeric(2) && set(&p.second, v, 0, 60)
	case "f", "3f", "6f", "9f":
		width := 9
		if spec != "f" {
			width = int(spec[0] - '0')
		}
		_, s, ok = number(s, width)
		return s, ok
	case ".f", ".3f", ".6f", ".9f":
		if !strings.HasPrefix(s, ".") {
			return s, spec == ".f"
		}
		_, s, ok = number(s[1:], 9)
		return s, ok
	case "z", ":z", "::z", ":::z", "#z", "Z":
		return parseOffset(s)
	case "s":
		return s, numeric(19)
	case "+":
		its, _ := items("%Y-%m-%dT%H:%M:%S%.f%:z")
		for _, it := range its {
			if it.kind == 'l' {
				if !strings.HasPrefix(s, it.lit) {
					return s, false
				}
				s = s[len(it.lit):]
				continue
			}
			if s, ok = parseSpec(p, s, it.spec); !ok {
				return s, false
			}
		}
		return s, true
	}
	return s, false
}

// parseOffset reads a UTC offset: Z, or a sign, two hour digits and
// optionally (a colon and) two minute digits.
func parseOffset(s string) (string, bool) {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, "Z") || strings.HasPrefix(s, "z") {
		return s[1:], true
	}
	if s == "" || (s[0] != '+' && s[0] != '-') {
		return s, false
	}
	s = s[1:]
	if len(s) < 2 || !isDigits(s[:2]) {
		return s, false
	}
	s = s[2:]
	if strings.HasPrefix(s, ":") {
		s = s[1:]
	}
	if len(s) >= 2 && isDigits(s[:2]) {
		s = s[2:]
	}
	return s, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fullYear returns the year from %Y, or %C and %y, or %y alone (69 and
// below in the 2000s, 70 and above in the 1900s).
func (p *parsed) fullYear() (int, bool) {
	switch {
	case p.year != -1<<31:
		if p.yearMod != -1 && ((p.year%100+100)%100 != p.yearMod) {
			return 0, false
		}
		return p.year, true
	case p.century != -1 && p.yearMod != -1:
		return p.century*100 + p.yearMod, true
	case p.yearMod != -1:
		if p.yearMod < 70 {
			return 2000 + p.yearMod, true
		}
		return 1900 + p.yearMod, true
	}
	return 0, false
}

// validDate reports whether p names a real date that agrees with its
// weekday.
func (p *parsed) validDate() bool {
	y, ok := p.fullYear()
	if !ok {
		return false
	}
	var t time.Time
	switch {
	case p.month != -1 && p.day != -1:
		t = time.Date(y, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC)
		if t.Day() != p.day {
			return false
		}
		if p.ordinal != -1 && t.YearDay() != p.ordinal {
			return false
		}
	case p.ordinal != -1:
		t = time.Date(y, 1, p.ordinal, 0, 0, 0, 0, time.UTC)
		if t.Year() != y {
			return false
		}
	default:
		return false
	}
	return p.weekday == -1 || int(t.Weekday()) == p.weekday
}

// validTime reports whether p names a time of day (an hour and a
// minute at least).
func (p *parsed) validTime() bool {
	switch {
	case p.hour != -1:
		if p.hour12 != -1 && p.hour12%12 != p.hour%12 {
			return false
		}
		if p.pm != -1 && (p.hour >= 12) != (p.pm == 1) {
			return false
		}
	case p.hour12 != -1 && p.pm != -1:
	default:
		return false
	}
	return p.minute != -1
}
