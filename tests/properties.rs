//! Properties over generated text: whatever an article says, every span lies
//! inside the file on character boundaries, rendering never panics, and a
//! fixed diagnostic does not come back.

use std::path::PathBuf;
use std::sync::OnceLock;

use factlint::engine::{Options, Run, Session};
use factlint::fix;
use factlint::render::{self, Format};
use proptest::prelude::*;

/// One session with the shipped rules, loaded once for every case.
fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        // The default rules: those of `rules/`, embedded.
        Session::load(Options::default()).expect("shipped rules load")
    })
}

/// Fragments that exercise the checks, mixed with arbitrary text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Nur-Sultan".to_string()),
        Just("Astana".to_string()),
        Just("Majilis".to_string()),
        Just("OBOR".to_string()),
        Just("Chinese Premier Ding Xuexiang".to_string()),
        Just("Prime Minister Alikhan Smailov".to_string()),
        Just("Monday, Nov. 28, 2023".to_string()),
        Just("from Sept. 18 to 17".to_string()),
        Just("ASTANA, Nov. 27 (Xinhua) --".to_string()),
        Just("30 years ago diplomatic relations".to_string()),
        Just("<!-- factlint-disable-next-line -->".to_string()),
        Just("`code` [link](http://x.y)".to_string()),
        Just("\r\n\n—’“é\u{feff}".to_string()),
        "\\PC{0,30}",
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    (prop::option::of(0u32..3000), prop::collection::vec(fragment(), 0..12)).prop_map(|(days, parts)| {
        let mut text = String::new();
        if let Some(days) = days {
            let date = chrono::NaiveDate::from_ymd_opt(2017, 1, 1).unwrap() + chrono::Duration::days(i64::from(days));
            text.push_str(&format!("date {date}\n"));
        }
        text.push_str(&parts.join(" "));
        text
    })
}

fn check(text: &str, markdown: bool) -> Run {
    let name = if markdown { "a.md" } else { "a.txt" };
    session().check_texts(vec![(PathBuf::from(name), text.to_string())])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_are_inside_the_file_on_char_boundaries(text in article_text(), markdown in any::<bool>()) {
        let run = check(&text, markdown);
        for d in &run.diagnostics {
            for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)) {
                prop_assert!(span.end as usize <= text.len(), "{:?} beyond {}", span, text.len());
                prop_assert!(span.start <= span.end);
                prop_assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize), "{:?} in {:?}", span, text);
            }
        }
    }

    #[test]
    fn rendering_never_panics(text in article_text(), markdown in any::<bool>()) {
        let run = check(&text, markdown);
        for format in [Format::Human, Format::Short, Format::Json, Format::Sarif, Format::Github, Format::Junit, Format::Gitlab, Format::Html] {
            let mut out = Vec::new();
            render::render(format, &run, true, &mut out).unwrap();
        }
    }

    #[test]
    fn fixed_diagnostics_do_not_come_back(text in article_text()) {
        let run = check(&text, false);
        let plan = fix::plan(&run, true);
        let Some(edits) = plan.files.values().next() else { return Ok(()) };
        let fixed = fix::apply(&text, edits);
        let again = check(&fixed, false);
        // No diagnostic with a fix remains at an edited place with the same rule.
        for d in again.diagnostics.iter().filter(|d| d.fix.is_some()) {
            let start = d.primary.span.start as usize;
            let same_text = &fixed[d.primary.span.range()];
            let replaced = edits.iter().any(|e| e.replacement == same_text);
            prop_assert!(!replaced, "{} came back at {} in {:?}", d.rule, start, fixed);
        }
    }
}
