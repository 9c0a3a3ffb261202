// This file writes a report as JUnit XML, the format CI systems
// (GitHub Actions reporters, GitLab, Jenkins, Buildkite) read test
// results in: one <testsuite> per kind, one <testcase> per test.

package testrunner

import (
	"encoding/xml"
	"io"
	"strings"
)

// The JUnit schema, as far as CI systems read it. No timestamps or
// durations: the file is the same on every run of the same tree.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Line      int           `xml:"line,attr,omitempty"`
		Failure   *junitFailure `xml:"failure,omitempty"`
		Error     *junitFailure `xml:"error,omitempty"`
		Skipped   *junitFailure `xml:"skipped,omitempty"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr,omitempty"`
		Text    string `xml:",chardata"`
	}
)

// WriteJUnit writes rep as JUnit XML: suites in the order KCL, Rego,
// golden (empty ones left out), test cases in report order.
func WriteJUnit(w io.Writer, rep *Report) error {
	doc := junitSuites{Name: "akua test " + rep.Dir}
	for _, kind := range []Kind{KindKCL, KindRego, KindGolden} {
		s := junitSuite{Name: string(kind)}
		for i := range rep.Tests {
			t := &rep.Tests[i]
			if t.Kind != kind {
				continue
			}
			s.Tests++
			s.Cases = append(s.Cases, junitCaseOf(t))
			switch t.Status {
			case Fail:
				s.Failures++
			case Error:
				s.Errors++
			case Skip:
				s.Skipped++
			}
		}
		if s.Tests == 0 {
			continue
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitCaseOf converts one test. The classname groups tests the way CI
// tools show them: by kind and file (KCL), package (Rego) or case.
func junitCaseOf(t *Test) junitCase {
	c := junitCase{Name: t.Name, Classname: string(t.Kind), File: t.File, Line: t.Line, SystemOut: t.Output}
	switch t.Kind {
	case KindKCL:
		file, name, ok := strings.Cut(t.Name, "::")
		if ok {
			c.Classname, c.Name = "kcl."+file, name
		} else {
			c.Classname = "kcl." + file
		}
	case KindRego:
		// pkg.test_name; a policy that does not compile is named by its file.
		if i := strings.LastIndexByte(t.Name, '.'); i > 0 && !strings.HasSuffix(t.Name, ".rego") {
			c.Classname, c.Name = "rego."+t.Name[:i], t.Name[i+1:]
		}
	}
	if t.Failure == nil {
		return c
	}
	f := &junitFailure{Message: t.Failure.Message, Type: t.Failure.Code}
	f.Text = t.Location() + ": " + t.Failure.Message
	if t.Failure.Diff != "" {
		f.Text += "\n" + t.Failure.Diff
	}
	switch t.Status {
	case Fail:
		c.Failure = f
	case Error:
		c.Error = f
	case Skip:
		c.Skipped = f
	}
	return c
}
