// Package fixes turns the machine-readable actions of a knowledge-base entry into a
// concrete plan for one project directory: unified diffs for .cargo/config.toml,
// rust-toolchain.toml and Cargo.toml, edited in place so that comments and layout
// stay, and environment changes, which are only listed. Apply writes the files
// atomically, with backups, after checking that none changed since the plan was made;
// Sandbox copies a project so that a plan can be tried without touching the tree.
//
// Nothing here prints.
package fixes
