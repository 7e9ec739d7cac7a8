//! factlint: a fact-consistency checker and linter for article corpora.
//!
//! Data flows one way: discover articles ([`corpus`]) → read and parse them
//! ([`article`]) → load rules and knowledge ([`rules`]) → check each article
//! and extract facts ([`check`]) → check facts across the corpus → render
//! ([`render`]). [`engine`] drives the pipeline. [`span`], [`diagnostic`],
//! [`fix`] and [`facts`] are leaf types every stage uses. Only [`render`] and
//! [`cli`] write output.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// No panic reachable from input: no `unwrap` outside tests. The remaining
// `expect`s are on regexes written in the source ("static regex"), checked
// by the tests that use them.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod article;
pub mod autofix;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod diagnostic;
pub mod engine;
pub mod facts;
pub mod fix;
pub mod git;
pub mod matcher;
pub mod render;
pub mod rules;
pub mod source;
pub mod span;
pub mod suppress;
pub mod testing;
