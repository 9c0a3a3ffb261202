// Package conformance runs the KCL conformance corpus (the grammar suite
// of upstream KCL, kept outside the repository in
// ../shared/kcl-conformance/grammar) against akua's KCL engine.
//
// A case is a directory holding main.k and stdout.golden or
// stderr.golden, maybe with settings.yaml whose kcl_options string holds
// more arguments; directories whose main file is _main.k are disabled
// upstream and not cases. A case runs in-process as
//
//	kcl run main.k <kcl_options>
//
// with the arguments parsed by package kclcli (as `akua kcl run` does)
// and the case directory as the working directory. A stdout case passes
// when the output equals the golden as YAML documents (CompareYAML); a
// stderr case passes when the run fails with a KCL diagnostic.
//
// The test in this package keeps a ratchet, passing.txt: the cases known
// to pass. It fails when one of them stops passing and adds cases that
// start to (see conformance_test.go).
package conformance

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/kclcli"
)

// EnvCorpus names the environment variable that overrides where the
// corpus (the grammar directory) is.
const EnvCorpus = "AKUA_KCL_CONFORMANCE"

// A Kind says what a case expects.
type Kind int

// Kinds of cases.
const (
	Stdout Kind = iota // the run succeeds and prints stdout.golden
	Stderr             // the run fails (stderr.golden holds upstream's message)
)

func (k Kind) String() string {
	if k == Stderr {
		return "stderr"
	}
	return "stdout"
}

// A Case is one corpus case.
type Case struct {
	Name string   // directory relative to the corpus, with slashes
	Dir  string   // absolute directory
	Kind Kind     // what the case expects
	Args []string // `kcl run` arguments: main.k, then the kcl_options words
}

// Golden returns the path of the case's golden file.
func (c *Case) Golden() string {
	return filepath.Join(c.Dir, c.Kind.String()+".golden")
}

// Locate finds the corpus: $AKUA_KCL_CONFORMANCE when set (it must
// exist), else ../shared/kcl-conformance/grammar beside the root of the
// module that contains the working directory. It reports false when
// the corpus is simply not there.
func Locate() (string, bool, error) {
	if dir := os.Getenv(EnvCorpus); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return dir, false, fmt.Errorf("%s=%s: not a directory", EnvCorpus, dir)
		}
		return dir, true, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false, err
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			return "", false, fmt.Errorf("no go.mod above %s", wd)
		}
		root = parent
	}
	dir := filepath.Join(filepath.Dir(root), "shared", "kcl-conformance", "grammar")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return dir, false, nil
	}
	return dir, true, nil
}

// Load returns the cases under root, sorted by name.
func Load(root string) ([]*Case, error) {
	var cases []*Case
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		c, err := loadCase(root, path)
		if err != nil {
			return err
		}
		if c != nil {
			cases = append(cases, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases, nil
}

// loadCase returns the case in dir, or nil when dir is not one.
func loadCase(root, dir string) (*Case, error) {
	if !exists(filepath.Join(dir, "main.k")) {
		return nil, nil // includes the disabled _main.k cases
	}
	c := &Case{Dir: dir, Args: []string{"main.k"}}
	switch {
	case exists(filepath.Join(dir, "stdout.golden")):
		c.Kind = Stdout
	case exists(filepath.Join(dir, "stderr.golden")):
		c.Kind = Stderr
	default:
		return nil, nil
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return nil, err
	}
	c.Name = filepath.ToSlash(rel)
	if data, err := os.ReadFile(filepath.Join(dir, "settings.yaml")); err == nil {
		args, err := ParseSettings(data)
		if err != nil {
			return nil, fmt.Errorf("%s: settings.yaml: %v", c.Name, err)
		}
		c.Args = append(c.Args, args...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return c, nil
}

func exists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// ParseSettings returns the words of the kcl_options string of a case's
// settings.yaml, split on spaces as the upstream harness does (no shell
// quoting: `-D id="0123"` passes the quotes on).
func ParseSettings(data []byte) ([]string, error) {
	var s struct {
		Options yaml.Node `yaml:"kcl_options"`
	}
	if err := yaml.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	switch {
	case s.Options.Kind == 0, s.Options.ShortTag() == "!!null":
		return nil, nil
	case s.Options.Kind != yaml.ScalarNode:
		return nil, fmt.Errorf("kcl_options: want a string, got %s", describe(&s.Options))
	}
	return strings.Fields(s.Options.Value), nil
}

// A Result is the outcome of one case.
type Result struct {
	Case    *Case
	Pass    bool
	Reason  string        // why the case failed; "" when it passed
	Exact   bool          // stderr case: the error has the golden's code and line
	Elapsed time.Duration // time the run took
}

// A RunFunc runs a KCL program: kcl.Run or a stand-in for tests.
type RunFunc func(ctx context.Context, files []string, opt kcl.RunOptions) (*kcl.Result, error)

// A Runner runs cases. The zero value runs kcl.Run with the defaults.
type Runner struct {
	Run         RunFunc       // default kcl.Run
	Timeout     time.Duration // per case; default 10s
	Workers     int           // parallel cases; default GOMAXPROCS
	MaxTimeouts int           // stop after this many cases time out; default 20
}

func (r *Runner) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return 10 * time.Second
}

// RunAll runs cases in parallel and returns their results in the same
// order. A case that panics fails; a case that overruns its timeout
// fails (its goroutine is abandoned). After MaxTimeouts timeouts, or
// when ctx ends, the remaining cases fail without running.
func (r *Runner) RunAll(ctx context.Context, cases []*Case) []Result {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxTimeouts := int64(r.MaxTimeouts)
	if maxTimeouts <= 0 {
		maxTimeouts = 20
	}
	results := make([]Result, len(cases))
	var next, timeouts atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(cases) {
					return
				}
				c := cases[i]
				switch {
				case ctx.Err() != nil:
					results[i] = Result{Case: c, Reason: "not run: " + ctx.Err().Error()}
				case timeouts.Load() >= maxTimeouts:
					results[i] = Result{Case: c, Reason: fmt.Sprintf("not run: %d cases timed out", maxTimeouts)}
				default:
					results[i] = r.RunCase(ctx, c)
					if results[i].timedOut() {
						timeouts.Add(1)
					}
				}
			}
		}()
	}
	wg.Wait()
	return results
}

const timeoutReason = "timed out after "

func (res Result) timedOut() bool { return strings.HasPrefix(res.Reason, timeoutReason) }

// RunCase runs one case.
func (r *Runner) RunCase(ctx context.Context, c *Case) Result {
	res := Result{Case: c}
	inv, err := kclcli.Parse(c.Args)
	if err != nil {
		res.Reason = "kcl_options: " + err.Error()
		return res
	}
	inv.Options.WorkDir = c.Dir
	golden, err := os.ReadFile(c.Golden())
	if err != nil {
		res.Reason = err.Error()
		return res
	}

	run := r.Run
	if run == nil {
		run = kcl.Run
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	type outcome struct {
		out      *kcl.Result
		err      error
		panicked any
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{panicked: p}
			}
		}()
		out, err := run(ctx, inv.Files, inv.Options)
		done <- outcome{out: out, err: err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-ctx.Done():
		// The engine should stop soon after its context ends; if it
		// does not, the case is abandoned.
		select {
		case o = <-done:
		case <-time.After(min(time.Second, r.timeout()/4)):
		}
	}
	res.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		res.Reason = timeoutReason + r.timeout().String()
		return res
	}
	if o.panicked != nil {
		res.Reason = firstLine(fmt.Sprintf("panic: %v", o.panicked))
		return res
	}

	switch c.Kind {
	case Stdout:
		if o.err != nil {
			res.Reason = "error: " + firstLine(o.err.Error())
			return res
		}
		var got []byte
		if o.out != nil {
			got = o.out.YAML
		}
		if err := CompareYAML(got, golden); err != nil {
			res.Reason = err.Error()
			return res
		}
		res.Pass = true
	case Stderr:
		if o.err == nil {
			res.Reason = "want an error, got none"
			return res
		}
		l := hasDiagnostics(o.err)
		if l == nil {
			res.Reason = "error without a KCL diagnostic: " + firstLine(o.err.Error())
			return res
		}
		for _, d := range l {
			if d.Code == diag.InternalError {
				res.Reason = "internal error: " + firstLine(d.Error())
				return res
			}
		}
		res.Pass = true
		res.Exact = matchesGolden(l, golden)
	}
	return res
}

// hasDiagnostics returns the diagnostics err carries, or nil.
func hasDiagnostics(err error) diag.List {
	var l diag.List
	if errors.As(err, &l) && len(l) > 0 {
		return l
	}
	var d *diag.Diagnostic
	if errors.As(err, &d) && d != nil {
		return diag.List{d}
	}
	return nil
}

var (
	goldenCode = regexp.MustCompile(`error\[(E[0-9A-Z]+)\]`)
	goldenPos  = regexp.MustCompile(`--> (?:\$\{CWD\}/)?([^:\s]+):(\d+)`)
)

// matchesGolden reports whether the diagnostics name the error code and
// the file and line of upstream's message in golden. Goldens without a
// code or position match on what they have.
func matchesGolden(l diag.List, golden []byte) bool {
	code := goldenCode.FindSubmatch(golden)
	if code == nil {
		return false
	}
	pos := goldenPos.FindSubmatch(golden)
	for _, d := range l {
		if d.Code.ID != string(code[1]) {
			continue
		}
		if pos == nil {
			return true
		}
		line, _ := strconv.Atoi(string(pos[2]))
		if d.Pos.Line == line && filepath.Base(d.Pos.File) == filepath.Base(string(pos[1])) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
