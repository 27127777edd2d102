package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeStartup builds the zhifa binary, starts `zhifa serve --demo` on a fresh data
// directory and reports the time until /readyz answers (migrations and the demo county included)
// and the resident memory after the server has idled for a few seconds.
func BenchmarkServeStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "zhifa")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	var startup time.Duration
	var rss int64
	for b.Loop() {
		addr := freeAddr(b)
		cmd := exec.Command(bin, "serve", "--demo", "--addr", addr, "--data-dir", b.TempDir(), "--log-level", "warn")
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		waitReady(b, "http://"+addr+"/readyz")
		startup += time.Since(start)
		b.StopTimer()
		time.Sleep(3 * time.Second)
		rss = max(rss, residentKB(b, cmd.Process.Pid))
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		b.StartTimer()
	}
	b.ReportMetric(float64(startup.Milliseconds())/float64(b.N), "startup-ms")
	b.ReportMetric(float64(rss)/1024, "idle-RSS-MB")
}

func freeAddr(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(b *testing.B, url string) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.Fatal("server not ready within 60s")
}

func residentKB(b *testing.B, pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skip("no /proc on this system")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.Fields(rest)[0], 10, 64)
			return kb
		}
	}
	return 0
}
