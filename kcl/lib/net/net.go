// Package net is KCL's net system module
// (reference/kcl-docs/model/net.md; upstream kclvm/runtime/src/net):
// host:port splitting and joining, IP address parsing and
// classification, and CIDR arithmetic.
package net

import (
	"net/netip"
	"os"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("net", New) }

// New returns the net module.
func New() *eval.Module {
	return libkit.Module("net", libkit.Funcs(map[string]eval.BuiltinFunc{
		"split_host_port":                 splitHostPort,
		"join_host_port":                  joinHostPort,
		"fqdn":                            fqdn,
		"parse_IP":                        ipString("parse_IP"),
		"IP_string":                       ipString("IP_string"),
		"to_IP4":                          toIP4,
		"to_IP6":                          toIP6("to_IP6"),
		"to_IP16":                         toIP6("to_IP16"),
		"is_IPv4":                         predicate("is_IPv4", func(a netip.Addr) bool { return a.Is4() }),
		"is_IP":                           predicate("is_IP", func(netip.Addr) bool { return true }),
		"is_loopback_IP":                  predicate("is_loopback_IP", isLoopback),
		"is_multicast_IP":                 predicate("is_multicast_IP", isMulticast),
		"is_interface_local_multicast_IP": predicate("is_interface_local_multicast_IP", isInterfaceLocalMulticast),
		"is_link_local_multicast_IP":      predicate("is_link_local_multicast_IP", isLinkLocalMulticast),
		"is_link_local_unicast_IP":        predicate("is_link_local_unicast_IP", isLinkLocalUnicast),
		"is_global_unicast_IP":            predicate("is_global_unicast_IP", isGlobalUnicast),
		"is_unspecified_IP":               predicate("is_unspecified_IP", func(a netip.Addr) bool { return a.IsUnspecified() }),
		"parse_CIDR":                      parseCIDR,
		"is_IP_in_CIDR":                   isIPInCIDR,
		"CIDR_subnet":                     cidrSubnet,
		"CIDR_subnets":                    cidrSubnets,
		"CIDR_host":                       cidrHost,
		"CIDR_netmask":                    cidrNetmask,
	}), nil)
}

// parseIP parses an IPv4 address in dotted-decimal form (no leading
// zeros) or an IPv6 address (no zone), as Rust's std::net does.
func parseIP(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}

func ipArg(fname string, args *eval.Args) (string, error) {
	var ip string
	err := eval.UnpackArgs(fname, args, "ip", &ip)
	return ip, err
}

// split_host_port(ip_end_point: str) -> [str] splits "host:port" or
// "[host]:port" into host and port.
func splitHostPort(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var ep string
	if err := eval.UnpackArgs("split_host_port", args, "ip_end_point", &ep); err != nil {
		return nil, err
	}
	fail := func(why string) error {
		return eval.Errorf(eval.ErrValue, "ip_end_point %s %s", strconv.Quote(ep), why)
	}
	i := strings.LastIndexByte(ep, ':')
	if i < 0 {
		return nil, fail("missing port")
	}
	host, port := ep[:i], ep[i+1:]
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(ep, ']')
		switch {
		case end < 0:
			return nil, fail("missing ']'")
		case end > len(host) || !strings.HasPrefix(ep[end+1:], ":"):
			return nil, fail("missing port")
		case end < len(host)-1:
			return nil, fail("too many colons")
		case strings.Contains(ep[1:], "["):
			return nil, fail("unexpected '['")
		case strings.Contains(port, "]"):
			return nil, fail("unexpected ']'")
		}
		return strList(host[1:end], port), nil
	}
	switch {
	case strings.Contains(host, ":"):
		return nil, fail("too many colons")
	case len(ep) > 0 && strings.Contains(ep[1:], "["):
		return nil, fail("unexpected '['")
	case strings.Contains(ep, "]"):
		return nil, fail("unexpected ']'")
	}
	return strList(host, port), nil
}

func strList(ss ...string) *eval.List {
	out := make([]eval.Value, len(ss))
	for i, s := range ss {
		out[i] = eval.Str(s)
	}
	return eval.NewList(out)
}

// join_host_port(host: str, port: int | str) -> str is "host:port", or
// "[host]:port" when host holds a colon.
func joinHostPort(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var host, port eval.Value
	if err := eval.UnpackArgs("join_host_port", args, "host", &host, "port", &port); err != nil {
		return nil, err
	}
	h, p := eval.ToStr(host), eval.ToStr(port)
	if strings.Contains(h, ":") {
		return eval.Str("[" + h + "]:" + p), nil
	}
	return eval.Str(h + ":" + p), nil
}

// fqdn(name: str = "") -> str is name, or the host's name when name is
// empty (refused when the evaluation must be deterministic). Unlike
// upstream it does no DNS lookup: an evaluation does no network I/O.
func fqdn(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var name string
	if err := eval.UnpackArgs("fqdn", args, "name?", &name); err != nil {
		return nil, err
	}
	if name != "" {
		return eval.Str(name), nil
	}
	if th.Deterministic {
		return nil, eval.Errorf(eval.ErrEval, "net.fqdn is not allowed: evaluation must be deterministic (no clock, randomness or environment)")
	}
	h, err := os.Hostname()
	if err != nil {
		return eval.Str(""), nil
	}
	return eval.Str(h), nil
}

// ipString returns parse_IP / IP_string(ip: str) -> str: ip in
// canonical form, or "" when it is not an IP address.
func ipString(fname string) eval.BuiltinFunc {
	return func(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		ip, err := ipArg(fname, args)
		if err != nil {
			return nil, err
		}
		a, ok := parseIP(ip)
		if !ok {
			return eval.Str(""), nil
		}
		return eval.Str(a.String()), nil
	}
}

// to_IP4(ip: str) -> str is ip as an IPv4 address (an IPv4-mapped IPv6
// address unmapped), or "" when it has no IPv4 form.
func toIP4(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	ip, err := ipArg("to_IP4", args)
	if err != nil {
		return nil, err
	}
	a, ok := parseIP(ip)
	if !ok || !(a.Is4() || a.Is4In6()) {
		return eval.Str(""), nil
	}
	return eval.Str(a.Unmap().String()), nil
}

// toIP6 returns to_IP6 / to_IP16(ip: str) -> str: ip as an IPv6 address
// (an IPv4 address mapped, "::ffff:a.b.c.d"), or "" when it is not an
// IP address.
func toIP6(fname string) eval.BuiltinFunc {
	return func(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		ip, err := ipArg(fname, args)
		if err != nil {
			return nil, err
		}
		a, ok := parseIP(ip)
		if !ok {
			return eval.Str(""), nil
		}
		if a.Is4() {
			a = netip.AddrFrom16(a.As16())
		}
		return eval.Str(a.String()), nil
	}
}

// predicate returns fname(ip: str) -> bool: False for a string that is
// not an IP address.
func predicate(fname string, f func(netip.Addr) bool) eval.BuiltinFunc {
	return func(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		ip, err := ipArg(fname, args)
		if err != nil {
			return nil, err
		}
		a, ok := parseIP(ip)
		return eval.Bool(ok && f(a)), nil
	}
}

// The classifications follow Rust's std::net, which upstream uses: an
// IPv4-mapped IPv6 address is classified as IPv6.

func isLoopback(a netip.Addr) bool {
	if a.Is4() {
		return a.As4()[0] == 127
	}
	return a == netip.IPv6Loopback()
}

func isMulticast(a netip.Addr) bool {
	if a.Is4() {
		return a.As4()[0]&0xf0 == 224
	}
	return a.As16()[0] == 0xff
}

func isInterfaceLocalMulticast(a netip.Addr) bool {
	if a.Is4() {
		o := a.As4()
		return o[0] == 224 && o[1] == 0 && o[2] == 0
	}
	b := a.As16()
	return b[0] == 0xff && b[1] == 0x01
}

func isLinkLocalMulticast(a netip.Addr) bool {
	if a.Is4() {
		o := a.As4()
		return o[0] == 224 && o[1] == 0 && o[2] == 0
	}
	b := a.As16()
	return b[0] == 0xff && b[1] == 0x02
}

func isLinkLocalUnicast(a netip.Addr) bool {
	if a.Is4() {
		o := a.As4()
		return o[0] == 169 && o[1] == 254
	}
	b := a.As16()
	return b[0] == 0xfe && b[1]&0xc0 == 0x80
}

// isGlobalUnicast: an IPv4 address that is globally routable (not
// private, loopback, link-local, broadcast, documentation, shared,
// reserved, benchmarking, in 0.0.0.0/8 or 192.0.0.0/24 but for
// 192.0.0.9 and .10) and not multicast; an IPv6 address that is not
// unspecified, loopback, link-local or multicast.
func isGlobalUnicast(a netip.Addr) bool {
	if !a.Is4() {
		return !a.IsUnspecified() && a != netip.IPv6Loopback() && !isLinkLocalUnicast(a) && !isMulticast(a)
	}
	o := a.As4()
	if o == [4]byte{192, 0, 0, 9} || o == [4]byte{192, 0, 0, 10} {
		return true
	}
	switch {
	case o[0] == 0, o[0] == 10, o[0] == 127,
		o[0] == 172 && o[1]&0xf0 == 16,
		o[0] == 192 && o[1] == 168,
		o[0] == 169 && o[1] == 254,
		o == [4]byte{255, 255, 255, 255},
		o[0] == 192 && o[1] == 0 && o[2] == 2,
		o[0] == 198 && o[1] == 51 && o[2] == 100,
		o[0] == 203 && o[1] == 0 && o[2] == 113,
		o[0] == 100 && o[1]&0xc0 == 64,
		o[0] == 192 && o[1] == 0 && o[2] == 0,
		o[0]&0xf0 == 240,
		o[0] == 198 && o[1]&0xfe == 18,
		isMulticast(a):
		return false
	}
	return true
}
