package bad

deny contains msg if {
	rand.intn("dice", 6) == 0
	msg := "unlucky"
}
