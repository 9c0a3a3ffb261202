package net

// This file holds the CIDR functions: parse_CIDR, is_IP_in_CIDR,
// CIDR_subnet, CIDR_subnets, CIDR_host and CIDR_netmask. A CIDR block is
// "address/length" with no bits set after the prefix, or a bare address
// (a block of one).

import (
	"fmt"
	"math/big"
	"net/netip"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// parsePrefix parses a CIDR block as Rust's cidr crate does.
func parsePrefix(s string) (netip.Prefix, error) {
	if !strings.Contains(s, "/") {
		a, ok := parseIP(s)
		if !ok {
			return netip.Prefix{}, fmt.Errorf("couldn't parse address in network: %s", s)
		}
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || p.Addr().Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("couldn't parse network: %s", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("host part of address was not zero: %s", s)
	}
	return p, nil
}

func cidrArg(fname string, v string) (netip.Prefix, error) {
	p, err := parsePrefix(v)
	if err != nil {
		return netip.Prefix{}, eval.Errorf(eval.ErrValue, "%s() invalid cidr: %v", fname, err)
	}
	return p, nil
}

// parse_CIDR(cidr: str) -> {} is {ip: first address, mask: prefix
// length}, or {} when cidr does not parse.
func parseCIDR(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var cidr string
	if err := eval.UnpackArgs("parse_CIDR", args, "cidr", &cidr); err != nil {
		return nil, err
	}
	d := eval.NewDict(2)
	if p, err := parsePrefix(cidr); err == nil {
		d.Set("ip", eval.Str(p.Addr().String()))
		d.Set("mask", eval.Int(p.Bits()))
	}
	return d, nil
}

// is_IP_in_CIDR(ip: str, cidr: str) -> bool reports whether ip lies in
// cidr; an IPv4 ip is mapped to IPv6 for an IPv6 cidr.
func isIPInCIDR(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var ip, cidr string
	if err := eval.UnpackArgs("is_IP_in_CIDR", args, "ip", &ip, "cidr", &cidr); err != nil {
		return nil, err
	}
	a, ok := parseIP(ip)
	if !ok {
		return nil, eval.Errorf(eval.ErrValue, "is_IP_in_CIDR() invalid ip: invalid IP address syntax")
	}
	p, err := cidrArg("is_IP_in_CIDR", cidr)
	if err != nil {
		return nil, err
	}
	if p.Addr().Is6() && a.Is4() {
		a = netip.AddrFrom16(a.As16())
	}
	return eval.Bool(p.Contains(a)), nil
}

// allocate returns the subnet of p extended by bits whose added bits
// hold num.
func allocate(p netip.Prefix, bits, num int64) (string, error) {
	total := int64(p.Addr().BitLen())
	length := int64(p.Bits()) + bits
	if length > total {
		family := "IPv4"
		if total == 128 {
			family = "IPv6"
		}
		return "", fmt.Errorf("invalid additional_bits: would extend network length to %d bits, which is too long for %s", length, family)
	}
	if bits < 63 && num >= int64(1)<<bits {
		return "", fmt.Errorf("additional_bits of %d does not accommodate a net_num of %d", bits, num)
	}
	if total == 128 && length == 0 {
		return "::/0", nil
	}
	base := new(big.Int).SetBytes(p.Addr().AsSlice())
	base.Add(base, new(big.Int).Lsh(big.NewInt(num), uint(total-length)))
	a := addrFromInt(base, int(total))
	return fmt.Sprintf("%s/%d", a, length), nil
}

func addrFromInt(n *big.Int, bitLen int) netip.Addr {
	b := make([]byte, bitLen/8)
	nb := n.Bytes()
	if len(nb) > len(b) {
		nb = nb[len(nb)-len(b):]
	}
	copy(b[len(b)-len(nb):], nb)
	a, _ := netip.AddrFromSlice(b)
	return a
}

// CIDR_subnet(cidr: str, additional_bits: int, net_num: int) -> str
// extends cidr's prefix by additional_bits, filled with net_num.
func cidrSubnet(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var cidr string
	var bits, num int64
	if err := eval.UnpackArgs("CIDR_subnet", args, "cidr", &cidr, "additional_bits", &bits, "net_num", &num); err != nil {
		return nil, err
	}
	p, err := cidrArg("CIDR_subnet", cidr)
	if err != nil {
		return nil, err
	}
	if bits < 0 {
		return nil, eval.Errorf(eval.ErrValue, "CIDR_subnet() invalid additional_bits: cannot be negative")
	}
	if num < 0 {
		return nil, eval.Errorf(eval.ErrValue, "CIDR_subnet() invalid net_num: cannot be negative")
	}
	s, err := allocate(p, bits, num)
	if err != nil {
		return nil, eval.Errorf(eval.ErrValue, "CIDR_subnet() %v", err)
	}
	return eval.Str(s), nil
}

// CIDR_subnets(cidr: str, additional_bits: [int]) -> [str] allocates
// consecutive subnets of cidr, one for each number of added bits, the
// way Terraform's cidrsubnets does: the same prefix of additional_bits
// always gives the same first subnets.
func cidrSubnets(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var cidr string
	var list *eval.List
	if err := eval.UnpackArgs("CIDR_subnets", args, "cidr", &cidr, "additional_bits", &list); err != nil {
		return nil, err
	}
	p, err := cidrArg("CIDR_subnets", cidr)
	if err != nil {
		return nil, err
	}
	bitsList := make([]int64, len(list.Elems))
	for i, v := range list.Elems {
		n, ok := v.(eval.Int)
		if !ok {
			return nil, eval.Errorf(eval.ErrType, "CIDR_subnets() argument 'additional_bits': expected [int], got an element of type %s", v.Type())
		}
		bitsList[i] = int64(n)
	}
	prefix := int64(p.Bits())
	is6 := p.Addr().BitLen() == 128
	var nums []int64
	for _, bits := range bitsList {
		if bits < 0 {
			return nil, eval.Errorf(eval.ErrValue, "CIDR_subnets() invalid additional_bits: cannot be negative")
		}
		newBits := prefix + bits
		switch {
		case !is6 && newBits > 32:
			return nil, eval.Errorf(eval.ErrValue, "CIDR_subnets() invalid additional_bits: would extend network length to %d bits, which is too long for IPv4", newBits)
		case is6 && bits > 63:
			return nil, eval.Errorf(eval.ErrValue, "CIDR_subnets() invalid additional_bits: cannot extend more than 63 bits")
		case is6 && newBits > 128:
			return nil, eval.Errorf(eval.ErrValue, "CIDR_subnets() invalid additional_bits: would extend network length to %d bits, which is too long for IPv6", newBits)
		}
		num := int64(0)
		for again := true; again; {
			again = false
			for i, allocated := range nums {
				ab := bitsList[i]
				if ab > bits {
					allocated >>= ab - bits
					ab = bits
				}
				if ab < bits {
					allocated <<= bits - ab
				}
				if allocated == num {
					num += int64(1) << (bits - ab)
					again = true
				}
			}
		}
		nums = append(nums, num)
	}
	out := make([]eval.Value, 0, len(nums))
	for i, num := range nums {
		bits := bitsList[i]
		if bits < 63 && num >= int64(1)<<bits {
			last := "the start of the block"
			if len(out) > 0 {
				last = eval.ToStr(out[len(out)-1])
			}
			return nil, eval.Errorf(eval.ErrValue, "CIDR_subnets() not enough remaining address space for a subnet with a prefix of %d bits after %s", prefix+bits, last)
		}
		s, err := allocate(p, bits, num)
		if err != nil {
			return nil, eval.Errorf(eval.ErrValue, "CIDR_subnets %v", err)
		}
		out = append(out, eval.Str(s))
	}
	return eval.NewList(out), nil
}

// CIDR_host(cidr: str, host_num: int) -> str is the address numbered
// host_num in cidr, counting from the end when negative.
func cidrHost(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var cidr string
	var num int64
	if err := eval.UnpackArgs("CIDR_host", args, "cidr", &cidr, "host_num", &num); err != nil {
		return nil, err
	}
	p, err := cidrArg("CIDR_host", cidr)
	if err != nil {
		return nil, err
	}
	hostLen := p.Addr().BitLen() - p.Bits()
	absNum := num
	if num < 0 {
		absNum = -(num + 1)
	}
	if hostLen < 63 && int64(1)<<hostLen <= absNum {
		return nil, eval.Errorf(eval.ErrValue, "CIDR_host() prefix of %d does not accommodate a host numbered %d", p.Bits(), num)
	}
	n := new(big.Int).SetBytes(p.Addr().AsSlice())
	off := big.NewInt(num)
	if num < 0 {
		off.Add(off, new(big.Int).Lsh(big.NewInt(1), uint(hostLen)))
	}
	n.Add(n, off)
	return eval.Str(addrFromInt(n, p.Addr().BitLen()).String()), nil
}

// CIDR_netmask(cidr: str) -> str is the netmask of an IPv4 block
// ("255.0.0.0" for a /8).
func cidrNetmask(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var cidr string
	if err := eval.UnpackArgs("CIDR_netmask", args, "cidr", &cidr); err != nil {
		return nil, err
	}
	p, err := cidrArg("CIDR_netmask", cidr)
	if err != nil {
		return nil, err
	}
	if p.Addr().Is6() {
		return nil, eval.Errorf(eval.ErrValue, "CIDR_netmask() IPv6 addresses cannot have a netmask")
	}
	mask := ^(^uint32(0) >> p.Bits())
	return eval.Str(netip.AddrFrom4([4]byte{byte(mask >> 24), byte(mask >> 16), byte(mask >> 8), byte(mask)}).String()), nil
}
