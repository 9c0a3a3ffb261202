package bad

warn contains msg if {
	time.now_ns() > 0
	msg := "it is late"
}
