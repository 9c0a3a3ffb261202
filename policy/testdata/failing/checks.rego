package failing

double(x) := x * 2

# Two definitions that both hold give a conflict at evaluation time.
size := "small" if input.n < 10

size := "large" if input.n > 0
