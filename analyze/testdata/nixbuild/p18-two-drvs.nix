# Two builds of the cxlog pairs project (build/bench/pairs.sh, pair p18) as Nix derivations:
# ./good as it is, ./bad with a build script that also prints cargo:rustc-link-arg=-Tdefmt.x.
# The builder is cargo -vv from the bench toolchain (build/bench/prepare.sh), run with the
# sandbox off so that it can reach it.
let
  fw = name: src: derivation {
    inherit name src;
    system = "x86_64-linux";
    builder = "/bin/sh";
    args = [ "-c" ''
      PATH=/usr/bin:/bin
      . /root/.cache/cxlog-bench/env.sh
      export CARGO_HOME="$TMPDIR/cargo-home"
      cp -r "$src" "$TMPDIR/fw" && chmod -R u+w "$TMPDIR/fw" && cd "$TMPDIR/fw"
      "$CARGO" build -vv --release && mkdir -p "$out"
    '' ];
  };
in [ (fw "cxlog-fw-good" ./good) (fw "cxlog-fw-bad" ./bad) ]
