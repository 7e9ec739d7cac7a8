//! Fuzz target: loading any text as rule files never panics — it gives rules
//! or errors with spans inside their file — and rules that load can build a
//! checker and check an article.
//!
//! Input: up to four rule files separated by NUL bytes, so knowledge in one
//! file can refer to offices and places in another, as the shipped
//! `rules/knowledge/` files do.
#![no_main]

use std::path::{Path, PathBuf};

use factlint::article;
use factlint::check::{self, Checker};
use factlint::model::source::SourceDb;
use factlint::model::span::FileId;
use factlint::rules;
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "date 2024-06-12\n\nASTANA, June 12 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev \
met Chinese Premier Li Qiang in Nur-Sultan on Monday, June 10, 30 years after relations began.\n";

fuzz_target!(|data: &[u8]| {
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
            let loaded = article::parse(FileId(9), Path::new("a.txt"), ARTICLE.to_string());
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
                    assert!(span.end as usize <= file.text.len(), "{span:?}");
                    assert!(file.text.is_char_boundary(span.start as usize));
                    assert!(file.text.is_char_boundary(span.end as usize));
                }
            }
        }
    }
});
