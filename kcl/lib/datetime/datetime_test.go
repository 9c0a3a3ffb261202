package datetime

import (
	"testing"
	"time"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestClock(t *testing.T) {
	fixed := time.Date(1998, time.June, 6, 16, 26, 11, 5_000_000, time.FixedZone("X", 9*3600+30*60))
	clock = func() time.Time { return fixed }
	defer func() { clock = time.Now }()
	libtest.Check(t, "import datetime", []libtest.Case{
		{Expr: `datetime.now() == "Sat Jun 06 16:26:11 1998"`},
		{Expr: `datetime.now("%Y-%m-%dT%H:%M:%S%.3f%z") == "1998-06-06T16:26:11.005+0930"`},
		{Expr: `datetime.now(format="%e|%-d|%_m|%j|%I %p|%l %P|%A %B|%y %C|%u %w|%F %T|%D|%:z|%s|%%") == " 6|6| 6|157|04 PM| 4 pm|Saturday June|98 19|6 6|1998-06-06 16:26:11|06/06/98|+09:30|897116171|%"`},
		{Expr: `datetime.date() == "1998-06-06 16:26:11"`},
		{Expr: `datetime.today() == "1998-06-06 16:26:11.897116171"`},
		{Expr: `datetime.ticks() == 897116171.005`},
		{Expr: `datetime.now("%Q")`, Err: "invalid format string"},
		{Expr: `datetime.validate(datetime.now(), "%a %b %d %H:%M:%S %Y")`},
	}, nil)
}

func TestNondeterministic(t *testing.T) {
	for _, fn := range []string{"now()", "today()", "ticks()", "date()"} {
		libtest.Check(t, "import datetime", []libtest.Case{
			{Expr: "datetime." + fn, Err: "must be deterministic"},
		}, func() *eval.Thread { return &eval.Thread{Deterministic: true} })
	}
	libtest.Check(t, "import datetime", []libtest.Case{
		{Expr: `datetime.validate("2024-02-29", "%Y-%m-%d")`},
	}, func() *eval.Thread { return &eval.Thread{Deterministic: true} })
}

func TestValidate(t *testing.T) {
	tests := []struct {
		date, format string
		want         bool
	}{
		{"2024-08-26", "%Y-%m-%d", true},
		{"1998-06-06", "%Y-%m-%d", true},
		{"2024-13-26", "%Y-%m-%d", false},
		{"2024-06-32", "%Y-%m-%d", false},
		{"2024-08-26abc", "%Y-%m-%d", false},
		{"not-a-date", "%Y-%m-%d", false},
		{"2024-08", "%Y-%m-%d", false},
		{"08-26", "%Y-%m-%d", false},
		{"2024-08-26 10:00", "%Y-%m-%d", false},
		{"2024-02-29", "%Y-%m-%d", true},
		{"2023-02-29", "%Y-%m-%d", false},
		{"2024-8-6", "%Y-%m-%d", true},
		{"2024-08-26 10:00:00", "%Y-%m-%d %H:%M:%S", true},
		{"2024-08-26   10:00:00", "%Y-%m-%d %H:%M:%S", true},
		{"2024-08-26 24:00:00", "%Y-%m-%d %H:%M:%S", false},
		{"10:30", "%H:%M", true},
		{"10", "%H", false},
		{"Sat Jun 06 16:26:11 1998", "%a %b %d %H:%M:%S %Y", true},
		{"Mon Jun 06 16:26:11 1998", "%a %b %d %H:%M:%S %Y", true}, // a valid time of day, as chrono
		{"Mon 1998-06-06", "%a %Y-%m-%d", false},
		{"Sat 1998-06-06", "%a %Y-%m-%d", true},
		{"saturday JUNE 6 1998", "%A %B %e %Y", true},
		{"06/06/98", "%D", true},
		{"1998-157", "%Y-%j", true},
		{"1998-06-06T16:26:11.005+09:30", "%Y-%m-%dT%H:%M:%S%.f%:z", true},
		{"04:26 PM", "%I:%M %p", true},
		{"2024-08-26", "%Y-%m-%d %Q", false},
	}
	for _, tc := range tests {
		if got := Validate(tc.date, tc.format); got != tc.want {
			t.Errorf("Validate(%q, %q) = %v, want %v", tc.date, tc.format, got, tc.want)
		}
	}
}
