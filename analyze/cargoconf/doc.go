// Package cargoconf is doctor's model of what cargo reads before a build: the chain of
// .cargo/config(.toml) files from the directory cargo starts in upward, $CARGO_HOME's config,
// --config arguments, the CARGO_* and RUSTFLAGS environment, Cargo.toml, rust-toolchain(.toml)
// and a custom target's JSON. From them it predicts, per target to be built, the rustflags,
// --target and -C linker cargo will hand rustc, the linker flavor rustc will infer, and the
// problems this setup will cause. It reads a project's inputs, before any log exists, so it
// sits at the top of the flow; it never prints.
//
// The rules follow the cargo book, "Configuration" (doc.rust-lang.org/cargo/reference/config.html),
// cited by section where each is applied, and rustc's linker inference
// (compiler/rustc_codegen_ssa/src/back/link.rs, linker_and_flavor), which package
// analyze/linkerflavor holds for doctor and the rules alike.
package cargoconf
