// Package fixes turns the machine-readable actions of a knowledge-base entry into a
// concrete plan for one project directory and its target: unified diffs for
// .cargo/config.toml, rust-toolchain.toml and Cargo.toml, edited in place so that
// comments and layout stay, and environment changes, which are only listed (and given
// to a build as its environment, never as shell text). Apply writes the files under the
// project's lock, atomically, with backups, keeping modes and owners, after checking that
// none changed since the plan was made; Sandbox copies a project, with nothing in the
// copy leading back out, so that a plan can be tried without touching the tree.
//
// Nothing here prints.
package fixes
