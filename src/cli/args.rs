//! The command line's arguments, as clap parses them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::diagnostic::Severity;
use crate::render::{ColorChoice, FactsFormat, Format, ListFormat};

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks that the facts in a corpus of articles agree with each other and with what was true on each article's date."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// One command is parsed per process: boxing the largest would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint the corpus (default `corpus/`) with the default rules and any
    /// added with `--rules` or `rule-paths`.
    Check(CheckArgs),
    /// List the loaded rules.
    Rules(RulesArgs),
    /// Show a rule's documentation and settings.
    Explain(ExplainArgs),
    /// List the facts the corpus states: every title given to each person.
    Facts(FactsArgs),
    /// Run the rules' test cases and compare with their snapshots.
    Test(TestArgs),
    /// Write a commented `factlint.toml` here (and, with `--copy-rules`, the
    /// default rules for editing).
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Run the language server (Language Server Protocol over standard
    /// input and output), for editors.
    Server(ServerArgs),
    /// Import officeholders from Wikidata, or show what the knowledge knows
    /// of a person.
    #[command(subcommand)]
    Knowledge(KnowledgeCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum KnowledgeCommand {
    /// Make a knowledge file from Wikidata "position held" (P39) data:
    /// entity JSON, the JSON dump (one entity a line), SPARQL JSON results
    /// or the officeholders CSV. Written to standard output or `--output`.
    Import(ImportArgs),
    /// Print the merged record of a person (by name, id or Q-id) and where
    /// each part of it comes from.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Input files (`-` for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The inputs' format: entities, dump, sparql, csv (default: told by
    /// each file's name and first bytes).
    #[arg(long, value_name = "FORMAT")]
    pub from: Option<crate::rules::knowledge::import::Format>,
    /// The office of SPARQL results that do not name it (a query for one
    /// office's holders), as a Q-id.
    #[arg(long, value_name = "QID")]
    pub office: Option<String>,
    /// The last day the data is known to be right (default: the latest
    /// `modified` of the entities read, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub known_until: Option<chrono::NaiveDate>,
    /// Write the knowledge file here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A name ("Theresa May"), a record id or a Wikidata Q-id.
    pub name: String,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Also write the default rules into this folder (default `rules`) and
    /// load them instead of the built-in ones.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "rules")]
    pub copy_rules: Option<String>,
    /// Write over an existing `factlint.toml` (and rule files).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule ids to test (default: all).
    pub ids: Vec<String>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Accept new and changed snapshots (write them to `snapshots/rules/`).
    #[arg(long)]
    pub update: bool,
    /// Fail on rules without test cases and on warnings about the rule files
    /// (both are only warnings otherwise).
    #[arg(long)]
    pub strict: bool,
    /// Run the default rules' cases too, against the snapshots factlint
    /// ships (in a folder with rules of its own, only those are tested).
    #[arg(long)]
    pub include_defaults: bool,
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Articles or folders to list facts of (default: all).
    pub paths: Vec<PathBuf>,
    /// Only people whose name contains this (case-insensitive).
    #[arg(long, value_name = "NAME", conflicts_with = "dates")]
    pub person: Option<String>,
    /// List the dates found in each article and what they resolve to, instead
    /// of titles.
    #[arg(long)]
    pub dates: bool,
    /// Corpus folder; repeatable; replaces the configured corpus roots.
    #[arg(long = "corpus", value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format: a table; JSON Lines, one title (or date) a line; or
    /// `jsonl`, one line per article of everything `check --facts` needs
    /// (the map of a map–reduce run; see README, "Archive scale").
    #[arg(long, value_enum, default_value_t = FactsFormat::Human)]
    pub format: FactsFormat,
}

/// Where config, corpus and rules come from.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Config file (default: `factlint.toml` in the working directory or the
    /// nearest parent, up to the git root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rule folder or file, added to the default rules; repeatable; replaces
    /// the configured `rule-paths`.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Leave out the default rules: only `--rules` (or `rule-paths`) load.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Leave out the world layer of the default rules (the officials of
    /// Wikidata): titles are judged by the house and your own knowledge.
    #[arg(long)]
    pub no_world_knowledge: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles or folders to report on (default: all); `-` reads one
    /// article from standard input. The whole corpus is still read, so
    /// cross-article checks compare them with it.
    pub paths: Vec<PathBuf>,
    /// Corpus folder; repeatable; replaces the configured corpus roots.
    #[arg(long = "corpus", value_name = "DIR")]
    pub corpus: Vec<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format (`--format` is the same flag: ruff's name and ours).
    #[arg(long = "output-format", visible_alias = "format", value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Globs of paths to leave out, in place of `exclude` in factlint.toml.
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Globs of paths to leave out, besides `exclude` in factlint.toml.
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    pub extend_exclude: Vec<String>,
    /// Check facts files (`factlint facts --format jsonl`, files or folders
    /// of `*.jsonl` and Spark's `part-*` files) instead of the articles: the corpus-wide checks and
    /// the output over the map's facts, without the texts (the reduce).
    #[arg(long = "facts", value_name = "FILE|DIR", num_args = 1.., conflicts_with_all = ["paths", "fix", "diff", "changed"])]
    pub facts: Vec<PathBuf>,
    /// Lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_name = "SEVERITY", default_value = "error", value_parser = parse_severity)]
    pub fail_on: Severity,
    /// Worker threads (default: all cores). Output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Also print remarks on stderr: undated articles whose date checks were
    /// skipped, folders that could not be read.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print the settings in force (the config file found, the corpus
    /// roots, excludes, rule folders, every rule's severity) and check
    /// nothing, as `ruff check --show-settings` does.
    #[arg(long)]
    pub show_settings: bool,
    /// Print how many diagnostics each rule gave, most first, instead of the
    /// diagnostics (as JSON with `--format json`).
    #[arg(long)]
    pub statistics: bool,
    /// Only these rules: ids or families (`date`, `title-not-held`), comma
    /// separated; an id names a rule that is off too. `all` for every rule.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// These rules too, on top of the selection (or of the rules that are on).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Never these rules (ids or families); wins over `--select`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 0 even when diagnostics are found (tool errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the diagnostics and nothing else: no summary, no fix counts.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// With `-` as the path: the name of the article read from standard
    /// input (its date and folder count, as for a file); default `stdin.md`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Report only on articles added or changed relative to a git base
    /// (untracked articles count as changed); the whole corpus is still read.
    #[arg(long)]
    pub changed: bool,
    /// The git base for `--changed` (default: the merge-base with the
    /// default branch).
    #[arg(long, value_name = "REF", requires = "changed")]
    pub base: Option<String>,
    /// Leave out the diagnostics recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record this run's diagnostics in a baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply safe fixes to the articles.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`, apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 if any).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// List the fixes by file and rule on stderr: those `--fix` made, or
    /// without it those it would make (ruff's flag).
    #[arg(long)]
    pub show_fixes: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `term-belt-and-road`.
    pub id: String,
    #[command(flatten)]
    pub sources: SourceArgs,
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| format!("expected `error`, `warning` or `info`, not `{text}`"))
}

#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
}
