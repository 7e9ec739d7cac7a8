//! The command line, the only code that prints: one file per command. Each
//! parses nothing itself (clap has, in [`args`]), loads one
//! [`Session`], calls the engine, renders, and returns the exit code:
//! 0 clean, 1 diagnostics at or above `--fail-on`, 2 a tool or usage error
//! ([`Error::exit_code`]).
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod check;
mod facts;
mod init;
mod knowledge;
mod rules;
mod server;
mod test;

use std::io::{IsTerminal, Write};

pub use args::*;

use crate::engine::{Options, Session};
use crate::model::diagnostic::plural;
use crate::model::error::Error;
pub use crate::model::error::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::render::{ColorChoice, human};

/// Runs the parsed command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    // An interrupted write leaves no temporary file behind.
    crate::engine::write::remove_pending_on_signals();
    let color = match &cli.command {
        Command::Check(args) => args.sources.color,
        Command::Rules(args) => args.sources.color,
        Command::Explain(args) => args.sources.color,
        Command::Facts(args) => args.sources.color,
        Command::Test(args) => args.sources.color,
        Command::Knowledge(KnowledgeCommand::Import(args)) => args.sources.color,
        Command::Knowledge(KnowledgeCommand::Show(args)) => args.sources.color,
        Command::Server(args) => args.sources.color,
        Command::Init(_) | Command::Completions(_) => ColorChoice::Auto,
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::explain(args),
        Command::Facts(args) => facts::run(args),
        Command::Test(args) => test::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions(&args),
        Command::Server(args) => server::run(args),
        Command::Knowledge(KnowledgeCommand::Import(args)) => knowledge::import(args),
        Command::Knowledge(KnowledgeCommand::Show(args)) => knowledge::show(args),
    };
    result.unwrap_or_else(|error| {
        // The error is reported on stderr; if even that fails there is
        // nowhere left to say so.
        let _ = report_error(&error, color);
        error.exit_code()
    })
}

/// `factlint completions SHELL`: the shell's completion script on stdout.
/// The rule ids it completes (`--select`, `--ignore`, `explain`, `test`)
/// are those loaded where it runs: the default rules, and the folder's own
/// when its config and rules load (else the default rules alone).
fn completions(args: &CompletionsArgs) -> Result<i32, Error> {
    use clap::CommandFactory;
    use clap::builder::PossibleValuesParser;
    let ids = rule_ids();
    let mut selectable: Vec<String> = ["all", "article", "date", "place", "term", "title"]
        .iter()
        .map(|family| (*family).to_string())
        .chain(ids.iter().cloned())
        .collect();
    selectable.sort();
    selectable.dedup();
    // clap keeps its values for the program's life; this one ends after
    // printing the script.
    let values = |list: &[String]| {
        PossibleValuesParser::new(
            list.iter()
                .map(|v| -> &'static str { Box::leak(v.clone().into_boxed_str()) }),
        )
    };
    let command = Cli::command()
        .mut_subcommand("check", |check| {
            ["select", "extend_select", "ignore"]
                .into_iter()
                .fold(check, |check, arg| {
                    check.mut_arg(arg, |a| a.value_parser(values(&selectable)))
                })
        })
        .mut_subcommand("explain", |explain| {
            explain.mut_arg("id", |a| a.value_parser(values(&ids)))
        })
        .mut_subcommand("test", |test| test.mut_arg("ids", |a| a.value_parser(values(&ids))));
    clap_complete::generate(
        args.shell,
        &mut command.clone(),
        "factlint",
        &mut std::io::stdout().lock(),
    );
    Ok(EXIT_CLEAN)
}

/// Every rule id loaded in the current folder, sorted; the default rules'
/// alone when its config or rules do not load.
fn rule_ids() -> Vec<String> {
    let loaded = Session::load(Options::default()).or_else(|_| {
        Session::load(Options {
            no_rule_paths: true,
            ..Options::default()
        })
    });
    let mut ids: Vec<String> = crate::rules::registry::BUILTIN_RULES
        .iter()
        .map(|rule| rule.id.to_string())
        .collect();
    if let Ok(session) = loaded {
        ids.extend(session.rules.checks.iter().map(|c| c.meta.id.clone()));
        std::mem::forget(session);
    }
    ids.sort();
    ids.dedup();
    ids
}

/// Whether to colour a stream.
fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The session options every command shares.
fn options(sources: &SourceArgs) -> Options {
    Options {
        config: sources.config.clone(),
        rules: sources.rules.clone(),
        no_default_rules: sources.no_default_rules,
        no_world_knowledge: sources.no_world_knowledge,
        keep_texts: true,
        ..Options::default()
    }
}

/// Writes what `render` writes to `path` whole or not at all (see
/// [`crate::engine::write::write_whole`]). `what` names the file in the
/// error ("report", "knowledge file").
fn write_whole(
    path: &std::path::Path,
    what: &'static str,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let failed = |source| Error::Write {
        what,
        path: path.to_path_buf(),
        source,
    };
    crate::engine::write::write_whole(path, render).map_err(failed)
}

/// Loads the session for a command and shows the warnings about the rule
/// files on stderr (they never change the exit code of `check`).
///
/// The session is never dropped: the process ends after the command, and
/// freeing the world layer's tens of thousands of records one by one took
/// a sixth of a small run.
fn load(options: Options, color: ColorChoice) -> Result<std::mem::ManuallyDrop<Session>, Error> {
    let session = Session::load(options)?;
    let warnings = &session.rules.warnings;
    if !warnings.is_empty() {
        let color = use_color(color, std::io::stderr().is_terminal());
        let mut err = std::io::stderr().lock();
        err.write_all(human::to_string(&session.db, warnings, color).as_bytes())?;
        writeln!(
            err,
            "warning: the rules loaded with {}",
            plural(warnings.len(), "warning")
        )?;
    }
    Ok(std::mem::ManuallyDrop::new(session))
}

/// Shows a tool error on stderr: rule and config errors with their TOML
/// snippets, the others as one line (and their help).
fn report_error(error: &Error, color: ColorChoice) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    match error {
        Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Error::Rules { db, errors } => {
            let color = use_color(color, std::io::stderr().is_terminal());
            err.write_all(human::to_string(db, errors, color).as_bytes())?;
            writeln!(err, "error: {error}")
        }
        Error::Usage { help, .. } => {
            writeln!(err, "error: {error}")?;
            help.iter().try_for_each(|line| writeln!(err, "help: {line}"))
        }
        // Labelled by what failed, as rule errors are by `rule-file`.
        Error::Corpus(_) => writeln!(err, "error[corpus]: {error}"),
        Error::Git(_) => writeln!(err, "error[git]: {error}"),
        Error::Baseline(_) => writeln!(err, "error[baseline]: {error}"),
        Error::Write { .. } => writeln!(err, "error[write]: {error}"),
        Error::Io(_) => writeln!(err, "error[io]: {error}"),
    }
}
