//! `factlint.toml`: the project's corpus roots, excludes, rule folders and
//! per-rule settings. Optional; without it factlint lints `corpus/` with
//! `rules/`.
//!
//! ```toml
//! corpus = ["corpus", "archive"]
//! exclude = ["drafts/**"]
//! rule-paths = ["rules", "house-rules"]
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

use crate::model::diagnostic::{Diagnostic, Label, Severity};
use crate::model::source::SourceDb;
use crate::model::span::Span;
use crate::model::toml_error::{RULE_FILE_ERROR, toml_error};

pub const CONFIG_FILE_NAME: &str = "factlint.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    corpus: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    rule_paths: Option<Vec<String>>,
    #[serde(default)]
    rule: BTreeMap<Spanned<String>, RawRuleSetting>,
    /// Glob → rule ids (or `"all"`) not to report on the matching articles.
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Vec<Spanned<String>>>,
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
    /// Globs of paths to leave out, relative to the config's folder.
    pub exclude: Vec<String>,
    pub rule_paths: Vec<PathBuf>,
    pub rules: Vec<RuleSetting>,
    /// The folder the config was found in (or the working directory).
    pub root: PathBuf,
    /// `per-path-ignores`: (glob, rules; empty = all rules).
    pub per_path_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// Rule ids named in `per-path-ignores`, for the unknown-rule check.
    pub ignored_ids: Vec<(String, Span)>,
}

impl Config {
    /// The defaults: `corpus/` and `rules/` under `root`.
    pub fn default_in(root: &Path) -> Config {
        Config {
            corpus: vec![root.join("corpus")],
            exclude: Vec::new(),
            rule_paths: vec![root.join("rules")],
            rules: Vec::new(),
            root: root.to_path_buf(),
            per_path_ignores: Vec::new(),
            ignored_ids: Vec::new(),
        }
    }

    /// Loads the config at `path` if given, else `factlint.toml` in the
    /// working directory if there is one, else the defaults.
    pub fn load(path: Option<&Path>, db: &mut SourceDb) -> Result<Config, Vec<Diagnostic>> {
        let cwd = PathBuf::from(".");
        let path = match path {
            Some(path) => path.to_path_buf(),
            None if Path::new(CONFIG_FILE_NAME).is_file() => PathBuf::from(CONFIG_FILE_NAME),
            None => return Ok(Config::default_in(&cwd)),
        };
        let root = path.parent().map_or(cwd.clone(), |p| {
            if p.as_os_str().is_empty() {
                cwd.clone()
            } else {
                p.to_path_buf()
            }
        });
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![crate::rules::plain_error(format!(
                "cannot read `{}`: {e}",
                path.display()
            ))]
        })?;
        let file = db.add(path, text);
        let text = db.get(file).map_or("", |f| f.text.as_str());
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(file, &e)])?;
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        for (id, setting) in raw.rule {
            let severity = setting.severity.and_then(|s| {
                let parsed = Severity::parse(s.get_ref());
                if parsed.is_none() {
                    errors.push(Diagnostic::new(
                        RULE_FILE_ERROR,
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
        let mut per_path_ignores = Vec::new();
        let mut ignored_ids = Vec::new();
        for (glob, ids) in &raw.per_path_ignores {
            match globset::Glob::new(glob) {
                Ok(glob) => {
                    let rules: Vec<String> = ids.iter().map(|i| i.get_ref().clone()).filter(|i| i != "all").collect();
                    per_path_ignores.push((glob.compile_matcher(), rules));
                }
                Err(error) => errors.push(Diagnostic::new(
                    RULE_FILE_ERROR,
                    Severity::Error,
                    format!("invalid glob `{glob}` in `per-path-ignores`: {error}"),
                    Label::new(Span::new(file, 0..0), ""),
                )),
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
            corpus: raw.corpus.map_or(defaults.corpus, resolve),
            exclude: raw.exclude,
            rule_paths: raw.rule_paths.map_or(defaults.rule_paths, resolve),
            rules,
            root,
            per_path_ignores,
            ignored_ids,
        })
    }

    /// Errors for `[rule.ID]` tables and `per-path-ignores` entries that
    /// name no loaded rule.
    pub fn unknown_rule_errors(&self, is_known: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        self.rules
            .iter()
            .map(|setting| (&setting.id, setting.span))
            .chain(self.ignored_ids.iter().map(|(id, span)| (id, *span)))
            .filter(|(id, _)| !is_known(id))
            .map(|(id, span)| {
                Diagnostic::new(
                    RULE_FILE_ERROR,
                    Severity::Error,
                    format!("no rule `{id}`"),
                    Label::new(span, "not a loaded rule"),
                )
                .with_note("help: `factlint rules` lists the rule ids")
            })
            .collect()
    }

    /// Whether `per-path-ignores` leaves out `rule` on the article at `path`
    /// (its display path, relative to the working directory).
    pub fn ignores(&self, path: &str, rule: &str) -> bool {
        self.per_path_ignores
            .iter()
            .any(|(glob, rules)| glob.is_match(path) && (rules.is_empty() || rules.iter().any(|r| r == rule)))
    }
}
