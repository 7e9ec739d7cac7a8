//! The rule reference (`rules/README.md`) and the shipped rules stay true:
//! its examples load, it documents every field the loader accepts, and every
//! shipped rule is documented.

use std::path::PathBuf;

use factlint::rules;
use factlint::source::SourceDb;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reference() -> String {
    std::fs::read_to_string(repo().join("rules/README.md")).unwrap()
}

/// The contents of every ```toml block.
fn toml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_example_in_the_reference_loads() {
    let blocks = toml_blocks(&reference());
    assert!(blocks.len() >= 5, "found {} toml blocks", blocks.len());
    for (index, block) in blocks.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("example.toml"), block).unwrap();
        let mut db = SourceDb::new();
        let loaded = rules::load(&[dir.path().to_path_buf()], &mut db);
        assert!(
            loaded.is_ok(),
            "example {index} does not load:\n{block}\n{:?}",
            loaded.err()
        );
    }
}

#[test]
fn every_check_field_is_documented() {
    // The loader's own list of accepted fields, from its unknown-field error.
    let error = toml::from_str::<rules::raw::RawRuleFile>("[[check]]\nno-such-field = 1\n").unwrap_err();
    let message = error.message().to_string();
    let fields: Vec<&str> = message
        .split("expected one of ")
        .nth(1)
        .unwrap()
        .split(", ")
        .map(|f| f.trim_matches('`'))
        .collect();
    assert!(fields.contains(&"preferred"), "{message}");
    let reference = reference();
    for field in fields {
        assert!(
            reference.contains(&format!("| `{field}` |")),
            "rules/README.md does not document `{field}`"
        );
    }
}

#[test]
fn every_shipped_rule_has_a_complete_description() {
    let mut db = SourceDb::new();
    let loaded = rules::load(&[repo().join("rules")], &mut db).expect("shipped rules load");
    assert!(!loaded.checks.is_empty());
    for check in &loaded.checks {
        let description = check
            .meta
            .description
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no description", check.meta.id));
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(description.contains(heading), "{} lacks `{heading}`", check.meta.id);
        }
    }
}
