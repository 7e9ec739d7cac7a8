//! The rule reference (`rules/README.md`) and the shipped rules stay true:
//! its examples load, it documents every field the loader accepts, and every
//! shipped rule is documented.

use std::path::PathBuf;

use factlint::model::source::SourceDb;
use factlint::rules;

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

/// The loader's own list of accepted fields of a table, from its
/// unknown-field error.
fn accepted_fields(table: &str) -> Vec<String> {
    let error = toml::from_str::<rules::raw::RawRuleFile>(&format!("{table}\nno-such-field = 1\n")).unwrap_err();
    let message = error.message().to_string();
    // "expected one of `a`, `b`, `c`", or "expected `a` or `b`".
    let list = message
        .split("expected ")
        .nth(1)
        .unwrap_or_else(|| panic!("{table}: {message}"));
    let list = list.strip_prefix("one of ").unwrap_or(list);
    list.split(", ")
        .flat_map(|f| f.split(" or "))
        .map(|f| f.trim().trim_matches('`').to_string())
        .collect()
}

#[test]
fn every_field_of_every_table_is_documented() {
    let reference = reference();
    let tables = [
        ("[[check]]", "preferred"),
        ("[titles]", "synonyms"),
        ("[[office]]", "titles"),
        ("[[person]]", "spellings"),
        ("[[person]]\n[[person.offices]]", "from"),
        ("[[event]]", "mentions"),
        ("[[place]]", "capital-of"),
        ("[[place]]\n[[place.names]]", "name"),
        ("[[place]]\n[[place.capital-of]]", "place"),
        ("[[check]]\n[check.tests]", "invalid"),
        ("[[check]]\n[[check.tests.corpus]]", "articles"),
    ];
    for (table, sample) in tables {
        let fields = accepted_fields(table);
        assert!(fields.iter().any(|f| f == sample), "{table}: {fields:?}");
        for field in fields {
            assert!(
                reference.contains(&format!("| `{field}` |")) || reference.contains(&format!("`{field}`")),
                "rules/README.md does not document `{field}` of {table}"
            );
        }
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
