package main

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumArgs run Debian's chromium headless with nothing that reaches the network.
func chromiumArgs(t *testing.T) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
}

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: scripts/install-deps.sh installs Debian's chromium (go test -short skips this test)")
	return ""
}

// TestHTMLReportInChromium opens diff's HTML report of the seed pair in headless Chromium: the
// DOM it builds shows the top finding's class and the changed setting, and a screenshot at
// 1280x800 is a rendered page, not a blank one.
func TestHTMLReportInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ciEnv(t)
	browser := chromium(t)
	good, bad := seed+"s11-cross-x86_64.good.log", seed+"s10-cross-riscv32-none-elf.bad.log"
	_, out, _ := cli(t, "", "diff", "--format", "html", good, bad)
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	wantClass, wantSetting := topFindingAndSetting(t, good, bad)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dom, err := exec.CommandContext(ctx, browser, append(chromiumArgs(t), "--dump-dom", "file://"+page)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	top := regexp.MustCompile(`(?s)<section class="finding sev-\w+ top"[^>]*>(.*?)</section>`).FindSubmatch(dom)
	if top == nil {
		t.Fatalf("no top finding in the DOM:\n%s", dom)
	}
	section := string(top[1])
	if !strings.Contains(section, `<span class="class">`+wantClass+`</span>`) {
		t.Errorf("the top finding does not show its class %q:\n%s", wantClass, section)
	}
	if !strings.Contains(section, `<mark class="setting">`+htmlEscape(wantSetting)+`</mark>`) {
		t.Errorf("the top finding does not show the changed setting %q:\n%s", wantSetting, section)
	}
	for _, external := range []string{"<script", "<link", " src=", "@import", "url("} {
		if strings.Contains(string(dom), external) {
			t.Errorf("the report loads something (%s): it must stand alone", external)
		}
	}

	light := screenshot(ctx, t, browser, page)
	checkNotBlank(t, light)
	dark := screenshot(ctx, t, browser, page, "--force-dark-mode")
	checkNotBlank(t, dark)
	// prefers-color-scheme: the page's background follows the browser's scheme
	if l, d := luminance(light.At(2, 2)), luminance(dark.At(2, 2)); l < 0.8 || d > 0.2 {
		t.Errorf("background luminance %.2f light, %.2f dark: the page does not follow prefers-color-scheme", l, d)
	}
}

// screenshot renders the page at 1280x800 and decodes the PNG.
func screenshot(ctx context.Context, t *testing.T, browser, page string, extra ...string) image.Image {
	t.Helper()
	shot := filepath.Join(t.TempDir(), "report.png")
	args := append(chromiumArgs(t), extra...)
	args = append(args, "--screenshot="+shot, "--window-size=1280,800", "file://"+page)
	if msg, err := exec.CommandContext(ctx, browser, args...).CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, msg)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CXLOG_SCREENSHOT_DIR"); dir != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dir, "html-report-diff"+strings.Join(extra, "")+".png"), data, 0o644)
	}
	return img
}

// checkNotBlank: a rendered page has many colours and most pixels off the background.
func checkNotBlank(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != 1280 || b.Dy() != 800 {
		t.Errorf("screenshot is %dx%d, want 1280x800", b.Dx(), b.Dy())
	}
	colours := map[[3]uint32]int{}
	br, bgc, bb, _ := img.At(b.Min.X+2, b.Min.Y+2).RGBA()
	inked := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
			if r != br || g != bgc || bl != bb {
				inked++
			}
		}
	}
	share := float64(inked) / float64(b.Dx()*b.Dy())
	if len(colours) < 50 || share < 0.05 {
		t.Errorf("the screenshot looks blank: %d colours, %.1f%% of pixels not the background", len(colours), 100*share)
	}
	t.Logf("screenshot: %d colours, %.1f%% of pixels not the background", len(colours), 100*share)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// topFindingAndSetting reads diff's JSON for what the HTML report must show: the top finding's
// class and the first setting it stands on (its changed settings, else its crate's first raw
// difference).
func topFindingAndSetting(t *testing.T, good, bad string) (string, string) {
	t.Helper()
	_, out, _ := cli(t, "", "diff", "--json", good, bad)
	var res struct {
		Findings []struct {
			Class, Crate string
			Changed      []struct{ Setting string }
		}
		Differences []struct{ Crate, Aspect, Key string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Findings) == 0 {
		t.Fatalf("diff --json: %v\n%s", err, out)
	}
	top := res.Findings[0]
	if len(top.Changed) > 0 {
		return top.Class, top.Changed[0].Setting
	}
	for _, d := range res.Differences {
		if d.Crate == top.Crate {
			if d.Key != "" {
				return top.Class, d.Key
			}
			return top.Class, d.Aspect
		}
	}
	t.Fatalf("the top finding names no setting: %s", out)
	return "", ""
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
