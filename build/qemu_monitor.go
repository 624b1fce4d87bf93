package build

import (
	"bytes"
	"fmt"
	"net"
	"time"
)

const monitorPrompt = "(qemu) "

// runMonitorCommand sends one command to a QEMU human monitor on a unix socket
// and waits until the monitor prompts again, which means the command has run.
func runMonitorCommand(socketPath, command string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	conn, err := dialUntil(socketPath, deadline)
	if err != nil {
		return fmt.Errorf("QEMU monitor: %w", err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(deadline); err != nil {
		return fmt.Errorf("QEMU monitor: %w", err)
	}
	var received bytes.Buffer
	if err := readPrompts(conn, &received, 1); err != nil {
		return fmt.Errorf("QEMU monitor: waiting for the prompt: %w", err)
	}
	if _, err := conn.Write([]byte(command + "\n")); err != nil {
		return fmt.Errorf("QEMU monitor: send %q: %w", command, err)
	}
	if err := readPrompts(conn, &received, 2); err != nil {
		return fmt.Errorf("QEMU monitor: %q did not complete: %w", command, err)
	}
	return nil
}

// dialUntil retries while QEMU has not created the socket yet.
func dialUntil(socketPath string, deadline time.Time) (net.Conn, error) {
	for {
		conn, err := net.DialTimeout("unix", socketPath, time.Until(deadline))
		if err == nil || time.Now().After(deadline) {
			return conn, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// readPrompts reads into received until it holds `count` prompts.
func readPrompts(conn net.Conn, received *bytes.Buffer, count int) error {
	buf := make([]byte, 512)
	for bytes.Count(received.Bytes(), []byte(monitorPrompt)) < count {
		n, err := conn.Read(buf)
		received.Write(buf[:n])
		if err != nil {
			return err
		}
	}
	return nil
}
