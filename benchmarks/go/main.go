// Command litefs4j-bench-go is the Go side of litefs4j's benchmarks. The Java runner
// (io.github.litefs4j.bench.BenchMain) starts it once per round with a mode and flags; it prints
// its results as JSON on stdout (one object, or one object per line in the streaming modes).
//
//	decode     -url U -n N -warmup W      read N tx events from U/events through the Go baseline client
//	decode-mem -file F -rounds R          decode the NDJSON file F from memory, R times
//	halt       -db P -n N -warmup W       litefs-go WithHalt + one INSERT with go-sqlite3, N times
//	monitor    -url U                     Go baseline PrimaryMonitor; prints each state change
//	idle       -url U                     Go baseline PrimaryMonitor; prints its request count on SIGTERM
//	reads      -db P -n N -rounds R       ns per lag and position read (os.ReadFile + parse)
//	lock       -file F -n N -rounds R     ns per litefs-go Halt+Unhalt pair on a local file
//	version                               Go, litefs-go, go-sqlite3 and SQLite versions
package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/signal"
	"path"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	litefs "github.com/superfly/litefs-go"
)

var out = bufio.NewWriter(os.Stdout)

func emit(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fail("json: %v", err)
	}
	out.Write(b)
	out.WriteByte('\n')
	out.Flush()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "litefs4j-bench-go: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: litefs4j-bench-go MODE [flags] (see the package doc)")
	}
	mode, args := os.Args[1], os.Args[2:]
	fs := flag.NewFlagSet(mode, flag.ExitOnError)
	url := fs.String("url", "", "base URL of the node or event server")
	db := fs.String("db", "", "database path in a FUSE mount")
	file := fs.String("file", "", "a local file")
	n := fs.Int("n", 1000, "operations per round")
	warmup := fs.Int("warmup", 1, "warm-up passes or operations")
	rounds := fs.Int("rounds", 1, "rounds")
	fs.Parse(args)

	switch mode {
	case "decode":
		runDecode(*url, *n, *warmup)
	case "decode-mem":
		runDecodeMem(*file, *rounds)
	case "halt":
		runHalt(*db, *n, *warmup)
	case "monitor":
		runMonitor(*url)
	case "idle":
		runIdle(*url)
	case "reads":
		runReads(*db, *n, *rounds)
	case "lock":
		runLock(*file, *n, *rounds)
	case "version":
		runVersion()
	default:
		fail("unknown mode %q", mode)
	}
}

// --- P1: event decode throughput -------------------------------------------------------------

func runDecode(url string, n, warmup int) {
	client := &http.Client{} // as litefs-go's DefaultClient: http.DefaultClient, no timeout
	var ns int64
	var sink uint64
	for pass := 0; pass <= warmup; pass++ {
		sub := Subscribe(client, url)
		start := time.Now()
		count := 0
		for count < n {
			e, err := sub.Next()
			if err != nil {
				fail("decode: after %d tx events: %v", count, err)
			}
			if tx, ok := e.Data.(*TxData); ok {
				count++
				sink += uint64(tx.Commit) + uint64(tx.Timestamp.UnixMilli()) + uint64(len(tx.TXID))
			}
		}
		ns = time.Since(start).Nanoseconds()
		sub.Close()
	}
	emit(map[string]any{"events": n, "ns": ns, "sink": sink})
}

func runDecodeMem(file string, rounds int) {
	buf, err := os.ReadFile(file)
	if err != nil {
		fail("decode-mem: %v", err)
	}
	var perSec []float64
	var sink uint64
	for r := 0; r < rounds; r++ {
		dec := json.NewDecoder(bytes.NewReader(buf))
		start := time.Now()
		count := 0
		for {
			var e Event
			if err := dec.Decode(&e); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				fail("decode-mem: %v", err)
			}
			if tx, ok := e.Data.(*TxData); ok {
				count++
				sink += uint64(tx.Commit) + uint64(tx.Timestamp.UnixMilli())
			}
		}
		perSec = append(perSec, float64(count)/time.Since(start).Seconds())
	}
	emit(map[string]any{"eventsPerSec": perSec, "sink": sink})
}

// --- P2: HALT round trip on a replica with the real litefs-go ----------------------------------

func runHalt(dbPath string, n, warmup int) {
	db, err := sql.Open("sqlite3", "file:"+dbPath+"?_busy_timeout=5000&_sync=NORMAL")
	if err != nil {
		fail("halt: open %s: %v", dbPath, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		fail("halt: open %s: %v", dbPath, err)
	}
	lat := make([]int64, 0, n)
	var acquire, work, release []int64
	for i := 0; i < warmup+n; i++ {
		var inStart, inEnd time.Time
		start := time.Now()
		err := litefs.WithHalt(dbPath, func() error {
			inStart = time.Now()
			_, err := db.Exec("INSERT INTO halt_bench (side, n) VALUES ('go', ?)", i)
			inEnd = time.Now()
			return err
		})
		end := time.Now()
		if err != nil {
			fail("halt: iteration %d: %v", i, err)
		}
		if i >= warmup {
			lat = append(lat, end.Sub(start).Nanoseconds())
			acquire = append(acquire, inStart.Sub(start).Nanoseconds())
			work = append(work, inEnd.Sub(inStart).Nanoseconds())
			release = append(release, end.Sub(inEnd).Nanoseconds())
		}
	}
	emit(map[string]any{"latenciesNs": lat, "acquireNs": acquire, "workNs": work, "releaseNs": release})
}

// --- P3 and P5: primary monitoring --------------------------------------------------------------

func runMonitor(url string) {
	sub := Subscribe(&http.Client{}, url)
	lastErr := ""
	MonitorPrimary(sub,
		func(at time.Time, isPrimary bool, hostname string) {
			lastErr = ""
			emit(map[string]any{"event": "state", "tNs": at.UnixNano(), "isPrimary": isPrimary, "hostname": hostname})
		},
		func(at time.Time, err error) {
			if s := err.Error(); s != lastErr { // the loop may repeat one error very often
				lastErr = s
				emit(map[string]any{"event": "error", "tNs": at.UnixNano(), "error": s})
			}
		})
	select {} // until the runner ends the process
}

func runIdle(url string) {
	sub := Subscribe(&http.Client{}, url)
	MonitorPrimary(sub, nil, nil)
	emit(map[string]any{"event": "started"})
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM, syscall.SIGINT)
	<-term
	emit(map[string]any{"requests": sub.Requests.Load()})
	os.Exit(0)
}

// --- P6: lag and position reads -------------------------------------------------------------------

// lag reads .lag beside the database as litefs-go's Lag does at bcdba8b.
func lag(dbPath string) (time.Duration, error) {
	b, err := os.ReadFile(path.Dir(dbPath) + "/.lag")
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 32)
	if err != nil {
		return 0, err
	}
	if v == math.MaxInt32 {
		return 0, errors.New("initial replication from primary not finished yet")
	}
	return time.Duration(v) * time.Millisecond, nil
}

// position reads <db>-pos: "%016x/%016x\n", TXID and post-apply checksum.
func position(dbPath string) (uint64, uint64, error) {
	b, err := os.ReadFile(dbPath + "-pos")
	if err != nil {
		return 0, 0, err
	}
	s := strings.TrimSpace(string(b))
	if len(s) != 33 || s[16] != '/' {
		return 0, 0, fmt.Errorf("malformed position %q", s)
	}
	txid, err := strconv.ParseUint(s[:16], 16, 64)
	if err != nil {
		return 0, 0, err
	}
	chk, err := strconv.ParseUint(s[17:], 16, 64)
	if err != nil {
		return 0, 0, err
	}
	return txid, chk, nil
}

func runReads(dbPath string, n, rounds int) {
	var lagNs, posNs []float64
	var sink int64
	for r := 0; r < rounds; r++ {
		start := time.Now()
		for i := 0; i < n; i++ {
			d, err := lag(dbPath)
			if err != nil {
				fail("reads: lag: %v", err)
			}
			sink += int64(d)
		}
		lagNs = append(lagNs, float64(time.Since(start).Nanoseconds())/float64(n))
		start = time.Now()
		for i := 0; i < n; i++ {
			txid, _, err := position(dbPath)
			if err != nil {
				fail("reads: position: %v", err)
			}
			sink += int64(txid)
		}
		posNs = append(posNs, float64(time.Since(start).Nanoseconds())/float64(n))
	}
	emit(map[string]any{"lagNs": lagNs, "positionNs": posNs, "sink": sink})
}

// --- HALT lock cost on a local file ------------------------------------------------------------------

func runLock(file string, n, rounds int) {
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		fail("lock: %v", err)
	}
	defer f.Close()
	var perPair []float64
	for r := 0; r < rounds; r++ {
		start := time.Now()
		for i := 0; i < n; i++ {
			if err := litefs.Halt(f); err != nil {
				fail("lock: halt: %v", err)
			}
			if err := litefs.Unhalt(f); err != nil {
				fail("lock: unhalt: %v", err)
			}
		}
		perPair = append(perPair, float64(time.Since(start).Nanoseconds())/float64(n))
	}
	emit(map[string]any{"nsPerPair": perPair})
}

// --- versions ------------------------------------------------------------------------------------------

func runVersion() {
	v := map[string]any{"go": runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			switch d.Path {
			case "github.com/superfly/litefs-go":
				v["litefsGo"] = d.Version
			case "github.com/mattn/go-sqlite3":
				v["goSqlite3"] = d.Version
			}
		}
	}
	lib, _, _ := sqlite3.Version()
	v["sqlite"] = lib
	emit(v)
}
