package eval

// This file holds the methods of str values
// (reference/kcl-docs/lang/spec/datatypes.md, "String"; upstream's
// kclvm/runtime/src/value/val_str.rs). Index arguments (start, end) and
// results of find/index count bytes, as upstream.

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

var (
	strMethodsOnce sync.Once
	strMethods     map[string]*Builtin
)

// StrMethod returns the method name of str recv, bound to it.
func StrMethod(recv Str, name string) (*Builtin, bool) {
	strMethodsOnce.Do(func() {
		fns := map[string]BuiltinFunc{
			"capitalize":   strCapitalize,
			"chars":        strChars,
			"count":        strCount,
			"endswith":     strEndswith,
			"find":         strFind,
			"format":       strFormat,
			"index":        strIndexMethod,
			"isalnum":      strPredicate("isalnum", isAlnum),
			"isalpha":      strPredicate("isalpha", isAlpha),
			"isdigit":      strPredicate("isdigit", isDigit),
			"isnumeric":    strPredicate("isnumeric", unicode.IsNumber),
			"isspace":      strPredicate("isspace", isSpace),
			"islower":      strIsCase("islower", isLower, isUpper),
			"isupper":      strIsCase("isupper", isUpper, isLower),
			"istitle":      strIstitle,
			"join":         strJoin,
			"lower":        strLower,
			"upper":        strUpper,
			"lstrip":       strStrip("lstrip", true, false),
			"rstrip":       strStrip("rstrip", false, true),
			"strip":        strStrip("strip", true, true),
			"replace":      strReplace,
			"removeprefix": strRemovePrefix,
			"removesuffix": strRemoveSuffix,
			"rfind":        strRfind,
			"rindex":       strRindex,
			"split":        strSplit,
			"rsplit":       strRsplit,
			"splitlines":   strSplitlines,
			"startswith":   strStartswith,
			"title":        strTitle,
		}
		strMethods = make(map[string]*Builtin, len(fns))
		for n, f := range fns {
			strMethods[n] = NewBuiltin(n, f)
		}
	})
	m, ok := strMethods[name]
	if !ok {
		return nil, false
	}
	return m.BindTo(recv), true
}

func recvStr(recv Value) string {
	s, _ := recv.(Str)
	return string(s)
}

func noArgs(fname string, args *Args) error {
	if args != nil && (len(args.Pos) > 0 || len(args.Kw) > 0) {
		return errorf(ErrType, "%s() takes no arguments (%d given)", fname, len(args.Pos)+len(args.Kw))
	}
	return nil
}

// Unicode classes as Rust's char methods define them.
func isAlpha(r rune) bool {
	return unicode.IsLetter(r) || unicode.In(r, unicode.Nl, unicode.Other_Alphabetic)
}
func isAlnum(r rune) bool { return isAlpha(r) || unicode.IsNumber(r) }
func isLower(r rune) bool { return unicode.IsLower(r) || unicode.Is(unicode.Other_Lowercase, r) }
func isUpper(r rune) bool { return unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r) }
func isSpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }
func isDigit(r rune) bool {
	switch r {
	case 0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079:
		return true
	}
	return r >= '0' && r <= '9'
}

func strPredicate(fname string, f func(rune) bool) BuiltinFunc {
	return func(_ *Thread, recv Value, args *Args) (Value, error) {
		if err := noArgs(fname, args); err != nil {
			return nil, err
		}
		s := recvStr(recv)
		if s == "" {
			return False, nil
		}
		for _, r := range s {
			if !f(r) {
				return False, nil
			}
		}
		return True, nil
	}
}

func strIsCase(fname string, is, opposite func(rune) bool) BuiltinFunc {
	return func(_ *Thread, recv Value, args *Args) (Value, error) {
		if err := noArgs(fname, args); err != nil {
			return nil, err
		}
		cased := false
		for _, r := range recvStr(recv) {
			if opposite(r) {
				return False, nil
			}
			if is(r) {
				cased = true
			}
		}
		return Bool(cased), nil
	}
}

func strIstitle(_ *Thread, recv Value, args *Args) (Value, error) {
	if err := noArgs("istitle", args); err != nil {
		return nil, err
	}
	cased, prevCased := false, false
	for _, r := range recvStr(recv) {
		switch {
		case isUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return False, nil
			}
			prevCased, cased = true, true
		case isLower(r):
			if !prevCased {
				return False, nil
			}
			prevCased, cased = true, true
		default:
			prevCased = false
		}
	}
	return Bool(cased), nil
}

func strLower(_ *Thread, recv Value, args *Args) (Value, error) {
	if err := noArgs("lower", args); err != nil {
		return nil, err
	}
	return Str(strings.ToLower(recvStr(recv))), nil
}

func strUpper(_ *Thread, recv Value, args *Args) (Value, error) {
	if err := noArgs("upper", args); err != nil {
		return nil, err
	}
	return Str(strings.ToUpper(recvStr(recv))), nil
}

func strCapitalize(_ *Thread, recv Value, args *Args) (Value, error) {
	if err := noArgs("capitalize", args); err != nil {
		return nil, err
	}
	s := recvStr(recv)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return Str(""), nil
	}
	return Str(strings.ToUpper(string(r)) + strings.ToLower(s[n:])), nil
}

func strTitle(_ *Thread, recv Value, args *Args) (Value, error) {
	if err := noArgs("title", args); err != nil {
		return nil, err
	}
	var b strings.Builder
	prevCased := false
	for _, r := range recvStr(recv) {
		switch {
		case isLower(r):
			if !prevCased {
				r = unicode.ToTitle(r)
			}
			prevCased = true
		case isUpper(r) || unicode.IsTitle(r):
			if prevCased {
				r = unicode.ToLower(r)
			}
			prevCased = true
		default:
			prevCased = false
		}
		b.WriteRune(r)
	}
	return Str(b.String()), nil
}

func strChars(_ *Thread, recv Value, args *Args) (Value, error) {
	if err := noArgs("chars", args); err != nil {
		return nil, err
	}
	var elems []Value
	for _, r := range recvStr(recv) {
		elems = append(elems, Str(string(r)))
	}
	return NewList(elems), nil
}

// strRange returns the byte range [start:end] of s that the optional
// start and end arguments select, and whether it is non-empty-valid.
func strRange(fname string, s string, start, end Value) (int, int, bool, error) {
	n := len(s)
	lo, hi := 0, n
	if given(start) {
		v, err := argInt(fname, "start", start)
		if err != nil {
			return 0, 0, false, err
		}
		lo = int(v)
		if lo < 0 {
			lo = max(lo+n, 0)
		}
	}
	if given(end) {
		v, err := argInt(fname, "end", end)
		if err != nil {
			return 0, 0, false, err
		}
		hi = int(v)
		if hi > n {
			hi = n
		} else if hi < 0 {
			hi = max(hi+n, 0)
		}
	}
	return lo, hi, lo <= hi && lo <= n, nil
}

// subArgs unpacks (sub, start=None, end=None) and returns the selected
// part of recv and its offset.
func subArgs(fname, param string, recv Value, args *Args) (sub, part string, off int, ok bool, err error) {
	a, err := unpack(fname, args, 1, param, "start", "end")
	if err != nil {
		return "", "", 0, false, err
	}
	if sub, err = argStr(fname, param, a[0]); err != nil {
		return "", "", 0, false, err
	}
	s := recvStr(recv)
	lo, hi, ok, err := strRange(fname, s, a[1], a[2])
	if err != nil || !ok {
		return sub, "", 0, false, err
	}
	return sub, s[lo:hi], lo, true, nil
}

func strCount(_ *Thread, recv Value, args *Args) (Value, error) {
	sub, part, _, ok, err := subArgs("count", "sub", recv, args)
	if err != nil || !ok {
		return Int(0), err
	}
	return Int(strings.Count(part, sub)), nil
}

func strStartswith(_ *Thread, recv Value, args *Args) (Value, error) {
	sub, part, _, ok, err := subArgs("startswith", "prefix", recv, args)
	if err != nil || !ok {
		return False, err
	}
	return Bool(strings.HasPrefix(part, sub)), nil
}

func strEndswith(_ *Thread, recv Value, args *Args) (Value, error) {
	sub, part, _, ok, err := subArgs("endswith", "suffix", recv, args)
	if err != nil || !ok {
		return False, err
	}
	return Bool(strings.HasSuffix(part, sub)), nil
}

func strFind(_ *Thread, recv Value, args *Args) (Value, error) {
	return find("find", recv, args, false, false)
}
func strRfind(_ *Thread, recv Value, args *Args) (Value, error) {
	return find("rfind", recv, args, true, false)
}
func strIndexMethod(_ *Thread, recv Value, args *Args) (Value, error) {
	return find("index", recv, args, false, true)
}
func strRindex(_ *Thread, recv Value, args *Args) (Value, error) {
	return find("rindex", recv, args, true, true)
}

func find(fname string, recv Value, args *Args, last, mustFind bool) (Value, error) {
	sub, part, off, ok, err := subArgs(fname, "sub", recv, args)
	if err != nil {
		return nil, err
	}
	i := -1
	if ok {
		if last {
			i = strings.LastIndex(part, sub)
		} else {
			i = strings.Index(part, sub)
		}
	}
	if i < 0 {
		if mustFind {
			return nil, errorf(ErrValue, "substring not found")
		}
		return Int(-1), nil
	}
	return Int(i + off), nil
}

func strJoin(_ *Thread, recv Value, args *Args) (Value, error) {
	a, err := unpack("join", args, 1, "iterable")
	if err != nil {
		return nil, err
	}
	vals, err := iterValues(a[0])
	if err != nil {
		return nil, err
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = ToStr(v)
	}
	return Str(strings.Join(parts, recvStr(recv))), nil
}

func strStrip(fname string, left, right bool) BuiltinFunc {
	return func(_ *Thread, recv Value, args *Args) (Value, error) {
		a, err := unpack(fname, args, 0, "chars")
		if err != nil {
			return nil, err
		}
		s := recvStr(recv)
		f := unicode.IsSpace
		if given(a[0]) {
			chars, err := argStr(fname, "chars", a[0])
			if err != nil {
				return nil, err
			}
			f = func(r rune) bool { return strings.ContainsRune(chars, r) }
		}
		if left {
			s = strings.TrimLeftFunc(s, f)
		}
		if right {
			s = strings.TrimRightFunc(s, f)
		}
		return Str(s), nil
	}
}

func strReplace(_ *Thread, recv Value, args *Args) (Value, error) {
	a, err := unpack("replace", args, 2, "old", "new", "count")
	if err != nil {
		return nil, err
	}
	old, err := argStr("replace", "old", a[0])
	if err != nil {
		return nil, err
	}
	repl, err := argStr("replace", "new", a[1])
	if err != nil {
		return nil, err
	}
	n := -1
	if given(a[2]) {
		c, err := argInt("replace", "count", a[2])
		if err != nil {
			return nil, err
		}
		if c >= 0 {
			n = int(c)
		}
	}
	return Str(strings.Replace(recvStr(recv), old, repl, n)), nil
}

func strRemovePrefix(_ *Thread, recv Value, args *Args) (Value, error) {
	a, err := unpack("removeprefix", args, 1, "prefix")
	if err != nil {
		return nil, err
	}
	p, err := argStr("removeprefix", "prefix", a[0])
	if err != nil {
		return nil, err
	}
	return Str(strings.TrimPrefix(recvStr(recv), p)), nil
}

func strRemoveSuffix(_ *Thread, recv Value, args *Args) (Value, error) {
	a, err := unpack("removesuffix", args, 1, "suffix")
	if err != nil {
		return nil, err
	}
	p, err := argStr("removesuffix", "suffix", a[0])
	if err != nil {
		return nil, err
	}
	return Str(strings.TrimSuffix(recvStr(recv), p)), nil
}

// splitArgs unpacks (sep=None, maxsplit=-1).
func splitArgs(fname string, args *Args) (sep string, hasSep bool, maxsplit int, err error) {
	a, err := unpack(fname, args, 0, "sep", "maxsplit")
	if err != nil {
		return "", false, 0, err
	}
	maxsplit = -1
	if given(a[0]) {
		if sep, err = argStr(fname, "sep", a[0]); err != nil {
			return "", false, 0, err
		}
		if sep == "" {
			return "", false, 0, errorf(ErrValue, "empty separator")
		}
		hasSep = true
	}
	if given(a[1]) {
		n, err := argInt(fname, "maxsplit", a[1])
		if err != nil {
			return "", false, 0, err
		}
		maxsplit = int(n)
	}
	return sep, hasSep, maxsplit, nil
}

func strList(parts []string) *List {
	elems := make([]Value, len(parts))
	for i, p := range parts {
		elems[i] = Str(p)
	}
	return NewList(elems)
}

func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

func strSplit(_ *Thread, recv Value, args *Args) (Value, error) {
	sep, hasSep, maxsplit, err := splitArgs("split", args)
	if err != nil {
		return nil, err
	}
	s := recvStr(recv)
	if hasSep {
		n := -1
		if maxsplit >= 0 {
			n = maxsplit + 1
		}
		return strList(strings.SplitN(s, sep, n)), nil
	}
	var parts []string
	i := 0
	for i < len(s) {
		for i < len(s) && isASCIISpace(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		if maxsplit >= 0 && len(parts) == maxsplit {
			parts = append(parts, s[i:])
			break
		}
		j := i
		for j < len(s) && !isASCIISpace(s[j]) {
			j++
		}
		parts = append(parts, s[i:j])
		i = j
	}
	return strList(parts), nil
}

func strRsplit(_ *Thread, recv Value, args *Args) (Value, error) {
	sep, hasSep, maxsplit, err := splitArgs("rsplit", args)
	if err != nil {
		return nil, err
	}
	s := recvStr(recv)
	var rev []string
	if hasSep {
		for maxsplit < 0 || len(rev) < maxsplit {
			i := strings.LastIndex(s, sep)
			if i < 0 {
				break
			}
			rev = append(rev, s[i+len(sep):])
			s = s[:i]
		}
		rev = append(rev, s)
	} else {
		j := len(s)
		for j > 0 {
			for j > 0 && isASCIISpace(s[j-1]) {
				j--
			}
			if j == 0 {
				break
			}
			if maxsplit >= 0 && len(rev) == maxsplit {
				rev = append(rev, s[:j])
				break
			}
			i := j
			for i > 0 && !isASCIISpace(s[i-1]) {
				i--
			}
			rev = append(rev, s[i:j])
			j = i
		}
	}
	parts := make([]string, len(rev))
	for i, p := range rev {
		parts[len(rev)-1-i] = p
	}
	return strList(parts), nil
}

func strSplitlines(_ *Thread, recv Value, args *Args) (Value, error) {
	a, err := unpack("splitlines", args, 0, "keepends")
	if err != nil {
		return nil, err
	}
	keep := a[0] != nil && a[0].Truth()
	s := recvStr(recv)
	var parts []string
	last := 0
	for i := 0; i < len(s); i++ {
		var brk int
		switch s[i] {
		case '\n':
			brk = 1
		case '\r':
			brk = 1
			if i+1 < len(s) && s[i+1] == '\n' {
				brk = 2
			}
		default:
			continue
		}
		end := i
		if keep {
			end = i + brk
		}
		parts = append(parts, s[last:end])
		i += brk - 1
		last = i + 1
	}
	if last != len(s) {
		parts = append(parts, s[last:])
	}
	return strList(parts), nil
}

func strFormat(_ *Thread, recv Value, args *Args) (Value, error) {
	s, err := formatString(recvStr(recv), args)
	if err != nil {
		return nil, err
	}
	return Str(s), nil
}
