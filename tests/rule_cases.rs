//! Every shipped rule's test cases (`[check.tests]` in `rules/`), run as
//! `factlint test` runs them, with their rendered diagnostics checked by
//! insta against `snapshots/rule-<id>.snap` (`cargo insta review` accepts
//! changes).

use std::path::PathBuf;

use factlint::model::source::SourceDb;
use factlint::rules;
use factlint::verify;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_shipped_rule_passes_its_cases_and_matches_its_snapshot() {
    let mut db = SourceDb::new();
    let mut rules = rules::load(&[repo().join("rules")], &mut db).expect("shipped rules load");
    let reports = verify::run(&mut rules, &[], &repo().join("snapshots"));
    assert!(reports.len() >= 19);
    for report in reports {
        assert!(!report.untested(), "{} has no test cases", report.id);
        let kinds: Vec<_> = report.results.iter().map(|r| r.case.expect).collect();
        assert!(
            kinds.contains(&rules::Expect::Valid) && kinds.contains(&rules::Expect::Invalid),
            "{} needs valid and invalid cases",
            report.id
        );
        for result in &report.results {
            assert!(
                result.outcome.passed(),
                "{} {}: {:?}\n{}",
                report.id,
                result.label,
                result.outcome,
                result.rendered
            );
        }
        let rendered = report.snapshot;
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => false }, {
            insta::assert_snapshot!(format!("rule-{}", report.id), rendered);
        });
    }
}
