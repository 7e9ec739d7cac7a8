//! Tests of the term checks on whole articles.

use crate::model::span::FileId;
use crate::rules;

const RULES: &str = include_str!("../../../tests/fixtures/knowledge/terms.toml");

fn rules_reported(text: &str) -> Vec<String> {
    let rules = rules::load_for_test(RULES);
    let outcome = crate::check::check_for_test(&rules, FileId(0), text);
    outcome.diagnostics.into_iter().map(|d| d.rule).collect()
}

#[test]
fn a_term_in_the_body_is_reported_but_not_inside_a_dateline_place() {
    assert_eq!(
        rules_reported("date 2019-03-20\nASTANA, March 20 (Xinhua) -- OBOR talks began."),
        ["term-belt-and-road"]
    );
    // Fixing it would turn the dateline into body text and change the
    // date the article's facts are judged as of.
    assert!(rules_reported("date 2019-03-20\nOBOR ASTANA, Nov. 27 (Xinhua) -- Talks began.").is_empty());
}
