module github.com/litefs4j/litefs4j/benchmarks/go

go 1.21

require (
	github.com/mattn/go-sqlite3 v1.14.53
	github.com/superfly/litefs-go v0.0.0-20230227231337-34ea5dcf1e0b
)
