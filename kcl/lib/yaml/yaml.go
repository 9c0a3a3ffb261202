// Package yaml is KCL's yaml system module
// (reference/kcl-docs/model/yaml.md; upstream kclvm/runtime/src/yaml):
// encode, encode_all, decode, decode_all, dump_to_file,
// dump_all_to_file and validate.
package yaml

import (
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("yaml", New) }

// New returns the yaml module.
func New() *eval.Module {
	return libkit.Module("yaml", libkit.Funcs(map[string]eval.BuiltinFunc{
		"encode":           encode,
		"encode_all":       encodeAll,
		"decode":           decode,
		"decode_all":       decodeAll,
		"dump_to_file":     dumpToFile,
		"dump_all_to_file": dumpAllToFile,
		"validate":         validate,
	}), nil)
}

// StreamSep separates the documents of encode_all and dump_all_to_file
// (each document ends with its own newline, so a blank line precedes
// the "---").
const StreamSep = "\n---\n"

func encodeParams(opt *libkit.EncodeOptions) []any {
	return []any{
		"sort_keys?", &opt.SortKeys,
		"ignore_private?", &opt.IgnorePrivate,
		"ignore_none?", &opt.IgnoreNone,
	}
}

// encode(data, sort_keys=False, ignore_private=False,
// ignore_none=False) -> str serializes data as one YAML document.
func encode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data eval.Value
	var opt libkit.EncodeOptions
	if err := eval.UnpackArgs("encode", args, append([]any{"data", &data}, encodeParams(&opt)...)...); err != nil {
		return nil, err
	}
	return eval.Str(libkit.YAML(data, opt)), nil
}

// encode_all(data: [any], sort_keys=False, ignore_private=False,
// ignore_none=False) -> str serializes each element of data as a YAML
// document of one stream.
func encodeAll(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data *eval.List
	var opt libkit.EncodeOptions
	if err := eval.UnpackArgs("encode_all", args, append([]any{"data", &data}, encodeParams(&opt)...)...); err != nil {
		return nil, err
	}
	return eval.Str(stream(data, opt)), nil
}

func stream(data *eval.List, opt libkit.EncodeOptions) string {
	docs := make([]string, len(data.Elems))
	for i, v := range data.Elems {
		docs[i] = libkit.YAML(v, opt)
	}
	return strings.Join(docs, StreamSep)
}

// decode(value: str) -> any parses one YAML document; an empty one is
// None, a stream of several is an error.
func decode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("decode", args, "value", &value); err != nil {
		return nil, err
	}
	docs, err := DecodeAll(value)
	if err != nil {
		return nil, eval.Errorf(eval.ErrValue, "%v", err)
	}
	switch len(docs) {
	case 0:
		return eval.None, nil
	case 1:
		return docs[0], nil
	}
	return nil, eval.Errorf(eval.ErrValue, "deserializing from YAML containing more than one document is not supported")
}

// decode_all(value: str) -> [any] parses every document of a YAML
// stream.
func decodeAll(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("decode_all", args, "value", &value); err != nil {
		return nil, err
	}
	docs, err := DecodeAll(value)
	if err != nil {
		return nil, eval.Errorf(eval.ErrValue, "%v", err)
	}
	return eval.NewList(docs), nil
}

// validate(value: str) -> bool reports whether value is a valid YAML
// document or stream.
func validate(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("validate", args, "value", &value); err != nil {
		return nil, err
	}
	_, err := DecodeAll(value)
	return eval.Bool(err == nil), nil
}

// dump_to_file(data, filename: str, sort_keys=False,
// ignore_private=False, ignore_none=False) writes encode's result to
// filename, inside the package root.
func dumpToFile(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data eval.Value
	var filename string
	var opt libkit.EncodeOptions
	if err := eval.UnpackArgs("dump_to_file", args, append([]any{"data", &data, "filename", &filename}, encodeParams(&opt)...)...); err != nil {
		return nil, err
	}
	return write(th, "yaml.dump_to_file", filename, libkit.YAML(data, opt))
}

// dump_all_to_file(data: [any], filename: str, sort_keys=False,
// ignore_private=False, ignore_none=False) writes encode_all's result
// to filename, inside the package root.
func dumpAllToFile(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data *eval.List
	var filename string
	var opt libkit.EncodeOptions
	if err := eval.UnpackArgs("dump_all_to_file", args, append([]any{"data", &data, "filename", &filename}, encodeParams(&opt)...)...); err != nil {
		return nil, err
	}
	return write(th, "yaml.dump_all_to_file", filename, stream(data, opt))
}

func write(th *eval.Thread, fname, filename, content string) (eval.Value, error) {
	if err := libkit.RefuseWrite(th, fname); err != nil {
		return nil, err
	}
	root, err := libkit.OpenRoot(th)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := root.WriteFile(filename, []byte(content)); err != nil {
		return nil, libkit.Fail(err, "Unable to write file '%s'", filename)
	}
	return eval.Undefined, nil
}

// DecodeAll parses the documents of a YAML stream: mappings keep their
// key order, scalars resolve by the YAML 1.2 core schema, aliases and
// merge keys expand.
func DecodeAll(s string) ([]eval.Value, error) {
	dec := yaml.NewDecoder(strings.NewReader(s))
	var docs []eval.Value
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
		}
		v, err := eval.FromGo(&n)
		if err != nil {
			return nil, err
		}
		docs = append(docs, v)
	}
}
