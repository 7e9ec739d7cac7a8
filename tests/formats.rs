//! Every output format on the sample corpus: snapshots of what users see,
//! and structural checks — SARIF against the SARIF 2.1.0 JSON schema, GitHub
//! workflow commands against their documented syntax, JUnit as well-formed
//! XML.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(format: &str) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--format", format])
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .expect("run factlint");
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_format_snapshot() {
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let (out, code) = check(format);
        assert_eq!(code, 1, "{format}: the sample corpus has errors");
        insta::with_settings!({ snapshot_path => "../snapshots/cli", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("format_{format}"), out);
        });
    }
}

#[test]
fn short_lines_have_path_line_column_severity_rule() {
    let (out, _) = check("short");
    let line = regex::Regex::new(r"^[^:]+:\d+:\d+: (error|warning|info)\[[a-z0-9-]+\] .+$").unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 10);
    // The diagnostics, the summary, then how many are fixable.
    let summary = lines.iter().rposition(|l| l.starts_with("checked ")).unwrap();
    for l in &lines[..summary] {
        assert!(line.is_match(l), "{l}");
    }
    assert_eq!(lines.len(), summary + 2, "{out}");
    assert!(lines[summary + 1].contains("fixable with `--fix`"), "{out}");
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/fixtures/schemas/sarif-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let (out, _) = check("sarif");
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And it carries what viewers need.
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "title-not-held" && r["defaultConfiguration"]["level"] == "error")
    );
    let results = run["results"].as_array().unwrap();
    let inconsistent = results.iter().find(|r| r["ruleId"] == "title-inconsistent").unwrap();
    assert_eq!(
        inconsistent["relatedLocations"].as_array().unwrap().len(),
        2,
        "secondary labels in other articles"
    );
    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "place-name-outdated" && r["fixes"].is_array())
        .unwrap();
    assert_eq!(
        fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "ASTANA"
    );
    // A rule's index points at the rule.
    let index = fixed["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "place-name-outdated");
}

#[test]
fn a_bad_sarif_document_fails_the_schema() {
    // The schema check can fail: a level that SARIF does not know.
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/fixtures/schemas/sarif-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (out, _) = check("sarif");
    let broken = out.replacen("\"level\": \"error\"", "\"level\": \"fatal\"", 1);
    let broken: Value = serde_json::from_str(&broken).unwrap();
    assert!(validator.iter_errors(&broken).next().is_some());
}

#[test]
fn github_lines_follow_the_workflow_command_syntax() {
    let (out, _) = check("github");
    // ::error file=…,line=N[,col=N],endLine=N[,endColumn=N],title=…::message
    let command = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?,title=[^:,]+::[^\r\n]+$",
    )
    .unwrap();
    let same_line = regex::Regex::new(r"line=(\d+),col=\d+,endLine=(\d+)").unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 10);
    for line in &lines {
        assert!(command.is_match(line), "{line}");
        // Columns go with a single-line span only.
        let caps = same_line.captures(line);
        if let Some(caps) = caps {
            assert_eq!(&caps[1], &caps[2], "{line}");
        }
    }
    assert!(
        lines.iter().any(|l| l.contains("line=4,endLine=5")),
        "a multi-line span without columns"
    );
}

#[test]
fn junit_is_well_formed_with_one_case_per_article() {
    let (out, _) = check("junit");
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let cases: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), 16);
    let failed = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .count();
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    assert_eq!(suite.attribute("failures").unwrap(), failed.to_string());
    assert!(failed > 5);
}

#[test]
fn statistics_count_per_rule() {
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--statistics"])
        .current_dir(repo())
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    let first: Vec<&str> = out.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(first[0], "2");
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["1", "title-mismatch", "error"]),
        "{out}"
    );
}

/// GitLab Code Quality: one issue per diagnostic, each with GitLab's
/// fields, a severity GitLab knows and a fingerprint of its own that does
/// not move when another article changes.
#[test]
fn gitlab_code_quality_lists_every_diagnostic_with_a_stable_fingerprint() {
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(args)
            .current_dir(repo())
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let issues = run(&["check", "--format", "gitlab"]);
    let issues = issues.as_array().unwrap();
    let json = run(&["check", "--format", "json"]);
    assert_eq!(issues.len(), json["diagnostics"].as_array().unwrap().len());
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["location"]["path"].as_str().unwrap().starts_with("corpus/"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(issue["check_name"].is_string() && issue["description"].is_string());
        assert!(
            fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()),
            "{issue}"
        );
    }
    // Reporting on one article gives its issues the same fingerprints.
    let one = run(&["check", "--format", "gitlab", "corpus/belt-and-road-forum.txt"]);
    for issue in one.as_array().unwrap() {
        assert!(fingerprints.contains(issue["fingerprint"].as_str().unwrap()));
    }
}
