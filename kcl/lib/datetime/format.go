package datetime

// This file holds strftime-style formatting and parsing as Rust's
// chrono crate does it (chrono::format::strftime), which upstream KCL
// uses:
//
//	%Y %C %y   year, century, year of the century
//	%m %b %h %B  month number, abbreviated name (twice), full name
//	%d %e %j   day of the month (zero- and space-padded), day of the year
//	%a %A %w %u  weekday: abbreviated and full name, Sunday = 0, Monday = 1
//	%U %W %G %g %V  week numbers (Sunday- and Monday-based, ISO 8601)
//	%H %k %I %l %p %P  hour (24 and 12 hour, zero/space padded), AM/PM, am/pm
//	%M %S      minute, second
//	%f %.f %.3f %.6f %.9f %3f %6f %9f  fractions of a second
//	%z %:z %Z  UTC offset (+0930, +09:30), time zone (as +09:30)
//	%D %x %F %v %R %T %X %r %c %+  shorthands; %s Unix time
//	%t %n %%   tab, newline, percent
//
// with the padding modifiers %-x (none), %_x (spaces) and %0x (zeros).
// Parsing skips any whitespace where the format has some and before
// numbers, reads numbers of up to the field's width, matches names
// without regard to case, and fails on input left over.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

var (
	shortDays   = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	longDays    = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	shortMonths = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	longMonths  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// shorthands are the specifiers that stand for a format.
var shorthands = map[string]string{
	"D": "%m/%d/%y", "x": "%m/%d/%y", "F": "%Y-%m-%d", "v": "%e-%b-%Y",
	"R": "%H:%M", "T": "%H:%M:%S", "X": "%H:%M:%S", "r": "%I:%M:%S %p",
	"c": "%a %b %e %H:%M:%S %Y",
}

// An item is one piece of a format: literal text, whitespace, or a
// specifier with its padding modifier.
type item struct {
	lit  string // literal text (kind 'l') or whitespace (kind ' ')
	kind byte   // 'l', ' ', or 's' for a specifier
	spec string // specifier, e.g. "Y", ".f", ":z", "3f"
	pad  byte   // 0 (default), '-', '_' or '0'
}

var errFormat = errors.New("invalid format string")

// items splits a format into items, expanding shorthands.
func items(format string) ([]item, error) {
	var out []item
	for i := 0; i < len(format); {
		c := format[i]
		switch {
		case c == '%':
			i++
			var pad byte
			if i < len(format) && (format[i] == '-' || format[i] == '_' || format[i] == '0') {
				pad = format[i]
				i++
			}
			if i >= len(format) {
				return nil, errFormat
			}
			spec := ""
			switch {
			case format[i] == '.' && i+1 < len(format) && format[i+1] == 'f':
				spec, i = ".f", i+2
			case format[i] == '.' && i+2 < len(format) && strings.ContainsRune("369", rune(format[i+1])) && format[i+2] == 'f':
				spec, i = format[i:i+3], i+3
			case strings.ContainsRune("369", rune(format[i])) && i+1 < len(format) && format[i+1] == 'f':
				spec, i = format[i:i+2], i+2
			case format[i] == ':':
				j := i
				for j < len(format) && format[j] == ':' {
					j++
				}
				if j >= len(format) || format[j] != 'z' || j-i > 3 {
					return nil, errFormat
				}
				spec, i = format[i:j+1], j+1
			case format[i] == '#' && i+1 < len(format) && format[i+1] == 'z':
				spec, i = "#z", i+2
			default:
				spec, i = format[i:i+1], i+1
			}
			if sh, ok := shorthands[spec]; ok {
				sub, err := items(sh)
				if err != nil {
					return nil, err
				}
				out = append(out, sub...)
				continue
			}
			switch spec {
			case "t":
				out = append(out, item{kind: ' ', lit: "\t"})
			case "n":
				out = append(out, item{kind: ' ', lit: "\n"})
			case "%":
				out = append(out, item{kind: 'l', lit: "%"})
			default:
				if !knownSpec(spec) {
					return nil, errFormat
				}
				out = append(out, item{kind: 's', spec: spec, pad: pad})
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			j := i
			for j < len(format) && strings.IndexByte(" \t\n\r\v\f", format[j]) >= 0 {
				j++
			}
			out = append(out, item{kind: ' ', lit: format[i:j]})
			i = j
		default:
			j := i
			for j < len(format) && format[j] != '%' && strings.IndexByte(" \t\n\r\v\f", format[j]) < 0 {
				j++
			}
			out = append(out, item{kind: 'l', lit: format[i:j]})
			i = j
		}
	}
	return out, nil
}

func knownSpec(s string) bool {
	switch s {
	case "Y", "C", "y", "m", "b", "h", "B", "d", "e", "a", "A", "w", "u", "U", "W", "G", "g", "V", "j",
		"H", "k", "I", "l", "P", "p", "M", "S", "f", ".f", ".3f", ".6f", ".9f", "3f", "6f", "9f",
		"z", ":z", "::z", ":::z", "#z", "Z", "+", "s":
		return true
	}
	return false
}

// Format writes t in format.
func Format(t time.Time, format string) (string, error) {
	its, err := items(format)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, it := range its {
		if it.kind != 's' {
			b.WriteString(it.lit)
			continue
		}
		if err := formatSpec(&b, t, it); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// num writes n padded to width by pad (default def: '0' or ' ').
func num(b *strings.Builder, n int64, width int, def, pad byte) {
	if pad == 0 {
		pad = def
	}
	s := strconv.FormatInt(abs64(n), 10)
	if n < 0 {
		b.WriteByte('-')
	}
	if pad != '-' {
		for k := len(s); k < width; k++ {
			if pad == '_' || pad == ' ' {
				b.WriteByte(' ')
			} else {
				b.WriteByte('0')
			}
		}
	}
	b.WriteString(s)
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func formatSpec(b *strings.Builder, t time.Time, it item) error {
	pad := it.pad
	switch it.spec {
	case "Y":
		y := int64(t.Year())
		if y > 9999 {
			b.WriteByte('+')
		}
		num(b, y, 4, '0', pad)
	case "C":
		num(b, int64(t.Year())/100, 2, '0', pad)
	case "y":
		num(b, int64(t.Year())%100, 2, '0', pad)
	case "m":
		num(b, int64(t.Month()), 2, '0', pad)
	case "b", "h":
		b.WriteString(shortMonths[t.Month()-1])
	case "B":
		b.WriteString(longMonths[t.Month()-1])
	case "d":
		num(b, int64(t.Day()), 2, '0', pad)
	case "e":
		num(b, int64(t.Day()), 2, ' ', pad)
	case "a":
		b.WriteString(shortDays[t.Weekday()])
	case "A":
		b.WriteString(longDays[t.Weekday()])
	case "w":
		num(b, int64(t.Weekday()), 1, '0', pad)
	case "u":
		wd := int64(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		num(b, wd, 1, '0', pad)
	case "U":
		num(b, int64((t.YearDay()+6-int(t.Weekday()))/7), 2, '0', pad)
	case "W":
		num(b, int64((t.YearDay()+6-(int(t.Weekday())+6)%7)/7), 2, '0', pad)
	case "G":
		y, _ := t.ISOWeek()
		num(b, int64(y), 4, '0', pad)
	case "g":
		y, _ := t.ISOWeek()
		num(b, int64(y)%100, 2, '0', pad)
	case "V":
		_, w := t.ISOWeek()
		num(b, int64(w), 2, '0', pad)
	case "j":
		num(b, int64(t.YearDay()), 3, '0', pad)
	case "H":
		num(b, int64(t.Hour()), 2, '0', pad)
	case "k":
		num(b, int64(t.Hour()), 2, ' ', pad)
	case "I", "l":
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		def := byte('0')
		if it.spec == "l" {
			def = ' '
		}
		num(b, int64(h), 2, def, pad)
	case "p", "P":
		s := "AM"
		if t.Hour() >= 12 {
			s = "PM"
		}
		if it.spec == "P" {
			s = strings.ToLower(s)
		}
		b.WriteString(s)
	case "M":
		num(b, int64(t.Minute()), 2, '0', pad)
	case "S":
		num(b, int64(t.Second()), 2, '0', pad)
	case "f", "9f":
		fmt.Fprintf(b, "%09d", t.Nanosecond())
	case "3f":
		fmt.Fprintf(b, "%03d", t.Nanosecond()/1e6)
	case "6f":
		fmt.Fprintf(b, "%06d", t.Nanosecond()/1e3)
	case ".3f":
		fmt.Fprintf(b, ".%03d", t.Nanosecond()/1e6)
	case ".6f":
		fmt.Fprintf(b, ".%06d", t.Nanosecond()/1e3)
	case ".9f":
		fmt.Fprintf(b, ".%09d", t.Nanosecond())
	case ".f":
		ns := t.Nanosecond()
		switch {
		case ns == 0:
		case ns%1e6 == 0:
			fmt.Fprintf(b, ".%03d", ns/1e6)
		case ns%1e3 == 0:
			fmt.Fprintf(b, ".%06d", ns/1e3)
		default:
			fmt.Fprintf(b, ".%09d", ns)
		}
	case "z", ":z", "::z", ":::z", "Z":
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		h, m, s := off/3600, off/60%60, off%60
		switch it.spec {
		case "z":
			fmt.Fprintf(b, "%c%02d%02d", sign, h, m)
		case ":z", "Z":
			fmt.Fprintf(b, "%c%02d:%02d", sign, h, m)
		case "::z":
			fmt.Fprintf(b, "%c%02d:%02d:%02d", sign, h, m, s)
		case ":::z":
			fmt.Fprintf(b, "%c%02d", sign, h)
		}
	case "+":
		s, _ := Format(t, "%Y-%m-%dT%H:%M:%S%.f%:z")
		b.WriteString(s)
	case "s":
		b.WriteString(strconv.FormatInt(t.Unix(), 10))
	default:
		return errFormat
	}
	return nil
}

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
