package failing_test

import data.failing

test_pass if failing.double(2) == 4

test_fail if failing.double(2) == 5

todo_test_later if false

test_error if failing.size == "small" with input as {"n": 5}
