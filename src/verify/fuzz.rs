//! What must hold for any input, one function per way input reaches
//! factlint: each takes the raw bytes of one input and panics when an
//! invariant breaks. The fuzz targets in `fuzz/` are these functions under
//! libFuzzer; `tests/fuzz_seeds.rs` replays the committed seeds and
//! campaign inputs (`fuzz/seeds/<target>/`) through them in `cargo test`,
//! so what a campaign found keeps being checked on a stable toolchain.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::article;
use crate::check::date::find::{self, Mention};
use crate::check::{self, Checker};
use crate::config::Config;
use crate::engine::{Options, Session, baseline};
use crate::model::source::SourceDb;
use crate::model::span::FileId;
use crate::render::human;
use crate::rules;
use crate::text::sentence;

/// What one fuzz target holds to: a function of one input's bytes that
/// panics when an invariant breaks.
pub type Holds = fn(&[u8]);

/// The fuzz targets by name, as `fuzz/Cargo.toml` names them.
pub const TARGETS: &[(&str, Holds)] = &[
    ("article_parse", article_parse),
    ("date_find", date_find),
    ("rule_load", rule_load),
    ("check_article", check_article),
    ("config_load", config_load),
];

fn inside(text: &str, range: &Range<usize>) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{range:?} in {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{range:?} off a char boundary"
    );
}

/// Any bytes as an article file (the first byte chooses Markdown or plain
/// text): a file that is not an article says why; dateline and diagnostic
/// ranges lie inside the file on char boundaries; the prose mask keeps the
/// file's length, so spans stay offsets into the file as on disk.
pub fn article_parse(data: &[u8]) {
    let markdown = data.first().is_some_and(|b| b % 2 == 0);
    let name = if markdown { "a.md" } else { "a.txt" };
    let loaded = article::load(FileId(0), Path::new(name), data.to_vec());
    let Some(article) = loaded.article else {
        assert!(
            !loaded.diagnostics.is_empty(),
            "a file that is not an article must say why"
        );
        return;
    };
    assert_eq!(article.prose.len(), article.text.len());
    assert!(article.body_start <= article.text.len());
    if let Some(dateline) = &article.dateline {
        inside(&article.text, &dateline.range);
        inside(&article.text, &dateline.place_range);
        if let Some(date) = &dateline.date_range {
            inside(&article.text, date);
        }
    }
    for diagnostic in &loaded.diagnostics {
        inside(&article.text, &diagnostic.primary.span.range());
    }
}

/// Four bytes of anchor date (days from the Common Era, any i32, so the
/// calendar's edges are reached), then text (lossy UTF-8): finding and
/// resolving its dates never panics, and every mention lies inside the
/// text on char boundaries.
pub fn date_find(data: &[u8]) {
    let Some((anchor_bytes, text)) = data.split_first_chunk::<4>() else {
        return;
    };
    let anchor = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(*anchor_bytes));
    let text = String::from_utf8_lossy(text);
    let _ = sentence::tense(&text);
    for mention in find::find(&text) {
        inside(&text, &mention.range());
        match &mention {
            Mention::Day { day, .. } => {
                let _ = find::resolve(day, anchor);
            }
            Mention::Span { start, end } => {
                let _ = find::resolve(start, anchor);
                let _ = find::resolve(end, anchor);
            }
            Mention::Weekday { weekday, .. } => {
                if let Some(anchor) = anchor {
                    let _ = find::nearest_weekday(*weekday, anchor);
                    let _ = find::last_weekday(*weekday, anchor);
                }
            }
            _ => {}
        }
    }
}

/// The article the rules of [`rule_load`] check: a title, a place, dates
/// and an elapsed time, so that most kinds of rule have something to judge.
const RULE_LOAD_ARTICLE: &str = "date 2024-06-12\n\nASTANA, June 12 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev \
met Chinese Premier Li Qiang in Nur-Sultan on Monday, June 10, 30 years after relations began.\n";

/// Up to four rule files separated by NUL bytes (knowledge in one may refer
/// to offices and places in another, as the shipped ones do): loading them
/// gives rules or errors with spans inside their file, and rules that load
/// build a checker and check an article.
pub fn rule_load(data: &[u8]) {
    let texts: Vec<(PathBuf, String)> = data
        .split(|b| *b == 0)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| {
            (
                PathBuf::from(format!("rules{i}.toml")),
                String::from_utf8_lossy(bytes).into_owned(),
            )
        })
        .collect();
    let mut db = SourceDb::new();
    match rules::load_texts(texts, &mut db) {
        Ok(mut rules) => {
            for check in &mut rules.checks {
                check.meta.enabled = true;
            }
            // Phrases that do not fit in one automaton are a rule error.
            let Ok(matcher) = check::phrase_matcher(&rules) else {
                return;
            };
            let checker = Checker::new(&rules, &matcher);
            let loaded = article::parse(FileId(9), Path::new("a.txt"), RULE_LOAD_ARTICLE.to_string());
            if let Some(article) = loaded.article {
                let outcome = checker.check_article(&article);
                let _ = checker.check_corpus(&outcome.facts, &|_| String::new());
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for error in errors {
                let span = error.primary.span;
                if let Some(file) = db.get(span.file) {
                    inside(&file.text, &span.range());
                }
            }
        }
    }
}

/// One session with the shipped rules, every rule switched on (rules
/// shipped off are code too), built once per process.
fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        let mut session = Session::load(Options::default()).expect("the shipped rules load");
        session.enable_all().expect("every shipped rule switches on");
        session
    })
}

/// Up to three articles separated by NUL bytes (a NUL inside an article
/// would only make it a skipped binary file, which [`article_parse`]
/// covers), the first byte of each choosing Markdown or plain text: the
/// whole check with the shipped rules, the corpus-wide pass and rendering
/// never panic, and every label lies inside its file on char boundaries.
pub fn check_article(data: &[u8]) {
    let texts = data
        .split(|b| *b == 0)
        .take(3)
        .enumerate()
        .map(|(index, bytes)| {
            let markdown = bytes.first().is_some_and(|b| b % 2 == 0);
            let name = format!("{index}.{}", if markdown { "md" } else { "txt" });
            (PathBuf::from(name), String::from_utf8_lossy(bytes).into_owned())
        })
        .collect();
    let run = session().check_texts(texts);
    for diagnostic in &run.diagnostics {
        for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
            let text = run.db.get(label.span.file).map_or("", |f| f.text.as_str());
            inside(text, &label.span.range());
        }
    }
    let _ = human::to_string(&run.db, &run.diagnostics, false);
}

/// A `factlint.toml` and a baseline, split at the first NUL: neither
/// panics; a config error points inside the config's text; a baseline
/// parses only at this build's version.
pub fn config_load(data: &[u8]) {
    let mut parts = data.splitn(2, |b| *b == 0);
    let config = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let baseline_text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let mut db = SourceDb::new();
    match Config::from_text(
        PathBuf::from("factlint.toml"),
        PathBuf::from("."),
        config.clone(),
        &mut db,
    ) {
        Ok(config) => {
            // Globs and paths that load are usable.
            let _ = config.ignores("corpus/a.md", "term-x");
        }
        Err(errors) => {
            for error in errors {
                let range = error.primary.span.range();
                assert!(
                    error.primary.span.file.0 == u32::MAX || range.end <= config.len(),
                    "error outside the config: {range:?}"
                );
            }
        }
    }
    if let Ok(parsed) = baseline::parse(&baseline_text) {
        assert_eq!(
            parsed.version,
            baseline::VERSION,
            "only this build's version is accepted"
        );
    }
}
