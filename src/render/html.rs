//! `--format html`: one self-contained page for a desk editor — a summary
//! with a bar chart, each person's title timeline (the knowledge's tenures
//! as bars, each article's title as a point on its date, the flagged ones
//! red and linked to their diagnostic), each known place's names over time
//! with the articles that used them, and every diagnostic with its flagged
//! text highlighted in its sentence, filterable by rule and severity.
//!
//! The page opens from a file on any machine: inline CSS, inline SVG drawn
//! here (a chart crate would cost a dependency tree for a few rectangles
//! and circles), a little vanilla JavaScript for the filters, no network.
//! Article text is untrusted input: everything taken from it (and from
//! file names, rule files and knowledge) is escaped, and the page's
//! Content-Security-Policy allows no request and no script but its own
//! (by hash), so even an escaping mistake could not run a script.
//!
//! Scale: the articles section lists articles with diagnostics only; the
//! timelines are drawn for the people and places with the most conflicts
//! (then the most mentions), the rest listed with their counts; points
//! nobody flagged are merged per pixel column, so a person named in 20,000
//! articles is still a few hundred circles.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write;

use base64::Engine as _;
use chrono::{Datelike, NaiveDate};
use sha2::Digest as _;

use crate::engine::Run;
use crate::model::diagnostic::{Diagnostic, Severity, plural};
use crate::model::fact::{Fact, PersonRef, TitleKey};
use crate::model::fix::Applicability;
use crate::model::span::{FileId, Span};
use crate::rules::RuleSet;
use crate::rules::knowledge::people::DateBound;

/// Timelines drawn in full; the others are listed.
const TIMELINES: usize = 60;
/// Rows of one timeline's titles (the rarest merged into "other titles").
const TITLE_ROWS: usize = 8;
/// The SVG's width, its label column and the plot's margin, in pixels.
const WIDTH: f64 = 920.0;
const LABEL: f64 = 250.0;
const MARGIN: f64 = 16.0;
const ROW: f64 = 22.0;

/// The page's script: the filters (also set from the address's
/// `#rule=…&severity=…`, so a link can open a filtered view).
const SCRIPT: &str = r#"(function () {
  var rule = document.getElementById('f-rule'), severity = document.getElementById('f-severity');
  function apply() {
    var shown = 0;
    document.querySelectorAll('.diag').forEach(function (d) {
      var hide = (rule.value && d.dataset.rule !== rule.value) || (severity.value && d.dataset.severity !== severity.value);
      d.hidden = hide;
      if (!hide) { shown += 1; }
    });
    document.querySelectorAll('.article').forEach(function (a) {
      a.hidden = a.querySelector('.diag:not([hidden])') === null;
    });
    document.getElementById('f-count').textContent = shown + ' shown';
  }
  var wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.get('rule')) { rule.value = wanted.get('rule'); }
  if (wanted.get('severity')) { severity.value = wanted.get('severity'); }
  rule.addEventListener('change', apply);
  severity.addEventListener('change', apply);
  apply();
})();"#;

const STYLE: &str = r#"
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 0 16px 48px; color: #1d232a; }
h1 { font-size: 22px; margin: 20px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d5dae0; }
h3 { font-size: 15px; margin: 16px 0 6px; } .muted { color: #5c6773; }
table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; text-align: left; } td.n { text-align: right; }
.sev-error { color: #b3261e; } .sev-warning { color: #9a6700; } .sev-info { color: #0b63b6; }
.diag { border-left: 3px solid #d5dae0; margin: 8px 0; padding: 4px 10px; }
.diag.sev-error { border-color: #b3261e; } .diag.sev-warning { border-color: #d4a72c; } .diag.sev-info { border-color: #0b63b6; }
.diag .msg { color: #1d232a; } .diag .where { font-family: ui-monospace, monospace; font-size: 12px; }
.sentence { background: #f4f6f8; padding: 4px 8px; margin: 4px 0; white-space: pre-wrap; color: #1d232a; }
mark { background: #ffd7d5; color: #1d232a; border-bottom: 2px solid #b3261e; }
.note, .fix { color: #3d4650; font-size: 13px; } .fix code { background: #e7f5e9; }
.filters { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #d5dae0; }
svg text { font: 11px system-ui, sans-serif; fill: #1d232a; } svg .axis { fill: #5c6773; }
svg .tenure { fill: #9ec5e8; } svg .open { fill: #cfe2f3; } svg .pt { fill: #2f6f3e; } svg .pt.flagged { fill: #b3261e; }
svg .bar { fill: #5b8fc7; } svg .bar.sev-error { fill: #c9524a; } svg .bar.sev-warning { fill: #d4a72c; } svg .bar.sev-info { fill: #5b8fc7; } details { margin: 6px 0; } summary { cursor: pointer; }
"#;

/// Renders the run as the page. `rules` gives the knowledge (tenures,
/// places); without it the timelines have points and no bars.
pub fn render(run: &Run, rules: Option<&RuleSet>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut page = String::with_capacity(64 * 1024);
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(SCRIPT.as_bytes()));
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>factlint report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>factlint report</h1>\n"
    );
    let flags = Flags::new(run);
    summary(&mut page, run);
    people(&mut page, run, rules, &flags);
    places(&mut page, run, rules, &flags);
    articles(&mut page, run);
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

/// Escapes text for HTML content and attribute values (and SVG's).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls HTML does not allow, even as references.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Which diagnostic (its index in the run) flags a span, by file.
struct Flags {
    by_file: HashMap<FileId, Vec<(u32, u32, usize)>>,
}

impl Flags {
    fn new(run: &Run) -> Flags {
        let mut by_file: HashMap<FileId, Vec<(u32, u32, usize)>> = HashMap::new();
        for (index, d) in run.diagnostics.iter().enumerate() {
            let span = d.primary.span;
            by_file
                .entry(span.file)
                .or_default()
                .push((span.start, span.end, index));
        }
        Flags { by_file }
    }

    /// The first diagnostic of a rule of `family` (`title-`, `place-`)
    /// whose span overlaps one of `spans`.
    fn at(&self, run: &Run, family: &str, spans: &[Span]) -> Option<usize> {
        let file = spans.first()?.file;
        self.by_file.get(&file)?.iter().find_map(|&(start, end, index)| {
            let hit = spans
                .iter()
                .any(|s| s.start < end.max(start + 1) && start < s.end.max(s.start + 1));
            (hit && run.diagnostics.get(index).is_some_and(|d| d.rule.starts_with(family))).then_some(index)
        })
    }
}

fn summary(page: &mut String, run: &Run) {
    let s = &run.summary;
    let _ = writeln!(
        page,
        "<p class=\"muted\">{} read, {} reported on: <span class=\"sev-error\">{}</span>, \
         <span class=\"sev-warning\">{}</span>, <span class=\"sev-info\">{}</span>{}.</p>",
        plural(s.articles, "article"),
        s.reported,
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        if s.suppressed + s.baselined > 0 {
            format!(" ({} suppressed, {} in the baseline)", s.suppressed, s.baselined)
        } else {
            String::new()
        }
    );
    let mut by_rule: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for d in &run.diagnostics {
        *by_rule.entry((d.rule.as_str(), d.severity)).or_default() += 1;
    }
    page.push_str("<h2 id=\"summary\">Diagnostics by rule</h2>\n");
    if by_rule.is_empty() {
        page.push_str("<p>No diagnostics.</p>\n");
        return;
    }
    let most = by_rule.values().copied().max().unwrap_or(1).max(1);
    let height = ROW * by_rule.len() as f64 + 8.0;
    let _ = writeln!(
        page,
        "<svg class=\"chart\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"diagnostics by rule\">"
    );
    for (row, ((rule, severity), count)) in by_rule.iter().enumerate() {
        let y = ROW * row as f64 + 4.0;
        let width = (WIDTH - LABEL - 60.0) * (*count as f64) / (most as f64);
        let _ = writeln!(
            page,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{rule}</text>\
             <rect class=\"bar sev-{sev}\" x=\"{LABEL}\" y=\"{y}\" width=\"{width:.1}\" height=\"{h}\"><title>{rule}: {count} {sev}</title></rect>\
             <text x=\"{cx:.1}\" y=\"{ty}\">{count} {sev}</text>",
            x = LABEL - 8.0,
            ty = y + 13.0,
            rule = escape(rule),
            sev = severity_name(*severity),
            h = ROW - 6.0,
            cx = LABEL + width + 6.0,
        );
    }
    page.push_str("</svg>\n");
}

/// A timeline: rows of bars (periods) and points (mentions), on one time
/// axis.
#[derive(Default)]
struct Timeline {
    rows: Vec<Row>,
}

#[derive(Default)]
struct Row {
    label: String,
    /// (from, to, open-ended, what it is)
    bars: Vec<(Option<NaiveDate>, Option<NaiveDate>, bool, String)>,
    points: Vec<Point>,
}

struct Point {
    date: NaiveDate,
    /// Shown on hover: the article and what it says.
    title: String,
    /// The diagnostic that flags it, by index in the run.
    flagged: Option<usize>,
}

impl Timeline {
    fn conflicts(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| &r.points)
            .filter(|p| p.flagged.is_some())
            .count()
    }

    fn points(&self) -> usize {
        self.rows.iter().map(|r| r.points.len()).sum()
    }

    /// The time axis: the points' dates, widened to the bars that reach
    /// into the five years before the first point and the year after the
    /// last (a career of forty years does not squash a year of news).
    fn domain(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self.rows.iter().flat_map(|r| r.points.iter().map(|p| p.date));
        let (first, last) = dates.fold(None, |span: Option<(NaiveDate, NaiveDate)>, d| match span {
            None => Some((d, d)),
            Some((a, b)) => Some((a.min(d), b.max(d))),
        })?;
        let floor = first.with_year(first.year() - 5).unwrap_or(first);
        let ceiling = last.with_year(last.year() + 1).unwrap_or(last);
        let mut from = first;
        let mut to = last;
        for (start, end, _, _) in self.rows.iter().flat_map(|r| &r.bars) {
            if let Some(start) = start {
                from = from.min((*start).max(floor));
            }
            if let Some(end) = end {
                to = to.max((*end).min(ceiling));
            }
        }
        // At least a month, so that one point is not a division by zero.
        if (to - from).num_days() < 30 {
            to = from + chrono::Days::new(30);
        }
        Some((from, to))
    }

    fn draw(&self, page: &mut String) {
        let Some((from, to)) = self.domain() else { return };
        let span = (to - from).num_days().max(1) as f64;
        let plot = WIDTH - LABEL - 2.0 * MARGIN;
        let x = |d: NaiveDate| LABEL + MARGIN + plot * ((d - from).num_days() as f64 / span).clamp(0.0, 1.0);
        let height = ROW * (self.rows.len() as f64 + 1.0) + 6.0;
        let _ = writeln!(
            page,
            "<svg class=\"timeline\" width=\"{WIDTH}\" height=\"{height}\" data-points=\"{}\" data-conflicts=\"{}\">",
            self.points(),
            self.conflicts()
        );
        for (row, r) in self.rows.iter().enumerate() {
            let y = ROW * row as f64 + 4.0;
            let _ = write!(
                page,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"><title>{}</title>{}</text>",
                LABEL - 8.0,
                y + 13.0,
                escape(&r.label),
                escape(&shorten(&r.label, 38))
            );
            for (start, end, open, what) in &r.bars {
                let x0 = start.map_or(LABEL + MARGIN, x);
                let x1 = end.map_or(WIDTH - MARGIN, x).max(x0 + 2.0);
                let _ = write!(
                    page,
                    "<rect class=\"{}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
                    if *open { "tenure open" } else { "tenure" },
                    y + 2.0,
                    x1 - x0,
                    ROW - 8.0,
                    escape(what)
                );
            }
            // Unflagged points merged per pixel column; flagged ones each
            // drawn, last (on top), linked to their diagnostic.
            let mut merged: BTreeMap<i64, (usize, &Point)> = BTreeMap::new();
            for point in r.points.iter().filter(|p| p.flagged.is_none()) {
                let column = x(point.date).round() as i64;
                merged.entry(column).or_insert((0, point)).0 += 1;
            }
            for (column, (count, point)) in merged {
                let more = if count > 1 {
                    format!(" (and {} more here)", count - 1)
                } else {
                    String::new()
                };
                let _ = write!(
                    page,
                    "<circle class=\"pt\" cx=\"{column}\" cy=\"{:.1}\" r=\"4\" data-count=\"{count}\"><title>{}{more}</title></circle>",
                    y + ROW / 2.0 - 1.0,
                    escape(&point.title)
                );
            }
            for point in r.points.iter().filter(|p| p.flagged.is_some()) {
                let index = point.flagged.unwrap_or_default();
                let _ = write!(
                    page,
                    "<a href=\"#d-{index}\"><circle class=\"pt flagged\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" data-count=\"1\"><title>{}</title></circle></a>",
                    x(point.date),
                    y + ROW / 2.0 - 1.0,
                    escape(&point.title)
                );
            }
            page.push('\n');
        }
        // Year ticks along the bottom.
        let y = ROW * self.rows.len() as f64 + 16.0;
        let years = (to.year() - from.year()).max(1);
        let step = (years / 8).max(1);
        let mut year = from.year() + 1;
        while year <= to.year() {
            if let Some(jan) = NaiveDate::from_ymd_opt(year, 1, 1) {
                let _ = write!(
                    page,
                    "<text class=\"axis\" x=\"{:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{year}</text>",
                    x(jan)
                );
            }
            year += step;
        }
        page.push_str("\n</svg>\n");
    }
}

/// `text` cut to `chars` characters with an ellipsis (a label column has
/// room for so much; the whole label is its tooltip).
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars - 1).collect();
    format!("{}…", cut.trim_end())
}

fn bound_date(bound: Option<&DateBound>, latest: bool) -> Option<NaiveDate> {
    bound.map(|b| if latest { b.latest } else { b.earliest })
}

fn bound_text(bound: Option<&DateBound>) -> &str {
    bound.map_or("…", |b| b.text.as_str())
}

/// What a point says on hover: the article, its date and what it writes.
fn point_title(run: &Run, file: FileId, date: NaiveDate, what: &str) -> String {
    format!("{} ({date}): {what}", run.db.name(file))
}

fn people(page: &mut String, run: &Run, rules: Option<&RuleSet>, flags: &Flags) {
    // The title facts of each known person, by what the title means.
    let mut by_person: BTreeMap<u32, BTreeMap<&TitleKey, Vec<&crate::model::fact::TitleFact>>> = BTreeMap::new();
    for fact in &run.facts {
        if let Fact::Title(title) = fact
            && let PersonRef::Known(p) = title.person
            && title.date.is_some()
        {
            by_person
                .entry(p)
                .or_default()
                .entry(&title.key)
                .or_default()
                .push(title);
        }
    }
    let knowledge = rules.map(|r| &r.knowledge);
    let mut timelines: Vec<(String, String, Timeline)> = Vec::new();
    for (p, titles) in by_person {
        let person = knowledge.and_then(|k| k.people.get(p as usize));
        let name = person.map_or_else(|| format!("person {p}"), |person| person.name.clone());
        let mut timeline = Timeline::default();
        if let (Some(person), Some(knowledge)) = (person, knowledge) {
            // One row per office, its tenures as bars.
            // Each office once, in the order of its first tenure (an office
            // held twice, with another between, is one row of two bars).
            let mut offices: Vec<usize> = Vec::new();
            for tenure in &person.tenures {
                if !offices.contains(&tenure.office) {
                    offices.push(tenure.office);
                }
            }
            for office in offices {
                let Some(o) = knowledge.offices.get(office) else {
                    continue;
                };
                let mut row = Row {
                    label: o.name.clone(),
                    ..Row::default()
                };
                for t in person.tenures.iter().filter(|t| t.office == office) {
                    let open = t.to.is_none();
                    let what = format!(
                        "{}: {} to {}{}",
                        o.name,
                        bound_text(t.from.as_ref()),
                        bound_text(t.to.as_ref()),
                        t.known_until.map(|k| format!(" (known to {k})")).unwrap_or_default()
                    );
                    row.bars.push((
                        bound_date(t.from.as_ref(), false),
                        bound_date(t.to.as_ref(), true).or(t.known_until),
                        open,
                        what,
                    ));
                }
                timeline.rows.push(row);
            }
        }
        // One row per title the articles give, the most used first.
        let mut keyed: Vec<(&TitleKey, Vec<&crate::model::fact::TitleFact>)> = titles.into_iter().collect();
        keyed.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
        for (rank, (_, facts)) in keyed.into_iter().enumerate() {
            // The written form of the first use (texts are not all kept:
            // one read per title, not per use).
            let written = facts.first().map(|f| run.db.text_at(f.span)).unwrap_or_default();
            let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
            // The rarest titles share the last row.
            if rank <= TITLE_ROWS {
                let label = if rank < TITLE_ROWS {
                    format!("“{written}”")
                } else {
                    "other titles".to_string()
                };
                timeline.rows.push(Row {
                    label,
                    ..Row::default()
                });
            }
            let Some(row) = timeline.rows.last_mut() else { continue };
            for fact in facts {
                let Some(date) = fact.date else { continue };
                let flagged = flags.at(run, "title-", &[fact.span, fact.mention]);
                let what = if rank >= TITLE_ROWS {
                    run.db.text_at(fact.span)
                } else {
                    written.clone()
                };
                row.points.push(Point {
                    date,
                    title: point_title(run, fact.span.file, date, &format!("{what} {name}")),
                    flagged,
                });
            }
        }
        let id = person.map_or_else(|| format!("p{p}"), |person| person.id.clone());
        timelines.push((name, id, timeline));
    }
    page.push_str("<h2 id=\"people\">People</h2>\n");
    section(page, "person", timelines, "people", "the titles the articles give them");
}

fn places(page: &mut String, run: &Run, rules: Option<&RuleSet>, flags: &Flags) {
    let mut by_place: BTreeMap<u32, Vec<&crate::model::fact::KnownPlaceFact>> = BTreeMap::new();
    for fact in &run.facts {
        if let Fact::KnownPlace(place) = fact
            && place.date.is_some()
        {
            by_place.entry(place.place).or_default().push(place);
        }
    }
    let places = rules.map(|r| &r.places);
    let mut timelines = Vec::new();
    for (index, mentions) in by_place {
        let place = places.and_then(|p| p.places.get(index as usize));
        let name = place.map_or_else(|| format!("place {index}"), |p| p.current_name().to_string());
        let mut timeline = Timeline::default();
        // A row per name, its period as a bar and its uses as points.
        let names: Vec<(String, Option<NaiveDate>, Option<NaiveDate>, String)> = match place {
            Some(place) => place
                .names
                .iter()
                .map(|n| {
                    let what = format!(
                        "{}: {} to {}",
                        n.name,
                        bound_text(n.from.as_ref()),
                        bound_text(n.to.as_ref())
                    );
                    (
                        n.name.clone(),
                        bound_date(n.from.as_ref(), false),
                        bound_date(n.to.as_ref(), true),
                        what,
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        for (label, from, to, what) in names {
            if timeline.rows.iter().any(|r| r.label == label) {
                let Some(row) = timeline.rows.iter_mut().find(|r| r.label == label) else {
                    continue;
                };
                row.bars.push((from, to, to.is_none(), what));
                continue;
            }
            timeline.rows.push(Row {
                label,
                bars: vec![(from, to, to.is_none(), what)],
                points: Vec::new(),
            });
        }
        for mention in mentions {
            let Some(date) = mention.date else { continue };
            let at = match timeline.rows.iter().position(|r| r.label == mention.name) {
                Some(at) => at,
                None => {
                    timeline.rows.push(Row {
                        label: mention.name.clone(),
                        ..Row::default()
                    });
                    timeline.rows.len() - 1
                }
            };
            let written = run.db.text_at(mention.span);
            let flagged = flags.at(run, "place-", &[mention.span]);
            let title = point_title(
                run,
                mention.span.file,
                date,
                if written.is_empty() { &mention.name } else { &written },
            );
            if let Some(row) = timeline.rows.get_mut(at) {
                row.points.push(Point { date, title, flagged });
            }
        }
        let id = place.map_or_else(|| format!("l{index}"), |p| p.id.clone());
        timelines.push((name, id, timeline));
    }
    page.push_str("<h2 id=\"places\">Places</h2>\n");
    section(
        page,
        "place",
        timelines,
        "places",
        "their names over time and the articles that use each",
    );
}

/// A section of timelines: the most conflicted first, drawn in full up to
/// [`TIMELINES`], the rest in a table of counts.
fn section(page: &mut String, class: &str, mut timelines: Vec<(String, String, Timeline)>, what: &str, shows: &str) {
    if timelines.is_empty() {
        let _ = writeln!(page, "<p class=\"muted\">No {what} with dated mentions.</p>");
        return;
    }
    timelines.sort_by(|a, b| {
        (b.2.conflicts(), b.2.points())
            .cmp(&(a.2.conflicts(), a.2.points()))
            .then_with(|| a.0.cmp(&b.0))
    });
    let _ = writeln!(
        page,
        "<p class=\"muted\">{} {what}, most conflicts first: the knowledge's periods as bars, {shows} as points (red: flagged; a red point links to its diagnostic).</p>",
        timelines.len()
    );
    let (drawn, listed) = timelines.split_at(timelines.len().min(TIMELINES));
    for (name, id, timeline) in drawn {
        let conflicts = timeline.conflicts();
        let _ = writeln!(
            page,
            "<details class=\"{class}\" id=\"{class}-{}\" data-name=\"{}\"{}><summary><b>{}</b> <span class=\"muted\">{}, {}</span></summary>",
            escape(id),
            escape(name),
            if conflicts > 0 { " open" } else { "" },
            escape(name),
            plural(timeline.points(), "mention"),
            plural(conflicts, "conflict")
        );
        timeline.draw(page);
        page.push_str("</details>\n");
    }
    if !listed.is_empty() {
        let _ = writeln!(
            page,
            "<details><summary>{} more {what}</summary><table><tr><th>name</th><th>mentions</th><th>conflicts</th></tr>",
            listed.len()
        );
        for (name, _, timeline) in listed {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(name),
                timeline.points(),
                timeline.conflicts()
            );
        }
        page.push_str("</table></details>\n");
    }
}

fn articles(page: &mut String, run: &Run) {
    page.push_str("<h2 id=\"articles\">Articles</h2>\n");
    let mut rules: Vec<&str> = run.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let _ = write!(
        page,
        "<div class=\"filters\"><label>rule <select id=\"f-rule\"><option value=\"\">all</option>"
    );
    for rule in &rules {
        let _ = write!(page, "<option>{}</option>", escape(rule));
    }
    let _ = writeln!(
        page,
        "</select></label> <label>severity <select id=\"f-severity\"><option value=\"\">all</option>\
         <option>error</option><option>warning</option><option>info</option></select></label> \
         <span id=\"f-count\" class=\"muted\">{} shown</span></div>",
        run.diagnostics.len()
    );
    let mut current: Option<FileId> = None;
    for (index, d) in run.diagnostics.iter().enumerate() {
        let file = d.primary.span.file;
        if current != Some(file) {
            if current.is_some() {
                page.push_str("</section>\n");
            }
            let _ = writeln!(
                page,
                "<section class=\"article\" id=\"a-{}\"><h3>{}</h3>",
                file.0,
                escape(run.db.name(file))
            );
            current = Some(file);
        }
        diagnostic(page, run, index, d);
    }
    if current.is_some() {
        page.push_str("</section>\n");
    }
}

fn diagnostic(page: &mut String, run: &Run, index: usize, d: &Diagnostic) {
    let severity = severity_name(d.severity);
    let (line, column) = run.db.position(d.primary.span.file, d.primary.span.start as usize);
    let _ = write!(
        page,
        "<div class=\"diag sev-{severity}\" id=\"d-{index}\" data-rule=\"{rule}\" data-severity=\"{severity}\">\
         <div><b>{severity}[{rule}]</b> <span class=\"msg\">{message}</span> <span class=\"where muted\">{line}:{column}</span></div>",
        rule = escape(&d.rule),
        message = escape(&d.message),
    );
    if let Some((before, flagged, after)) = sentence(&run.db.text_of(d.primary.span.file), d.primary.span) {
        let _ = write!(
            page,
            "<div class=\"sentence\">{}<mark>{}</mark>{}</div>",
            escape(&before),
            escape(&flagged),
            escape(&after)
        );
    }
    if !d.primary.message.is_empty() {
        let _ = write!(page, "<div class=\"note\">{}</div>", escape(&d.primary.message));
    }
    for label in &d.secondary {
        let _ = write!(
            page,
            "<div class=\"note\">also: {} — <a href=\"#a-{}\">{}</a></div>",
            escape(&label.message),
            label.span.file.0,
            escape(run.db.name(label.span.file))
        );
    }
    for note in &d.notes {
        let _ = write!(page, "<div class=\"note\">{}</div>", escape(note));
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<String> = fix
            .edits
            .iter()
            .map(|e| format!("<code>{}</code>", escape(&e.replacement)))
            .collect();
        let _ = write!(
            page,
            "<div class=\"fix\">fix ({}): {}</div>",
            match fix.applicability {
                Applicability::Safe => "safe, `--fix`",
                Applicability::Unsafe => "unsafe, `--fix --unsafe-fixes`",
            },
            replacements.join(", ")
        );
    }
    page.push_str("</div>\n");
}

/// The sentence around `span` in `text`, cut as (before, the span, after):
/// from the last sentence end or line break before it to the next after
/// it, at most 240 bytes each way (on character boundaries).
fn sentence(text: &str, span: Span) -> Option<(String, String, String)> {
    let (start, end) = (span.start as usize, span.end as usize);
    let flagged = text.get(start..end)?;
    let mut from = start.saturating_sub(240);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..start];
    let cut = head
        .rfind(['\n'])
        .map(|i| i + 1)
        .into_iter()
        .chain(head.rfind(". ").map(|i| i + 2))
        .max()
        .unwrap_or(0);
    let mut to = (end + 240).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let tail = &text[end..to];
    let stop = [tail.find('\n'), tail.find(". ").map(|i| i + 1)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(tail.len());
    Some((head[cut..].to_string(), flagged.to_string(), tail[..stop].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & </svg>\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;/svg&gt;&quot;"
        );
    }

    #[test]
    fn the_sentence_around_a_span_is_cut_at_its_ends() {
        let text = "date 2024-01-01\nFirst one. The Majilis met today. Next one.\n";
        let start = text.find("Majilis").unwrap();
        let span = Span::new(FileId(0), start..start + 7);
        let (before, flagged, after) = sentence(text, span).unwrap();
        assert_eq!(
            (before.as_str(), flagged.as_str(), after.as_str()),
            ("The ", "Majilis", " met today.")
        );
    }
}
