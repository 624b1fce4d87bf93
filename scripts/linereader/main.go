// Command linereader counts the lines of a file with a bare bufio.Scanner: the reference that
// scripts/bench.sh puts next to cxlog parse, a reader that does nothing with its lines.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: linereader FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "linereader:", err)
		os.Exit(2)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	lines := 0
	for sc.Scan() {
		lines++
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "linereader:", err)
		os.Exit(1)
	}
	fmt.Println(lines)
}
