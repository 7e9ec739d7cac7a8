//! Wire-style datelines: `ASTANA, Nov. 27 (Xinhua) --`, `ASTANA –`,
//! `BEIJING, June 27 --`, `China News Service, Nur-Sultan, May 29th.`
//!
//! A dateline says where a story was filed and on what day. It is looked for
//! at the start of the first few paragraphs of the body, because copies of
//! wire stories often carry a headline or a photo caption above it.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::text::calendar::{MONTH_PATTERN, parse_month, resolve_month_day};

/// How many paragraphs from the top of the body a dateline may open.
const PARAGRAPH_WINDOW: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, up to and including its dash or final period.
    pub range: Range<usize>,
    pub place: String,
    pub place_range: Range<usize>,
    /// The date as written (`Nov. 27`), if the dateline has one.
    pub date_range: Option<Range<usize>>,
    /// The date resolved against the publication date (nearest year).
    pub date: Option<NaiveDate>,
    pub agency: Option<String>,
}

const PLACE: &str = r"\p{Lu}[\p{L}.'’-]*(?:[ ]\p{Lu}[\p{L}.'’-]*){0,3}";

/// The state or province after a city in American and Canadian datelines:
/// "Colo.", "N.Y.", "TEXAS", "New Mexico".
const REGION: &str = r"[A-Z][A-Za-z.'’]*(?:[ ][A-Z][A-Za-z.'’]*){0,2}";

fn date_fragment() -> String {
    format!(r"(?P<date>(?P<month>{MONTH_PATTERN})\.?[ ]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)")
}

/// `PLACE[, REGION][, DATE][ (AGENCY)] --`
static PLACE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_fragment();
    Regex::new(&format!(
        r"^(?P<place>{PLACE})(?:,[ ]*(?P<region>{REGION}))?(?:,[ ]*{date})?(?:,?[ ]*\((?P<agency>[^)\n]{{1,40}})\))?[ ]*(?:--|–|—|-)(?:[ \t]|$)"
    ))
    .expect("static regex")
});

/// `AGENCY, PLACE, DATE.`
static AGENCY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_fragment();
    Regex::new(&format!(
        r"^(?P<agency>\p{{Lu}}[\w'’&.]*(?:[ ]\p{{Lu}}[\w'’&.]*){{0,4}}),[ ]*(?P<place>{PLACE}),[ ]*{date}[.,:]"
    ))
    .expect("static regex")
});

/// Finds the dateline in `text[body_start..]`, resolving its date against
/// `published`. Ranges are offsets into `text`.
pub fn find(text: &str, body_start: usize, published: Option<NaiveDate>) -> Option<Dateline> {
    paragraph_starts(text, body_start)
        .take(PARAGRAPH_WINDOW)
        .find_map(|start| parse_at(text, start, published))
}

/// Offsets of the first non-blank character of each paragraph (a run of
/// lines separated by blank lines) from `start` on.
fn paragraph_starts(text: &str, start: usize) -> impl Iterator<Item = usize> + '_ {
    let mut pos = start;
    let mut at_paragraph_start = true;
    std::iter::from_fn(move || {
        while pos < text.len() {
            let rest = &text[pos..];
            let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = &rest[..line_len];
            let line_start = pos;
            pos += line_len;
            let trimmed = line.trim_start();
            if trimmed.trim().is_empty() {
                at_paragraph_start = true;
                continue;
            }
            if at_paragraph_start {
                at_paragraph_start = false;
                // Markdown heading and quote markers are not part of the text.
                let marker_len = trimmed.len() - trimmed.trim_start_matches(['#', '>', ' ']).len();
                return Some(line_start + (line.len() - trimmed.len()) + marker_len);
            }
        }
        None
    })
}

/// Whether the paragraph going on from `at` is prose: it ends a sentence
/// (a stop, perhaps inside closing quotes), as a story's first paragraph
/// does and a headline does not.
fn prose_follows(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    let end = rest.find("\n\n").unwrap_or(rest.len());
    rest[..end]
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?'])
}

fn parse_at(text: &str, start: usize, published: Option<NaiveDate>) -> Option<Dateline> {
    let rest = &text[start..];
    let (captures, require_signal) = match PLACE_FIRST.captures(rest) {
        Some(c) => (c, true),
        None => (AGENCY_FIRST.captures(rest)?, false),
    };
    let place = captures.name("place")?;
    let date_range = captures.name("date").map(|m| start + m.start()..start + m.end());
    // A title-case place followed by a dash ("Wang Hao - Governor") is not a
    // dateline unless it carries a date or an agency; an all-caps one is
    // when prose follows it, not a headline ("CORRECTED - Fed holds rates",
    // "ANALYSIS - …": a wire slug). A state after the city ("DENVER,
    // Colo., Aug 3") comes with a date or an agency.
    let all_caps = !place.as_str().chars().any(char::is_lowercase);
    let signal = date_range.is_some() || captures.name("agency").is_some();
    if require_signal && !signal {
        let whole_end = start + captures.get(0).map_or(0, |m| m.end());
        if !all_caps || captures.name("region").is_some() || !prose_follows(text, whole_end) {
            return None;
        }
    }
    let date = match (captures.name("month"), captures.name("day"), published) {
        (Some(month), Some(day), Some(published)) => {
            let month = parse_month(month.as_str())?;
            let day = day.as_str().parse().ok()?;
            resolve_month_day(month, day, published)
        }
        _ => None,
    };
    let whole = captures.get(0)?;
    let full = whole.as_str();
    let range_end = start + full.trim_end().len();
    Some(Dateline {
        range: start..range_end,
        place: place.as_str().to_string(),
        place_range: start + place.start()..start + place.end(),
        date_range,
        date,
        agency: captures.name("agency").map(|a| a.as_str().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn xinhua_dateline_after_a_headline_and_caption() {
        let text =
            "Headline\n\nA caption, Nov. 27, 2023. (Xinhua/Yan Yan)\n\nASTANA, Nov. 27 (Xinhua) -- China stands ready";
        let d = find(text, 0, Some(ymd(2023, 11, 28))).unwrap();
        assert_eq!(d.place, "ASTANA");
        assert_eq!(&text[d.place_range.clone()], "ASTANA");
        assert_eq!(&text[d.date_range.clone().unwrap()], "Nov. 27");
        assert_eq!(d.date, Some(ymd(2023, 11, 27)));
        assert_eq!(d.agency.as_deref(), Some("Xinhua"));
        assert_eq!(&text[d.range.clone()], "ASTANA, Nov. 27 (Xinhua) --");
    }

    #[test]
    fn place_and_en_dash() {
        let text = "ASTANA – Religious leaders of China met on Monday.";
        let d = find(text, 0, None).unwrap();
        assert_eq!(d.place, "ASTANA");
        assert!(d.date.is_none());
    }

    #[test]
    fn place_and_date_without_agency() {
        let d = find("BEIJING, June 27 -- Talks", 0, Some(ymd(2024, 6, 28))).unwrap();
        assert_eq!(d.place, "BEIJING");
        assert_eq!(d.date, Some(ymd(2024, 6, 27)));
    }

    #[test]
    fn agency_first_with_ordinal_day() {
        let text = "Roundtable\n\nChina News Service, Nur-Sultan, May 29th. On the 27th local time";
        let d = find(text, 0, Some(ymd(2022, 5, 29))).unwrap();
        assert_eq!(d.place, "Nur-Sultan");
        assert_eq!(d.agency.as_deref(), Some("China News Service"));
        assert_eq!(&text[d.date_range.clone().unwrap()], "May 29th");
        assert_eq!(d.date, Some(ymd(2022, 5, 29)));
    }

    #[test]
    fn city_state_and_date() {
        for (text, place) in [
            ("DENVER, Colo., Aug 3 (Reuters) - The Fed said.", "DENVER"),
            ("AUSTIN, TEXAS, May 12 - The governor said.", "AUSTIN"),
            ("ALBUQUERQUE, New Mexico, Aug. 3 -- Rain fell.", "ALBUQUERQUE"),
        ] {
            let d = find(text, 0, Some(ymd(2017, 8, 4))).unwrap();
            assert_eq!(d.place, place, "{text}");
            assert_eq!(
                d.date.map(|d| d.month()),
                Some(if place == "AUSTIN" { 5 } else { 8 }),
                "{text}"
            );
        }
    }

    #[test]
    fn a_wire_slug_before_a_headline_is_no_dateline() {
        for text in [
            "CORRECTED - Fed holds rates steady\n\nThe Fed held rates.",
            "ANALYSIS - Why oil fell\n\nOil fell.",
        ] {
            assert_eq!(find(text, 0, None), None, "{text}");
        }
        // A dateline without a date opens prose.
        assert!(find("MOSCOW - Talks began on Monday.", 0, None).is_some());
    }

    #[test]
    fn markdown_heading_is_skipped() {
        let d = find("# ASTANA, Nov. 27 (Kazinform) -- text", 0, None).unwrap();
        assert_eq!(d.place, "ASTANA");
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for text in [
            "Chinese Vice Premier Ding Xuexiang, also a member of the Standing Committee, meets with Tokayev.",
            "Jiang Wei, Consul General of the People's Republic of China in Almaty, attended.",
            "Wang Hao - Governor of Zhejiang - spoke.",
            "In Beijing on Thursday, Zhao met Koshanov.",
        ] {
            assert_eq!(find(text, 0, None), None, "{text}");
        }
    }

    #[test]
    fn only_the_first_paragraphs_are_searched() {
        let mut text = "Para.\n\n".repeat(PARAGRAPH_WINDOW);
        text.push_str("ASTANA -- late");
        assert_eq!(find(&text, 0, None), None);
    }
}
