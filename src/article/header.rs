//! The article header: front matter, a `date YYYY-MM-DD` first line, a
//! date-stamped file name. It decides the publication date and where the
//! body starts.
//!
//! Sources are tried in a fixed order (documented in the README) so that the
//! same file always gets the same date:
//! 1. TOML front matter between `+++` lines, key `date`;
//! 2. YAML-style front matter between `---` lines, flat `key: value`, key `date`;
//! 3. a first line `date YYYY-MM-DD` (the body may go on on the same line, as
//!    in wire copy pasted with its header);
//! 4. a `YYYY-MM-DD` prefix of the file name;
//! 5. a line near the top holding only a date or date-time
//!    (`2022-05-29 15:17:55`), as pages saved from news sites carry.

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::text::calendar::parse_iso_date;

/// Where the publication date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    TomlFrontMatter,
    YamlFrontMatter,
    DateLine,
    FileName,
    PageDateLine,
}

impl DateSource {
    pub fn describe(self) -> &'static str {
        match self {
            DateSource::TomlFrontMatter => "TOML front matter",
            DateSource::YamlFrontMatter => "YAML front matter",
            DateSource::DateLine => "`date` line",
            DateSource::FileName => "file name",
            DateSource::PageDateLine => "date line near the top",
        }
    }
}

/// The publication date and where it is written (`None` for a file name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PubDate {
    pub date: NaiveDate,
    pub source: DateSource,
    pub span: Option<Range<usize>>,
}

/// Something wrong with the header, as a byte range and what to say of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderProblem {
    pub rule: &'static str,
    pub message: String,
    pub range: Range<usize>,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// Byte offset where the article body (the text to check) starts.
    pub body_start: usize,
    pub date: Option<PubDate>,
    pub problems: Vec<HeaderProblem>,
}

/// How many non-blank lines from the top a bare date line may stand at.
const PAGE_DATE_LINE_WINDOW: usize = 12;

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*[Dd]ate[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)[ \t]*")
        .expect("static regex")
});
static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$").expect("static regex")
});
static FILE_NAME_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4}-\d{2}-\d{2})(?:[^0-9]|$)").expect("static regex"));
static YAML_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$").expect("static regex")
});

/// Lines of `text` from `start`, each as (range without its line end, range
/// including it).
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let full_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let content = rest[..full_len].trim_end_matches(['\n', '\r']);
        let line = (pos..pos + content.len(), pos..pos + full_len);
        pos += full_len;
        Some(line)
    })
}

/// Parses the header of `text` (the whole file, BOM included) for the file at
/// `path`.
pub fn parse(text: &str, path: &Path) -> Header {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_from(text, start);
    let first = lines.next();
    let mut header = match first {
        Some((content, _)) if &text[content.clone()] == "+++" => front_matter(text, content, "+++", toml_front_matter),
        Some((content, _)) if &text[content.clone()] == "---" => front_matter(text, content, "---", yaml_front_matter),
        _ => Header {
            body_start: start,
            ..Header::default()
        },
    };
    if header.date.is_none() && header.problems.is_empty() {
        header.date = date_line(text, &mut header)
            .or_else(|| file_name_date(path))
            .or_else(|| page_date_line(text, header.body_start));
    }
    header
}

type FrontMatterParser = fn(&str, usize, &mut Header);

/// Front matter fenced by `fence` lines; `parse_inner` reads what is between.
fn front_matter(text: &str, opening: Range<usize>, fence: &str, parse_inner: FrontMatterParser) -> Header {
    let mut header = Header::default();
    let inner_start = lines_from(text, opening.start)
        .next()
        .map_or(text.len(), |(_, full)| full.end);
    let closing = lines_from(text, inner_start).find(|(content, _)| &text[content.clone()] == fence);
    match closing {
        Some((content, full)) => {
            header.body_start = full.end;
            parse_inner(&text[inner_start..content.start], inner_start, &mut header);
        }
        None => {
            header.body_start = inner_start;
            header.problems.push(HeaderProblem {
                rule: super::FRONT_MATTER,
                message: format!("front matter opened with `{fence}` is never closed"),
                range: opening,
                label: format!("no closing `{fence}` line after this"),
            });
        }
    }
    header
}

fn toml_front_matter(inner: &str, offset: usize, header: &mut Header) {
    let table = match inner.parse::<toml::Table>() {
        Ok(table) => table,
        Err(error) => {
            let range = error.span().unwrap_or(0..0);
            header.problems.push(HeaderProblem {
                rule: super::FRONT_MATTER,
                message: "TOML front matter does not parse".to_string(),
                range: offset + range.start..offset + range.end.max(range.start),
                label: error.message().to_string(),
            });
            return;
        }
    };
    let Some(value) = table.get("date") else {
        return;
    };
    // toml::Table does not keep spans, so find the value by its text: the
    // `date` key's line.
    let span = lines_from(inner, 0)
        .find(|(content, _)| {
            let line = inner[content.clone()].trim_start();
            line.strip_prefix("date")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(content, _)| {
            let line = &inner[content.clone()];
            let eq = line.find('=').map_or(0, |i| i + 1);
            let value_text = line[eq..].trim();
            let value_start = content.start + eq + line[eq..].find(value_text).unwrap_or(0);
            offset + value_start..offset + value_start + value_text.len()
        });
    let parsed = match value {
        toml::Value::Datetime(datetime) => datetime
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))),
        toml::Value::String(text) => parse_iso_date(text),
        _ => None,
    };
    set_front_matter_date(header, parsed, DateSource::TomlFrontMatter, span, value.to_string());
}

fn yaml_front_matter(inner: &str, offset: usize, header: &mut Header) {
    for (content, _) in lines_from(inner, 0) {
        let line = &inner[content.clone()];
        let trimmed = line.trim();
        // Blank lines, comments, and the indented or `- item` lines of a
        // nested value are allowed; only flat keys are read.
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with([' ', '\t']) || trimmed.starts_with("- ")
        {
            continue;
        }
        let Some(captures) = YAML_KEY.captures(line) else {
            header.problems.push(HeaderProblem {
                rule: super::FRONT_MATTER,
                message: "front matter line is not `key: value`".to_string(),
                range: offset + content.start..offset + content.end,
                label: "expected `key: value`".to_string(),
            });
            continue;
        };
        if &captures[1] != "date" {
            continue;
        }
        let Some(value) = captures.get(2) else {
            continue;
        };
        let raw = value.as_str();
        let unquoted = raw.trim_matches(|c| c == '"' || c == '\'');
        let span = offset + content.start + value.start()..offset + content.start + value.end();
        set_front_matter_date(
            header,
            parse_iso_date(unquoted),
            DateSource::YamlFrontMatter,
            Some(span),
            raw.to_string(),
        );
    }
}

fn set_front_matter_date(
    header: &mut Header,
    parsed: Option<NaiveDate>,
    source: DateSource,
    span: Option<Range<usize>>,
    raw: String,
) {
    match parsed {
        Some(date) => header.date = Some(PubDate { date, source, span }),
        None => header.problems.push(HeaderProblem {
            rule: super::DATE_INVALID,
            message: format!("the front matter date `{raw}` is not a valid date"),
            range: span.unwrap_or(0..0),
            label: "expected a date like 2023-11-27 or a date-time like 2023-11-27T10:00:00".to_string(),
        }),
    }
}

/// A first line `date YYYY-MM-DD`: the body starts right after the date.
fn date_line(text: &str, header: &mut Header) -> Option<PubDate> {
    let (content, _) = lines_from(text, header.body_start).find(|(c, _)| !text[c.clone()].trim().is_empty())?;
    let line = &text[content.clone()];
    let captures = DATE_LINE.captures(line)?;
    let value = captures.get(1)?;
    let span = content.start + value.start()..content.start + value.end();
    header.body_start = content.start + captures.get(0)?.end();
    match parse_iso_date(value.as_str()) {
        Some(date) => Some(PubDate {
            date,
            source: DateSource::DateLine,
            span: Some(span),
        }),
        None => {
            header.problems.push(HeaderProblem {
                rule: super::DATE_INVALID,
                message: format!("the article's date `{}` is not a valid date", value.as_str()),
                range: span,
                label: "no such day in the calendar".to_string(),
            });
            None
        }
    }
}

fn file_name_date(path: &Path) -> Option<PubDate> {
    let name = path.file_name()?.to_str()?;
    let captures = FILE_NAME_DATE.captures(name)?;
    Some(PubDate {
        date: parse_iso_date(&captures[1])?,
        source: DateSource::FileName,
        span: None,
    })
}

fn page_date_line(text: &str, body_start: usize) -> Option<PubDate> {
    lines_from(text, body_start)
        .filter(|(content, _)| !text[content.clone()].trim().is_empty())
        .take(PAGE_DATE_LINE_WINDOW)
        .find_map(|(content, _)| {
            let line = &text[content.clone()];
            let trimmed = line.trim();
            if !BARE_DATE.is_match(trimmed) {
                return None;
            }
            let start = content.start + line.find(trimmed).unwrap_or(0);
            Some(PubDate {
                date: parse_iso_date(trimmed)?,
                source: DateSource::PageDateLine,
                span: Some(start..start + trimmed.len()),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn header(text: &str) -> Header {
        parse(text, Path::new("article.md"))
    }

    #[test]
    fn toml_front_matter_date() {
        let text = "+++\ntitle = \"x\"\ndate = 2023-11-27\n+++\nBody.\n";
        let h = header(text);
        let date = h.date.unwrap();
        assert_eq!(date.date, ymd(2023, 11, 27));
        assert_eq!(date.source, DateSource::TomlFrontMatter);
        assert_eq!(&text[date.span.unwrap()], "2023-11-27");
        assert_eq!(&text[h.body_start..], "Body.\n");
    }

    #[test]
    fn toml_front_matter_date_time_counts_as_its_date() {
        let h = header("+++\ndate = 2023-11-27T23:10:00+06:00\n+++\n");
        assert_eq!(h.date.unwrap().date, ymd(2023, 11, 27));
    }

    #[test]
    fn toml_front_matter_syntax_error_points_into_it() {
        let text = "+++\ntitle = \"unclosed\ndate = 2023-11-27\n+++\nBody\n";
        let h = header(text);
        assert_eq!(h.problems.len(), 1);
        assert_eq!(h.problems[0].rule, "article-front-matter");
        assert!(h.problems[0].range.start >= 4, "{:?}", h.problems[0]);
        assert!(h.date.is_none());
    }

    #[test]
    fn yaml_front_matter_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: Talks\r\ndate: \"2024-06-12\"\r\ntags:\r\n  - a\r\n---\r\nBody\r\n";
        let h = header(text);
        let date = h.date.unwrap();
        assert_eq!(date.date, ymd(2024, 6, 12));
        assert_eq!(&text[date.span.unwrap()], "\"2024-06-12\"");
        assert_eq!(&text[h.body_start..], "Body\r\n");
        assert!(h.problems.is_empty());
    }

    #[test]
    fn yaml_front_matter_bad_line_is_labelled() {
        let text = "---\ntitle: x\nthis is not yaml\ndate: 2024-01-01\n---\n";
        let h = header(text);
        assert_eq!(h.problems.len(), 1);
        assert_eq!(&text[h.problems[0].range.clone()], "this is not yaml");
    }

    #[test]
    fn unclosed_front_matter_is_reported_on_the_opening_line() {
        let h = header("---\ndate: 2024-01-01\nBody\n");
        assert_eq!(h.problems[0].range, 0..3);
        assert!(h.problems[0].message.contains("never closed"));
    }

    #[test]
    fn invalid_front_matter_date() {
        let text = "---\ndate: 2023-02-29\n---\n";
        let h = header(text);
        assert_eq!(h.problems[0].rule, "article-date-invalid");
        assert_eq!(&text[h.problems[0].range.clone()], "2023-02-29");
    }

    #[test]
    fn date_line_with_body_on_the_same_line() {
        let text = " date 2025-01-15 ASTANA – Religious leaders";
        let h = header(text);
        assert_eq!(h.date.unwrap().date, ymd(2025, 1, 15));
        assert_eq!(&text[h.body_start..], "ASTANA – Religious leaders");
    }

    #[test]
    fn file_name_prefix() {
        let h = parse("Body", Path::new("corpus/2021-06-01-talks.md"));
        assert_eq!(h.date.unwrap().source, DateSource::FileName);
        assert!(parse("Body", Path::new("corpus/20210601.md")).date.is_none());
    }

    #[test]
    fn bare_date_line_near_the_top() {
        let text = "Headline\n\n2022-05-29 15:17:55\n\nBody";
        let date = header(text).date.unwrap();
        assert_eq!(date.date, ymd(2022, 5, 29));
        assert_eq!(date.source, DateSource::PageDateLine);
    }

    #[test]
    fn no_date_at_all() {
        assert!(
            header("China and Kazakhstan Vow to Deepen Ties\n\nText.")
                .date
                .is_none()
        );
        assert!(header("").date.is_none());
    }
}
