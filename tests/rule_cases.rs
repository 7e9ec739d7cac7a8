//! Every shipped rule's test cases (`[check.tests]` in `rules/`), run as
//! `factlint test` runs them, one test per rule, with their rendered
//! diagnostics checked by insta against `snapshots/rules/<id>.snap`
//! (`cargo insta review` accepts changes).

use std::path::PathBuf;

use factlint::engine::{Options, Session};
use factlint::rules::Expect;
use factlint::verify;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn session() -> Session {
    // The default rules: those of `rules/`, embedded.
    Session::load(Options::default()).unwrap_or_else(|e| panic!("shipped rules load: {e}"))
}

/// Runs one rule's cases: each must pass, the rule needs valid and invalid
/// cases, and its rendered invalid cases must match its snapshot.
fn rule(id: &str) {
    let mut session = session();
    let reports = verify::run(
        &mut session,
        &[id.to_string()],
        verify::Scope {
            own: true,
            builtin: true,
        },
        &repo().join("snapshots"),
    )
    .expect("every rule on");
    let [report] = reports.as_slice() else {
        panic!("no shipped rule `{id}`")
    };
    let kinds: Vec<_> = report.results.iter().map(|r| r.case.expect).collect();
    assert!(
        kinds.contains(&Expect::Valid) && kinds.contains(&Expect::Invalid),
        "{id} needs valid and invalid cases"
    );
    for result in &report.results {
        assert!(
            result.outcome.passed(),
            "{id} {}: {:?}\n{}",
            result.label,
            result.outcome,
            result.rendered
        );
    }
    let rendered = &report.snapshot;
    insta::with_settings!({ snapshot_path => "../snapshots/rules", prepend_module_to_snapshot => false, omit_expression => false }, {
        insta::assert_snapshot!(id.to_string(), rendered);
    });
}

/// One test per shipped rule, and a test that the list names them all.
macro_rules! shipped_rules {
    ($($test:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $test() {
                rule($id);
            }
        )*

        #[test]
        fn every_shipped_rule_has_a_test_here() {
            let listed = [$($id),*];
            let session = session();
            let shipped: Vec<&str> = session.rules.checks.iter().map(|c| c.meta.id.as_str()).collect();
            for id in &shipped {
                assert!(listed.contains(id), "add `{id}` to shipped_rules! in tests/rule_cases.rs");
            }
            assert_eq!(listed.len(), shipped.len(), "a listed rule is not shipped");
        }
    };
}

shipped_rules! {
    date_after_publication => "date-after-publication",
    date_anniversary => "date-anniversary",
    date_dateline => "date-dateline",
    date_invalid => "date-invalid",
    date_month_spelling => "date-month-spelling",
    date_range => "date-range",
    date_style => "date-style",
    date_weekday => "date-weekday",
    place_inconsistent => "place-inconsistent",
    place_name_outdated => "place-name-outdated",
    place_spelling => "place-spelling",
    place_wrong_country => "place-wrong-country",
    term_belt_and_road => "term-belt-and-road",
    term_dungan => "term-dungan",
    term_mazhilis => "term-mazhilis",
    term_nurly_zhol_translation => "term-nurly-zhol-translation",
    title_inconsistent => "title-inconsistent",
    title_mismatch => "title-mismatch",
    title_name_spelling => "title-name-spelling",
    title_not_held => "title-not-held",
}
