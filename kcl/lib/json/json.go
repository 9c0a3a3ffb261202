// Package json is KCL's json system module
// (reference/kcl-docs/model/json.md; upstream kclvm/runtime/src/json):
// encode, decode, validate and dump_to_file.
package json

import (
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("json", New) }

// New returns the json module.
func New() *eval.Module {
	return libkit.Module("json", libkit.Funcs(map[string]eval.BuiltinFunc{
		"encode":       encode,
		"decode":       decode,
		"validate":     validate,
		"dump_to_file": dumpToFile,
	}), nil)
}

// encodeParams are the option parameters of encode and dump_to_file,
// in positional order after their leading ones.
func encodeParams(opt *libkit.EncodeOptions) []any {
	return []any{
		"sort_keys?", &opt.SortKeys,
		"indent?", &opt.Indent,
		"ignore_private?", &opt.IgnorePrivate,
		"ignore_none?", &opt.IgnoreNone,
	}
}

// encode(data, sort_keys=False, indent=None, ignore_private=False,
// ignore_none=False) -> str serializes data as JSON: one line with ", "
// and ": " separators, or one entry a line indented by indent spaces.
func encode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data eval.Value
	var opt libkit.EncodeOptions
	if err := eval.UnpackArgs("encode", args, append([]any{"data", &data}, encodeParams(&opt)...)...); err != nil {
		return nil, err
	}
	return eval.Str(libkit.JSON(data, opt)), nil
}

// decode(value: str) -> any parses a JSON document; objects keep their
// key order.
func decode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("decode", args, "value", &value); err != nil {
		return nil, err
	}
	v, err := Decode(value)
	if err != nil {
		return nil, eval.Errorf(eval.ErrValue, "%v", err)
	}
	return v, nil
}

// validate(value: str) -> bool reports whether value is one valid JSON
// document.
func validate(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("validate", args, "value", &value); err != nil {
		return nil, err
	}
	_, err := Decode(value)
	return eval.Bool(err == nil), nil
}

// dump_to_file(data, filename: str, sort_keys=False, indent=None,
// ignore_private=False, ignore_none=False) writes encode's result to
// filename, inside the package root.
func dumpToFile(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data eval.Value
	var filename string
	var opt libkit.EncodeOptions
	if err := eval.UnpackArgs("dump_to_file", args, append([]any{"data", &data, "filename", &filename}, encodeParams(&opt)...)...); err != nil {
		return nil, err
	}
	if err := libkit.RefuseWrite(th, "json.dump_to_file"); err != nil {
		return nil, err
	}
	root, err := libkit.OpenRoot(th)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := root.WriteFile(filename, []byte(libkit.JSON(data, opt))); err != nil {
		return nil, libkit.Fail(err, "Unable to write file '%s'", filename)
	}
	return eval.Undefined, nil
}
