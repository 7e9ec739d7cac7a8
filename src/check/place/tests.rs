//! Tests of the place checks, on a small knowledge written here.

use crate::check::ArticleOutcome;
use crate::model::span::FileId;
use crate::rules::{self, RuleSet};

const RULES: &str = include_str!("../../../tests/fixtures/knowledge/places.toml");

fn rules() -> RuleSet {
    rules::load_for_test(RULES)
}

fn check_with(rules: &RuleSet, date: &str, body: &str) -> ArticleOutcome {
    crate::check::check_for_test(rules, FileId(0), &format!("date {date}\n{body}"))
}

/// (rule, fix replacement) of every diagnostic.
fn found(date: &str, body: &str) -> Vec<(String, String)> {
    check_with(&rules(), date, body)
        .diagnostics
        .into_iter()
        .map(|d| {
            let fix = d.fix.map(|f| f.edits[0].replacement.clone()).unwrap_or_default();
            (d.rule, fix)
        })
        .collect()
}

fn outdated(fix: &str) -> Vec<(String, String)> {
    vec![("place-name-outdated".to_string(), fix.to_string())]
}

#[test]
fn names_are_judged_as_of_the_article_date() {
    assert_eq!(
        found("2024-06-12", "The delegation flew in from Nur-Sultan on Monday."),
        outdated("Astana")
    );
    assert!(found("2021-06-12", "The delegation flew in from Nur-Sultan on Monday.").is_empty());
    assert_eq!(
        found("2021-06-12", "Officials in Astana said so."),
        outdated("Nur-Sultan")
    );
    assert!(found("2023-06-12", "Officials in Astana said so.").is_empty());
    assert_eq!(
        found("2023-06-12", "Students in Alma-Ata protested."),
        outdated("Almaty")
    );
}

#[test]
fn the_fix_keeps_the_case_and_datelines_are_checked() {
    assert_eq!(
        found("2024-06-12", "NUR-SULTAN, June 12 (Kazinform) -- Talks began."),
        outdated("ASTANA")
    );
}

#[test]
fn historical_mentions_are_never_flagged() {
    for body in [
        "He studied in Nur-Sultan (now Astana) for years.",
        "The city, then called Nur-Sultan, hosted the congress.",
        "The capital was renamed Astana from Nur-Sultan in 2022.",
        "Astana, formerly Nur-Sultan, is growing.",
        "The congress was held in Nur-Sultan in 2022.",
    ] {
        assert!(found("2024-06-12", body).is_empty(), "{body}");
    }
    // A year when the name was right makes the mention historical.
    assert!(found("2021-06-12", "Xi proposed the initiative in Astana in 2013.").is_empty());
}

#[test]
fn longer_proper_names_and_people_are_not_the_place() {
    for body in [
        "Reporters from The Astana Times came.",
        "The Astana International Financial Centre grew.",
        "Fans of FC Astana cheered.",
        "The Astana Opera staged a show.",
        "Nursultan Nazarbayev was the first president.",
        "Students of Peking University came.",
    ] {
        assert!(found("2021-06-12", body).is_empty(), "{body}");
    }
}

#[test]
fn variant_spellings() {
    assert_eq!(
        found("2024-06-12", "Exports from Kazakstan grew."),
        vec![("place-spelling".to_string(), "Kazakhstan".to_string())]
    );
    assert_eq!(
        found("2024-06-12", "Talks in Peking ended."),
        vec![("place-spelling".to_string(), "Beijing".to_string())]
    );
    // A variant of an outdated name is an outdated name.
    assert_eq!(found("2024-06-12", "Talks in Nursultan ended."), outdated("Astana"));
}

fn wrong(date: &str, body: &str) -> Vec<String> {
    check_with(&rules(), date, body)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == "place-wrong-country")
        .map(|d| d.message)
        .collect()
}

#[test]
fn places_in_the_wrong_country() {
    assert_eq!(
        wrong("2024-06-12", "He landed in Almaty, China."),
        ["Almaty is in Kazakhstan, not in China"]
    );
    assert_eq!(
        wrong("2024-06-12", "He landed in Almaty in China on Monday."),
        ["Almaty is in Kazakhstan, not in China"]
    );
    assert_eq!(
        wrong("2024-06-12", "He flew to Beijing, the Kazakh capital."),
        ["Beijing is the capital of China, not of Kazakhstan"]
    );
    assert_eq!(
        wrong("2024-06-12", "He flew to Hangzhou, capital of Jiangsu."),
        ["Hangzhou is the capital of Zhejiang, not of Jiangsu"]
    );
    assert_eq!(
        wrong("2024-06-12", "He flew to the Chinese city of Almaty."),
        ["Almaty is in Kazakhstan, not in China"]
    );
    assert_eq!(
        wrong("2024-06-12", "He flew to Almaty, the Kazakh capital."),
        ["Almaty is not the capital of Kazakhstan"]
    );
}

#[test]
fn right_places_and_lists_are_fine() {
    for body in [
        "He landed in Almaty, Kazakhstan.",
        "He flew to Hangzhou, capital of Zhejiang.",
        "He flew to Beijing, the Chinese capital.",
        "He flew to the Kazakh city of Almaty.",
        "Trade between Beijing, Kazakhstan and Russia grew.",
        "Flights link Moscow, Almaty, China and Europe.",
        "He visited Astana in Kazakhstan.",
    ] {
        assert!(wrong("2024-06-12", body).is_empty(), "{body}");
    }
    assert!(
        wrong("1995-06-12", "He flew to Almaty, the Kazakh capital.").is_empty(),
        "the capital until 1997"
    );
}

#[test]
fn places_of_the_gazetteer_against_countries_the_knowledge_knows() {
    // The knowledge knows Kazakhstan and China, not Lanzhou or Shymkent:
    // the gazetteer knows where those lie.
    assert_eq!(
        wrong("2024-06-12", "Trade fairs took place in Lanzhou, Kazakhstan."),
        ["Lanzhou is in China, not in Kazakhstan"]
    );
    assert_eq!(
        wrong("2024-06-12", "A plant in Shymkent, China, which opened in May, grew."),
        ["Shymkent is in Kazakhstan, not in China"]
    );
    assert_eq!(
        wrong("2024-06-12", "He flew to the Kazakh city of Lanzhou."),
        ["Lanzhou is in China, not in Kazakhstan"]
    );
    for body in [
        // A territory of the country named.
        "The forum was held in Kowloon, China.",
        // The country is the subject of the clause, not an address.
        "In a sign of its frustration with Pyongyang, China last month banned imports.",
        "He flew to the Chinese city of Lanzhou.",
        // The whole capitalised run is the name, or nothing is.
        "He flew to the Kazakh city of Shymkent Airport Road.",
    ] {
        assert!(
            wrong("2024-06-12", body).is_empty(),
            "{body}: {:?}",
            wrong("2024-06-12", body)
        );
    }
}

#[test]
fn one_unknown_place_spelt_two_ways() {
    let articles = [
        ("2024-01-01", "Trucks waited in Khorgos for days."),
        ("2024-01-02", "The dry port in Khorgos expanded."),
        ("2024-01-03", "Rail traffic in Khorgos grew."),
        ("2024-01-04", "Trucks waited in Khorgas again."),
        (
            "2024-01-05",
            "Exports from Pakistan and Pakistani firms grew in Pakistan.",
        ),
    ];
    let texts: Vec<String> = articles
        .iter()
        .map(|(date, body)| format!("date {date}\n{body}"))
        .collect();
    let diagnostics = crate::check::check_corpus_for_test(RULES, &texts, "place-inconsistent");
    let found: Vec<usize> = diagnostics.iter().map(|(article, _)| *article).collect();
    assert_eq!(found, [3]);
    assert_eq!(diagnostics[0].1.secondary.len(), 3);
}

#[test]
fn a_spelling_used_in_several_articles_is_reported_in_each() {
    let texts: Vec<String> = [
        "Trucks waited in Khorgos for days.",
        "The dry port in Khorgos expanded.",
        "Rail traffic in Khorgos grew.",
        "Buses stopped in Khorgos too.",
        "Trucks waited in Khorgas again, and buses in Khorgas too.",
        "A new road led to Khorgas.",
    ]
    .iter()
    .map(|body| format!("date 2024-01-01\n{body}"))
    .collect();
    let found = crate::check::check_corpus_for_test(RULES, &texts, "place-inconsistent");
    let articles: Vec<usize> = found.iter().map(|(article, _)| *article).collect();
    assert_eq!(articles, [4, 5]);
    let labels: Vec<&str> = found[0].1.secondary.iter().map(|l| l.message.as_str()).collect();
    // Its other use in the article, then the usual spelling elsewhere.
    assert_eq!(
        labels,
        [
            "`Khorgas` here too",
            "`Khorgos` here",
            "`Khorgos` here",
            "`Khorgos` here"
        ]
    );
    assert!(
        found[1].1.notes.iter().any(|n| n.contains("in 2 articles")),
        "{:?}",
        found[1].1.notes
    );
}

#[test]
fn skeletons_fold_transliterations() {
    use crate::check::place::skeleton;
    assert_eq!(skeleton("Urumqi"), skeleton("Urumchi"));
    assert_eq!(skeleton("Khorgos"), skeleton("Khorgas"));
    assert_ne!(skeleton("Almaty"), skeleton("Astana"));
}

#[test]
fn multibyte_neighbours_never_panic() {
    for body in [
        "Talks – Nur-Sultan’s plan – ended.",
        "“Nur-Sultan” ‘Astana’ «Almaty»",
        "Nur-Sultan\u{a0}Astana\u{a0}2020",
    ] {
        let _ = found("2024-06-12", body);
    }
}
