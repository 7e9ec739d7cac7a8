//! The world layer, `factlint knowledge import` and `knowledge show`, end to
//! end, on the shared Wikidata fixtures in `tests/fixtures/wikidata/` (CC0
//! Wikidata content; provenance in its README).

mod common;

use std::path::Path;

use common::{factlint, repo};

fn fixture(name: &str) -> String {
    repo().join("tests/fixtures/wikidata").join(name).display().to_string()
}

/// A folder with `corpus/` holding `articles`.
fn corpus(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    for (name, text) in articles {
        std::fs::write(dir.path().join("corpus").join(name), text).unwrap();
    }
    dir
}

/// The (rule, message) of each diagnostic of a JSON report.
fn diagnostics(stdout: &str) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(stdout).expect("a JSON report");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().into(),
                d["message"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn the_world_layer_finds_a_stale_title_and_names_its_source() {
    let dir = corpus(&[
        (
            "stale.txt",
            "date 2017-02-01\nRussian Prime Minister Vladimir Putin said on Tuesday that talks would go on.\n",
        ),
        (
            "right.txt",
            "date 2017-02-01\nRussian President Vladimir Putin said on Tuesday that talks would go on.\n",
        ),
    ]);
    let out = factlint(dir.path(), &["check", "--format", "json", "--select", "title"]);
    let found = diagnostics(&out.stdout);
    assert_eq!(
        found,
        [(
            "title-not-held".to_string(),
            "Vladimir Putin was Prime Minister of Russia until 2012-05-07; this article is dated 2017-02-01"
                .to_string()
        )],
        "{}",
        out.stderr
    );
    let human = factlint(dir.path(), &["check", "--select", "title", "corpus/stale.txt"]);
    assert!(
        human.stdout.contains("per Wikidata, as of 2022-07-19 (Q7747)"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("the Prime Minister of Russia was Dmitry Medvedev"),
        "{}",
        human.stdout
    );
}

#[test]
fn nothing_is_judged_from_the_world_layer_after_its_known_until() {
    // The table still has Li Keqiang as Premier (open as of 2022-07) and
    // knows nothing of 2024: silence, not a guess.
    let dir = corpus(&[(
        "late.txt",
        "date 2024-05-01\nRussian Prime Minister Vladimir Putin said on Tuesday that talks would go on.\n",
    )]);
    let out = factlint(dir.path(), &["check", "--format", "json", "--select", "title"]);
    assert_eq!(diagnostics(&out.stdout), [], "{}", out.stdout);
}

#[test]
fn a_former_officeholder_with_no_office_keeps_his_title_in_news_of_his_time() {
    let dir = corpus(&[(
        "bush.txt",
        "date 2017-02-07\nThe judge, an appointee of President George W. Bush, on Friday issued an order.\n",
    )]);
    let out = factlint(dir.path(), &["check", "--format", "json", "--select", "title"]);
    assert_eq!(diagnostics(&out.stdout), [], "{}", out.stdout);
}

/// Imports `inputs` (with extra arguments) into `dir/imported/NAME`.
fn import(dir: &Path, name: &str, inputs: &[String], extra: &[&str]) -> String {
    std::fs::create_dir_all(dir.join("imported")).unwrap();
    let output = dir.join("imported").join(name).display().to_string();
    let mut args = vec!["knowledge", "import", "-o", output.as_str()];
    args.extend(extra);
    args.extend(inputs.iter().map(String::as_str));
    let out = factlint(dir, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    std::fs::read_to_string(&output).unwrap()
}

#[test]
fn entity_json_keeps_precision_drops_deprecated_and_merges_split_terms() {
    let dir = tempfile::tempdir().unwrap();
    let putin = import(
        dir.path(),
        "putin.toml",
        &[
            fixture("Q7747-vladimir-putin.wbgetentities.json"),
            fixture("Q7747-p39-positions.labels.json"),
        ],
        &[],
    );
    // The deprecated "president for life" statement is not imported.
    assert!(!putin.contains("Q2350808"), "{putin}");
    assert!(putin.contains("known-until = 2026-04-21"), "{putin}");
    assert!(
        putin.contains("{ office = \"Q218295\", from = 2000-05-07, to = 2008-05-07 }"),
        "{putin}"
    );
    let ansip = import(
        dir.path(),
        "ansip.toml",
        &[fixture(
            "Q156469-Q57640-siim-kallas-andrus-ansip.wbgetentities-2015.subset.json",
        )],
        &[],
    );
    // Prime Minister of Estonia given whole and split in two: one term.
    assert_eq!(
        terms_of(&ansip, "Q57640", "Q737115"),
        ["  { office = \"Q737115\", from = 2005-04-12, to = 2014-03-26 },"],
        "{ansip}"
    );
    // Idempotent: the same input gives the same bytes.
    let again = import(
        dir.path(),
        "ansip-again.toml",
        &[fixture(
            "Q156469-Q57640-siim-kallas-andrus-ansip.wbgetentities-2015.subset.json",
        )],
        &[],
    );
    assert_eq!(ansip, again);
}

/// The `offices = [...]` lines of the person `qid` in an imported file.
fn terms_of<'t>(text: &'t str, qid: &str, office: &str) -> Vec<&'t str> {
    let start = text.find(&format!("[[person]]\nid = \"{qid}\"")).expect("the person");
    text[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("[[person]]"))
        .filter(|l| l.contains(&format!("\"{office}\"")))
        .collect()
}

#[test]
fn the_same_people_from_sparql_and_csv_give_the_same_knowledge() {
    let dir = tempfile::tempdir().unwrap();
    let sparql = import(
        dir.path(),
        "uk-sparql.toml",
        &[fixture("Q14211-prime-minister-uk.mandates.sparql.json")],
        &["--office", "Q14211", "--known-until", "2019-01-01"],
    );
    let csv = import(
        dir.path(),
        "uk-csv.toml",
        &[fixture("officeholders-slice.csv")],
        &["--known-until", "2019-01-01"],
    );
    // The SPARQL results predate 2019-07 (Theresa May's term still open):
    // the people whose terms had ended by then.
    for person in ["Q192", "Q9545", "Q10648"] {
        let from_sparql = terms_of(&sparql, person, "Q14211");
        assert!(!from_sparql.is_empty(), "{sparql}");
        assert_eq!(from_sparql, terms_of(&csv, person, "Q14211"), "{person}");
    }
    // SPARQL results carry no names: the world layer gives them.
    assert!(sparql.contains("name = \"Theresa May\""), "{sparql}");
    assert_eq!(
        terms_of(&sparql, "Q264766", "Q14211"),
        ["  { office = \"Q14211\", from = 2016-07-13 },"]
    );
}

#[test]
fn an_imported_layer_alone_finds_a_planted_error_and_passes_a_right_title() {
    let dir = corpus(&[
        (
            "planted.txt",
            "date 2017-02-01\nPrime Minister of Russia Vladimir Putin said on Tuesday that talks would go on.\n",
        ),
        (
            "right.txt",
            "date 2017-02-01\nPrime Minister of Russia Dmitry Medvedev said on Tuesday that talks would go on.\n",
        ),
    ]);
    import(
        dir.path(),
        "ru.toml",
        &[fixture("officeholders-slice.csv")],
        &["--known-until", "2022-07-19"],
    );
    std::fs::write(
        dir.path().join("imported/titles.toml"),
        "[[check]]\nid = \"title-not-held\"\nkind = \"title-not-held\"\nseverity = \"error\"\n\n\
         [titles]\nroles = [\"President\", \"Prime Minister\", \"Commander-in-Chief\"]\n",
    )
    .unwrap();
    let out = factlint(
        dir.path(),
        &["check", "--no-default-rules", "--rules", "imported", "--format", "json"],
    );
    let found = diagnostics(&out.stdout);
    assert_eq!(found.len(), 1, "{found:?} {}", out.stderr);
    assert_eq!(found[0].0, "title-not-held");
    assert!(
        found[0]
            .1
            .starts_with("Vladimir Putin was Prime Minister of Russia until 2012-05-07")
    );
}

#[test]
fn knowledge_show_prints_the_merged_record_and_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let out = factlint(dir.path(), &["knowledge", "show", "Theresa May"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("Theresa May (Q264766)\n"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("Prime Minister of the United Kingdom — 2016-07-13 to 2019-07-24")
    );
    assert!(out.stdout.contains("layer: built-in world layer"), "{}", out.stdout);
    // A house record that names its Wikidata item replaces the world's.
    let house = factlint(dir.path(), &["knowledge", "show", "Q15031"]);
    assert!(
        house.stdout.starts_with("Xi Jinping (xi-jinping)\n"),
        "{}",
        house.stdout
    );
    assert!(house.stdout.contains("replaces the record above"), "{}", house.stdout);
    let unknown = factlint(dir.path(), &["knowledge", "show", "Nobody Atall"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn a_possessive_after_the_sentence_does_not_make_the_title_historical() {
    let dir = corpus(&[(
        "ask.txt",
        "date 2017-03-15\nTrump will ask Merkel about her experience with Russian President Dmitry Medvedev. \"He's going to be very interested,\" the official said.\n",
    )]);
    let out = factlint(dir.path(), &["check", "--format", "json", "--select", "title"]);
    let found = diagnostics(&out.stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .starts_with("Dmitry Medvedev was President of Russia until 2012-05-07")
    );
}

#[test]
fn a_namesake_in_the_table_is_not_judged_for_another_countrys_office() {
    // The table's "John Kelly" is an Irish senator; the US secretary is
    // "John F. Kelly": "never held" is said only in the record's countries.
    let dir = corpus(&[(
        "kelly.txt",
        "date 2017-02-20\nHomeland Security Secretary John Kelly said on Monday that the rules would change.\n",
    )]);
    let out = factlint(dir.path(), &["check", "--format", "json", "--select", "title"]);
    assert_eq!(diagnostics(&out.stdout), [], "{}", out.stdout);
}

#[test]
fn world_knowledge_off_leaves_titles_to_the_house_and_own_knowledge() {
    let dir = corpus(&[(
        "stale.txt",
        "date 2017-02-01\nRussian Prime Minister Vladimir Putin said on Tuesday that talks would go on.\n",
    )]);
    let args = ["check", "--format", "json", "--select", "title"];
    assert_eq!(diagnostics(&factlint(dir.path(), &args).stdout).len(), 1);
    // The flag, for one run.
    let out = factlint(
        dir.path(),
        &["check", "--format", "json", "--select", "title", "--no-world-knowledge"],
    );
    assert_eq!(diagnostics(&out.stdout), [], "{}", out.stderr);
    // The setting, for a project.
    std::fs::write(dir.path().join("factlint.toml"), "world-knowledge = false\n").unwrap();
    let out = factlint(dir.path(), &args);
    assert_eq!(diagnostics(&out.stdout), [], "{}", out.stderr);
    // The house layer goes on: a house official's wrong office is still found.
    std::fs::write(
        dir.path().join("corpus/house.txt"),
        "date 2021-12-08\nPrime Minister Alikhan Smailov sent a letter of thanks.\n",
    )
    .unwrap();
    let out = factlint(dir.path(), &args);
    let rules: Vec<String> = diagnostics(&out.stdout).into_iter().map(|(rule, _)| rule).collect();
    assert_eq!(rules, ["title-not-held"], "{}", out.stdout);
}

#[test]
fn a_title_of_another_country_names_who_held_it_there() {
    let dir = corpus(&[
        (
            "wrong.txt",
            "date 2017-05-03\nBritish Prime Minister Shinzo Abe arrived in Tokyo on Wednesday.\n",
        ),
        (
            "right.txt",
            "date 2017-05-03\nJapanese Prime Minister Shinzo Abe arrived in Tokyo on Wednesday.\n",
        ),
    ]);
    let out = factlint(dir.path(), &["check", "--format", "json", "--select", "title"]);
    let found = diagnostics(&out.stdout);
    assert_eq!(found.len(), 1, "{}", out.stdout);
    assert_eq!(found[0].0, "title-mismatch");
    let human = factlint(dir.path(), &["check", "--select", "title", "corpus/wrong.txt"]);
    assert!(
        human
            .stdout
            .contains("the Prime Minister of the United Kingdom was Theresa May"),
        "{}",
        human.stdout
    );
}

/// A title a person of the rule files never held is told with who held
/// that office in the person's own country, not with every office of the
/// world layer that the bare title could mean.
#[test]
fn a_mismatched_title_names_the_holders_of_the_persons_own_country_only() {
    let dir = corpus(&[(
        "a.txt",
        "date 2021-05-10\nPrime Minister Alikhan Smailov spoke on Monday about the budget.\n",
    )]);
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::write(
        dir.path().join("rules/people.toml"),
        "[[person]]\nid = \"smailov\"\nname = \"Alikhan Smailov\"\noffices = [\n  { office = \"kz-first-deputy-prime-minister\", from = \"2019-02\" },\n]\n",
    )
    .unwrap();
    let out = factlint(dir.path(), &["check", "--rules", "rules", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("a JSON report");
    let mismatch = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "title-mismatch")
        .unwrap_or_else(|| panic!("a title-mismatch in {}", out.stdout));
    let notes: Vec<&str> = mismatch["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    let holders: Vec<&&str> = notes.iter().filter(|n| n.contains(", the ")).collect();
    assert_eq!(
        holders,
        [&"on 2021-05-10, the Prime Minister of Kazakhstan was Asqar Mamin"],
        "{notes:?}"
    );
}
