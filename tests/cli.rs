//! End-to-end tests: the `factlint` binary on fixture corpora, as a user runs
//! it. Rendered output is compared with snapshots in `snapshots/cli/`.

mod common;

use std::path::PathBuf;

use common::{Output, factlint, repo};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", output.stdout))
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "../snapshots/cli", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn sample_corpus_default_run() {
    let out = factlint(&repo(), &["check"]);
    snapshot!("sample_corpus_human", out.stdout);
    assert_eq!(out.code, 1, "the sample corpus has planted errors: {}", out.stderr);
    for rule in [
        "title-mismatch",
        "title-not-held",
        "title-inconsistent",
        "term-belt-and-road",
        "term-nurly-zhol-translation",
        "article-date-missing",
        "date-invalid",
        "date-weekday",
        "date-range",
        "date-after-publication",
        "date-dateline",
        "date-anniversary",
        "place-name-outdated",
        "place-spelling",
        "place-wrong-country",
        "place-inconsistent",
    ] {
        assert!(out.stdout.contains(&format!("[{rule}]")), "no planted {rule} found");
    }
}

#[test]
fn sample_corpus_json() {
    let out = factlint(&repo(), &["check", "--format", "json"]);
    snapshot!("sample_corpus_json", out.stdout);
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["articles"], 16);
}

#[test]
fn every_json_span_is_the_exact_original_text() {
    for dir in [repo(), fixture("broken-articles")] {
        let out = factlint(&dir, &["check", "--format", "json"]);
        let doc = json(&out);
        for d in doc["diagnostics"].as_array().unwrap() {
            if !d["rule"].as_str().unwrap().starts_with("term-") {
                continue;
            }
            let bytes = std::fs::read(dir.join(d["path"].as_str().unwrap())).unwrap();
            let span = &d["span"];
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let flagged = String::from_utf8(bytes[start..end].to_vec()).unwrap();
            let message = d["message"].as_str().unwrap();
            assert!(
                message.contains(&format!("`{flagged}`")),
                "span {start}..{end} is {flagged:?}, message {message}"
            );
            // Line and column agree with the bytes.
            let before = String::from_utf8_lossy(&bytes[..start]).into_owned();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(
                (
                    span["line"].as_u64().unwrap() as usize,
                    span["column"].as_u64().unwrap() as usize
                ),
                (line, column)
            );
            if let Some(edit) = d["fix"]["edits"].get(0) {
                assert_eq!(
                    (
                        edit["start"].as_u64().unwrap() as usize,
                        edit["end"].as_u64().unwrap() as usize
                    ),
                    (start, end)
                );
            }
        }
    }
}

#[test]
fn broken_articles_are_diagnostics_and_the_rest_is_checked() {
    let dir = fixture("broken-articles");
    let out = factlint(&dir, &["check"]);
    snapshot!("broken_articles_human", out.stdout);
    assert_eq!(out.code, 1, "errors make the run fail");
    let doc = json(&factlint(&dir, &["check", "--format", "json"]));
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |path: &str, rule: &str| found.iter().any(|(p, r)| p == &format!("corpus/{path}") && r == rule);
    assert!(has("latin1.txt", "article-encoding"));
    assert!(has("utf16.md", "article-encoding"));
    assert!(has("binary.md", "article-binary"));
    assert!(has("unclosed-front-matter.md", "article-front-matter"));
    assert!(has("bad-toml-front-matter.md", "article-front-matter"));
    assert!(has("bad-yaml-line.md", "article-front-matter"));
    assert!(has("impossible-date.md", "article-date-invalid"));
    assert!(has("no-date.txt", "article-date-missing"));
    // The bodies of articles with broken headers are still checked.
    assert!(has("bad-toml-front-matter.md", "term-belt-and-road"));
    assert!(has("bom-crlf.md", "term-belt-and-road"));
    assert!(has("2024-03-02-good.md", "term-belt-and-road"));
    // Unreadable files are not checked for terms.
    assert!(!has("latin1.txt", "term-belt-and-road"));
    assert!(!has("binary.md", "term-belt-and-road"));
    // Code, comments, URLs and link targets are not prose: one OBOR (the link text) is.
    let in_code_file = found.iter().filter(|(p, _)| p.ends_with("code-and-links.md")).count();
    assert_eq!(in_code_file, 1);
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    for dir in [repo(), fixture("broken-articles")] {
        let one = factlint(&dir, &["check", "--format", "json", "--jobs", "1"]);
        let two = factlint(&dir, &["check", "--format", "json", "--jobs", "2"]);
        let eight = factlint(&dir, &["check", "--format", "json", "--jobs", "8"]);
        assert_eq!(one.stdout, two.stdout);
        assert_eq!(one.stdout, eight.stdout);
    }
}

#[test]
fn rule_errors_point_into_the_toml_and_exit_2() {
    let out = factlint(&fixture("bad-rules"), &["check"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    snapshot!("bad_rules_stderr", out.stderr);
    for expected in [
        "unknown field `sevrity`",
        "unknown check kind `spelling`",
        "unknown severity `fatal`",
        "does not start with `term-`",
        "invalid regex",
        "duplicate rule id `term-dup`",
        "unclosed array table",
        "invalid type: string \"yes\"",
        "could not load the configuration and rules: 8 errors",
    ] {
        assert!(out.stderr.contains(expected), "missing {expected:?} in\n{}", out.stderr);
    }
}

#[test]
fn named_paths_are_reported_against_the_whole_corpus() {
    let out = factlint(&repo(), &["check", "corpus/2024-06-12-energy-talks.md"]);
    snapshot!("named_path_consistency", out.stdout);
    // The minority form is reported, with the other articles' uses as labels.
    assert!(out.stdout.contains("term-nurly-zhol-translation"));
    assert!(out.stdout.contains("corpus/cooperation-committee-11th.md"));
    assert!(out.stdout.contains("checked 1 article of 16 read"));
    // Nothing from articles that were not named.
    assert!(!out.stdout.contains("term-mazhilis"));
}

#[test]
fn fail_on_sets_the_exit_code() {
    let warnings_only = [
        "check",
        "corpus/2024-06-12-energy-talks.md",
        "--no-default-rules",
        "--rules",
        "rules/terms.toml",
    ];
    assert_eq!(
        factlint(&repo(), &[&warnings_only[..], &["--fail-on", "error"]].concat()).code,
        0
    );
    assert_eq!(
        factlint(&repo(), &[&warnings_only[..], &["--fail-on", "warning"]].concat()).code,
        1
    );
    assert_eq!(factlint(&repo(), &["check"]).code, 1);
    assert_eq!(factlint(&repo(), &["check", "--fail-on", "fatal"]).code, 2);
}

#[test]
fn config_changes_severity_switches_rules_off_and_excludes() {
    let out = factlint(&fixture("config"), &["check", "--format", "json"]);
    let doc = json(&out);
    let rules: Vec<(&str, &str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(rules, [("articles/2024-01-01-story.md", "term-belt-and-road", "error")]);
    assert_eq!(out.code, 1);
}

#[test]
fn config_naming_an_unknown_rule_is_an_error_with_a_span() {
    let dir = fixture("config");
    let out = factlint(&dir, &["check", "--config", "unknown-rule.toml"]);
    assert_eq!(out.code, 2);
    snapshot!("config_unknown_rule_stderr", out.stderr);
    assert!(out.stderr.contains("no rule `term-no-such-rule`"));
}

#[test]
fn missing_corpus_folder_is_a_clear_error() {
    let out = factlint(&repo(), &["check", "--corpus", "no-such-folder"]);
    assert_eq!(out.code, 2);
    // One line, and not dressed up as an error in a rule file.
    assert_eq!(
        out.stderr,
        "error[corpus]: corpus folder `no-such-folder` does not exist\n"
    );
}

#[test]
fn a_baseline_that_is_not_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, "not json").unwrap();
    let out = factlint(&repo(), &["check", "--baseline", baseline.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error[baseline]: baseline `"), "{}", out.stderr);
    assert!(out.stderr.contains("is not a factlint baseline"), "{}", out.stderr);
    assert!(!out.stderr.contains("rule-file"), "{}", out.stderr);
}

#[test]
fn rules_lists_builtin_and_toml_rules() {
    let out = factlint(&repo(), &["rules", "--format", "json"]);
    let doc = json(&out);
    let rules = doc["rules"].as_array().unwrap();
    let find = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    // The default rules are embedded: their origin is `builtin`.
    assert_eq!(find("term-belt-and-road")["origin"], "builtin");
    assert_eq!(find("term-belt-and-road")["path"], "<builtin>/terms.toml");
    assert_eq!(find("term-belt-and-road")["kind"], "term");
    assert_eq!(find("article-date-missing")["kind"], "builtin");
    assert_eq!(find("article-date-missing")["origin"], "builtin");
    assert_eq!(find("article-date-missing")["severity"], "warning");
    let human = factlint(&repo(), &["rules"]);
    assert!(
        human
            .stdout
            .lines()
            .any(|l| l.starts_with("term-dungan") && l.ends_with(" builtin")),
        "{}",
        human.stdout
    );
    // A rule folder added with --rules shows its own path.
    let added = factlint(
        &repo(),
        &["rules", "--rules", "tests/fixtures/config/rules", "--no-default-rules"],
    );
    assert!(
        added
            .stdout
            .lines()
            .any(|l| l.contains("tests/fixtures/config/rules/terms.toml")),
        "{}",
        added.stdout
    );
}

#[test]
fn explain_shows_description_and_settings() {
    let out = factlint(&repo(), &["explain", "term-belt-and-road"]);
    assert_eq!(out.code, 0);
    snapshot!("explain_term_belt_and_road", out.stdout);
    let missing = factlint(&repo(), &["explain", "term-belt"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("did you mean one of: term-belt-and-road"),
        "{}",
        missing.stderr
    );
}

/// The user's own articles, when they are beside the checkout (as in CI):
/// exactly the real problems, nothing else. Skipped on a clone without them.
#[test]
fn seed_articles_get_only_real_diagnostics() {
    let seeds = repo().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not found", seeds.display());
        return;
    }
    let out = factlint(
        &repo(),
        &["check", "--corpus", seeds.to_str().unwrap(), "--format", "json"],
    );
    let doc = json(&out);
    let mut found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            (
                path.rsplit('/').next().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            // Wang Hao stopped being Governor of Zhejiang on 2024-12-18; the
            // article of 2025-01-15 still calls him governor.
            ("000_7ecde5c07ad7fd12.txt".to_string(), "title-not-held".to_string()),
            // No date anywhere in the article.
            (
                "001_03f9e70bfd8be4e2.txt".to_string(),
                "article-date-missing".to_string()
            ),
            // "Hadonggan" is a garbled transliteration of "Dungan".
            ("003_f3c7b540608cc31d.txt".to_string(), "term-dungan".to_string()),
        ]
    );
}

/// The sample output in the README is real: every line of it appears in the
/// output of the command it shows.
#[test]
fn readme_sample_output_is_current() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let sample: Vec<&str> = readme
        .split("$ cargo run --release -- check\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(sample.len() > 10);
    let out = factlint(&repo(), &["check"]);
    for line in sample {
        assert!(
            out.stdout.lines().any(|l| l == line),
            "README line not in the output: {line:?}"
        );
    }
}

#[test]
fn color_is_chosen_by_flag() {
    let always = factlint(&repo(), &["check", "--color", "always"]);
    assert!(always.stdout.contains("\u{1b}["), "ANSI colour expected");
    let never = factlint(&repo(), &["check", "--color", "never"]);
    assert!(!never.stdout.contains("\u{1b}["));
}

#[test]
fn a_named_article_outside_the_corpus_is_read_and_compared_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("2024-07-01-new.md");
    std::fs::write(&story, "Officials praised the Bright Path programme.\n").unwrap();
    let out = factlint(&repo(), &["check", story.to_str().unwrap()]);
    assert!(out.stdout.contains("checked 1 article of 17 read"), "{}", out.stdout);
    // Two articles now write "Bright Path", still the minority against two "Bright Road".
    assert!(out.stdout.contains("`Bright Path` is used here"), "{}", out.stdout);
}

#[test]
fn facts_lists_titles_by_person() {
    let out = factlint(&repo(), &["facts"]);
    assert_eq!(out.code, 0);
    snapshot!("sample_corpus_facts", out.stdout);
    let smailov = factlint(&repo(), &["facts", "--person", "smailov"]);
    assert!(smailov.stdout.starts_with("Alikhan Smailov\n"));
    assert_eq!(smailov.stdout.lines().count(), 4, "{}", smailov.stdout);
    let json = factlint(&repo(), &["facts", "--format", "json"]);
    let lines: Vec<Value> = json.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() > 20);
    let ding = lines
        .iter()
        .find(|l| l["person"] == "Ding Xuexiang" && l["title"] == "Chinese Premier")
        .unwrap();
    assert_eq!(ding["person_id"], "ding-xuexiang");
    assert_eq!(ding["date"], "2025-03-18");
    assert_eq!(ding["path"], "corpus/cooperation-committee-12th.txt");
    let unknown = lines.iter().find(|l| l["person"] == "Askar Dzhumabayev").unwrap();
    assert_eq!(unknown["person_id"], Value::Null);
}

#[test]
fn facts_dates_lists_resolved_dates() {
    let out = factlint(&repo(), &["facts", "--dates", "corpus/cooperation-committee-11th.md"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("Nov. 26 to 27            2023-11-26 to 2023-11-27"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "Monday                   2023-11-27 (the last Monday on or before the dateline: told in the past)"
        ),
        "{}",
        out.stdout
    );
    // The README shows this very output.
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains(&out.stdout), "README's --dates sample is out of date");
}

/// Copies `rules/` and `snapshots/` into a temporary project.
fn temp_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_folders(dir.path(), &["rules", "rules/knowledge", "snapshots/rules"]);
    std::fs::write(dir.path().join("factlint.toml"), common::OWN_RULES_CONFIG).unwrap();
    dir
}

#[test]
fn factlint_test_passes_on_the_shipped_rules() {
    let out = factlint(&repo(), &["test", "--strict"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("ok") && l.contains("term-belt-and-road"))
    );
    assert!(out.stdout.contains(" passed, 0 failed"));
}

#[test]
fn a_broken_rule_fails_with_a_readable_diff_and_update_accepts_it() {
    let project = temp_project();
    let terms = project.path().join("rules/terms.toml");
    let text = std::fs::read_to_string(&terms).unwrap();
    // Break the rule on purpose: a new message changes every diagnostic.
    let broken = text.replacen(
        "id = \"term-mazhilis\"",
        "id = \"term-mazhilis\"\nmessage = \"`{found}` should be `{preferred}`\"",
        1,
    );
    std::fs::write(&terms, broken).unwrap();
    let out = factlint(project.path(), &["test", "term-mazhilis"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("FAILED") && out.stdout.contains("snapshot changed"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("-warning[term-mazhilis]: use `Mazhilis` instead of `Majilis`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("+warning[term-mazhilis]: `Majilis` should be `Mazhilis`"),
        "{}",
        out.stdout
    );
    let update = factlint(project.path(), &["test", "term-mazhilis", "--update"]);
    assert_eq!(update.code, 0, "{}", update.stdout);
    assert!(update.stdout.contains("snapshot updated"));
    let again = factlint(project.path(), &["test", "term-mazhilis"]);
    assert_eq!(again.code, 0, "{}", again.stdout);

    // Break it so that it misses an invalid case: the case and its text are shown.
    let text = std::fs::read_to_string(&terms).unwrap();
    std::fs::write(
        &terms,
        text.replacen("variants = [\"Majilis\", \"Majlis\"]", "variants = [\"Majlis\"]", 1),
    )
    .unwrap();
    let missed = factlint(project.path(), &["test", "term-mazhilis"]);
    assert_eq!(missed.code, 1);
    assert!(
        missed.stdout.contains("invalid 1 (rules/terms.toml:"),
        "{}",
        missed.stdout
    );
    assert!(
        missed.stdout.contains("expected a diagnostic, got none"),
        "{}",
        missed.stdout
    );
    assert!(
        missed.stdout.contains("| The Majilis passed the bill."),
        "{}",
        missed.stdout
    );
}

#[test]
fn untested_rules_warn_and_fail_with_strict() {
    let project = temp_project();
    let extra =
        "[[check]]\nid = \"term-untested\"\nkind = \"term\"\npreferred = \"Astana\"\nvariants = [\"Astanna\"]\n";
    std::fs::write(project.path().join("rules/extra.toml"), extra).unwrap();
    let out = factlint(project.path(), &["test", "term-untested"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("warning  term-untested  untested"),
        "{}",
        out.stdout
    );
    let strict = factlint(project.path(), &["test", "term-untested", "--strict"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn malformed_test_cases_are_errors_with_a_span() {
    let project = temp_project();
    let extra = "[[check]]\nid = \"term-bad-case\"\nkind = \"term\"\npreferred = \"Astana\"\nvariants = [\"Astanna\"]\n\n[check.tests]\nvalid = [{ txt = \"oops\" }]\ninvalid = [{ text = \"x\", date = \"soon\" }]\n";
    std::fs::write(project.path().join("rules/extra.toml"), extra).unwrap();
    let out = factlint(project.path(), &["test"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown field `txt` in a test case"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("rules/extra.toml:8:10"), "{}", out.stderr);
    assert!(
        out.stderr.contains("a test case's `date` must be a day"),
        "{}",
        out.stderr
    );
}

/// `--output-file` into a folder that does not exist yet creates it, with
/// the file a shell would make (the umask, not a temporary file's 0600);
/// `/dev/null` stays a device.
#[test]
fn output_files_are_made_like_a_shell_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("reports/today/factlint.json");
    let out = factlint(
        &repo(),
        &["check", "--format", "json", "--output-file", report.to_str().unwrap()],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(std::fs::read_to_string(&report).unwrap().contains("\"diagnostics\""));
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
        let shell = dir.path().join("shell");
        std::fs::File::create(&shell).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&report), mode(&shell));
        let out = factlint(&repo(), &["check", "--output-file", "/dev/null"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
}

/// `--fix -` prints the fixed article (as `ruff --fix -` does), every
/// byte outside the fixes unchanged, and the report on standard error.
#[test]
fn fix_of_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let draft = "date 2024-06-12\r\nThe Majilis met; OBOR was discussed. 😀\r\n";
    let out = common::run_binary_with_stdin(
        std::path::Path::new(env!("CARGO_BIN_EXE_factlint")),
        dir.path(),
        &["check", "--fix", "-"],
        draft,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "date 2024-06-12\r\nThe Mazhilis met; Belt and Road Initiative was discussed. 😀\r\n"
    );
    assert!(out.stderr.contains("applied 2 fixes"), "{}", out.stderr);
}

/// SARIF paths are relative to the repository's root, as code scanning
/// expects, when factlint runs in a subfolder of it.
#[test]
fn sarif_paths_are_relative_to_the_repository_root() {
    let repo_dir = tempfile::tempdir().unwrap();
    common::git(repo_dir.path(), &["init", "-q"]);
    let desk = repo_dir.path().join("desks/almaty");
    std::fs::create_dir_all(desk.join("corpus")).unwrap();
    std::fs::write(desk.join("corpus/a.txt"), "date 2024-06-12\nThe Majilis met.\n").unwrap();
    let out = factlint(&desk, &["check", "--format", "sarif"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(location, "desks/almaty/corpus/a.txt");
}

/// A slip gets a "did you mean": an id without its family prefix (not
/// "not kebab-case"), and a misspelt rule id in `factlint.toml`.
#[test]
fn slips_in_rule_files_and_config_name_what_was_meant() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(
        dir.path().join("rules/a.toml"),
        "[[check]]\nid = \"widget\"\nkind = \"term\"\npreferred = \"widget\"\nvariants = [\"wijit\"]\n",
    )
    .unwrap();
    let out = factlint(dir.path(), &["check", "--rules", "rules"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("rule id `widget` does not start with `term-`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean `term-widget`?"), "{}", out.stderr);
    assert!(!out.stderr.contains("kebab"), "{}", out.stderr);

    std::fs::remove_file(dir.path().join("rules/a.toml")).unwrap();
    std::fs::write(
        dir.path().join("factlint.toml"),
        "[rule.term-belt-and-rod]\nseverity = \"error\"\n",
    )
    .unwrap();
    let out = factlint(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `term-belt-and-road`?"),
        "{}",
        out.stderr
    );
}

/// ruff's flag names: `--output-format` (with `--format` the same flag),
/// `--exclude` in place of the config's, `--extend-exclude` besides it.
#[test]
fn output_format_and_exclude_flags_work_as_in_ruff() {
    let short = factlint(&repo(), &["check", "--output-format", "short"]);
    assert_eq!(short.stdout, factlint(&repo(), &["check", "--format", "short"]).stdout);
    let all = short.stdout.lines().filter(|l| l.starts_with("corpus/")).count();
    let without = factlint(
        &repo(),
        &["check", "--output-format", "short", "--extend-exclude", "corpus/2*"],
    );
    assert!(
        !without.stdout.contains("corpus/2024-06-12-energy-talks.md"),
        "{}",
        without.stdout
    );
    let fewer = without.stdout.lines().filter(|l| l.starts_with("corpus/")).count();
    assert!(0 < fewer && fewer < all, "{fewer} of {all}");
    let only = factlint(
        &repo(),
        &["check", "--output-format", "short", "--exclude", "corpus/[a-z]*"],
    );
    assert!(
        only.stdout
            .lines()
            .filter(|l| l.starts_with("corpus/"))
            .all(|l| l.starts_with("corpus/2")),
        "{}",
        only.stdout
    );
}

/// A fix inside quotation marks is never safe: `--fix` leaves a quotation
/// as it was said; `--unsafe-fixes` still offers it.
#[test]
fn fixes_never_rewrite_a_quotation_unasked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(
        dir.path().join("rules/a.toml"),
        "[[check]]\nid = \"term-widget\"\nkind = \"term\"\npreferred = \"widget\"\nvariants = [\"wijit\"]\nin-quotes = true\n",
    )
    .unwrap();
    let article = dir.path().join("corpus/a.txt");
    let text = "date 2024-06-12\n\"The wijit broke,\" she said. The wijit was mended.\n";
    std::fs::write(&article, text).unwrap();
    let out = factlint(
        dir.path(),
        &["check", "--no-default-rules", "--rules", "rules", "--fix"],
    );
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "date 2024-06-12\n\"The wijit broke,\" she said. The widget was mended.\n",
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("inside a quotation"), "{}", out.stdout);
    factlint(
        dir.path(),
        &[
            "check",
            "--no-default-rules",
            "--rules",
            "rules",
            "--fix",
            "--unsafe-fixes",
        ],
    );
    assert!(
        std::fs::read_to_string(&article)
            .unwrap()
            .contains("\"The widget broke,\"")
    );
}

/// `--show-settings` prints the settings in force (config file, corpus,
/// excludes, every rule's severity) and checks nothing; `--verbose` names
/// the config file used.
#[test]
fn show_settings_prints_the_merged_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("factlint.toml"),
        "corpus = [\"articles\"]\nexclude = [\"articles/drafts/**\"]\n[rule.term-mazhilis]\nseverity = \"error\"\n[rule.date-weekday]\nenabled = false\n",
    )
    .unwrap();
    let out = factlint(
        dir.path(),
        &["check", "--show-settings", "--extend-exclude", "articles/old/**"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "# config file: ./factlint.toml",
        "corpus = [\"./articles\"]",
        "exclude = [\"articles/drafts/**\", \"articles/old/**\"]",
        "term-mazhilis = \"error\"  # builtin",
        "date-weekday = \"off\"  # builtin",
    ] {
        assert!(out.stdout.lines().any(|l| l == line), "`{line}` in\n{}", out.stdout);
    }
    let verbose = factlint(dir.path(), &["check", "--verbose"]);
    assert!(
        verbose.stderr.contains("note: config: `./factlint.toml`"),
        "{}",
        verbose.stderr
    );
}

/// The loop for editing the shipped rules: `rules/` tested as one's own
/// folder, its world layer's table read from beside its files, passes
/// (and leaves the snapshots as they are).
#[test]
fn the_shipped_rules_pass_when_tested_as_ones_own_folder() {
    let out = common::factlint(
        &common::repo(),
        &["test", "--strict", "--no-default-rules", "--rules", "rules"],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("ok       title-not-held"), "{}", out.stdout);
}
