//! Rule selection and run control as ruff users expect them: `--select`,
//! `--extend-select`, `--ignore`, `--exit-zero`, `--quiet`, `--output-file`,
//! standard input, `--statistics --format json`, `--version`, completions,
//! `factlint init`, and what CI needs told (an empty corpus, `--changed`
//! against the current commit, JUnit and `--fail-on`, `--diff` for `git apply`).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{factlint, git, project, repo};

const STALE: &str = "date 2024-06-12\nThe delegation flew in from Nur-Sultan on Monday.\n";
const TERM: &str = "date 2024-07-01\nThe Majilis met on Monday.\n";

fn rules_of(stdout: &str) -> Vec<String> {
    let mut rules: Vec<String> = stdout
        .lines()
        .filter_map(|l| {
            l.split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .map(|(id, _)| id.to_string())
        })
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn select_ignore_and_extend_select_choose_the_rules() {
    let project = project(&[
        ("2024-06-12-a.txt", STALE.as_bytes()),
        ("2024-07-01-b.txt", TERM.as_bytes()),
    ]);
    let dir = project.path();
    let all = factlint(dir, &["check", "--format", "short"]);
    assert_eq!(rules_of(&all.stdout), ["place-name-outdated", "term-mazhilis"]);
    let places = factlint(dir, &["check", "--format", "short", "--select", "place"]);
    assert_eq!(rules_of(&places.stdout), ["place-name-outdated"]);
    let both = factlint(dir, &["check", "--format", "short", "--select", "place,term-mazhilis"]);
    assert_eq!(rules_of(&both.stdout), ["place-name-outdated", "term-mazhilis"]);
    let ignored = factlint(dir, &["check", "--format", "short", "--ignore", "place"]);
    assert_eq!(rules_of(&ignored.stdout), ["term-mazhilis"]);
    let extended = factlint(
        dir,
        &[
            "check",
            "--format",
            "short",
            "--select",
            "place",
            "--extend-select",
            "term",
        ],
    );
    assert_eq!(rules_of(&extended.stdout), ["place-name-outdated", "term-mazhilis"]);
    // A selector that names nothing is a usage error, as in ruff.
    let typo = factlint(dir, &["check", "--select", "plaec"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("no rule or family of rules `plaec`"),
        "{}",
        typo.stderr
    );
}

#[test]
fn exit_zero_quiet_and_output_file() {
    let project = project(&[("2024-06-12-a.txt", STALE.as_bytes())]);
    let dir = project.path();
    assert_eq!(factlint(dir, &["check"]).code, 1);
    assert_eq!(factlint(dir, &["check", "--exit-zero"]).code, 0);
    let quiet = factlint(dir, &["check", "--format", "short", "--quiet"]);
    assert_eq!(quiet.stdout.lines().count(), 1, "{}", quiet.stdout);
    assert!(quiet.stdout.contains("place-name-outdated"));
    let to_file = factlint(dir, &["check", "--format", "json", "--output-file", "report.json"]);
    assert_eq!(to_file.code, 1);
    assert!(to_file.stdout.is_empty(), "{}", to_file.stdout);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["diagnostics"][0]["rule"], "place-name-outdated");
}

#[test]
fn standard_input_is_checked_as_the_named_article_against_the_corpus() {
    let project = project(&[("2024-06-12-a.txt", STALE.as_bytes())]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args([
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "corpus/2024-07-01-draft.txt",
            "-",
        ])
        .current_dir(project.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(TERM.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Only the piped article is reported on, under its given name.
    assert!(
        stdout.contains("corpus/2024-07-01-draft.txt:2:5: warning[term-mazhilis]"),
        "{stdout}"
    );
    assert!(!stdout.contains("Nur-Sultan"), "{stdout}");
    assert!(stdout.contains("checked 1 article of 2 read"), "{stdout}");
}

#[test]
fn statistics_honour_the_json_format() {
    let out = factlint(&repo(), &["check", "--statistics", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = doc["statistics"].as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["rule"] == "title-not-held" && r["count"].as_u64() >= Some(1))
    );
    assert_eq!(doc["summary"]["errors"].as_u64(), Some(9));
}

#[test]
fn version_completions_and_init() {
    let version = factlint(&repo(), &["--version"]);
    assert_eq!(version.stdout.trim(), format!("factlint {}", env!("CARGO_PKG_VERSION")));
    for shell in ["bash", "zsh", "fish"] {
        let script = factlint(&repo(), &["completions", shell]);
        assert_eq!(script.code, 0);
        assert!(script.stdout.contains("extend-select"), "{shell}");
    }
    // The rule ids complete: the default rules', and a folder's own.
    let own = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(own.path().join("rules")).unwrap();
    std::fs::write(own.path().join("factlint.toml"), "rule-paths = [\"rules\"]\n").unwrap();
    std::fs::write(
        own.path().join("rules/house.toml"),
        "[[check]]\nid = \"term-e-mail\"\nkind = \"term\"\ndescription = \"email\"\npreferred = \"email\"\nvariants = [\"e-mail\"]\n",
    )
    .unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let script = factlint(own.path(), &["completions", shell]);
        assert_eq!(script.code, 0, "{}", script.stderr);
        for id in ["term-e-mail", "title-not-held", "date-weekday"] {
            assert!(script.stdout.contains(id), "{shell} completes no {id}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let init = factlint(dir.path(), &["init", "--copy-rules"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(dir.path().join("rules/knowledge/people.toml").is_file());
    // The copy loads instead of the defaults: no duplicate ids.
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus/2024-06-12-a.txt"), STALE).unwrap();
    let check = factlint(dir.path(), &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("place-name-outdated"));
    let rules = factlint(dir.path(), &["rules"]);
    assert!(
        rules
            .stdout
            .lines()
            .any(|l| l.starts_with("term-mazhilis") && l.contains("rules/terms.toml"))
    );
    // A second init does not write over the first.
    let again = factlint(dir.path(), &["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn an_empty_corpus_is_a_warning_not_a_silent_success() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus/notes")).unwrap();
    std::fs::write(dir.path().join("corpus/notes/readme.rst"), "nothing").unwrap();
    let out = factlint(dir.path(), &["check"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("warning: no articles found under `./corpus`"),
        "{}",
        out.stderr
    );
    // A missing folder is a tool error, labelled as one.
    let missing = factlint(dir.path(), &["check", "--rules", "nowhere"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("error[missing-folder]"), "{}", missing.stderr);
}

#[test]
fn changed_against_the_current_commit_warns() {
    let project = project(&[("2024-06-12-a.txt", STALE.as_bytes())]);
    let dir = project.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "corpus"]);
    let out = factlint(dir, &["check", "--changed", "--base", "main"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("the base `main` is the current commit"),
        "{}",
        out.stderr
    );
}

#[test]
fn junit_fails_an_article_only_at_or_above_fail_on() {
    let project = project(&[("2024-07-01-b.txt", TERM.as_bytes())]);
    let dir = project.path();
    let errors_only = factlint(dir, &["check", "--format", "junit"]);
    assert_eq!(errors_only.code, 0);
    assert!(errors_only.stdout.contains(r#"failures="0""#), "{}", errors_only.stdout);
    assert!(
        errors_only.stdout.contains("<system-out>2:5: warning[term-mazhilis]"),
        "{}",
        errors_only.stdout
    );
    let warnings = factlint(dir, &["check", "--format", "junit", "--fail-on", "warning"]);
    assert_eq!(warnings.code, 1);
    assert!(warnings.stdout.contains(r#"failures="1""#), "{}", warnings.stdout);
}

#[test]
fn diff_applies_with_git_apply_and_says_when_only_unsafe_fixes_exist() {
    let project = project(&[("2024-07-01-b.txt", TERM.as_bytes())]);
    let dir = project.path();
    git(dir, &["init", "-q", "-b", "main"]);
    let diff = factlint(dir, &["check", "--diff"]);
    assert_eq!(diff.code, 1);
    assert!(
        diff.stdout
            .starts_with("--- a/corpus/2024-07-01-b.txt\n+++ b/corpus/2024-07-01-b.txt\n"),
        "{}",
        diff.stdout
    );
    assert!(diff.stderr.contains("1 fix would be applied"), "{}", diff.stderr);
    assert!(!diff.stdout.contains("would be applied"));
    std::fs::write(dir.join("fix.patch"), &diff.stdout).unwrap();
    git(dir, &["apply", "fix.patch"]);
    let fixed = std::fs::read_to_string(dir.join("corpus/2024-07-01-b.txt")).unwrap();
    assert_eq!(fixed, "date 2024-07-01\nThe Mazhilis met on Monday.\n");
    // "Hadonggan" has only an unsafe fix: the diff is empty and says why.
    std::fs::write(
        dir.join("corpus/2024-07-01-b.txt"),
        "date 2024-07-01\nThe Hadonggan association met on Monday.\n",
    )
    .unwrap();
    let unsafe_only = factlint(dir, &["check", "--diff"]);
    assert_eq!(unsafe_only.code, 0, "{}", unsafe_only.stdout);
    assert!(unsafe_only.stdout.is_empty(), "{}", unsafe_only.stdout);
    assert!(
        unsafe_only
            .stderr
            .contains("1 unsafe fix left out: add `--unsafe-fixes` to see it"),
        "{}",
        unsafe_only.stderr
    );
    let human = factlint(dir, &["check"]);
    assert!(
        human
            .stdout
            .contains("no safe fixes; 1 fixable with `--fix --unsafe-fixes`"),
        "{}",
        human.stdout
    );
}

/// Standard input is read as a file is: its encoding is a diagnostic on
/// the article (exit 1, not a tool error), and it is read to no more than
/// `max-article-bytes` (an `article-too-large` note).
#[test]
fn standard_input_is_bounded_and_its_encoding_is_a_diagnostic() {
    let project = project(&[]);
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_factlint"));
    let args = [
        "check",
        "--format",
        "short",
        "--stdin-filename",
        "corpus/draft.txt",
        "-",
    ];
    let latin1 = b"date 2024-07-01\nThe Majilis met in Almaty \xe9t\xe9.\n";
    let output = common::run_binary_with_stdin(binary, project.path(), &args, latin1);
    assert_eq!(output.code, 1, "{}{}", output.stdout, output.stderr);
    assert!(output.stdout.contains("corpus/draft.txt:2:"), "{}", output.stdout);
    assert!(output.stdout.contains("error[article-encoding]"), "{}", output.stdout);
    let config = std::fs::read_to_string(project.path().join("factlint.toml")).unwrap();
    std::fs::write(
        project.path().join("factlint.toml"),
        format!("max-article-bytes = 64\n{config}"),
    )
    .unwrap();
    let long = format!("date 2024-07-01\n{}", "The Majilis met. ".repeat(100));
    let output = common::run_binary_with_stdin(binary, project.path(), &args, long);
    assert!(
        output
            .stdout
            .contains("info[article-too-large] article not checked: more than `max-article-bytes` (64)"),
        "{}{}",
        output.stdout,
        output.stderr
    );
}

/// A signal during `--output-file` leaves neither the temporary file nor a
/// half-written report: the run ends with 130, the report's path holds
/// nothing (it did not exist before).
#[cfg(unix)]
#[test]
fn an_interrupted_output_file_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    // Sixty thousand diagnostics: a report of tens of megabytes, written for
    // long enough to be interrupted while its temporary file exists.
    let article = format!("date 2024-01-01\n{}", "OBOR and more. ".repeat(60_000));
    std::fs::write(dir.path().join("corpus/a.txt"), article).unwrap();
    let mut child = common::retry_busy(|| {
        Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["check", "--format", "json", "--output-file", "out/report.json"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    });
    let temporaries = || {
        std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().starts_with(".factlint-"))
            .count()
    };
    let started = std::time::Instant::now();
    while temporaries() == 0 && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    assert_eq!(temporaries(), 1, "the report's temporary file was never seen");
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(temporaries(), 0, "the temporary file was left behind");
    assert!(!dir.path().join("out/report.json").exists(), "a half-written report");
}

/// Two `--fix` runs on one corpus at once take turns: neither refuses files
/// the other changed (exit 2 for both, before), and every fix is made once.
#[test]
fn two_fix_runs_at_once_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    for i in 0..200 {
        let article = format!("date 2024-01-01\n{}", "OBOR and more. ".repeat(2_000));
        std::fs::write(dir.path().join(format!("corpus/a{i:03}.txt")), article).unwrap();
    }
    let start = || {
        common::retry_busy(|| {
            Command::new(env!("CARGO_BIN_EXE_factlint"))
                .args(["check", "--fix", "--format", "short"])
                .current_dir(dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
        })
    };
    let (first, second) = (start(), start());
    for run in [first, second] {
        let output = run.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("changed on disk"), "{stderr}");
    }
    let text = std::fs::read_to_string(dir.path().join("corpus/a000.txt")).unwrap();
    assert!(!text.contains("OBOR") && text.contains("Belt and Road Initiative and more."));
}

/// `--show-fixes` lists the fixes by file and rule on stderr: those
/// `--fix` would make, then those it made, then none.
#[test]
fn show_fixes_lists_the_fixes_by_file_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(
        dir.path().join("corpus/a.txt"),
        "date 2024-01-01\nOBOR and OBOR, and the Majilis met.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let output = common::retry_busy(|| {
            Command::new(env!("CARGO_BIN_EXE_factlint"))
                .args(args)
                .current_dir(dir.path())
                .output()
        });
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let listed = "3 diagnostics:\n- corpus/a.txt:\n    2 × term-belt-and-road\n    1 × term-mazhilis\n";
    let before = run(&["check", "--show-fixes", "--format", "short"]);
    assert!(before.contains(&format!("`--fix` would fix {listed}")), "{before}");
    let fixed = run(&["check", "--fix", "--show-fixes", "--format", "short"]);
    assert!(fixed.contains(&format!("fixed {listed}")), "{fixed}");
    let again = run(&["check", "--fix", "--show-fixes", "--format", "short"]);
    assert!(again.contains("no fixes made"), "{again}");
}
