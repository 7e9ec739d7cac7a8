//! factlint: a fact-consistency checker and linter for article corpora.
//!
//! The modules are listed in the order data flows through them:
//! find the articles ([`discover`]) → read each into an article
//! ([`article`]) → load rules and knowledge ([`config`], [`rules`]) → check
//! each article, then the facts of the whole corpus ([`check`]) → keep what
//! is reported ([`engine`]) → mend ([`fix`]) → show ([`render`]); [`verify`]
//! runs the rules' own test cases and states the fuzz targets' invariants, and [`cli`] is the command line. A module
//! imports only [`model`] (leaf value types), [`text`] (text helpers) and the
//! stages before it. Only [`cli`] writes output.
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::too_many_lines)]
// No panic reachable from input: no `unwrap` outside tests. The remaining
// `expect`s are on regexes written in the source ("static regex"), checked
// by the tests that use them.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod model;
pub mod text;

pub mod article;
pub mod check;
pub mod cli;
pub mod config;
pub mod discover;
pub mod engine;
pub mod fix;
pub mod render;
pub mod rules;
pub mod verify;
