package bad

deny contains msg if {
	resp := http.send({"method": "GET", "url": "https://example.com/allowed"})
	resp.status_code != 200
	msg := "not allowed"
}
