//! Why a command could not do its work: the tool's own errors, as opposed to
//! the diagnostics it reports on articles. Each maps to an exit code; only
//! errors in rule and config files carry TOML spans (they are diagnostics,
//! rendered with their snippets).

use std::path::PathBuf;

use crate::model::diagnostic::Diagnostic;
use crate::model::source::SourceDb;

/// Exit code of a run that found nothing at or above `--fail-on`.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code of a run that found something at or above `--fail-on`.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code of a run that could not do its work: a tool or usage error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Errors in rule files or `factlint.toml`, every one found, each with
    /// the TOML span it is about; `db` holds the files they point into.
    #[error("could not load the configuration and rules: {count} error{s}", count = errors.len(), s = if errors.len() == 1 { "" } else { "s" })]
    Rules { db: Box<SourceDb>, errors: Vec<Diagnostic> },
    /// A corpus root or named article that cannot be walked.
    #[error("{0}")]
    Corpus(String),
    /// `--changed` could not ask git what changed.
    #[error("{0}")]
    Git(String),
    /// A `--baseline` file that cannot be read or is not a baseline.
    #[error("{0}")]
    Baseline(String),
    /// Writing a file factlint was asked to write (`--write-baseline`).
    #[error("cannot write {what} `{}`: {source}", path.display())]
    Write {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// The command line names something that is not there (`explain` of an
    /// unknown rule).
    #[error("{message}")]
    Usage { message: String, help: Vec<String> },
    /// Writing the output.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The process exit code for this error: a closed pipe
    /// (`factlint check | head`) is not a failure, everything else is 2.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Io(error) if error.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
            Error::Rules { .. }
            | Error::Corpus(_)
            | Error::Git(_)
            | Error::Baseline(_)
            | Error::Write { .. }
            | Error::Usage { .. }
            | Error::Io(_) => EXIT_ERROR,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_not_a_failure_and_every_other_error_is_exit_2() {
        let pipe = Error::Io(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(pipe.exit_code(), EXIT_CLEAN);
        assert_eq!(Error::Git("not a git repository".into()).exit_code(), EXIT_ERROR);
        let rules = Error::Rules {
            db: Box::default(),
            errors: Vec::new(),
        };
        assert_eq!(rules.exit_code(), EXIT_ERROR);
        assert_eq!(
            rules.to_string(),
            "could not load the configuration and rules: 0 errors"
        );
    }
}
