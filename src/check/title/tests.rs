//! Tests of title finding and judging, on a small knowledge written here.

use crate::model::diagnostic::Diagnostic;
use crate::model::fact::{Fact, PersonRef};
use crate::model::span::FileId;
use crate::rules::{self, RuleSet};

const KNOWLEDGE: &str = include_str!("../../../tests/fixtures/knowledge/titles.toml");

fn rules() -> RuleSet {
    rules::load_for_test(KNOWLEDGE)
}

struct Checked {
    diagnostics: Vec<Diagnostic>,
    facts: Vec<Fact>,
    text: String,
}

/// Checks `body` as an article dated `date` (or undated).
fn check(date: Option<&str>, body: &str) -> Checked {
    check_with(&rules(), FileId(0), date, body)
}

fn check_with(rules: &RuleSet, file: FileId, date: Option<&str>, body: &str) -> Checked {
    let text = match date {
        Some(date) => format!("date {date}\n{body}"),
        None => body.to_string(),
    };
    let outcome = crate::check::check_for_test(rules, file, &text);
    Checked {
        diagnostics: outcome.diagnostics,
        facts: outcome.facts,
        text,
    }
}

impl Checked {
    /// (person, title as written) for every title fact.
    fn titles(&self) -> Vec<(String, String)> {
        self.facts
            .iter()
            .filter_map(|f| match f {
                Fact::Title(t) => Some(t),
                _ => None,
            })
            .map(|t| {
                let person = match &t.person {
                    PersonRef::Known(i) => format!("#{i}"),
                    PersonRef::Unknown(name) => name.clone(),
                };
                (person, self.text[t.span.range()].to_string())
            })
            .collect()
    }

    fn rules(&self) -> Vec<&str> {
        self.diagnostics.iter().map(|d| d.rule.as_str()).collect()
    }
}

fn titles_of(body: &str) -> Vec<String> {
    check(Some("2024-06-01"), body)
        .titles()
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn a_role_of_someone_else_before_of_is_not_the_names_title() {
    // Mattis's title, not Trump's; Trump's is the title right before his name.
    assert_eq!(
        titles_of("Nurlan Abenov returned as defence secretary of President Kassym-Jomart Tokayev."),
        ["President"]
    );
    // A capitalised office of a body keeps its "of".
    assert_eq!(
        titles_of("Deputy Head of the Office of the President Marat Beketayev spoke."),
        ["Deputy Head of the Office of the President"]
    );
}

#[test]
fn title_before_the_name() {
    assert_eq!(
        titles_of("said Chinese Vice Premier Ding Xuexiang on Monday."),
        ["Chinese Vice Premier"]
    );
    assert_eq!(
        titles_of("President of Kazakhstan Kassym-Jomart Tokayev met him."),
        ["President of Kazakhstan"]
    );
    assert_eq!(
        titles_of("In talks, China's top legislator Zhao Leji said."),
        ["China's top legislator"]
    );
}

#[test]
fn title_in_apposition() {
    let body = "Zhao Leji, chairman of the Standing Committee of the National People's Congress (NPC), said.";
    assert_eq!(
        titles_of(body),
        ["chairman of the Standing Committee of the National People's Congress (NPC)"]
    );
    let body = "Ding Xuexiang, also a member of the Standing Committee of the Political Bureau of the CPC Central Committee, said.";
    assert_eq!(
        titles_of(body),
        ["member of the Standing Committee of the Political Bureau of the CPC Central Committee"]
    );
}

#[test]
fn compound_title_is_two_titles_and_both_are_judged() {
    let body =
        "Secretary of the Provincial Party Committee and Governor of Zhejiang Province Wang Hao spoke on Monday.";
    let checked = check(Some("2025-01-15"), body);
    assert_eq!(checked.titles().len(), 2);
    // Secretary since 2024-10-28 is right; Governor ended 2024-12-18.
    assert_eq!(checked.rules(), ["title-not-held"]);
    assert!(checked.diagnostics[0].message.contains("until 2024-12-18"));
    let label = checked.diagnostics[0].primary.span.range();
    assert_eq!(
        &checked.text[label], "Governor of Zhejiang Province",
        "the label is on the part that is wrong"
    );
    assert!(
        check(Some("2024-11-15"), body).diagnostics.is_empty(),
        "both offices held in November 2024"
    );
}

#[test]
fn no_title_no_fact_and_words_before_a_title_are_not_part_of_it() {
    assert!(titles_of("Ding Xuexiang said.").is_empty());
    assert_eq!(
        titles_of("On Monday Vice Premier Ding Xuexiang said."),
        ["Vice Premier"]
    );
}

#[test]
fn titles_do_not_reach_across_other_people() {
    let checked = check(
        Some("2024-06-01"),
        "Kazakh President Kassym-Jomart Tokayev and Chinese President Xi Jinping met.",
    );
    assert_eq!(
        checked.titles().iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
        ["Kazakh President", "Chinese President"]
    );
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn premier_for_a_vice_premier_is_a_mismatch_with_help() {
    let checked = check(Some("2024-06-01"), "Chinese Premier Ding Xuexiang met Tokayev.");
    assert_eq!(checked.rules(), ["title-mismatch"]);
    let notes = checked.diagnostics[0].notes.join("\n");
    assert!(notes.contains("Vice Premier of China"), "{notes}");
    assert!(notes.contains("the Premier of China was Li Qiang"), "{notes}");
}

#[test]
fn an_ended_office_is_not_held_and_names_the_successor() {
    let checked = check(Some("2024-06-12"), "Prime Minister Alikhan Smailov meets them.");
    assert_eq!(checked.rules(), ["title-not-held"]);
    let d = &checked.diagnostics[0];
    assert_eq!(
        d.message,
        "Alikhan Smailov was Prime Minister of Kazakhstan until 2024-02-05; this article is dated 2024-06-12"
    );
    assert!(d.notes.iter().any(|n| n.contains("was Olzhas Bektenov")));
}

#[test]
fn a_past_office_in_a_sentence_about_the_past_is_the_title_of_that_time() {
    let quiet = |body: &str| {
        let checked = check(Some("2024-06-12"), body);
        assert!(checked.diagnostics.is_empty(), "{body}: {:?}", checked.rules());
    };
    let judged = |body: &str| assert_eq!(check(Some("2024-06-12"), body).rules(), ["title-not-held"], "{body}");
    // Told in the past, with nothing dating it to the article's days.
    quiet("The judge was appointed by Prime Minister Alikhan Smailov.");
    quiet("Under Prime Minister Alikhan Smailov, the budget grew.");
    quiet("In 2023, Prime Minister Alikhan Smailov visited Beijing.");
    quiet("Prime Minister Alikhan Smailov's budget cut spending.");
    judged("Prime Minister Alikhan Smailov's spokesman is rejecting it.");
    judged("Officials blocked Prime Minister Alikhan Smailov's budget on Monday.");
    judged("The bill would allow Prime Minister Alikhan Smailov to sign it.");
    quiet("Officials said that Prime Minister Alikhan Smailov signed it.");
    quiet("then Prime Minister Alikhan Smailov signed it.");
    // A present claim, or a past one dated to the article's days, is judged.
    judged("Prime Minister Alikhan Smailov says the budget will grow.");
    judged("Prime Minister Alikhan Smailov visited Beijing on Monday.");
    // A timeline in the historical present: the sentence carries on the
    // earlier date its paragraph's story was opened with.
    quiet(
        "In June 2023, the government says the plan is ready. The news pushes Prime Minister Alikhan Smailov toward a vote.",
    );
    // Not when the date was in another paragraph, the opener was told in
    // the past, or the sentence has a time of its own.
    judged(
        "In June 2023, the government says the plan is ready.\n\nThe news pushes Prime Minister Alikhan Smailov toward a vote.",
    );
    judged("In June 2023, the government said the plan is ready. Prime Minister Alikhan Smailov says so too.");
    judged("In June 2023, the government says the plan is ready. Prime Minister Alikhan Smailov says so today.");
}

#[test]
fn quoted_speech_and_headlines_are_not_the_articles_claims() {
    assert!(titles_of("\"Prime Minister Alikhan Smailov is wrong,\" he said.").is_empty());
    assert!(titles_of("Kazakh Prime Minister Alikhan Smailov Visits Beijing Again\n\nMore.").is_empty());
    assert_eq!(
        check(
            Some("2024-06-12"),
            "He said \"yes\". Prime Minister Alikhan Smailov meets them."
        )
        .rules(),
        ["title-not-held"]
    );
}

#[test]
fn a_title_not_yet_held_is_wrong_in_any_tense() {
    assert_eq!(
        check(Some("2023-06-12"), "Prime Minister Olzhas Bektenov visited Beijing.").rules(),
        ["title-not-held"]
    );
}

#[test]
fn former_marks_a_past_office() {
    let checked = check(Some("2024-06-12"), "Former Prime Minister Alikhan Smailov spoke.");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert!(
        check(Some("2024-06-12"), "then-Prime Minister Alikhan Smailov spoke.")
            .diagnostics
            .is_empty()
    );
    // A past office must still be one the person held.
    assert_eq!(
        check(Some("2024-06-12"), "Former Premier Alikhan Smailov spoke.").rules(),
        ["title-mismatch"]
    );
}

#[test]
fn two_offices_at_once_are_both_right() {
    let body = "Chinese Vice Premier Ding Xuexiang, also a member of the Standing Committee of the Political Bureau of the CPC Central Committee, met Tokayev.";
    let checked = check(Some("2023-11-27"), body);
    assert_eq!(checked.titles().len(), 2);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn an_office_that_changed_between_distant_articles() {
    assert!(
        check(
            Some("2020-05-01"),
            "Zhao Leji, Secretary of the Central Commission for Discipline Inspection, spoke."
        )
        .diagnostics
        .is_empty()
    );
    assert!(
        check(Some("2024-05-01"), "China's top legislator Zhao Leji spoke.")
            .diagnostics
            .is_empty()
    );
    let checked = check(Some("2020-05-01"), "China's top legislator Zhao Leji spoke.");
    assert_eq!(checked.rules(), ["title-not-held"]);
    assert!(
        checked.diagnostics[0]
            .message
            .contains("became Chairman of the Standing Committee of the National People's Congress only on 2023-03-10")
    );
}

#[test]
fn short_forms_count_only_after_a_full_mention() {
    // "President Tokayev" before any full mention: not recognised, nothing judged.
    let before = check(
        Some("2024-06-01"),
        "Premier Tokayev spoke. Later Kassym-Jomart Tokayev left.",
    );
    assert!(before.diagnostics.is_empty());
    let after = check(
        Some("2024-06-01"),
        "Kassym-Jomart Tokayev arrived. Later Premier Tokayev spoke.",
    );
    assert_eq!(after.rules(), ["title-mismatch"]);
    let chairman = check(Some("2024-06-01"), "Xi Jinping spoke. President Xi said so.");
    assert_eq!(chairman.titles().len(), 1);
    assert!(chairman.diagnostics.is_empty());
}

#[test]
fn undated_articles_are_only_checked_for_mismatch() {
    assert!(
        check(None, "Prime Minister Alikhan Smailov spoke.")
            .diagnostics
            .is_empty()
    );
    assert_eq!(
        check(None, "Chinese Premier Ding Xuexiang spoke.").rules(),
        ["title-mismatch"]
    );
}

#[test]
fn name_spelling_is_reported_with_a_fix() {
    let checked = check(Some("2024-06-01"), "Kasym-Jomart Tokayev spoke.");
    assert_eq!(checked.rules(), ["title-name-spelling"]);
    assert_eq!(
        checked.diagnostics[0].fix.as_ref().unwrap().edits[0].replacement,
        "Kassym-Jomart Tokayev"
    );
}

#[test]
fn people_not_in_the_knowledge_are_found_with_their_titles() {
    let checked = check(
        Some("2024-06-01"),
        "Dana Omarova, spokeswoman for the Ministry of Foreign Affairs, said so.",
    );
    assert_eq!(
        checked.titles(),
        [(
            "Dana Omarova".to_string(),
            "spokeswoman for the Ministry of Foreign Affairs".to_string()
        )]
    );
    let checked = check(
        Some("2024-06-01"),
        "On Monday, Chinese Foreign Ministry spokesperson Mao Ning said so.",
    );
    assert_eq!(
        checked.titles(),
        [(
            "Mao Ning".to_string(),
            "Chinese Foreign Ministry spokesperson".to_string()
        )]
    );
    assert!(checked.diagnostics.is_empty());
}

#[test]
fn an_appositive_clause_is_not_a_title() {
    let body = "Consul General Jiang Wei, Chairman of the Hadonggan People's Federation An Husai, and others.";
    assert!(titles_of(body).iter().all(|t| !t.contains("Hadonggan")));
    let body = "Ding Xuexiang, who paid a visit, met Tokayev, the President said.";
    assert!(titles_of(body).is_empty());
}

/// Runs the corpus pass over articles `(date, body)`; returns the dates of
/// the articles with a `title-inconsistent` diagnostic.
fn inconsistent(articles: &[(&str, &str)]) -> Vec<String> {
    let texts: Vec<String> = articles
        .iter()
        .map(|(date, body)| format!("date {date}\n{body}"))
        .collect();
    crate::check::check_corpus_for_test(KNOWLEDGE, &texts, "title-inconsistent")
        .into_iter()
        .map(|(article, _)| articles[article].0.to_string())
        .collect()
}

#[test]
fn back_and_forth_titles_are_inconsistent() {
    let flagged = inconsistent(&[
        (
            "2024-03-01",
            "Dana Omarova, spokeswoman for the Ministry of Foreign Affairs, said.",
        ),
        ("2024-03-05", "Dana Omarova, Deputy Minister of Foreign Affairs, said."),
        (
            "2024-03-09",
            "Dana Omarova, spokeswoman for the Ministry of Foreign Affairs, said.",
        ),
    ]);
    assert_eq!(flagged, ["2024-03-05"]);
}

#[test]
fn one_conflict_is_one_diagnostic_with_a_label_at_each_use() {
    let spokeswoman = "Dana Omarova, spokeswoman for the Ministry of Foreign Affairs, said.";
    let deputy = "Dana Omarova, Deputy Minister of Foreign Affairs, said.";
    let texts: Vec<String> = [
        ("2024-03-01", spokeswoman),
        ("2024-03-03", deputy),
        ("2024-03-05", spokeswoman),
        ("2024-03-07", deputy),
        ("2024-03-09", spokeswoman),
        ("2024-03-11", deputy),
        ("2024-03-13", spokeswoman),
    ]
    .iter()
    .map(|(date, body)| format!("date {date}\n{body}"))
    .collect();
    let found = crate::check::check_corpus_for_test(KNOWLEDGE, &texts, "title-inconsistent");
    assert_eq!(found.len(), 1, "{found:?}");
    let (article, diagnostic) = &found[0];
    assert_eq!(*article, 1);
    assert!(
        diagnostic.notes.iter().any(|n| n.contains("back and forth 5 times")),
        "{:?}",
        diagnostic.notes
    );
    // A label at every other use of the conflict, in date order.
    assert_eq!(diagnostic.secondary.len(), 6);
    assert_eq!(diagnostic.secondary[0].message, "an article of 2024-03-01 says this");
}

#[test]
fn a_title_that_changes_once_is_a_career_not_a_conflict() {
    let flagged = inconsistent(&[
        ("2024-01-10", "Aidos Bekov, Deputy Minister of Energy, said."),
        ("2024-02-10", "Aidos Bekov, Deputy Minister of Energy, said."),
        ("2024-03-10", "Aidos Bekov, Minister of Energy, said."),
        ("2024-04-10", "Aidos Bekov, Minister of Energy, said."),
    ]);
    assert!(flagged.is_empty(), "{flagged:?}");
}

#[test]
fn compatible_and_simultaneous_titles_do_not_conflict() {
    let flagged = inconsistent(&[
        (
            "2024-03-01",
            "Dana Omarova, spokeswoman for the Ministry of Foreign Affairs, said.",
        ),
        ("2024-03-02", "Dana Omarova, spokeswoman, said."),
        (
            "2024-03-03",
            "Dana Omarova, Deputy Minister of Foreign Affairs, said. Dana Omarova, spokeswoman, added.",
        ),
        (
            "2024-03-04",
            "Dana Omarova, spokeswoman for the Ministry of Foreign Affairs, said.",
        ),
    ]);
    assert!(flagged.is_empty(), "{flagged:?}");
}

#[test]
fn a_title_of_someone_else_is_not_taken() {
    let body = "A spokesman for Prime Minister Alikhan Smailov said so.";
    assert_eq!(titles_of(body), ["Prime Minister"]);
    let body = "A plan from Kazakh President Kassym-Jomart Tokayev, the Chinese Premier, Li Qiang, and others.";
    let checked = check(Some("2024-06-01"), body);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn the_title_comma_name_comma() {
    assert_eq!(
        titles_of("They met the Kazakh Prime Minister, Olzhas Bektenov, on Monday."),
        ["Kazakh Prime Minister"]
    );
    assert!(titles_of("After he met the Premier, Olzhas Bektenov said so.").is_empty());
    assert!(titles_of("Premier, Olzhas Bektenov, said so.").is_empty());
}

#[test]
fn for_inside_the_name_of_a_body() {
    let body = "He met Secretary of the Central Commission for Discipline Inspection Zhao Leji.";
    assert_eq!(
        titles_of(body),
        ["Secretary of the Central Commission for Discipline Inspection"]
    );
    assert_eq!(
        titles_of("A spokesman for Prime Minister Alikhan Smailov said so."),
        ["Prime Minister"]
    );
    assert_eq!(
        titles_of("Spokesman for Prime Minister Alikhan Smailov said so."),
        ["Prime Minister"]
    );
}

#[test]
fn a_title_never_reaches_across_a_paragraph() {
    assert!(
        titles_of("Tokayev accepts resignation of Zhejiang governor\n\nKassym-Jomart Tokayev has also appointed him.")
            .is_empty()
    );
}

#[test]
fn a_second_check_of_one_kind_reports_too() {
    let toml = format!(
        "{KNOWLEDGE}\n[[check]]\nid = \"title-not-held-house\"\nkind = \"title-not-held\"\nseverity = \"warning\"\n"
    );
    let rules = rules::load_for_test(&toml);
    let checked = check_with(
        &rules,
        FileId(0),
        Some("2024-06-12"),
        "Prime Minister Alikhan Smailov meets them.",
    );
    assert_eq!(checked.rules(), ["title-not-held", "title-not-held-house"]);
}
