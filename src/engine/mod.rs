//! The pipeline: config → rules → discover → read and check each article in
//! parallel → corpus-wide checks → sorted diagnostics.
//!
//! Nothing here prints; the caller renders the [`Run`].

pub mod baseline;
pub mod suppress;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article;
use crate::check::Checker;
use crate::config::Config;
use crate::discover::{self, normalize};
use crate::model::diagnostic::{self, Diagnostic, Severity};
use crate::model::fact::Fact;
use crate::model::source::SourceDb;
use crate::model::span::{FileId, Span};
use crate::rules::registry::BUILTIN_RULES;
use crate::rules::{self, RuleSet};

/// What the command line asks for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config FILE`; else `factlint.toml` in the working directory.
    pub config: Option<PathBuf>,
    /// `--corpus DIR` (repeatable): replaces the configured corpus roots.
    pub corpus: Vec<PathBuf>,
    /// `--rules DIR` (repeatable): replaces the configured rule folders.
    pub rules: Vec<PathBuf>,
    /// Articles (or folders) to report on; empty means all. The whole corpus
    /// is still read as context for cross-article checks.
    pub paths: Vec<PathBuf>,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// `--changed [--base REF]`: report only on articles changed relative to
    /// a git base (`Some(None)`: the default branch).
    pub changed: Option<Option<String>>,
    /// `--baseline FILE`: leave out the diagnostics recorded in it.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline FILE`: record this run's diagnostics in it.
    pub write_baseline: Option<PathBuf>,
    /// Keep every fact and every article's text (for `factlint facts`);
    /// otherwise only what the corpus-wide checks need is kept, and texts
    /// are read again only for articles with diagnostics.
    pub keep_facts: bool,
    /// Keep the text of every article with diagnostics from the moment it
    /// is read (`--fix` and `--diff` need it; so does human output). JSON
    /// output reads flagged articles back from disk one at a time instead.
    pub keep_texts: bool,
    /// Told how the run goes, for a progress bar.
    pub progress: Option<ProgressHook>,
}

/// A step of a check run, as told to a [`ProgressHook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The corpus is discovered: this many articles will be checked.
    Started { articles: usize },
    /// One more article is checked (called from worker threads).
    Checked,
    /// Every article is checked; the corpus-wide pass and output follow.
    Finished,
}

/// Receives [`Progress`]; the engine itself never draws anything.
#[derive(Clone)]
pub struct ProgressHook(pub std::sync::Arc<dyn Fn(Progress) + Send + Sync>);

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHook")
    }
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read (the corpus plus any named paths).
    pub articles: usize,
    /// Articles reported on.
    pub reported: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Diagnostics left out by inline suppressions or per-path ignores.
    pub suppressed: usize,
    /// Diagnostics left out because the baseline records them.
    pub baselined: usize,
}

/// A finished check run.
#[derive(Debug)]
pub struct Run {
    pub db: SourceDb,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Remarks for `--verbose` (skipped checks, unreadable folders).
    pub notes: Vec<String>,
    /// The facts of the articles reported on (for `factlint facts`).
    pub facts: Vec<Fact>,
    /// The articles reported on, in path order.
    pub reported: Vec<FileId>,
    /// Every rule, for formats that list them (SARIF).
    pub rules: Vec<RuleInfo>,
    /// Warnings about the rule files themselves (knowledge that contradicts
    /// itself); the CLI shows them on stderr.
    pub rule_warnings: Vec<Diagnostic>,
}

/// A rule as output formats describe it.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub id: String,
    /// `builtin`, or the check kind.
    pub kind: String,
    /// The effective severity; `None` when switched off.
    pub severity: Option<Severity>,
    pub description: Option<String>,
    /// The rule file, for TOML rules.
    pub path: Option<String>,
}

impl Loaded {
    /// Every rule, built-in and TOML, sorted by id.
    pub fn rule_infos(&self) -> Vec<RuleInfo> {
        let level = |id: &str| self.levels.get(id).copied().flatten();
        let mut infos: Vec<RuleInfo> = BUILTIN_RULES
            .iter()
            .map(|b| RuleInfo {
                id: b.id.to_string(),
                kind: "builtin".to_string(),
                severity: level(b.id),
                description: Some(b.description.to_string()),
                path: None,
            })
            .collect();
        infos.extend(self.rules.checks.iter().map(|c| RuleInfo {
            id: c.meta.id.clone(),
            kind: c.meta.kind.to_string(),
            severity: level(&c.meta.id),
            description: c.meta.description.clone(),
            path: Some(self.db.name(c.meta.id_span.file).to_string()),
        }));
        infos.sort_by(|a, b| a.id.cmp(&b.id));
        infos
    }
}

/// Why a run could not start: rule, config or usage errors (exit code 2).
#[derive(Debug)]
pub struct Failure {
    pub db: SourceDb,
    pub errors: Vec<Diagnostic>,
}

/// The loaded configuration and rules, with the settings of `factlint.toml`
/// applied: what `check`, `rules` and `explain` all start from.
pub struct Loaded {
    pub db: SourceDb,
    pub config: Config,
    pub rules: RuleSet,
    /// Effective severity of every rule id (built-in and TOML); `None` when
    /// the rule is switched off.
    pub levels: HashMap<String, Option<Severity>>,
}

/// Loads config and rules; every error found is returned at once.
pub fn load(options: &Options) -> Result<Loaded, Failure> {
    let mut db = SourceDb::new();
    let config = match Config::load(options.config.as_deref(), &mut db) {
        Ok(config) => config,
        Err(errors) => return Err(Failure { db, errors }),
    };
    let rule_roots = if options.rules.is_empty() {
        config.rule_paths.clone()
    } else {
        options.rules.clone()
    };
    let mut rules = match rules::load(&rule_roots, &mut db) {
        Ok(rules) => rules,
        Err(errors) => return Err(Failure { db, errors }),
    };
    let is_known = |id: &str| BUILTIN_RULES.iter().any(|b| b.id == id) || rules.get(id).is_some();
    let errors = config.unknown_rule_errors(is_known);
    if !errors.is_empty() {
        return Err(Failure { db, errors });
    }
    let mut levels: HashMap<String, Option<Severity>> = HashMap::new();
    for builtin in BUILTIN_RULES {
        levels.insert(builtin.id.to_string(), Some(builtin.severity));
    }
    for check in &rules.checks {
        levels.insert(check.meta.id.clone(), check.meta.enabled.then_some(check.meta.severity));
    }
    for setting in &config.rules {
        let level = levels.entry(setting.id.clone()).or_insert(None);
        let severity = setting
            .severity
            .or(*level)
            .or_else(|| rules.get(&setting.id).map(|c| c.meta.severity));
        *level = match setting.enabled {
            Some(false) => None,
            Some(true) => severity,
            None => level.and(severity),
        };
    }
    for check in &mut rules.checks {
        let level = levels.get(&check.meta.id).copied().flatten();
        check.meta.enabled = level.is_some();
        if let Some(severity) = level {
            check.meta.severity = severity;
        }
    }
    Ok(Loaded {
        db,
        config,
        rules,
        levels,
    })
}

/// Runs `factlint check`.
pub fn check(options: &Options) -> Result<Run, Failure> {
    let loaded = load(options)?;
    let rule_infos = loaded.rule_infos();
    let Loaded {
        mut db,
        config,
        mut rules,
        levels,
    } = loaded;
    let rule_warnings = std::mem::take(&mut rules.warnings);
    let roots = if options.corpus.is_empty() {
        config.corpus.clone()
    } else {
        options.corpus.clone()
    };
    let mut discovered = match discover::discover(&roots, &config.exclude, &config.root) {
        Ok(found) => found,
        Err(message) => {
            return Err(Failure {
                db,
                errors: vec![rules::plain_error(message)],
            });
        }
    };
    // Named paths are reported on; any outside the corpus are read too.
    let mut reported: Option<HashSet<PathBuf>> = None;
    if let Some(base) = &options.changed {
        let changed = match crate::discover::git::changed_files(&config.root, base.as_deref()) {
            Ok(files) => files,
            Err(message) => {
                return Err(Failure {
                    db,
                    errors: vec![rules::plain_error(message)],
                });
            }
        };
        reported = Some(changed.iter().map(|p| normalize(p)).collect());
    }
    if !options.paths.is_empty() {
        let named = match discover::discover(&options.paths, &config.exclude, &config.root) {
            Ok(found) => found,
            Err(message) => {
                return Err(Failure {
                    db,
                    errors: vec![rules::plain_error(message)],
                });
            }
        };
        let named_set: HashSet<PathBuf> = named.articles.iter().map(|p| normalize(p)).collect();
        // With `--changed` too, report on what is both named and changed.
        reported = Some(match reported {
            Some(changed) => named_set.intersection(&changed).cloned().collect(),
            None => named_set,
        });
        discovered.articles.extend(named.articles);
        discovered.notes.extend(named.notes);
        discover::sort_and_dedup(&mut discovered.articles);
    }

    let first_article = db.len();
    // The paths move into the file database: one copy, however large the corpus.
    let article_count = discovered.articles.len();
    for path in std::mem::take(&mut discovered.articles) {
        db.add(path, String::new());
    }
    let checker = if options.keep_facts {
        Checker::new(&rules).with_date_facts()
    } else {
        Checker::new(&rules)
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build();
    let tell = |step: Progress| {
        if let Some(hook) = &options.progress {
            (hook.0)(step);
        }
    };
    tell(Progress::Started {
        articles: article_count,
    });
    let work = |index: usize| {
        let file = FileId(u32::try_from(first_article + index).unwrap_or(u32::MAX));
        let path = db.get(file).map_or(Path::new(""), |f| f.path());
        let mut result = check_file(file, path, &checker);
        if !options.keep_facts {
            // Memory stays proportional to what is found, not to the corpus:
            // texts are read again for the articles that have diagnostics.
            result.facts.retain(Fact::is_corpus_fact);
            if result.diagnostics.is_empty() || !options.keep_texts {
                result.text = String::new();
            }
        }
        tell(Progress::Checked);
        // Most articles leave nothing behind: one null pointer each.
        (!result.is_empty()).then(|| Box::new(result))
    };
    let results: Vec<Option<Box<FileResult>>> = match pool {
        Ok(pool) => pool.install(|| (0..article_count).into_par_iter().map(work).collect()),
        Err(_) => (0..article_count).map(work).collect(),
    };
    tell(Progress::Finished);

    let mut diagnostics = Vec::new();
    let mut facts: Vec<Fact> = Vec::new();
    let mut notes = discovered.notes;
    let mut suppressions: Vec<(FileId, Vec<crate::engine::suppress::Suppression>)> = Vec::new();
    for result in results.into_iter().flatten() {
        if result.undated {
            notes.push(format!(
                "{}: no publication date; date-dependent checks skipped",
                db.name(result.file)
            ));
        }
        if !result.suppressions.is_empty() {
            suppressions.push((result.file, result.suppressions));
        }
        if result.text.is_empty() && !result.readable {
            db.set_no_source(result.file);
        }
        db.set_text(result.file, result.text);
        diagnostics.extend(result.diagnostics);
        facts.extend(result.facts);
    }
    let text_of = |span: Span| db.text_at(span);
    diagnostics.extend(checker.check_corpus(&facts, &text_of));

    // Settings from factlint.toml, then the reported subset.
    diagnostics.retain_mut(|d| match levels.get(&d.rule) {
        Some(None) => false,
        Some(Some(severity)) => {
            d.severity = *severity;
            true
        }
        None => true,
    });
    // Per-path ignores, then inline suppressions.
    let before = diagnostics.len();
    diagnostics.retain(|d| !config.ignores(db.name(d.file()), &d.rule));
    let mut suppressed = before - diagnostics.len();
    for (file, mut list) in suppressions {
        suppressed += crate::engine::suppress::apply(file, &mut list, &mut diagnostics);
    }
    diagnostics.retain(|d| levels.get(&d.rule).is_none_or(Option::is_some));
    let is_reported = |file: FileId| {
        reported
            .as_ref()
            .is_none_or(|set| db.get(file).is_some_and(|f| set.contains(&normalize(f.path()))))
    };
    diagnostics.retain(|d| is_reported(d.file()));
    diagnostic::sort(&mut diagnostics, |file| db.name(file).to_string());
    if let Some(path) = &options.write_baseline
        && let Err(error) = crate::engine::baseline::write(path, &db, &diagnostics)
    {
        return Err(Failure {
            db,
            errors: vec![rules::plain_error(format!(
                "cannot write baseline `{}`: {error}",
                path.display()
            ))],
        });
    }
    let mut baselined = 0;
    if let Some(path) = &options.baseline {
        let baseline = match crate::engine::baseline::read(path) {
            Ok(baseline) => baseline,
            Err(message) => {
                return Err(Failure {
                    db,
                    errors: vec![rules::plain_error(message)],
                });
            }
        };
        let path_reported = |name: &str| {
            (0..db.len())
                .map(|i| FileId(i as u32))
                .any(|f| db.name(f) == name && is_reported(f))
        };
        baselined = crate::engine::baseline::apply(&baseline, &db, &mut diagnostics, &path_reported);
        diagnostics.retain(|d| levels.get(&d.rule).is_none_or(Option::is_some));
        diagnostic::sort(&mut diagnostics, |file| db.name(file).to_string());
    }

    let reported: Vec<FileId> = (first_article..db.len())
        .map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
        .filter(|&file| is_reported(file))
        .collect();
    let reported_count = reported.len();
    let summary = Summary {
        articles: article_count,
        reported: reported_count,
        errors: diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
        warnings: diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
        infos: diagnostics.iter().filter(|d| d.severity == Severity::Info).count(),
        suppressed,
        baselined,
    };
    facts.retain(|fact| match fact {
        Fact::TermUse { span, .. } => is_reported(span.file),
        Fact::Title(title) => is_reported(title.span.file),
        Fact::Date(date) => is_reported(date.span.file),
        Fact::Place(place) => is_reported(place.span.file),
    });
    // The renderers show the text of every file a diagnostic points into.
    let shown: std::collections::BTreeSet<FileId> = diagnostics
        .iter()
        .flat_map(|d| std::iter::once(d.primary.span.file).chain(d.secondary.iter().map(|l| l.span.file)))
        .collect();
    if options.keep_texts {
        for file in shown {
            db.load(file);
        }
    }
    Ok(Run {
        db,
        diagnostics,
        summary,
        notes,
        facts,
        reported,
        rules: rule_infos,
        rule_warnings,
    })
}

/// The outcome of reading and checking one file, sent back from a worker.
struct FileResult {
    file: FileId,
    text: String,
    diagnostics: Vec<Diagnostic>,
    facts: Vec<Fact>,
    undated: bool,
    suppressions: Vec<crate::engine::suppress::Suppression>,
    /// Whether the file was read as an article.
    readable: bool,
}

impl FileResult {
    /// Whether there is nothing to keep: a readable, dated article with no
    /// diagnostics, facts, suppressions or text to show.
    fn is_empty(&self) -> bool {
        self.readable
            && !self.undated
            && self.text.is_empty()
            && self.diagnostics.is_empty()
            && self.facts.is_empty()
            && self.suppressions.is_empty()
    }
}

fn check_file(file: FileId, path: &Path, checker: &Checker) -> FileResult {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let diagnostic = Diagnostic::new(
                article::READ,
                Severity::Error,
                format!("cannot read article: {error}"),
                diagnostic::Label::new(Span::file_start(file), ""),
            );
            return FileResult {
                file,
                text: String::new(),
                diagnostics: vec![diagnostic],
                facts: Vec::new(),
                undated: false,
                suppressions: Vec::new(),
                readable: false,
            };
        }
    };
    let loaded = article::load(file, path, bytes);
    let mut diagnostics = loaded.diagnostics;
    match loaded.article {
        Some(article) => {
            // A bug in a check must not take the run down with it: the
            // article gets an error diagnostic and the rest is checked.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| checker.check_article(&article)));
            let outcome = match checked {
                Ok(outcome) => outcome,
                Err(_) => {
                    diagnostics.push(Diagnostic::new(
                        article::INTERNAL,
                        Severity::Error,
                        "factlint failed while checking this article (a bug: please report it with the article)",
                        diagnostic::Label::new(Span::file_start(file), ""),
                    ));
                    crate::check::ArticleOutcome::default()
                }
            };
            diagnostics.extend(outcome.diagnostics);
            FileResult {
                file,
                undated: article.date.is_none(),
                suppressions: crate::engine::suppress::find(&article.text),
                readable: true,
                text: article.text,
                diagnostics,
                facts: outcome.facts,
            }
        }
        None => FileResult {
            file,
            text: loaded.text,
            diagnostics,
            facts: Vec::new(),
            undated: false,
            suppressions: Vec::new(),
            readable: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_vanished_after_discovery_is_an_article_read_error() {
        let rules = RuleSet::default();
        let checker = Checker::new(&rules);
        let result = check_file(FileId(0), Path::new("/no/such/dir/story.md"), &checker);
        assert_eq!(result.diagnostics.len(), 1);
        assert_eq!(result.diagnostics[0].rule, article::READ);
        assert!(result.diagnostics[0].message.contains("cannot read article"));
    }
}
