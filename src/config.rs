//! `factlint.toml`: the project's corpus roots, excludes, rule folders and
//! per-rule settings. Optional; without it factlint lints `corpus/` with
//! the default rules (embedded in the binary).
//!
//! It is found as ruff finds `ruff.toml`: in the working directory or the
//! nearest parent that has one, stopping at the root of the git work tree.
//! Every path in it is relative to its own folder, wherever factlint runs.
//!
//! ```toml
//! corpus = ["corpus", "archive"]
//! exclude = ["drafts/**"]
//! rule-paths = ["house-rules"]     # added to the default rules
//! extend-default-rules = true      # false: only the rule-paths
//! world-knowledge = true           # false: no built-in Wikidata officials
//! max-article-bytes = 10485760     # larger files are noted, not read
//!
//! [rule.term-dungan]
//! severity = "info"
//!
//! [rule.article-date-missing]
//! enabled = false
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::discover::normalize;
use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::source::SourceDb;
use crate::model::span::Span;
use crate::model::toml_error::{CONFIG_ERROR, plain_error_as, toml_error};

pub const CONFIG_FILE_NAME: &str = "factlint.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    corpus: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    rule_paths: Option<Vec<String>>,
    extend_default_rules: Option<bool>,
    world_knowledge: Option<bool>,
    max_article_bytes: Option<u64>,
    #[serde(default)]
    rule: BTreeMap<Spanned<String>, RawRuleSetting>,
    /// Glob → rule ids (or `"all"`) not to report on the matching articles.
    #[serde(default)]
    per_path_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// The most globs `exclude`, and `per-path-ignores`, may each hold: a
/// project names folders, not thousands of files (each glob is compiled,
/// and every path is matched against each per-path glob).
pub const MAX_GLOBS: usize = 1_000;

/// What is wrong with a glob of the config, if anything: it must compile,
/// and it cannot reach out of the config's folder (`..`), which it is
/// matched within.
fn glob_problem(glob: &str) -> Option<String> {
    if glob.split('/').any(|part| part == "..") {
        return Some(format!(
            "`{glob}` has `..`: globs are matched within the folder of factlint.toml, so it would match nothing"
        ));
    }
    globset::Glob::new(glob)
        .err()
        .map(|error| format!("`{glob}` is not a glob: {error}"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSetting {
    enabled: Option<bool>,
    severity: Option<Spanned<String>>,
}

/// A `[rule.ID]` table: switch a rule on or off, or change its severity.
#[derive(Clone, Debug)]
pub struct RuleSetting {
    pub id: String,
    /// Where the id is written, for "no such rule" errors.
    pub span: Span,
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Corpus roots (relative paths resolved against the config's folder).
    pub corpus: Vec<PathBuf>,
    /// Whether `factlint.toml` names the corpus (`corpus = [...]`): a
    /// folder it names must exist; the default `corpus/` need not.
    pub corpus_set: bool,
    /// Globs of paths to leave out, relative to the config's folder.
    pub exclude: Vec<String>,
    /// Rule folders and files, added to the default rules unless
    /// `extend_default_rules` is off.
    pub rule_paths: Vec<PathBuf>,
    /// `extend-default-rules`: whether the embedded default rules load
    /// before `rule_paths` (the default) or not at all.
    pub extend_default_rules: bool,
    /// `world-knowledge`: whether the default rules bring the world layer
    /// (rules/knowledge/world/, the officials of Wikidata). A newsroom that
    /// judges titles only by its own knowledge turns it off, and saves its
    /// load and its names' scan.
    pub world_knowledge: bool,
    /// `max-article-bytes`: larger articles are not read (an
    /// `article-too-large` note instead).
    pub max_article_bytes: Option<u64>,
    pub rules: Vec<RuleSetting>,
    /// The folder the config was found in (or the working directory).
    pub root: PathBuf,
    /// The config file, when there is one.
    pub file: Option<PathBuf>,
    /// `per-path-ignores`: (glob, rules; empty = all rules).
    pub per_path_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// Rule ids named in `per-path-ignores`, for the unknown-rule check.
    pub ignored_ids: Vec<(String, Span)>,
}

impl Config {
    /// The defaults: `corpus/` under `root`, the default rules.
    pub fn default_in(root: &Path) -> Config {
        Config {
            corpus: vec![root.join("corpus")],
            corpus_set: false,
            exclude: Vec::new(),
            rule_paths: Vec::new(),
            extend_default_rules: true,
            world_knowledge: true,
            max_article_bytes: None,
            rules: Vec::new(),
            root: root.to_path_buf(),
            file: None,
            per_path_ignores: Vec::new(),
            ignored_ids: Vec::new(),
        }
    }

    /// Loads the config at `path` if given, else the `factlint.toml`
    /// [`find`] finds from the working directory, else the defaults.
    pub fn load(path: Option<&Path>, db: &mut SourceDb) -> Result<Config, Vec<Diagnostic>> {
        Config::load_unsaved(path, db, &[])
    }

    /// [`Config::load`], reading `factlint.toml` from `unsaved` when an
    /// editor holds it unsaved (see [`crate::model::source::read_text`]).
    pub fn load_unsaved(
        path: Option<&Path>,
        db: &mut SourceDb,
        unsaved: &[(PathBuf, String)],
    ) -> Result<Config, Vec<Diagnostic>> {
        let cwd = PathBuf::from(".");
        let path = match path {
            Some(path) => path.to_path_buf(),
            None => match find(&cwd) {
                Some(found) => found,
                None => return Ok(Config::default_in(&cwd)),
            },
        };
        let root = path.parent().map_or(cwd.clone(), |p| {
            if p.as_os_str().is_empty() {
                cwd.clone()
            } else {
                p.to_path_buf()
            }
        });
        let text = crate::model::source::read_text(&path, unsaved).map_err(|e| {
            vec![plain_error_as(
                CONFIG_ERROR,
                format!("cannot read `{}`: {e}", path.display()),
            )]
        })?;
        Config::from_text(path, root, text, db)
    }

    /// The config in `text`, as if read from the file `path` in the folder
    /// `root` (its paths are resolved against it): [`Config::load`] reads
    /// the file and calls this; the config fuzz target calls it directly.
    pub fn from_text(path: PathBuf, root: PathBuf, text: String, db: &mut SourceDb) -> Result<Config, Vec<Diagnostic>> {
        let path_of_file = path.clone();
        let file = db.add(path, text);
        let text = db.get(file).map_or("", |f| f.text.as_str());
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let mut error = toml_error::<RawConfig>(file, text, &e);
            error.rule = CONFIG_ERROR.to_string();
            vec![error]
        })?;
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        for (id, setting) in raw.rule {
            let severity = setting.severity.and_then(|s| {
                let parsed = Severity::parse(s.get_ref());
                if parsed.is_none() {
                    errors.push(Diagnostic::new(
                        CONFIG_ERROR,
                        Severity::Error,
                        format!("unknown severity `{}`", s.get_ref()),
                        Label::new(Span::new(file, s.span()), "expected `error`, `warning` or `info`"),
                    ));
                }
                parsed
            });
            rules.push(RuleSetting {
                span: Span::new(file, id.span()),
                id: id.into_inner(),
                enabled: setting.enabled,
                severity,
            });
        }
        let glob_error = |message: String, span: std::ops::Range<usize>, label: &str| {
            Diagnostic::new(
                CONFIG_ERROR,
                Severity::Error,
                message,
                Label::new(Span::new(file, span), label),
            )
        };
        for (table, count, first_over) in [
            (
                "exclude",
                raw.exclude.len(),
                raw.exclude.get(MAX_GLOBS).map(Spanned::span),
            ),
            (
                "per-path-ignores",
                raw.per_path_ignores.len(),
                raw.per_path_ignores.keys().nth(MAX_GLOBS).map(Spanned::span),
            ),
        ] {
            if let Some(span) = first_over {
                errors.push(glob_error(
                    format!("`{table}` has {count} globs; at most {MAX_GLOBS} are allowed: name folders (`drafts/**`) rather than files"),
                    span,
                    "one too many",
                ));
            }
        }
        for glob in raw.exclude.iter().take(MAX_GLOBS) {
            if let Some(problem) = glob_problem(glob.get_ref()) {
                errors.push(glob_error(
                    format!("invalid glob in `exclude`: {problem}"),
                    glob.span(),
                    "this glob",
                ));
            }
        }
        let mut per_path_ignores = Vec::new();
        let mut ignored_ids = Vec::new();
        for (glob, ids) in raw.per_path_ignores.iter().take(MAX_GLOBS) {
            if let Some(problem) = glob_problem(glob.get_ref()) {
                errors.push(glob_error(
                    format!("invalid glob in `per-path-ignores`: {problem}"),
                    glob.span(),
                    "this glob",
                ));
            } else if let Ok(matcher) = globset::Glob::new(glob.get_ref()) {
                let rules: Vec<String> = ids.iter().map(|i| i.get_ref().clone()).filter(|i| i != "all").collect();
                per_path_ignores.push((matcher.compile_matcher(), rules));
            }
            ignored_ids.extend(
                ids.iter()
                    .filter(|i| i.get_ref() != "all")
                    .map(|i| (i.get_ref().clone(), Span::new(file, i.span()))),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let resolve = |paths: Vec<String>| paths.into_iter().map(|p| root.join(p)).collect::<Vec<_>>();
        let defaults = Config::default_in(&root);
        Ok(Config {
            corpus_set: raw.corpus.is_some(),
            corpus: raw.corpus.map_or(defaults.corpus, resolve),
            exclude: raw.exclude.into_iter().map(Spanned::into_inner).collect(),
            rule_paths: raw.rule_paths.map_or(defaults.rule_paths, resolve),
            extend_default_rules: raw.extend_default_rules.unwrap_or(true),
            world_knowledge: raw.world_knowledge.unwrap_or(true),
            max_article_bytes: raw.max_article_bytes,
            rules,
            file: Some(path_of_file),
            root,
            per_path_ignores,
            ignored_ids,
        })
    }

    /// Errors for `[rule.ID]` tables and `per-path-ignores` entries that
    /// name no loaded rule.
    pub fn unknown_rule_errors(&self, known: &[&str]) -> Vec<Diagnostic> {
        self.rules
            .iter()
            .map(|setting| (&setting.id, setting.span))
            .chain(self.ignored_ids.iter().map(|(id, span)| (id, *span)))
            .filter(|(id, _)| !known.contains(&id.as_str()))
            .map(|(id, span)| {
                let label = match crate::model::toml_error::closest(id, known.iter().copied()) {
                    Some(meant) => format!("not a loaded rule; did you mean `{meant}`?"),
                    None => "not a loaded rule".to_string(),
                };
                Diagnostic::new(
                    CONFIG_ERROR,
                    Severity::Error,
                    format!("no rule `{id}`"),
                    Label::new(span, label),
                )
                .with_note("help: `factlint rules` lists the rule ids")
            })
            .collect()
    }

    /// The largest article checked, in bytes: `max-article-bytes`, else
    /// [`crate::article::MAX_ARTICLE_BYTES`].
    pub fn max_article_bytes(&self) -> u64 {
        self.max_article_bytes.unwrap_or(crate::article::MAX_ARTICLE_BYTES)
    }

    /// Whether `per-path-ignores` leaves out `rule` on the article at `path`
    /// (its display path, relative to the working directory). The globs are
    /// relative to the config's folder, so the path is made relative to it
    /// first: the same config works from any subfolder.
    pub fn ignores(&self, path: &str, rule: &str) -> bool {
        if self.per_path_ignores.is_empty() {
            return false;
        }
        let relative = relative_to(&normalize(&self.root), Path::new(path));
        self.per_path_ignores
            .iter()
            .any(|(glob, rules)| glob.is_match(&relative) && (rules.is_empty() || rules.iter().any(|r| r == rule)))
    }
}

/// The `factlint.toml` that applies in `start`: there or in the nearest
/// parent folder, stopping at the root of the git work tree (a folder with
/// `.git`), as ruff finds `ruff.toml`.
pub fn find(start: &Path) -> Option<PathBuf> {
    let absolute = normalize(start);
    let mut folder = absolute.as_path();
    loop {
        let candidate = folder.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            // Said as the user would: relative to the working directory.
            return Some(relative_path(start, folder).join(CONFIG_FILE_NAME));
        }
        if folder.join(".git").exists() {
            return None;
        }
        folder = folder.parent()?;
    }
}

/// The root of the git work tree `start` is in (the nearest folder with
/// `.git`), absolute; `None` outside one.
pub fn git_root(start: &Path) -> Option<PathBuf> {
    let absolute = normalize(start);
    let mut folder = absolute.as_path();
    loop {
        if folder.join(".git").exists() {
            return Some(folder.to_path_buf());
        }
        folder = folder.parent()?;
    }
}

/// `folder` (an ancestor of `start`, both absolute or `start` relative to
/// the working directory) as a path from `start`: `.`, `..`, `../..`.
fn relative_path(start: &Path, folder: &Path) -> PathBuf {
    let depth = normalize(start).components().count() - folder.components().count();
    if depth == 0 {
        return start.to_path_buf();
    }
    let mut path = PathBuf::new();
    for _ in 0..depth {
        path.push("..");
    }
    if start == Path::new(".") {
        path
    } else {
        start.join(path)
    }
}

/// `path` relative to the absolute, normalised folder `base`, with `/`
/// between its parts (as globs and baselines write paths), climbing with
/// `..` when it is not under `base`.
pub fn relative_to(base: &Path, path: &Path) -> String {
    let path = normalize(path);
    let slashed = |p: &Path| {
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    if let Ok(rest) = path.strip_prefix(base) {
        return slashed(rest);
    }
    // Beside `base`: climb to the common ancestor.
    let common = base.ancestors().find(|a| path.starts_with(a)).unwrap_or(Path::new("/"));
    let ups = base.components().count() - common.components().count();
    let rest = path.strip_prefix(common).unwrap_or(&path);
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), ups).collect();
    if !rest.as_os_str().is_empty() {
        parts.push(slashed(rest));
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let mut db = SourceDb::default();
        Config::from_text("factlint.toml".into(), ".".into(), text.to_string(), &mut db)
    }

    fn labelled(errors: &[Diagnostic], text: &str) -> Vec<String> {
        errors
            .iter()
            .map(|e| text[e.primary.span.range()].to_string())
            .collect()
    }

    #[test]
    fn a_glob_out_of_the_folder_or_broken_is_an_error_on_its_span() {
        let text = "exclude = [\"drafts/**\", \"../old/**\", \"a[b\"]\n[per-path-ignores]\n\"../x/*.md\" = [\"all\"]\n";
        let errors = load(text).unwrap_err();
        assert_eq!(labelled(&errors, text), ["\"../old/**\"", "\"a[b\"", "\"../x/*.md\""]);
        assert!(errors[0].message.contains("has `..`"), "{}", errors[0].message);
    }

    #[test]
    fn too_many_globs_are_one_error_each_not_one_per_glob() {
        let globs: Vec<String> = (0..MAX_GLOBS + 500).map(|i| format!("\"d{i}/**\"")).collect();
        let mut text = format!("exclude = [{}]\n[per-path-ignores]\n", globs.join(", "));
        for i in 0..MAX_GLOBS + 1 {
            text.push_str(&format!("\"x{i}/*.md\" = [\"all\"]\n"));
        }
        let errors = load(&text).unwrap_err();
        assert_eq!(
            errors.len(),
            2,
            "{:?}",
            errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        );
        assert!(errors[0].message.contains(&format!("{} globs", MAX_GLOBS + 500)));
        // As many as allowed load.
        let globs: Vec<String> = (0..MAX_GLOBS).map(|i| format!("\"d{i}/**\"")).collect();
        assert!(load(&format!("exclude = [{}]\n", globs.join(", "))).is_ok());
    }
}
