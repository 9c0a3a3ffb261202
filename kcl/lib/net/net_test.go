package net

import (
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestHostPort(t *testing.T) {
	libtest.Check(t, "import net", []libtest.Case{
		{Expr: `net.split_host_port("B-K0NZJGH6-0048.local:80") == ["B-K0NZJGH6-0048.local", "80"]`},
		{Expr: `net.split_host_port("[::1]:80") == ["::1", "80"] and net.split_host_port(ip_end_point="192.0.2.1:14") == ["192.0.2.1", "14"]`},
		{Expr: `net.split_host_port("test-host")`, Err: "missing port"},
		{Expr: `net.split_host_port("test-host:7:80")`, Err: "too many colons"},
		{Expr: `net.split_host_port("[2001:db8::]80")`, Err: "missing port"},
		{Expr: `net.split_host_port("[2001:db8:::80")`, Err: "missing ']'"},
		{Expr: `net.split_host_port("t[est-host:80")`, Err: "unexpected '['"},
		{Expr: `net.split_host_port("[2001:db8::]:]80")`, Err: "unexpected ']'"},
		{Expr: `net.join_host_port("B-K0NZJGH6-0048.local", 80) == "B-K0NZJGH6-0048.local:80"`},
		{Expr: `net.join_host_port("::1", "80") == "[::1]:80"`},
		{Expr: `net.fqdn("example.com") == "example.com"`},
	}, nil)
	libtest.Check(t, "import net", []libtest.Case{
		{Expr: `net.fqdn()`, Err: "must be deterministic"},
	}, func() *eval.Thread { return &eval.Thread{Deterministic: true} })
}

func TestIP(t *testing.T) {
	libtest.Check(t, "import net", []libtest.Case{
		{Expr: `net.parse_IP("192.168.0.1") == "192.168.0.1" and net.parse_IP("2001:0db8:0:0:0:0:0:0") == "2001:db8::"`},
		{Expr: `net.parse_IP("invalid") == "" and net.IP_string("::FFFF:1.2.3.4") == "::ffff:1.2.3.4"`},
		{Expr: `net.to_IP4("::FFFF:192.168.1.10") == "192.168.1.10" and net.to_IP4("10.0.0.1") == "10.0.0.1" and net.to_IP4("::1") == ""`},
		{Expr: `net.to_IP6("192.168.1.10") == "::ffff:192.168.1.10" and net.to_IP16("::1") == "::1"`},
		{Expr: `net.is_IPv4("192.168.0.1") and not net.is_IPv4("::1") and not net.is_IPv4("invalid")`},
		{Expr: `net.is_IP("255.255.0.1") and net.is_IP("2001:0db8:3c4d:0015:0000:0000:1a2f:1a2b")`},
		{Expr: `not any s in ["192.168.0,1", "192.168.0.", "256.1.1.1", "192.0022.1.1", "0xFF.0xFF.0xFF.0xFF", "fe80::1%eth0", ""] { net.is_IP(s) }`},
		{Expr: `net.is_loopback_IP("127.1.2.3") and net.is_loopback_IP("::1") and not net.is_loopback_IP("::") and not net.is_loopback_IP("invalid")`},
		{Expr: `net.is_multicast_IP("239.255.255.255") and net.is_multicast_IP("ff02::1") and not net.is_multicast_IP("10.1.2.3")`},
		{Expr: `net.is_interface_local_multicast_IP("224.0.0.1") and net.is_interface_local_multicast_IP("ff01::1") and not net.is_interface_local_multicast_IP("239.255.255.255")`},
		{Expr: `net.is_link_local_multicast_IP("224.0.0.0") and net.is_link_local_multicast_IP("ff02::2") and not net.is_link_local_multicast_IP("ff05::2")`},
		{Expr: `net.is_link_local_unicast_IP("fe80::2012:1") and net.is_link_local_unicast_IP("169.254.1.1") and not net.is_link_local_unicast_IP("10.0.0.1")`},
		{Expr: `net.is_global_unicast_IP("220.181.108.89") and net.is_global_unicast_IP("2001:4860::8888")`},
		{Expr: `not any s in ["10.0.0.1", "192.168.1.1", "127.0.0.1", "224.0.0.1", "255.255.255.255", "192.0.2.1", "100.64.0.1", "fe80::1", "ff02::1", "::1"] { net.is_global_unicast_IP(s) }`},
		{Expr: `net.is_unspecified_IP("0.0.0.0") and net.is_unspecified_IP("::") and not net.is_unspecified_IP("10.0.0.1")`},
		{Expr: `net.is_IP(1)`, Err: "expected str"},
	}, nil)
}

func TestCIDR(t *testing.T) {
	libtest.Check(t, "import net", []libtest.Case{
		{Expr: `net.parse_CIDR("10.0.0.0/8") == {ip = "10.0.0.0", mask = 8}`},
		{Expr: `net.parse_CIDR("2001:db8::/56") == {ip = "2001:db8::", mask = 56}`},
		{Expr: `net.parse_CIDR("10.1.2.3") == {ip = "10.1.2.3", mask = 32}`},
		{Expr: `all s in ["invalid", "10.0.0/8", "10.0.0.0/33", "10.128.0.0/8", "::/-1", "10.0.0.0/8/8"] { net.parse_CIDR(s) == {} }`},
		{Expr: `net.is_IP_in_CIDR("10.1.2.3", "10.0.0.0/8") and not net.is_IP_in_CIDR("11.1.2.3", "10.0.0.0/8")`},
		{Expr: `net.is_IP_in_CIDR("2001:db8::9", "2001:db8::/56") and not net.is_IP_in_CIDR("2fff::9", "2001:db8::/56")`},
		{Expr: `net.is_IP_in_CIDR("10.1.2.3", "::/0") and not net.is_IP_in_CIDR("::1", "0.0.0.0/0")`},
		{Expr: `net.is_IP_in_CIDR("x", "10.0.0.0/8")`, Err: "invalid ip"},
		{Expr: `net.is_IP_in_CIDR("10.0.0.1", "x")`, Err: "invalid cidr"},
		{Expr: `net.CIDR_subnet("10.0.0.0/8", 8, 11) == "10.11.0.0/16"`},
		{Expr: `net.CIDR_subnet("2001:db8::/56", 8, 10) == "2001:db8:0:a::/64"`},
		{Expr: `net.CIDR_subnet("10.0.0.0/8", 8, 256)`, Err: "does not accommodate a net_num of 256"},
		{Expr: `net.CIDR_subnet("10.0.0.0/8", 25, 0)`, Err: "too long for IPv4"},
		{Expr: `net.CIDR_subnet("10.0.0.0/8", -1, 0)`, Err: "cannot be negative"},
		{Expr: `net.CIDR_subnets("10.0.0.0/8", [8, 9, 8]) == ["10.0.0.0/16", "10.1.0.0/17", "10.2.0.0/16"]`},
		{Expr: `net.CIDR_subnets("2001:db8::/56", [8, 7]) == ["2001:db8::/64", "2001:db8:0:2::/63"]`},
		{Expr: `net.CIDR_subnets("10.0.0.0/30", [1, 1, 1])`, Err: "not enough remaining address space"},
		{Expr: `net.CIDR_host("10.0.0.0/8", 11) == "10.0.0.11" and net.CIDR_host("10.0.0.0/8", -11) == "10.255.255.245"`},
		{Expr: `net.CIDR_host("2001:db8::/56", 10) == "2001:db8::a"`},
		{Expr: `net.CIDR_host("10.0.0.0/30", 4)`, Err: "does not accommodate a host numbered 4"},
		{Expr: `net.CIDR_netmask("10.0.0.0/8") == "255.0.0.0" and net.CIDR_netmask("0.0.0.0/0") == "0.0.0.0" and net.CIDR_netmask("10.1.2.3/32") == "255.255.255.255"`},
		{Expr: `net.CIDR_netmask("2001:db8::/56")`, Err: "IPv6 addresses cannot have a netmask"},
	}, nil)
}
