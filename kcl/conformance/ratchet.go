package conformance

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"akua.dev/akua/internal/atomicfile"
)

// ratchetHeader opens the ratchet file.
const ratchetHeader = `# KCL conformance ratchet: the cases of ../shared/kcl-conformance/grammar
# that akua's KCL engine passes, one case directory (relative to grammar/)
# per line, sorted.
#
# go test ./kcl/conformance fails when a case listed here stops passing,
# and adds cases that start to pass. make conformance rewrites the list
# from scratch (it may drop cases: say why in the commit) and prints the
# per-directory table.
`

// ReadRatchet returns the case names listed in the ratchet file at path;
// a missing file lists none.
func ReadRatchet(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names = append(names, line)
	}
	return names, sc.Err()
}

// WriteRatchet writes names, sorted and without duplicates, to the
// ratchet file at path, atomically (temporary file and rename).
func WriteRatchet(path string, names []string) error {
	set := make(map[string]bool, len(names))
	var sorted []string
	for _, n := range names {
		if !set[n] {
			set[n] = true
			sorted = append(sorted, n)
		}
	}
	sort.Strings(sorted)
	var b bytes.Buffer
	b.WriteString(ratchetHeader)
	for _, n := range sorted {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return atomicfile.Write(path, b.Bytes(), 0o644)
}

// Summary counts results.
type Summary struct {
	StdoutPass, StdoutTotal int
	StderrPass, StderrTotal int
	StderrExact             int // stderr cases whose error has the golden's code and line
}

// Passed returns the number of passing cases.
func (s Summary) Passed() int { return s.StdoutPass + s.StderrPass }

// Total returns the number of cases.
func (s Summary) Total() int { return s.StdoutTotal + s.StderrTotal }

func (s *Summary) add(r Result) {
	if r.Case.Kind == Stdout {
		s.StdoutTotal++
		if r.Pass {
			s.StdoutPass++
		}
		return
	}
	s.StderrTotal++
	if r.Pass {
		s.StderrPass++
	}
	if r.Exact {
		s.StderrExact++
	}
}

// Summarize counts results in total and per top-level directory.
func Summarize(results []Result) (total Summary, byDir map[string]*Summary) {
	byDir = map[string]*Summary{}
	for _, r := range results {
		top, _, _ := strings.Cut(r.Case.Name, "/")
		s := byDir[top]
		if s == nil {
			s = new(Summary)
			byDir[top] = s
		}
		s.add(r)
		total.add(r)
	}
	return total, byDir
}

// Table formats the per-directory pass rates of results.
func Table(results []Result) string {
	total, byDir := Summarize(results)
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var b strings.Builder
	row := func(name string, s Summary) {
		fmt.Fprintf(&b, "%-24s %9s %5s   %9s %5s %7s   %9s %5s\n", name,
			frac(s.StdoutPass, s.StdoutTotal), pct(s.StdoutPass, s.StdoutTotal),
			frac(s.StderrPass, s.StderrTotal), pct(s.StderrPass, s.StderrTotal),
			fmt.Sprintf("(%d)", s.StderrExact),
			frac(s.Passed(), s.Total()), pct(s.Passed(), s.Total()))
	}
	fmt.Fprintf(&b, "%-24s %15s   %23s   %15s\n", "directory", "stdout cases", "stderr cases (exact)", "all cases")
	for _, d := range dirs {
		row(d, *byDir[d])
	}
	row("TOTAL", total)
	return b.String()
}

func frac(n, d int) string { return fmt.Sprintf("%d/%d", n, d) }

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
}
