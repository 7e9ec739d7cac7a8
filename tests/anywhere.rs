//! The installed tool, used as a new user would: a copy of the binary in a
//! temporary install root, run from folders that have nothing of this
//! repository beside them. The default rules come from the binary; a
//! `factlint.toml` is found in a parent folder; added rules extend the
//! defaults; the search for a config stops at the git root.

mod common;

use std::path::{Path, PathBuf};

use common::Output;

const STALE_NAME: &str = "date 2024-06-12\nThe delegation flew in from Nur-Sultan on Monday.\n";
const HOUSE_TERM: &str = "date 2024-06-12\nThe delegation discussed the widget plan on Monday.\n";

/// Installs the built binary into `root/bin` (what `cargo install --root`
/// lays out) and returns its path.
fn install(root: &Path) -> PathBuf {
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let installed = bin.join("factlint");
    std::fs::copy(env!("CARGO_BIN_EXE_factlint"), &installed).unwrap();
    installed
}

fn run(binary: &Path, dir: &Path, args: &[&str]) -> Output {
    common::run_binary(binary, dir, args)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_installed_binary_checks_with_its_default_rules_from_any_folder() {
    let temp = tempfile::tempdir().unwrap();
    let binary = install(&temp.path().join("install"));
    let elsewhere = temp.path().join("elsewhere");
    write(&elsewhere.join("news/2024-06-12-visit.txt"), STALE_NAME);
    let out = run(&binary, &elsewhere, &["check", "--corpus", "news", "--format", "short"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    // The default place rules know Nur-Sultan was renamed Astana in 2022.
    assert!(out.stdout.contains("Nur-Sultan"), "{}", out.stdout);
    assert!(out.stdout.contains("news/2024-06-12-visit.txt"), "{}", out.stdout);
    let rules = run(&binary, &elsewhere, &["rules"]);
    assert!(
        rules
            .stdout
            .lines()
            .any(|l| l.starts_with("place-") && l.ends_with(" builtin"))
    );
}

#[test]
fn a_config_two_folders_up_is_found_and_its_rules_extend_the_defaults() {
    let temp = tempfile::tempdir().unwrap();
    let binary = install(&temp.path().join("install"));
    let project = temp.path().join("project");
    // The search stops at the git root: a config above it is not the project's.
    std::fs::create_dir_all(project.join(".git")).unwrap();
    write(&temp.path().join("factlint.toml"), "corpus = [\"nowhere\"]\n");
    write(
        &project.join("factlint.toml"),
        "corpus = [\"articles\"]\nrule-paths = [\"house\"]\n",
    );
    write(
        &project.join("house/terms.toml"),
        "[[check]]\nid = \"term-widget\"\nkind = \"term\"\nseverity = \"error\"\npreferred = \"gadget\"\nvariants = [\"widget\"]\n",
    );
    write(&project.join("articles/2024-06-12-visit.txt"), STALE_NAME);
    write(&project.join("articles/2024-06-13-plan.txt"), HOUSE_TERM);
    let deep = project.join("articles/sub/deeper");
    std::fs::create_dir_all(&deep).unwrap();
    let out = run(&binary, &deep, &["check", "--format", "short"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    // The house rule and a default rule, on paths relative to here.
    assert!(out.stdout.contains("term-widget"), "{}", out.stdout);
    assert!(out.stdout.contains("Nur-Sultan"), "{}", out.stdout);
    assert!(
        out.stdout.contains("../../../articles/2024-06-13-plan.txt"),
        "{}",
        out.stdout
    );
    // `factlint rules` tells the two origins apart.
    let rules = run(&binary, &deep, &["rules"]);
    assert!(
        rules
            .stdout
            .lines()
            .any(|l| l.starts_with("term-widget") && l.contains("house/terms.toml")),
        "{}",
        rules.stdout
    );
    assert!(
        rules
            .stdout
            .lines()
            .any(|l| l.starts_with("term-belt-and-road") && l.ends_with(" builtin"))
    );
    // With the defaults switched off, only the house rule is left.
    write(
        &project.join("factlint.toml"),
        "corpus = [\"articles\"]\nrule-paths = [\"house\"]\nextend-default-rules = false\n",
    );
    let own = run(&binary, &deep, &["check", "--format", "short"]);
    assert!(own.stdout.contains("term-widget"), "{}", own.stdout);
    assert!(!own.stdout.contains("Nur-Sultan"), "{}", own.stdout);
}

#[test]
fn per_path_ignores_hold_from_a_subfolder() {
    let temp = tempfile::tempdir().unwrap();
    let project = temp.path();
    std::fs::create_dir_all(project.join(".git")).unwrap();
    write(
        &project.join("factlint.toml"),
        "corpus = [\"articles\"]\n[per-path-ignores]\n\"articles/archive/**\" = [\"all\"]\n",
    );
    write(&project.join("articles/archive/2024-06-12-visit.txt"), STALE_NAME);
    write(&project.join("articles/2024-06-13-visit.txt"), STALE_NAME);
    for dir in [
        project.to_path_buf(),
        project.join("articles"),
        project.join("articles/archive"),
    ] {
        let out = common::factlint(&dir, &["check", "--format", "short"]);
        assert!(
            !out.stdout.contains("archive/2024-06-12"),
            "from {}: {}",
            dir.display(),
            out.stdout
        );
        assert!(
            out.stdout.contains("2024-06-13-visit.txt"),
            "from {}: {}",
            dir.display(),
            out.stdout
        );
    }
}

/// A folder of one's own articles, with no `corpus/` and no config: the
/// folder is the corpus (its README left out), named files and standard
/// input are checked alone, and `init` writes the corpus it finds.
#[test]
fn a_folder_of_articles_without_corpus_or_config_is_checked_as_it_is() {
    let temp = tempfile::tempdir().unwrap();
    let binary = install(&temp.path().join("install"));
    let desk = temp.path().join("desk");
    write(&desk.join("visit.txt"), STALE_NAME);
    write(&desk.join("drafts/second.md"), STALE_NAME);
    write(&desk.join("README.md"), "# The desk's notes, not an article\n");

    let all = run(&binary, &desk, &["check", "--format", "short"]);
    assert_eq!(all.code, 1, "{}", all.stderr);
    assert!(
        all.stdout.contains("visit.txt:2:") && all.stdout.contains("drafts/second.md:2:"),
        "{}",
        all.stdout
    );
    assert!(!all.stdout.contains("README"), "{}", all.stdout);
    assert!(all.stdout.contains("checked 2 articles"), "{}", all.stdout);

    let dot = run(&binary, &desk, &["check", ".", "--format", "short"]);
    assert!(dot.stdout.contains("checked 2 articles"), "{}", dot.stdout);
    let one = run(&binary, &desk, &["check", "visit.txt", "--format", "short"]);
    assert_eq!(one.code, 1);
    assert!(one.stdout.contains("checked 1 article:"), "{}", one.stdout);
    let piped = common::run_binary_with_stdin(&binary, &desk, &["check", "-", "--format", "short"], STALE_NAME);
    assert_eq!(piped.code, 1, "{}", piped.stderr);
    assert!(piped.stdout.contains("checked 1 article:"), "{}", piped.stdout);

    let init = run(&binary, &desk, &["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(
        std::fs::read_to_string(desk.join("factlint.toml"))
            .unwrap()
            .contains("corpus = [\".\"]")
    );
    assert!(
        init.stderr.contains("the articles here are the corpus"),
        "{}",
        init.stderr
    );

    // A corpus folder the config names and that is missing says what to do.
    write(&desk.join("factlint.toml"), "corpus = [\"articles\"]\n");
    let missing = run(&binary, &desk, &["check"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("named by `corpus` in"), "{}", missing.stderr);
}

/// A newsroom's own term rule, with its cases.
const OWN_RULE: &str = r#"[[check]]
id = "term-e-mail"
kind = "term"
severity = "warning"
description = "House style: email"
preferred = "email"
variants = ["e-mail"]

[check.tests]
valid = ["Send an email."]
invalid = ["Send an e-mail."]
"#;

/// A folder with rules of its own: `factlint test` tests those, and the
/// default rules' cases only with `--include-defaults`, against the
/// snapshots the binary ships; `--update` writes the folder's own
/// snapshots and never the default rules'.
#[test]
fn factlint_test_in_a_newsrooms_folder_tests_its_own_rules() {
    let temp = tempfile::tempdir().unwrap();
    let binary = install(&temp.path().join("install"));
    let folder = temp.path().join("newsroom");
    write(&folder.join("factlint.toml"), "rule-paths = [\"rules\"]\n");
    write(&folder.join("rules/house.toml"), OWN_RULE);

    let first = run(&binary, &folder, &["test"]);
    assert_eq!(first.code, 1, "{}", first.stdout);
    assert!(first.stdout.contains("term-e-mail"), "{}", first.stdout);
    assert!(!first.stdout.contains("title-not-held"), "{}", first.stdout);
    assert!(
        first.stdout.contains("`--include-defaults` runs them too"),
        "{}",
        first.stdout
    );

    let update = run(&binary, &folder, &["test", "--update"]);
    assert_eq!(update.code, 0, "{}", update.stdout);
    let written: Vec<String> = std::fs::read_dir(folder.join("snapshots/rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["term-e-mail.snap"]);

    let all = run(&binary, &folder, &["test", "--strict", "--include-defaults"]);
    assert_eq!(all.code, 0, "{}", all.stdout);
    assert!(all.stdout.contains("ok       title-not-held"), "{}", all.stdout);
    assert!(all.stdout.contains("ok       term-e-mail"), "{}", all.stdout);
    // Nothing of the defaults was written into the folder.
    assert_eq!(std::fs::read_dir(folder.join("snapshots/rules")).unwrap().count(), 1);
}

/// A newsroom's record that replaces a default one makes the default
/// rules' cases about that person fail: `--include-defaults` says so, and
/// names the file that does it.
#[test]
fn a_default_case_that_a_newsrooms_file_breaks_names_the_file() {
    let temp = tempfile::tempdir().unwrap();
    let binary = install(&temp.path().join("install"));
    let folder = temp.path().join("newsroom");
    write(&folder.join("factlint.toml"), "rule-paths = [\"rules\"]\n");
    write(&folder.join("rules/house.toml"), OWN_RULE);
    write(
        &folder.join("rules/people.toml"),
        "[[person]]\nid = \"smailov\"\nname = \"Alikhan Smailov\"\noffices = [\n  { office = \"kz-first-deputy-prime-minister\", from = \"2019-02\" },\n]\n",
    );
    let out = run(&binary, &folder, &["test", "--include-defaults", "title-not-held"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("FAILED   title-not-held"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("it passes with the default rules alone; it fails with rules/people.toml"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("house.toml"), "{}", out.stdout);
}
