package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestScanLoadsIntoClickHouse is cxlog scan's output in a real log store: Debian's ClickHouse
// server, started on loopback with its own configuration and data in a temporary directory,
// takes the corpus's --format ndjson unchanged with FORMAT JSONEachRow into the table of
// scripts/clickhouse-logs.sql, and its count by class is cxlog eval's on the same logs.
func TestScanLoadsIntoClickHouse(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a ClickHouse server")
	}
	outsideCI(t)
	server, err1 := exec.LookPath("clickhouse-server")
	client, err2 := exec.LookPath("clickhouse-client")
	if err1 != nil || err2 != nil {
		t.Fatal("clickhouse-server and clickhouse-client are needed (bash scripts/install-deps.sh)")
	}
	ch := startClickHouse(t, server, client)
	ddl, err := os.ReadFile("../../scripts/clickhouse-logs.sql")
	if err != nil {
		t.Fatal(err)
	}
	ch.query(t, nil, sqlWithoutComments(string(ddl)))

	// the labelled logs of the corpus, as cxlog eval reads and classifies them
	code, out, stderr := cli(t, "", "eval", "--format", "json", "../../corpus")
	if code != exitOK {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	var ev struct {
		Cases []struct {
			Path      string
			Predicted []string
		}
	}
	if err := json.Unmarshal([]byte(out), &ev); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	var list strings.Builder
	for _, c := range ev.Cases {
		want[c.Predicted[0]]++
		list.WriteString(c.Path + "\n")
	}
	if len(ev.Cases) < 100 {
		t.Fatalf("eval read only %d cases", len(ev.Cases))
	}
	code, ndjson, stderr := cli(t, list.String(), "scan", "--format", "ndjson", "-")
	if code != exitOK || stderr != "" {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	ch.query(t, strings.NewReader(ndjson), "INSERT INTO cxlog_logs FORMAT JSONEachRow",
		"--input_format_import_nested_json=1", "--input_format_skip_unknown_fields=1", "--date_time_input_format=best_effort")

	got := map[string]int{}
	rows := ch.query(t, nil, "SELECT `Attributes.cxlog.class`, count() FROM cxlog_logs GROUP BY `Attributes.cxlog.class` FORMAT TabSeparated")
	for _, row := range strings.Split(strings.TrimSpace(rows), "\n") {
		var class string
		var n int
		if _, err := fmt.Sscanf(row, "%s\t%d", &class, &n); err != nil {
			t.Fatalf("row %q: %v", row, err)
		}
		got[class] = n
	}
	if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
		t.Errorf("ClickHouse counts by class\n%v\ncxlog eval's\n%v", sorted(got), sorted(want))
	}
	// every field arrived: no empty fingerprint or path, the confidences and times kept
	check := ch.query(t, nil, "SELECT count(), countIf(`Attributes.cxlog.fingerprint` = ''), countIf(`Attributes.log.file.path` = ''), "+
		"countIf(`Attributes.cxlog.confidence` >= 0.9 AND `Attributes.cxlog.class` != 'unknown'), countIf(Timestamp < toDateTime('2000-01-01 00:00:00')) FROM cxlog_logs FORMAT TabSeparated")
	var total, noFP, noPath, confident, noTime int
	fmt.Sscanf(check, "%d\t%d\t%d\t%d\t%d", &total, &noFP, &noPath, &confident, &noTime)
	named := len(ev.Cases) - want["unknown"]
	if total != len(ev.Cases) || noFP != 0 || noPath != 0 || confident != named || noTime != 0 {
		t.Errorf("rows %d (want %d), without fingerprint %d, without path %d, named with confidence >= 0.9 %d (want %d), without time %d",
			total, len(ev.Cases), noFP, noPath, confident, named, noTime)
	}
}

func sorted(m map[string]int) []string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(out)
	return out
}

func sqlWithoutComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

type clickHouse struct {
	client string
	port   int
}

func (c *clickHouse) query(t *testing.T, stdin *strings.Reader, q string, settings ...string) string {
	t.Helper()
	out, err := c.run(stdin, q, settings...)
	if err != nil {
		t.Fatalf("clickhouse-client %s: %v\n%s", q, err, out)
	}
	return out
}

func (c *clickHouse) run(stdin *strings.Reader, q string, settings ...string) (string, error) {
	args := append([]string{"--host", "127.0.0.1", "--port", fmt.Sprint(c.port)}, settings...)
	cmd := exec.Command(c.client, append(args, "--query", q)...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// startClickHouse runs a server as the current user on free loopback ports, with its
// configuration, data and logs in a temporary directory, and stops it when the test ends.
func startClickHouse(t *testing.T, server, client string) *clickHouse {
	t.Helper()
	dir := t.TempDir()
	tcp, http := freePort(t), freePort(t)
	users := `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`
	config := fmt.Sprintf(`<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>%[1]s/server.log</log><errorlog>%[1]s/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>%[2]d</tcp_port>
  <http_port>%[3]d</http_port>
  <path>%[1]s/data/</path>
  <tmp_path>%[1]s/tmp/</tmp_path>
  <user_files_path>%[1]s/user_files/</user_files_path>
  <format_schema_path>%[1]s/format_schemas/</format_schema_path>
  <users_config>%[1]s/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>5368709120</mark_cache_size>
</yandex>
`, dir, tcp, http)
	os.WriteFile(filepath.Join(dir, "users.xml"), []byte(users), 0o644)
	os.WriteFile(filepath.Join(dir, "config.xml"), []byte(config), 0o644)
	cmd := exec.Command(server, "--config-file="+filepath.Join(dir, "config.xml"))
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	ch := &clickHouse{client: client, port: tcp}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			errLog, _ := os.ReadFile(filepath.Join(dir, "server.err.log"))
			t.Fatalf("clickhouse-server exited: %v\n%s\n%s", err, out.String(), errLog)
		default:
		}
		if v, err := ch.run(nil, "SELECT version()"); err == nil {
			t.Logf("ClickHouse %s on 127.0.0.1:%d", strings.TrimSpace(v), tcp)
			return ch
		}
		if time.Now().After(deadline) {
			t.Fatalf("clickhouse-server did not answer on port %d within 60 s\n%s", tcp, out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
