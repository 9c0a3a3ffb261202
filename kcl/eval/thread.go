package eval

import (
	"context"
	"fmt"
	"io"

	"akua.dev/akua/kcl/diag"
)

// A Thread holds the state of one evaluation: limits, host hooks and
// options. It is not safe for concurrent use.
type Thread struct {
	// Ctx cancels the evaluation; checked every few hundred steps.
	Ctx context.Context
	// Deterministic refuses builtins marked Nondeterministic.
	Deterministic bool
	// StrictRangeCheck makes int values outside 32 bits and floats
	// outside float32 errors (`-r`).
	StrictRangeCheck bool
	// MaxSteps bounds the number of evaluation steps (0: unlimited).
	MaxSteps int64
	// MaxDepth bounds the call depth, schema instantiations included
	// (0: DefaultMaxDepth).
	MaxDepth int
	// MaxMemory bounds the bytes of strings, lists and dicts the program
	// builds, counted as they are made (0: unlimited).
	MaxMemory int64
	// Stdout receives print() output; nil discards it.
	Stdout io.Writer
	// Options holds `-D` top-level options for option().
	Options *Dict
	// Loader imports modules; nil allows only system modules.
	Loader Loader
	// Decorators are decorator names the host accepts besides KCL's own
	// (@deprecated, @info); they have no effect on evaluation.
	Decorators []string
	// FileRoot confines the file access of system modules (file.*,
	// crypto.filesha256, json/yaml.dump_to_file) to a directory; ""
	// refuses it. See hostfs.go.
	FileRoot string
	// manifests is the output manifests.yaml_stream sets in place of
	// the program's (see hostfs.go).
	manifests    []byte
	hasManifests bool

	steps     int64
	depth     int
	allocated int64
	// schemaDepth counts schema expressions and bodies being evaluated:
	// required attributes are checked only on the outermost instance.
	schemaDepth int
	warnings    []*diag.Diagnostic
	// convDetail is why the last dict-to-schema conversion failed.
	convDetail *diag.Diagnostic
	// instances records every schema instance by type, for instances().
	instances map[*SchemaType][]instanceRecord
	// optionCalls records option() calls for `-l` listing.
	optionCalls []OptionCall
}

// DefaultMaxDepth is the call-depth cap when Thread.MaxDepth is 0.
const DefaultMaxDepth = 1000

// An OptionCall records one call of option() for listing.
type OptionCall struct {
	Key      string
	Type     string
	Required bool
	Default  Value
	Help     string
}

// A Loader resolves imports. Load returns the module for an import
// path as written (`.sub`, `pkg.mod`) from the importing file.
type Loader interface {
	Load(th *Thread, fromFile, path string) (*Module, error)
}

// Fork returns a thread with th's configuration (options, loader,
// limits, host settings) and fresh counters, for calling a value of an
// evaluation again later (a test function, say) under its own budget.
func (th *Thread) Fork(ctx context.Context, stdout io.Writer) *Thread {
	return &Thread{
		Ctx:              ctx,
		Deterministic:    th.Deterministic,
		StrictRangeCheck: th.StrictRangeCheck,
		MaxSteps:         th.MaxSteps,
		MaxDepth:         th.MaxDepth,
		MaxMemory:        th.MaxMemory,
		Stdout:           stdout,
		Options:          th.Options,
		Loader:           th.Loader,
		Decorators:       th.Decorators,
		FileRoot:         th.FileRoot,
	}
}

// step counts one evaluation step and checks limits.
func (th *Thread) step() {
	th.steps++
	if th.MaxSteps > 0 && th.steps > th.MaxSteps {
		panic(&diag.Diagnostic{Code: diag.StepLimit, Message: fmt.Sprintf("evaluation step budget of %d exceeded", th.MaxSteps)})
	}
	if th.steps&1023 == 0 {
		th.checkCanceled()
	}
}

// checkCanceled stops the evaluation when its context is done; long
// builtins call it as they go.
func (th *Thread) checkCanceled() {
	if th.Ctx == nil {
		return
	}
	select {
	case <-th.Ctx.Done():
		panic(&diag.Diagnostic{Code: diag.Canceled, Message: "evaluation canceled: " + th.Ctx.Err().Error()})
	default:
	}
}

// OptionCalls returns the option() calls made so far.
func (th *Thread) OptionCalls() []OptionCall { return th.optionCalls }

// charge counts n bytes of new strings, lists or dicts against the
// memory budget.
func (th *Thread) charge(n int64) {
	th.allocated += n
	if th.MaxMemory > 0 && th.allocated > th.MaxMemory {
		panic(&diag.Diagnostic{Code: diag.MemoryLimit,
			Message:    fmt.Sprintf("memory budget of %d bytes exceeded", th.MaxMemory),
			Suggestion: "the program builds too much data; raise the memory limit if this is intended"})
	}
}

// chargeValue charges the size of a value just built.
func (th *Thread) chargeValue(v Value) {
	switch x := v.(type) {
	case Str:
		th.charge(int64(len(x)))
	case *List:
		th.charge(16 * int64(len(x.Elems)))
	case *Dict:
		th.charge(48 * int64(x.Len()))
	}
}

// enter counts one level of call or instantiation depth.
func (th *Thread) enter() error {
	th.depth++
	max := th.MaxDepth
	if max == 0 {
		max = DefaultMaxDepth
	}
	if th.depth > max {
		th.depth--
		return &diag.Diagnostic{Code: diag.RecursionError,
			Message:    fmt.Sprintf("maximum recursion depth exceeded (%d nested calls or schema instantiations)", max),
			Suggestion: "look for a function or schema that calls or instantiates itself without end"}
	}
	return nil
}

func (th *Thread) leave() { th.depth-- }
