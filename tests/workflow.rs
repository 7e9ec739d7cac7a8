//! The CI and editor workflow end to end: `--changed`, baselines, inline
//! suppressions, per-path ignores, `--fix` and `--diff`, in temporary
//! projects (git repositories where needed).

mod common;

use common::{factlint, git};

/// A project with the shipped rules and a small corpus.
fn project(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let articles: Vec<(&str, &[u8])> = articles.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    common::project(&articles)
}

const OLD: &str = "date 2024-06-12\nThe delegation flew in from Nur-Sultan on Monday.\n";
const CLEAN: &str = "date 2024-06-12\nThe delegation flew in from Astana on Monday.\n";
const NEW: &str = "date 2024-07-01\nThe Majilis met on Monday.\n";

/// Plays a CI run: a baseline of the old problems, a new article with a new
/// error on a branch, and `--changed --baseline` reporting exactly it.
#[test]
fn ci_run_reports_only_the_new_error() {
    let project = project(&[("2024-06-12-old.txt", OLD), ("2024-06-13-clean.txt", CLEAN)]);
    let dir = project.path();
    git(dir, &["init", "-q", "-b", "main"]);
    let baseline = factlint(dir, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(baseline.code, 0, "writing a baseline succeeds: {}", baseline.stderr);
    assert!(
        baseline
            .stderr
            .contains("wrote 1 baseline entry to `baseline.json` (checked 2 articles)"),
        "{}",
        baseline.stderr
    );
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "corpus and baseline"]);
    git(dir, &["checkout", "-q", "-b", "new-article"]);
    std::fs::write(
        dir.join("corpus/2024-07-01-new.txt"),
        NEW.replace("met on Monday", "met on Monday in Nur-Sultan"),
    )
    .unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "new article"]);

    let out = factlint(
        dir,
        &[
            "check",
            "--changed",
            "--baseline",
            "baseline.json",
            "--format",
            "github",
        ],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    // In offset order: "Majilis" (column 5), then "Nur-Sultan" (column 30).
    assert!(
        lines[0].starts_with("::warning file=corpus/2024-07-01-new.txt,line=2,col=5,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("title=factlint term-mazhilis::"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("::error file=corpus/2024-07-01-new.txt,line=2,col=30,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("title=factlint place-name-outdated::"),
        "{}",
        lines[1]
    );

    // Without --changed, the baseline still hides the old error.
    let all = factlint(dir, &["check", "--baseline", "baseline.json", "--format", "short"]);
    assert!(!all.stdout.contains("2024-06-12-old.txt"), "{}", all.stdout);
    assert!(all.stdout.contains("(1 in the baseline)"), "{}", all.stdout);
}

#[test]
fn changed_counts_untracked_articles_and_needs_git() {
    let project = project(&[("2024-06-12-old.txt", OLD)]);
    let dir = project.path();
    let outside = factlint(dir, &["check", "--changed"]);
    assert_eq!(outside.code, 2);
    assert!(outside.stderr.contains("needs a git checkout"), "{}", outside.stderr);
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "init"]);
    let nothing = factlint(dir, &["check", "--changed", "--format", "short"]);
    assert_eq!(nothing.code, 0, "{}", nothing.stdout);
    assert!(
        nothing.stdout.contains("checked 0 articles of 1 read"),
        "{}",
        nothing.stdout
    );
    std::fs::write(dir.join("corpus/2024-07-01-new.txt"), NEW).unwrap();
    let untracked = factlint(dir, &["check", "--changed", "--format", "short"]);
    assert!(
        untracked
            .stdout
            .contains("corpus/2024-07-01-new.txt:2:5: warning[term-mazhilis]"),
        "{}",
        untracked.stdout
    );
    assert!(!untracked.stdout.contains("old.txt"));
}

#[test]
fn baseline_survives_edits_elsewhere_and_reports_stale_entries() {
    let project = project(&[("2024-06-12-old.txt", OLD)]);
    let dir = project.path();
    factlint(dir, &["check", "--write-baseline", "baseline.json"]);
    // An edit above the error moves it to another line: still baselined.
    std::fs::write(
        dir.join("corpus/2024-06-12-old.txt"),
        OLD.replace("date 2024-06-12\n", "date 2024-06-12\nA new first paragraph.\n\n"),
    )
    .unwrap();
    let moved = factlint(dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(moved.code, 0, "{}", moved.stdout);
    // Fixed: the entry is stale, reported as info.
    std::fs::write(dir.join("corpus/2024-06-12-old.txt"), CLEAN).unwrap();
    let fixed = factlint(dir, &["check", "--baseline", "baseline.json", "--format", "short"]);
    assert_eq!(fixed.code, 0);
    assert!(
        fixed
            .stdout
            .contains("info[baseline-stale] baseline entry for `place-name-outdated` on `Nur-Sultan` matches nothing"),
        "{}",
        fixed.stdout
    );
}

#[test]
fn inline_suppressions_and_unused_ones() {
    let md = "---\ndate: 2024-07-01\n---\n\n<!-- factlint-disable-next-line term-mazhilis -->\nThe Majilis met.\n\n<!-- factlint-disable-next-line term-dungan -->\nNothing here.\n";
    let txt = "date 2024-07-01\nfactlint: disable-next-line term-mazhilis\nThe Majilis met.\nThe Majilis met again.\n";
    let project = project(&[("a.md", md), ("b.txt", txt)]);
    let out = factlint(project.path(), &["check", "--format", "short"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    // Two diagnostics, the summary, and the fix count.
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    assert_eq!(lines[3], "1 fixable with `--fix`");
    assert_eq!(
        lines[0],
        "corpus/a.md:8:1: info[suppression-unused] this suppression of term-dungan suppresses nothing"
    );
    assert_eq!(
        lines[1],
        "corpus/b.txt:4:5: warning[term-mazhilis] use `Mazhilis` instead of `Majilis`"
    );
    assert!(lines[2].ends_with("(2 suppressed)"), "{}", lines[2]);
}

#[test]
fn per_path_ignores() {
    let project = project(&[("archive-old.txt", OLD), ("2024-07-01-new.txt", NEW)]);
    std::fs::write(
        project.path().join("factlint.toml"),
        "[per-path-ignores]\n\"corpus/archive-*\" = [\"place-name-outdated\"]\n\"corpus/2024-*\" = [\"all\"]\n",
    )
    .unwrap();
    let out = factlint(project.path(), &["check", "--format", "short"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("(2 suppressed)"), "{}", out.stdout);
    std::fs::write(
        project.path().join("factlint.toml"),
        "[per-path-ignores]\n\"corpus/*\" = [\"place-no-such-rule\"]\n",
    )
    .unwrap();
    let bad = factlint(project.path(), &["check"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no rule `place-no-such-rule`"), "{}", bad.stderr);
}

#[test]
fn fix_changes_only_the_edits_keeps_bom_and_crlf_and_is_idempotent() {
    let text = "\u{feff}date 2024-06-12\r\nThe delegation flew in from Nur-Sultan on Monday.\r\nThe Majilis met, and so did the Hadonggan association.\r\n";
    let project = project(&[("a.txt", text)]);
    let dir = project.path();
    let diff = factlint(dir, &["check", "--diff"]);
    assert_eq!(diff.code, 1);
    assert!(
        diff.stdout
            .contains("-The delegation flew in from Nur-Sultan on Monday.\r\n"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout
            .contains("+The delegation flew in from Astana on Monday.\r\n"),
        "{}",
        diff.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("corpus/a.txt")).unwrap(),
        text,
        "--diff writes nothing"
    );

    let fixed = factlint(dir, &["check", "--fix"]);
    assert!(
        fixed
            .stderr
            .contains("applied 2 fixes; 1 fixable remaining (1 unsafe: add --unsafe-fixes)"),
        "{}",
        fixed.stderr
    );
    let after = std::fs::read_to_string(dir.join("corpus/a.txt")).unwrap();
    assert_eq!(
        after,
        text.replace("Nur-Sultan", "Astana").replace("Majilis", "Mazhilis")
    );
    let again = factlint(dir, &["check", "--fix"]);
    assert!(again.stderr.contains("applied 0 fixes"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("corpus/a.txt")).unwrap(),
        after,
        "a second --fix changes nothing"
    );
    factlint(dir, &["check", "--fix", "--unsafe-fixes"]);
    assert!(
        std::fs::read_to_string(dir.join("corpus/a.txt"))
            .unwrap()
            .contains("the Dungan association")
    );
}

#[test]
fn fix_leaves_a_read_only_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    // A second, writable article makes `--fix` run more than one pass.
    let project = project(&[("a.txt", OLD), ("b.txt", NEW)]);
    let path = project.path().join("corpus/a.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = factlint(project.path(), &["check", "--fix"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Said once, however many passes run.
    assert_eq!(
        out.stderr.matches("is read-only: not written").count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), OLD);
    assert!(
        std::fs::read_to_string(project.path().join("corpus/b.txt"))
            .unwrap()
            .contains("Mazhilis")
    );
}

/// How many diagnostics a run's output shows, read the way each format's
/// reader would: results in SARIF, the summary in JSON, failures in JUnit,
/// lines naming a rule in the text formats.
fn shown(format: &str, stdout: &str) -> usize {
    match format {
        "json" => {
            let doc: serde_json::Value = serde_json::from_str(stdout).unwrap();
            doc["diagnostics"].as_array().unwrap().len()
        }
        "sarif" => {
            let doc: serde_json::Value = serde_json::from_str(stdout).unwrap();
            doc["runs"][0]["results"].as_array().unwrap().len()
        }
        "junit" => stdout.matches("<failure").count(),
        _ => stdout
            .lines()
            .filter(|l| {
                ["place-name-outdated", "term-mazhilis", "baseline-stale"]
                    .iter()
                    .any(|id| l.contains(id))
            })
            .count(),
    }
}

/// For every output format: a baseline written in that format, then used
/// from the project root and from a subfolder, hides every known problem
/// and reports no stale entry; a new problem still fails the run.
#[test]
fn a_baseline_holds_in_every_format_and_from_any_folder() {
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let project = project(&[("2024-06-12-old.txt", OLD), ("2024-06-13-clean.txt", CLEAN)]);
        let dir = project.path();
        std::fs::create_dir_all(dir.join("ci")).unwrap();
        let before = factlint(dir, &["check", "--format", format]);
        assert_eq!(shown(format, &before.stdout), 1, "{format}: {}", before.stdout);
        let written = factlint(
            dir,
            &["check", "--format", format, "--write-baseline", "ci/baseline.json"],
        );
        assert_eq!(written.code, 0, "{format}: {}", written.stderr);
        let baseline = std::fs::read_to_string(dir.join("ci/baseline.json")).unwrap();
        // Relative to the baseline's folder, with the flagged text whatever the format.
        assert!(
            baseline.contains("\"path\": \"../corpus/2024-06-12-old.txt\""),
            "{format}: {baseline}"
        );
        assert!(baseline.contains("\"text\": \"Nur-Sultan\""), "{format}: {baseline}");
        for (from, path) in [
            (dir.to_path_buf(), "ci/baseline.json"),
            (dir.join("corpus"), "../ci/baseline.json"),
        ] {
            let out = factlint(&from, &["check", "--format", format, "--baseline", path]);
            assert_eq!(
                out.code,
                0,
                "{format} from {}: {}{}",
                from.display(),
                out.stdout,
                out.stderr
            );
            assert_eq!(
                shown(format, &out.stdout),
                0,
                "{format} from {}: {}",
                from.display(),
                out.stdout
            );
        }
        std::fs::write(dir.join("corpus/2024-07-01-new.txt"), NEW).unwrap();
        let out = factlint(
            &dir.join("corpus"),
            &[
                "check",
                "--format",
                format,
                "--baseline",
                "../ci/baseline.json",
                "--fail-on",
                "warning",
            ],
        );
        assert_eq!(out.code, 1, "{format}: a new problem fails: {}", out.stdout);
        assert_eq!(
            shown(format, &out.stdout),
            1,
            "{format}: only the new one: {}",
            out.stdout
        );
    }
}

#[test]
fn a_baseline_of_another_version_is_refused() {
    let project = project(&[("2024-06-12-old.txt", OLD)]);
    let dir = project.path();
    std::fs::write(dir.join("baseline.json"), r#"{"version": 7, "entries": []}"#).unwrap();
    let out = factlint(dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("has version 7; this factlint reads version 1"),
        "{}",
        out.stderr
    );
}
