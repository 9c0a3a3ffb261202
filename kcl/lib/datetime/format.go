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
