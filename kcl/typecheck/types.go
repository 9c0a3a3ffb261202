// Package typecheck is KCL's static resolver: before a package is
// evaluated it resolves names and type annotations and reports the type
// errors that are certain from the source alone, with the position of
// the use and of the declaration, as upstream KCL's resolver does.
//
// It is deliberately conservative. Every type it cannot know is any,
// and any fits everything, so a valid program is never rejected: an
// error is reported only when no run of the program could succeed.
package typecheck

import (
	"strconv"
	"strings"

	"akua.dev/akua/kcl/syntax"
)

// A Kind classifies a Type.
type Kind uint8

// Kinds of types.
const (
	Any       Kind = iota // unknown or `any`: fits and accepts everything
	None                  // None and Undefined: fit every type
	Bool                  // bool
	Int                   // int
	Float                 // float
	Str                   // str
	Unit                  // a number with a unit suffix (1Ki): fits int and float
	Lit                   // a literal type: Base is Bool, Int, Float or Str
	List                  // [Elem]
	Dict                  // {Key: Val}
	Union                 // Types[0] | Types[1] | ...
	Instance              // an instance of Schema
	SchemaDef             // the schema itself, as a value (callable)
	Func                  // a function with a known signature
	Module                // an imported package
)

// A Type is the static type of a value or an annotation.
type Type struct {
	Kind     Kind
	Base     Kind   // Lit: the literal's kind
	Value    string // Lit: the literal's text as KCL prints it ("a" quoted)
	Elem     *Type  // List
	Key, Val *Type  // Dict
	Types    []*Type
	Schema   *Schema  // Instance, SchemaDef
	Sig      *FuncSig // Func
	Pkg      *Package // Module
}

// A FuncSig is the signature of a lambda.
type FuncSig struct {
	Params []Param
	Ret    *Type // nil: not declared
}

// A Param is one lambda parameter.
type Param struct {
	Name       string
	Type       *Type // nil: not declared
	HasDefault bool
	node       *syntax.Param
	file       string
}

// Shared types without parameters.
var (
	AnyType   = &Type{Kind: Any}
	NoneType  = &Type{Kind: None}
	BoolType  = &Type{Kind: Bool}
	IntType   = &Type{Kind: Int}
	FloatType = &Type{Kind: Float}
	StrType   = &Type{Kind: Str}
	UnitType  = &Type{Kind: Unit}
)

func listOf(elem *Type) *Type       { return &Type{Kind: List, Elem: elem} }
func dictOf(k, v *Type) *Type       { return &Type{Kind: Dict, Key: k, Val: v} }
func lit(base Kind, v string) *Type { return &Type{Kind: Lit, Base: base, Value: v} }

// strLit is the literal type of a string value.
func strLit(s string) *Type { return lit(Str, strconv.Quote(s)) }

// unionOf builds a union, flattening nested unions, dropping duplicates
// and None (None fits every type), and collapsing to any when a member
// is any.
func unionOf(types ...*Type) *Type {
	var out []*Type
	var add func(t *Type)
	add = func(t *Type) {
		switch t.Kind {
		case Union:
			for _, m := range t.Types {
				add(m)
			}
			return
		case None:
			return
		}
		for _, o := range out {
			if o.String() == t.String() {
				return
			}
		}
		out = append(out, t)
	}
	for _, t := range types {
		if t == nil || t.Kind == Any {
			return AnyType
		}
		add(t)
	}
	switch len(out) {
	case 0:
		return NoneType
	case 1:
		return out[0]
	}
	return &Type{Kind: Union, Types: out}
}

// widen turns the type of a value into the type of a variable holding
// it, as upstream infers an unannotated variable's type: literals become
// their base type and None becomes any.
func widen(t *Type) *Type {
	switch t.Kind {
	case Lit:
		return &Type{Kind: t.Base}
	case None:
		return AnyType
	case List:
		return listOf(widen(t.Elem))
	case Dict:
		return dictOf(widen(t.Key), widen(t.Val))
	case Union:
		ws := make([]*Type, len(t.Types))
		for i, m := range t.Types {
			ws[i] = widen(m)
		}
		return unionOf(ws...)
	}
	return t
}

// String prints t as KCL writes the type: int, [str], {str:int},
// "a" | "b", Person, pkg.Person.
func (t *Type) String() string {
	switch t.Kind {
	case Any:
		return "any"
	case None:
		return "None"
	case Bool:
		return "bool"
	case Int:
		return "int"
	case Float:
		return "float"
	case Str:
		return "str"
	case Unit:
		return "number_multiplier"
	case Lit:
		return t.Value
	case List:
		return "[" + t.Elem.String() + "]"
	case Dict:
		return "{" + t.Key.String() + ":" + t.Val.String() + "}"
	case Union:
		parts := make([]string, len(t.Types))
		for i, m := range t.Types {
			parts[i] = m.String()
		}
		return strings.Join(parts, " | ")
	case Instance:
		return t.Schema.Name
	case SchemaDef:
		return "type(" + t.Schema.Name + ")"
	case Func:
		return "function"
	case Module:
		return "module '" + t.Pkg.Path + "'"
	}
	return "any"
}
