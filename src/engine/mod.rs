//! The engine: one in-memory session that loads config and rules once and
//! checks a corpus (from disk or from memory) as often as asked, returning a
//! [`Run`]; the stages of a check are in [`run`] (read and check every
//! article), [`filter`] (what is reported), [`suppress`] and [`baseline`].
//!
//! Nothing here prints: the caller renders the [`Run`]. `factlint check`,
//! `factlint test`, the fuzz targets, the benchmarks and the tests all go
//! through [`Session`]; a language server or a watch mode keeps one and
//! calls [`Session::recheck`] when an article changes.

pub mod baseline;
pub mod facts_file;
pub mod filter;
pub mod run;
pub mod suppress;
pub mod write;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::check::{self, Checker, Owner};
use crate::config::Config;
use crate::discover::{self, normalize};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::error::Error;
use crate::model::fact::Fact;
use crate::model::fix::Applicability;
use crate::model::source::SourceDb;
use crate::model::span::{FileId, Span};
use crate::rules::registry::BUILTIN_RULES;
use crate::rules::{self, RuleSet};
use crate::text::phrase::PhraseMatcher;
use filter::{Levels, Reported};
use run::Source;

/// What [`Session::discover`] finds.
struct Discovery {
    articles: Vec<PathBuf>,
    /// Which of them are reported on.
    reported: Reported,
    /// Remarks for `--verbose`.
    notes: Vec<String>,
    /// Said on stderr whatever the verbosity.
    warnings: Vec<String>,
    /// Folders that could not be opened, with why: errors of the run.
    unreadable: Vec<(PathBuf, String)>,
}

/// What the command line asks for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config FILE`; else the `factlint.toml` of the working directory
    /// or its nearest parent (see [`crate::config::find`]).
    pub config: Option<PathBuf>,
    /// `--corpus DIR` (repeatable): replaces the configured corpus roots.
    pub corpus: Vec<PathBuf>,
    /// `--rules DIR` (repeatable): replaces the configured rule folders
    /// (`rule-paths`); like them, added to the default rules.
    pub rules: Vec<PathBuf>,
    /// `--no-default-rules`: load only `rules` (or `rule-paths`), not the
    /// embedded default rules.
    pub no_default_rules: bool,
    /// `--no-world-knowledge`: the default rules without their world
    /// layer (as `world-knowledge = false`).
    pub no_world_knowledge: bool,
    /// The default rules alone: neither `--rules` nor the configured
    /// `rule-paths` load (`factlint test` tells with it whether a user's
    /// files make a default rule's case fail).
    pub no_rule_paths: bool,
    /// `--select`, `--extend-select`, `--ignore`.
    pub selection: filter::Selection,
    /// `-` with `--stdin-filename NAME`: the article read from standard
    /// input, as (name, text).
    pub stdin: Option<(PathBuf, Vec<u8>)>,
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
    /// Keep, besides what the corpus-wide checks need, the facts of the
    /// timelines: every title and every mention of a known place (a
    /// language server's hover tells what the corpus calls each person; the
    /// HTML report draws them) but not the texts `keep_facts` keeps: a
    /// 100,000-article workspace then holds its titles, not its prose.
    pub keep_timelines: bool,
    /// Keep the text of every article with diagnostics from the moment it
    /// is read (`--fix` and `--diff` need it; so does human output). JSON
    /// output reads flagged articles back from disk one at a time instead.
    pub keep_texts: bool,
    /// Told how the run goes, for a progress bar.
    pub progress: Option<ProgressHook>,
    /// `--exclude`: globs that replace `exclude` of factlint.toml (empty:
    /// the config's stand).
    pub exclude: Vec<String>,
    /// `--extend-exclude`: globs added to them.
    pub extend_exclude: Vec<String>,
    /// Rule files and `factlint.toml` as an editor holds them, unsaved:
    /// read instead of the disk's text (the language server shows a rule
    /// file's errors as it is typed).
    pub unsaved: Vec<(PathBuf, String)>,
}

impl Options {
    /// Whether a run without `keep_facts` keeps this fact once its article
    /// is checked.
    pub fn keeps(&self, fact: &Fact) -> bool {
        fact.is_corpus_fact() || (self.keep_timelines && matches!(fact, Fact::Title(_) | Fact::KnownPlace(_)))
    }
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
    /// Entries written to the `--write-baseline` file, when one was asked.
    pub baseline_written: Option<usize>,
    /// Reported diagnostics with a safe fix, and with an unsafe one.
    pub fixable: usize,
    pub unsafe_fixable: usize,
}

/// A finished check run.
#[derive(Debug)]
pub struct Run {
    pub db: SourceDb,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Remarks for `--verbose` (skipped checks, unreadable folders).
    pub notes: Vec<String>,
    /// Said on stderr whatever the verbosity: a run that may not do what
    /// was meant (`--changed` against the current commit).
    pub warnings: Vec<String>,
    /// The facts the run kept: every fact with `keep_facts`, else what the
    /// corpus-wide checks need. [`Run::reported_facts`] are those of the
    /// articles reported on.
    pub facts: Vec<Fact>,
    /// The articles reported on, in path order.
    pub reported: Vec<FileId>,
    /// Which articles are reported on, by path ([`Session::recheck`] keeps
    /// to it).
    selection: Reported,
    /// Every rule, for formats that list them (SARIF).
    pub rules: Vec<RuleInfo>,
    /// Warnings about the rule files themselves (knowledge that contradicts
    /// itself); the CLI shows them on stderr.
    pub rule_warnings: Vec<Diagnostic>,
}

impl Run {
    /// The facts of the articles reported on (for `factlint facts`).
    pub fn reported_facts(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(|fact| self.reported.binary_search(&fact.span().file).is_ok())
    }
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
    /// The rule file, for TOML rules (`<builtin>/…` for the embedded
    /// default rules).
    pub path: Option<String>,
}

impl RuleInfo {
    /// Where the rule comes from: `builtin` (in the engine or the embedded
    /// default rules), or the rule file's path.
    pub fn origin(&self) -> &str {
        match &self.path {
            Some(path) if !rules::builtin::is_builtin(path) => path,
            _ => "builtin",
        }
    }
}

/// The loaded configuration and rules, with the settings of `factlint.toml`
/// applied: what every command starts from, loaded once however often it
/// checks.
pub struct Session {
    /// The rule and config files (and, in a [`Run`], the articles).
    pub db: SourceDb,
    pub config: Config,
    pub rules: RuleSet,
    /// Effective severity of every rule id (built-in and TOML); `None` when
    /// the rule is switched off.
    pub levels: Levels,
    /// The automaton over every phrase of the enabled checks, built once.
    matcher: PhraseMatcher<Owner>,
    options: Options,
}

impl Session {
    /// Loads config and rules; every error found is returned at once.
    pub fn load(options: Options) -> Result<Session, Error> {
        let mut db = SourceDb::new();
        let unsaved = &options.unsaved;
        let loaded = Config::load_unsaved(options.config.as_deref(), &mut db, unsaved).and_then(|config| {
            let roots = rule_roots(&options, &config).to_vec();
            let defaults = config.extend_default_rules && !options.no_default_rules;
            let world = config.world_knowledge && !options.no_world_knowledge;
            rules::load_layered(defaults, world, &roots, &mut db, unsaved).map(|rules| (config, rules))
        });
        let (config, mut rules) = match loaded {
            Ok(loaded) => loaded,
            Err(errors) => return Err(rule_errors(db, errors)),
        };
        let known: Vec<&str> = BUILTIN_RULES
            .iter()
            .map(|b| b.id)
            .chain(rules.checks.iter().map(|c| c.meta.id.as_str()))
            .collect();
        let errors = config.unknown_rule_errors(&known);
        if !errors.is_empty() {
            return Err(rule_errors(db, errors));
        }
        let mut levels = levels(&config, &mut rules);
        if !options.selection.is_empty() {
            let default_severity = |id: &str| {
                let builtin = BUILTIN_RULES.iter().find(|b| b.id == id).map(|b| b.severity);
                builtin.or_else(|| rules.get(id).map(|c| c.meta.severity))
            };
            let unknown = options.selection.apply(&mut levels, default_severity);
            if !unknown.is_empty() {
                return Err(Error::Usage {
                    message: format!(
                        "no rule or family of rules `{}` to select or ignore",
                        unknown.join("`, `")
                    ),
                    help: vec!["`factlint rules` lists the rule ids; a family is the part before the first `-` (`date`, `title`, `place`, `term`, `article`)".to_string()],
                });
            }
            switch_checks(&levels, &mut rules);
        }
        let matcher = match check::phrase_matcher(&rules) {
            Ok(matcher) => matcher,
            Err(error) => return Err(rule_errors(db, vec![automaton_error(&error)])),
        };
        Ok(Session {
            db,
            config,
            rules,
            levels,
            matcher,
            options,
        })
    }

    /// Replaces the text of the article read from standard input (the
    /// next [`Session::check`] checks the new text): `--fix -` checks its
    /// fixed text again.
    pub fn set_stdin_text(&mut self, text: String) {
        if let Some((_, old)) = &mut self.options.stdin {
            *old = text.into_bytes();
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The corpus roots a check walks: `--corpus`, else the configured ones.
    /// The corpus roots: `--corpus`, else those `factlint.toml` names.
    /// Without either, the default `corpus/` folder when there is one; else
    /// what ruff and Vale do: the named paths (or the article on standard
    /// input) alone when some are given, else the project's folder itself
    /// (its Markdown and text files, `.gitignore` respected).
    pub fn corpus_roots(&self) -> std::borrow::Cow<'_, [PathBuf]> {
        use std::borrow::Cow;
        let (options, config) = (&self.options, &self.config);
        if !options.corpus.is_empty() {
            return Cow::Borrowed(&options.corpus);
        }
        if self.corpus_configured() {
            return Cow::Borrowed(&config.corpus);
        }
        if !options.paths.is_empty() || options.stdin.is_some() {
            return Cow::Owned(Vec::new());
        }
        Cow::Owned(vec![config.root.clone()])
    }

    /// Whether the configured corpus counts: `factlint.toml` names it, or
    /// the default `corpus/` folder is there.
    fn corpus_configured(&self) -> bool {
        self.config.corpus_set || self.config.corpus.iter().any(|root| root.exists())
    }

    /// The exclude globs in force: `--exclude`, else the config's, then
    /// `--extend-exclude`. With no corpus folder, the folders walked (the
    /// project's, or those named) are a repository's, whose README,
    /// changelog and licence are not articles (a file named is still read).
    pub fn exclude_globs(&self) -> Vec<String> {
        let options = &self.options;
        let mut exclude = if options.exclude.is_empty() {
            self.config.exclude.clone()
        } else {
            options.exclude.clone()
        };
        exclude.extend(options.extend_exclude.iter().cloned());
        if options.corpus.is_empty() && !self.corpus_configured() {
            exclude.extend(discover::REPOSITORY_DOCS.iter().map(|glob| glob.to_string()));
        }
        exclude
    }

    /// The rule folders in force: `--rules`, else the config's `rule-paths`.
    pub fn rule_roots(&self) -> &[PathBuf] {
        rule_roots(&self.options, &self.config)
    }

    /// Switches every check on, at its configured severity: `factlint test`
    /// tests the rules shipped off too.
    pub fn enable_all(&mut self) -> Result<(), Error> {
        for check in &mut self.rules.checks {
            check.meta.enabled = true;
            self.levels.insert(check.meta.id.clone(), Some(check.meta.severity));
        }
        self.matcher = check::phrase_matcher(&self.rules)
            .map_err(|error| rule_errors(self.db.clone(), vec![automaton_error(&error)]))?;
        Ok(())
    }

    /// The checker of this session's enabled rules (an automaton over every
    /// phrase they look for).
    pub fn checker(&self) -> Checker<'_> {
        let mut checker = Checker::new(&self.rules, &self.matcher);
        if self.options.keep_facts {
            checker = checker.with_date_facts();
        }
        if self.options.keep_facts || self.options.keep_timelines {
            checker = checker.with_place_facts();
        }
        checker
    }

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

    /// Checks the corpus on disk (the options' roots, else the configured
    /// ones), reporting on the named paths and `--changed` articles, with the
    /// baseline applied and written as asked.
    pub fn check(&self) -> Result<Run, Error> {
        let Discovery {
            mut articles,
            reported: mut selection,
            notes,
            warnings,
            unreadable,
        } = self.discover()?;
        let mut sources: Vec<Source> = articles.iter().map(|_| Source::Disk).collect();
        // Standard input is the article at its given name: in place of that
        // file on disk (an editor's unsaved buffer), or added to the corpus;
        // it alone is reported on.
        if let Some((name, text)) = &self.options.stdin {
            let wanted = normalize(name);
            match articles.iter().position(|a| normalize(a) == wanted) {
                Some(at) => sources[at] = Source::Bytes(text.clone()),
                None => {
                    articles.push(name.clone());
                    sources.push(Source::Bytes(text.clone()));
                }
            }
            selection = Reported(Some(std::iter::once(wanted).collect()));
        }
        // The paths move into the file database: one copy, however large the corpus.
        let mut db = self.db.clone();
        for path in articles {
            db.add(path, String::new());
        }
        let mut run = self.run(db, sources, selection, notes);
        run.warnings = warnings;
        self.unreadable_folders(&mut run, unreadable);
        self.baseline(&mut run)?;
        self.finish(&mut run);
        Ok(run)
    }

    /// The map of a map–reduce run: checks the articles reported on (the
    /// named paths, else the whole corpus) on every core and writes one
    /// facts line each ([`facts_file`]), in path order. Memory is that of
    /// the facts: each text is dropped once its line is made. Returns how
    /// many articles were written.
    pub fn map(&self, out: &mut dyn std::io::Write) -> Result<usize, Error> {
        use rayon::prelude::*;
        let discovery = self.discover()?;
        let mut db = self.db.clone();
        let first = db.len();
        for path in &discovery.articles {
            db.add(path.clone(), String::new());
        }
        let files: Vec<FileId> = (first..db.len())
            .map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
            .filter(|&file| discovery.reported.contains(&db, file))
            .collect();
        let checker = self.checker();
        let max_bytes = self.config.max_article_bytes();
        let line = |&file: &FileId| {
            let path = db.get(file).map_or(Path::new(""), |f| f.path());
            let result = run::check_source(file, path, Source::Disk, &checker, max_bytes);
            let record = facts_file::record(&result, db.name(file), &self.rules);
            serde_json::to_string(&record).unwrap_or_default()
        };
        let jobs = self.options.jobs.map_or(0, |jobs| jobs.min(run::MAX_JOBS));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().ok();
        // A chunk at a time, in order: memory is a chunk's lines, however
        // large the shard.
        for chunk in files.chunks(4096) {
            let lines: Vec<String> = match &pool {
                Some(pool) => pool.install(|| chunk.par_iter().map(line).collect()),
                None => chunk.iter().map(line).collect(),
            };
            for line in &lines {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        Ok(files.len())
    }

    /// The reduce of a map–reduce run: the corpus-wide checks, levels,
    /// suppressions, baseline and output over facts files (`FILE` or a
    /// folder of `*.jsonl`), without the articles' texts; the same
    /// diagnostics, positions included, as a run over the texts.
    pub fn check_facts(&self, inputs: &[PathBuf]) -> Result<Run, Error> {
        let mut records: HashMap<String, (facts_file::ArticleRecord, String)> = HashMap::new();
        for file in facts_files(inputs)? {
            use std::io::BufRead as _;
            let cannot = |e: std::io::Error| Error::Usage {
                message: format!("cannot read facts file `{}`: {e}", file.display()),
                help: vec![],
            };
            // Line by line: memory is that of the facts, not of the files.
            let reader = std::io::BufReader::new(std::fs::File::open(&file).map_err(cannot)?);
            for (number, line) in reader.lines().enumerate() {
                let line = line.map_err(cannot)?;
                if line.trim().is_empty() {
                    continue;
                }
                let at = format!("{}:{}", file.display(), number + 1);
                let record: facts_file::ArticleRecord = serde_json::from_str(&line).map_err(|e| Error::Usage {
                    message: format!("{at}: not a facts line: {e}"),
                    help: vec!["facts files are written by `factlint facts --format jsonl`".to_string()],
                })?;
                if record.version != facts_file::VERSION {
                    return Err(Error::Usage {
                        message: format!(
                            "{at}: facts of format version {}; this factlint reads version {}",
                            record.version,
                            facts_file::VERSION
                        ),
                        help: vec!["write the facts again with this factlint".to_string()],
                    });
                }
                if let Some((_, first)) = records.get(&record.path) {
                    return Err(Error::Usage {
                        message: format!("{at}: `{}` is in the facts twice (first at {first})", record.path),
                        help: vec!["give each shard's facts once".to_string()],
                    });
                }
                records.insert(record.path.clone(), (record, at));
            }
        }
        // In the order a run over the texts reads them.
        let mut paths: Vec<PathBuf> = records.keys().map(PathBuf::from).collect();
        discover::sort_and_dedup(&mut paths);
        let mut db = self.db.clone();
        let first = db.len();
        let mut gathered = run::Gathered::default();
        for path in paths {
            let Some((record, at)) = records.remove(path.to_string_lossy().as_ref()) else {
                continue;
            };
            let file = db.add(path, String::new());
            if record.undated {
                gathered.notes.push(format!(
                    "{}: no publication date; date-dependent checks skipped",
                    db.name(file)
                ));
            }
            let readable = record.readable;
            let restored = facts_file::restore(record, file, &self.rules).map_err(|e| Error::Usage {
                message: format!("{at}: {e}"),
                help: vec!["reduce with the rules the facts were written with".to_string()],
            })?;
            if !readable {
                db.set_no_source(file);
            }
            if !restored.empty {
                db.set_recorded(file, restored.recorded);
            }
            if !restored.suppressions.is_empty() {
                gathered.suppressions.push((file, restored.suppressions));
            }
            gathered.diagnostics.extend(restored.diagnostics);
            gathered.facts.extend(restored.facts);
        }
        let articles = db.len() - first;
        let mut run = self.complete(db, first, articles, gathered, Reported(None), Vec::new());
        self.baseline(&mut run)?;
        self.finish(&mut run);
        Ok(run)
    }

    /// Checks articles held in memory as one corpus (names, texts), reporting
    /// on all of them, with their texts kept. No baseline is read or written.
    pub fn check_texts(&self, texts: Vec<(PathBuf, String)>) -> Run {
        let mut db = self.db.clone();
        let mut sources = Vec::with_capacity(texts.len());
        for (path, text) in texts {
            db.add(path, String::new());
            sources.push(Source::Text(text));
        }
        let mut run = self.run(db, sources, Reported::default(), Vec::new());
        self.finish(&mut run);
        run
    }

    /// Re-checks one article whose text changed, against the corpus facts
    /// `run` holds: a language server's or a watch mode's step. The article's
    /// text, facts and diagnostics in `run` are replaced; returns its
    /// diagnostics (its own and the corpus-wide ones that point at it). The
    /// other articles' diagnostics are left as they were: a change that
    /// moves a corpus-wide majority shows in them at the next full check.
    pub fn recheck(&self, run: &mut Run, path: &Path, text: String) -> Vec<Diagnostic> {
        let wanted = normalize(path);
        let file = (0..run.db.len())
            .map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
            .find(|&f| run.db.get(f).is_some_and(|s| normalize(s.path()) == wanted))
            .unwrap_or_else(|| run.db.add(path.to_path_buf(), String::new()));
        let checker = self.checker();
        let mut result = run::check_source(
            file,
            path,
            Source::Text(text),
            &checker,
            self.config.max_article_bytes(),
        );
        if !self.options.keep_facts {
            result.facts.retain(|fact| self.options.keeps(fact));
        }
        run.facts.retain(|fact| fact.span().file != file);
        run.facts.extend(result.facts);
        run.db.set_text(file, result.text);
        let text_of = |span: Span| run.db.text_at(span);
        let corpus = checker.check_corpus(&run.facts, &text_of);
        let mut diagnostics = result.diagnostics;
        diagnostics.extend(corpus.into_iter().filter(|d| d.file() == file));
        filter::apply_levels(&self.levels, &mut diagnostics);
        let suppressions = vec![(file, result.suppressions)];
        filter::select(
            &run.db,
            &self.config,
            &self.levels,
            &run.selection,
            suppressions,
            &mut diagnostics,
        );
        run.diagnostics.retain(|d| d.file() != file);
        run.diagnostics.extend(diagnostics.iter().cloned());
        filter::sort(&run.db, &mut run.diagnostics);
        if run.reported.binary_search(&file).is_err() && run.selection.contains(&run.db, file) {
            let at = run.reported.partition_point(|&f| f < file);
            run.reported.insert(at, file);
        }
        self.finish(run);
        diagnostics
    }

    /// The corpus roots, the articles under them (and any named outside
    /// them), which of them are reported on, and remarks for `--verbose`.
    fn discover(&self) -> Result<Discovery, Error> {
        let (options, config) = (&self.options, &self.config);
        let roots = self.corpus_roots();
        let exclude = self.exclude_globs();
        let mut discovered = discover::discover(&roots, &exclude, &config.root).map_err(|error| {
            match error {
                // A folder `factlint.toml` or `--corpus` names and that is not there.
                Error::Corpus(message) if message.ends_with("does not exist") && self.options.corpus.is_empty() => {
                    Error::Corpus(format!(
                        "{message} (named by `corpus` in {}); create it, fix the path, or remove `corpus` to check the folder factlint runs in",
                        config.file.as_ref().map_or("factlint.toml".to_string(), |f| format!("`{}`", f.display()))
                    ))
                }
                error => error,
            }
        })?;
        let mut reported: Option<HashSet<PathBuf>> = None;
        let mut warnings = Vec::new();
        if let Some(base) = &options.changed {
            let changed = discover::git::changed_files(&config.root, base.as_deref())?;
            if changed.base_is_head {
                warnings.push(format!(
                    "`--changed`: the base `{}` is the current commit, so only uncommitted articles count as changed; in CI, fetch the base branch and pass `--base origin/main` (or your default branch)",
                    changed.base
                ));
            }
            reported = Some(changed.files.iter().map(|p| normalize(p)).collect());
        }
        // Named paths are reported on; any outside the corpus are read too.
        if !options.paths.is_empty() {
            let named = discover::discover(&options.paths, &exclude, &config.root)?;
            let named_set: HashSet<PathBuf> = named.articles.iter().map(|p| normalize(p)).collect();
            // With `--changed` too, report on what is both named and changed.
            reported = Some(match reported {
                Some(changed) => named_set.intersection(&changed).cloned().collect(),
                None => named_set,
            });
            discovered.articles.extend(named.articles);
            discovered.notes.extend(named.notes);
            discovered.unreadable.extend(named.unreadable);
            discover::sort_and_dedup(&mut discovered.articles);
        }
        Ok(Discovery {
            articles: discovered.articles,
            reported: Reported(reported),
            notes: discovered.notes,
            warnings,
            unreadable: discovered.unreadable,
        })
    }

    /// Checks the articles `sources` (the last entries of `db`), runs the
    /// corpus pass and keeps what the run reports, sorted.
    fn run(&self, mut db: SourceDb, sources: Vec<Source>, selection: Reported, notes: Vec<String>) -> Run {
        let first = db.len() - sources.len();
        let articles = sources.len();
        let checker = self.checker();
        let gathered = run::check_all(
            &mut db,
            first,
            sources,
            &checker,
            &self.options,
            self.config.max_article_bytes(),
        );
        self.complete(db, first, articles, gathered, selection, notes)
    }

    /// What follows the articles' own checks, the same for a run over the
    /// texts and one over facts files: the corpus-wide checks, levels,
    /// suppressions and the selection of what is reported.
    fn complete(
        &self,
        db: SourceDb,
        first: usize,
        articles: usize,
        gathered: run::Gathered,
        selection: Reported,
        notes: Vec<String>,
    ) -> Run {
        let checker = self.checker();
        let mut diagnostics = gathered.diagnostics;
        let text_of = |span: Span| db.text_at(span);
        diagnostics.extend(checker.check_corpus(&gathered.facts, &text_of));
        filter::apply_levels(&self.levels, &mut diagnostics);
        let suppressed = filter::select(
            &db,
            &self.config,
            &self.levels,
            &selection,
            gathered.suppressions,
            &mut diagnostics,
        );
        let reported = (first..db.len())
            .map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
            .filter(|&file| selection.contains(&db, file))
            .collect();
        let mut notes = notes;
        notes.extend(gathered.notes);
        Run {
            db,
            diagnostics,
            summary: Summary {
                articles,
                suppressed,
                ..Summary::default()
            },
            notes,
            warnings: Vec::new(),
            facts: gathered.facts,
            reported,
            selection,
            rules: self.rule_infos(),
            rule_warnings: self.rules.warnings.clone(),
        }
    }
}

impl Session {
    /// An error for each folder of the corpus that could not be opened: the
    /// articles in it went unchecked, and the run must not pass for clean.
    fn unreadable_folders(&self, run: &mut Run, unreadable: Vec<(PathBuf, String)>) {
        let Some(Some(severity)) = self.levels.get(discover::UNREADABLE).copied() else {
            return;
        };
        for (path, why) in unreadable {
            let shown = crate::model::source::display_name(&path);
            let file = run.db.add(path, String::new());
            run.db.set_no_source(file);
            run.diagnostics.push(
                Diagnostic::new(
                    discover::UNREADABLE,
                    severity,
                    format!("cannot open folder `{shown}`: {why}; the articles in it were not checked"),
                    crate::model::diagnostic::Label::new(Span::file_start(file), ""),
                )
                .with_note("help: give factlint read access, or leave the folder out with `exclude`"),
            );
        }
        filter::sort(&run.db, &mut run.diagnostics);
    }

    /// Writes the baseline (`--write-baseline`) and leaves out what the
    /// given one records (`--baseline`), with notes on its stale entries.
    fn baseline(&self, run: &mut Run) -> Result<(), Error> {
        if let Some(path) = &self.options.write_baseline {
            let written = baseline::write(path, &run.db, &run.diagnostics).map_err(|source| Error::Write {
                what: "baseline",
                path: path.clone(),
                source,
            })?;
            run.summary.baseline_written = Some(written);
        }
        let Some(path) = &self.options.baseline else {
            return Ok(());
        };
        let recorded = baseline::read(path)?;
        run.summary.baselined = baseline::apply(&recorded, path, &run.db, &mut run.diagnostics, &run.reported);
        run.diagnostics
            .retain(|d| self.levels.get(&d.rule).is_none_or(Option::is_some));
        filter::sort(&run.db, &mut run.diagnostics);
        Ok(())
    }

    /// Counts what the run reports and keeps the text of every file a
    /// diagnostic points into, for the renderers.
    fn finish(&self, run: &mut Run) {
        let count = |severity| run.diagnostics.iter().filter(|d| d.severity == severity).count();
        let fixes = |applicability| {
            run.diagnostics
                .iter()
                .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == applicability))
                .count()
        };
        run.summary = Summary {
            fixable: fixes(Applicability::Safe),
            unsafe_fixable: fixes(Applicability::Unsafe),
            reported: run.reported.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            ..run.summary
        };
        // A flagged article edited or deleted during the run: its positions
        // (read back at render time) are not shown, and the run says why.
        let flagged: BTreeSet<FileId> = run.diagnostics.iter().map(|d| d.primary.span.file).collect();
        for file in flagged {
            if let Some(source) = run.db.get(file)
                && source.text.is_empty()
                && source.changed_since_check()
            {
                run.warnings.push(format!(
                    "`{}` changed on disk while it was checked: its diagnostics show no line or column (0); check again",
                    source.name
                ));
            }
        }
        if self.options.keep_texts {
            let shown: BTreeSet<FileId> = run
                .diagnostics
                .iter()
                .flat_map(|d| std::iter::once(d.primary.span.file).chain(d.secondary.iter().map(|l| l.span.file)))
                .collect();
            for file in shown {
                run.db.load(file);
            }
        }
    }
}

/// The rule folders: `--rules`, else the config's `rule-paths`.
fn rule_roots<'a>(options: &'a Options, config: &'a Config) -> &'a [PathBuf] {
    if options.no_rule_paths {
        &[]
    } else if options.rules.is_empty() {
        &config.rule_paths
    } else {
        &options.rules
    }
}

/// The facts files named: each file, and the `*.jsonl` files under each
/// folder, in path order.
fn facts_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = walkdir_jsonl(input).map_err(|e| Error::Usage {
                message: format!("cannot read the facts folder `{}`: {e}", input.display()),
                help: vec![],
            })?;
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// The facts files under `folder`, at any depth: `*.jsonl`, and the
/// `part-*` files Spark and Hadoop write (not their `.crc` and `_SUCCESS`).
fn walkdir_jsonl(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "jsonl")
                || path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("part-") && !n.ends_with(".crc"))
            {
                found.push(path);
            }
        }
    }
    Ok(found)
}

/// Rule or config errors, with the files they point into.
fn rule_errors(db: SourceDb, errors: Vec<Diagnostic>) -> Error {
    Error::Rules {
        db: Box::new(db),
        errors,
    }
}

/// The phrases of the rules do not fit in one automaton.
fn automaton_error(error: &aho_corasick::BuildError) -> Diagnostic {
    rules::plain_error(format!(
        "the phrases of the rules (terms, names, places) are too many for one automaton: {error}"
    ))
}

/// The effective severity of every rule: built-in defaults, then each rule
/// file's, then `factlint.toml`'s settings; the checks of `rules` are
/// switched on and off to match.
fn levels(config: &Config, rules: &mut RuleSet) -> Levels {
    let mut levels = Levels::new();
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
    switch_checks(&levels, rules);
    levels
}

/// Switches the checks of `rules` on and off, and sets their severity, to
/// match `levels`.
fn switch_checks(levels: &Levels, rules: &mut RuleSet) {
    for check in &mut rules.checks {
        let level = levels.get(&check.meta.id).copied().flatten();
        check.meta.enabled = level.is_some();
        if let Some(severity) = level {
            check.meta.severity = severity;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        // The default rules: those of `rules/`, embedded.
        let options = Options {
            keep_texts: true,
            ..Options::default()
        };
        Session::load(options).expect("shipped rules load")
    }

    fn texts(middle: &str) -> Vec<(PathBuf, String)> {
        [
            (
                "a.md",
                "date 2023-06-06\n\nAskar Dzhumabayev, deputy mayor of Almaty, promised land for a school.",
            ),
            ("b.md", middle),
            (
                "c.md",
                "date 2023-06-20\n\nAskar Dzhumabayev, deputy mayor of Almaty, opened the fair.",
            ),
        ]
        .into_iter()
        .map(|(name, text)| (PathBuf::from(name), text.to_string()))
        .collect()
    }

    #[test]
    fn a_recheck_reports_on_the_changed_article_what_a_full_check_reports() {
        let session = session();
        let before = "date 2023-06-08\n\nAskar Dzhumabayev, deputy mayor of Almaty, spoke.";
        let after = "date 2023-06-08\n\nMayor Askar Dzhumabayev opened the OBOR talks on Wednesday, June 6.";
        let mut run = session.check_texts(texts(before));
        assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
        let rechecked = session.recheck(&mut run, Path::new("b.md"), after.to_string());
        let full = session.check_texts(texts(after));
        let rules = |diagnostics: &[Diagnostic]| diagnostics.iter().map(|d| d.rule.clone()).collect::<Vec<_>>();
        assert_eq!(
            rules(&rechecked),
            ["title-inconsistent", "term-belt-and-road", "date-weekday"],
            "{rechecked:?}"
        );
        assert_eq!(format!("{rechecked:?}"), format!("{:?}", full.diagnostics));
        assert_eq!(format!("{:?}", run.diagnostics), format!("{:?}", full.diagnostics));
        assert_eq!(run.summary, full.summary);
        // Back as it was: nothing left.
        assert!(
            session
                .recheck(&mut run, Path::new("b.md"), before.to_string())
                .is_empty()
        );
        assert!(run.diagnostics.is_empty());
    }
}
