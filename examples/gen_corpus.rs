//! Writes a synthetic corpus for benchmarks, built from the shipped
//! knowledge in `rules/` (so it grows with it), with a controlled rate of
//! planted errors and an answer key.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --out target/bench/10k --seed 1
//! ```
//!
//! Each article is 1–10 KB: a header in one of the supported forms, a
//! dateline, filler paragraphs of one to eight sentences (two in five with
//! real news's typography: curly quotes, dashes, accented and non-Latin
//! names), now and then a table of figures, and sentences that state facts — officials
//! with the title they held that day, place names valid that day, dates with
//! their true weekdays, preferred terms. With probability `--error-rate` an
//! article gets one planted error, recorded in `answers.jsonl` as
//! `{"file", "start", "end", "rule"}` (byte span in the file).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use factlint::model::source::SourceDb;
use factlint::rules::{self, CheckKind, RuleSet};

/// SplitMix64: a small, well-known, seedable generator; the corpus must be
/// the same for the same seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FILLER: &[&str] = &[
    "Officials said the talks covered trade, transport and energy, and both sides agreed to meet again soon.",
    "The two countries have expanded cooperation in agriculture, logistics and education over the past decade.",
    "Business leaders welcomed the plans and said new investment would create jobs in several regions.",
    "Freight volumes on the rail corridor grew steadily, according to figures released by the operators.",
    "Analysts noted that cross-border trade has become more diverse, with food and machinery gaining ground.",
    "Students and teachers from both countries took part in exchanges organised by their universities.",
    "The delegations also discussed water management, tourism and cooperation between their customs services.",
    "Both sides stressed the importance of stable supply chains and predictable rules for investors.",
    "Cultural events, film weeks and language courses were among the projects described in the joint statement.",
    "Several agreements on standards and certification were signed at the end of the meeting.",
];

/// Sentences with the typography of real news: curly quotes and
/// apostrophes, en and em dashes, accented and non-Latin names. The
/// benchmark must exercise the paths real text takes (a pure-ASCII corpus
/// once hid a regex falling back to its slowest engine), and none of it is
/// a fact to check.
const TYPOGRAPHIC: &[&str] = &[
    "“We see real demand on both sides of the border,” said Aigerim Sağındıkova, an economist at a university in the capital.",
    "The plan’s second phase — new warehouses, a cold-storage hub and a customs terminal — is due to open within three years.",
    "Exports rose 12–15% in the first half, the ministry’s figures show, led by grain, oilseeds and copper.",
    "Zoë Château-Dupré, who advises logistics firms, called the corridor “the region’s most important project.”",
    "Local media quoted the project’s engineer, Þórður Øvergaard, as saying the work was “ahead of schedule.”",
    "A bilingual sign at the terminal reads «Қош келдіңіз» and 欢迎, Kazakh and Chinese for “welcome.”",
    "The company’s chief economist, Müller-Lüdenscheidt, said prices had been stable – if not low – for months.",
    "Farmers in the south told reporters they’d doubled their acreage of soy; some call it ‘the new cotton.’",
    "Traders quoted rates of ¥4.20 and ₸63.5 per kilogramme, with premiums of €12 for certified produce.",
    "Ёлкин and Nguyễn Thị Hương, two of the engineers, presented the design at a seminar in the city’s old quarter.",
];

const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Writes a synthetic benchmark corpus with planted errors and an answer key.
#[derive(clap::Parser)]
struct Args {
    /// How many articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// The folder to write them to.
    #[arg(long, default_value = "target/bench/corpus")]
    out: PathBuf,
    /// The seed: the same seed writes the same corpus on every machine.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The share of articles with one planted error.
    #[arg(long, default_value_t = 0.2)]
    error_rate: f64,
    /// The rule folder whose knowledge the facts come from.
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
}

/// The command line; `--help` says what it takes, a bad flag is a usage
/// error, never a panic.
fn args() -> Args {
    <Args as clap::Parser>::parse()
}

/// A fact sentence and, for a planted error, the span (within the sentence)
/// and rule it should be found at.
struct Sentence {
    text: String,
    planted: Option<(std::ops::Range<usize>, &'static str)>,
}

fn day_text(date: NaiveDate) -> String {
    format!("{} {}", MONTHS[date.month0() as usize], date.day())
}

struct Generator<'r> {
    rules: &'r RuleSet,
}

impl Generator<'_> {
    /// "President of Kazakhstan Kassym-Jomart Tokayev met …", with a title
    /// held that day.
    fn title(&self, rng: &mut Rng, date: NaiveDate) -> Option<Sentence> {
        let k = &self.rules.knowledge;
        let held: Vec<(usize, usize)> = k
            .people
            .iter()
            .enumerate()
            .flat_map(|(p, person)| {
                person
                    .tenures
                    .iter()
                    .filter(|t| t.may_hold_on(date) && t.from.as_ref().is_some_and(|f| f.latest < date))
                    .map(move |t| (p, t.office))
            })
            .collect();
        let &(person, office) = rng.pick(&held);
        let name = &k.people[person].name;
        let title = &k.offices[office].name;
        Some(Sentence {
            text: format!("{title} {name} meets the visiting delegation."),
            planted: None,
        })
    }

    /// A title the person held only at another time, in a present-tense
    /// report: a past office named in a sentence about the past is the
    /// title of that time, and no error.
    fn title_not_held(&self, rng: &mut Rng, date: NaiveDate) -> Option<Sentence> {
        let k = &self.rules.knowledge;
        let candidates: Vec<(usize, usize)> = k
            .people
            .iter()
            .enumerate()
            .flat_map(|(p, person)| {
                person
                    .tenures
                    .iter()
                    .filter(|t| t.to.as_ref().is_some_and(|to| (date - to.latest).num_days() > 60))
                    .filter(|t| {
                        !person
                            .tenures
                            .iter()
                            .any(|u| u.office == t.office && u.may_hold_on(date))
                    })
                    .map(move |t| (p, t.office))
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let &(person, office) = rng.pick(&candidates);
        let title = &k.offices[office].name;
        let text = format!("{title} {} meets the visiting delegation.", k.people[person].name);
        Some(Sentence {
            planted: Some((0..title.len(), "title-not-held")),
            text,
        })
    }

    /// A title none of the person's offices has, in an article of the years
    /// the knowledge covers the person's career (before, "never held" is
    /// not the knowledge's to say).
    fn title_mismatch(&self, rng: &mut Rng, date: NaiveDate) -> Option<Sentence> {
        let k = &self.rules.knowledge;
        let known: Vec<&factlint::rules::knowledge::people::Person> = k
            .people
            .iter()
            .filter(|p| p.known_from.is_none_or(|from| from <= date))
            .collect();
        if known.is_empty() {
            return None;
        }
        let person = *rng.pick(&known);
        let roles: Vec<&String> = person
            .tenures
            .iter()
            .flat_map(|t| k.offices[t.office].roles.iter())
            .collect();
        let others: Vec<&factlint::rules::knowledge::people::Office> = k
            .offices
            .iter()
            .filter(|o| o.roles.iter().all(|r| !roles.contains(&r)))
            .collect();
        if person.tenures.is_empty() || others.is_empty() {
            return None;
        }
        let office = rng.pick(&others);
        let text = format!("{} {} meets the visiting delegation.", office.name, person.name);
        Some(Sentence {
            planted: Some((0..office.name.len(), "title-mismatch")),
            text,
        })
    }

    /// A city under its name of that day, or (planted) another of its names.
    fn place(&self, rng: &mut Rng, date: NaiveDate, plant: bool) -> Option<Sentence> {
        let cities: Vec<_> = self
            .rules
            .places
            .places
            .iter()
            .filter(|p| p.kind == "city" && p.name_on(date).is_some())
            .collect();
        let city = rng.pick(&cities);
        let right = city.name_on(date)?;
        if !plant {
            return Some(Sentence {
                text: format!("Officials in {right} said freight volumes grew."),
                planted: None,
            });
        }
        let wrong: Vec<&str> = city
            .names
            .iter()
            .map(|n| n.name.as_str())
            .filter(|n| !city.name_valid_on(n, date))
            .collect();
        if wrong.is_empty() {
            return None;
        }
        let name = rng.pick(&wrong);
        let start = "Officials in ".len();
        Some(Sentence {
            text: format!("Officials in {name} said freight volumes grew."),
            planted: Some((start..start + name.len(), "place-name-outdated")),
        })
    }

    /// A past date with its weekday, or (planted) the wrong weekday.
    fn date(&self, rng: &mut Rng, date: NaiveDate, plant: bool) -> Sentence {
        let day = date - chrono::Duration::days(3 + rng.below(200) as i64);
        let true_weekday = day.weekday().num_days_from_monday() as usize;
        let weekday = if plant {
            (true_weekday + 1 + rng.below(6)) % 7
        } else {
            true_weekday
        };
        let written = format!("{}, {}, {}", WEEKDAYS[weekday], day_text(day), day.year());
        let text = format!("The previous round of talks was held on {written}.");
        let start = "The previous round of talks was held on ".len();
        Sentence {
            planted: plant.then_some((start..start + written.len(), "date-weekday")),
            text,
        }
    }

    /// A preferred term, or (planted) one of its variants.
    fn term(&self, rng: &mut Rng, plant: bool) -> Option<Sentence> {
        let terms: Vec<(&str, &Vec<String>)> = self
            .rules
            .checks
            .iter()
            .filter(|c| c.meta.enabled)
            .filter_map(|c| match &c.kind {
                CheckKind::Term(t) => Some((t.preferred.as_deref()?, &t.variants)),
                _ => None,
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let (preferred, variants) = rng.pick(&terms);
        let used = if plant { rng.pick(variants).as_str() } else { preferred };
        let start = "Speakers mentioned the ".len();
        Some(Sentence {
            text: format!("Speakers mentioned the {used} several times."),
            planted: plant.then_some((start..start + used.len(), "term")),
        })
    }
}

/// A table of figures, as news prints trade data: a Markdown table in a
/// Markdown article, aligned columns in a plain-text one.
fn figures_table(rng: &mut Rng, markdown: bool, text: &mut String) {
    let goods = ["Grain", "Oilseeds", "Copper", "Machinery", "Textiles", "Fruit"];
    if markdown {
        text.push_str("| Goods | Tonnes | Change |\n|---|---:|---:|\n");
    } else {
        text.push_str("Goods        Tonnes     Change\n");
    }
    for goods in &goods[..2 + rng.below(goods.len() - 1)] {
        let tonnes = 1_000 + rng.below(900_000);
        let change = format!(
            "{}{}.{}%",
            if rng.chance(0.3) { "−" } else { "+" },
            rng.below(40),
            rng.below(10)
        );
        let tonnes = format!("{},{:03}", tonnes / 1000, tonnes % 1000);
        if markdown {
            writeln!(text, "| {goods} | {tonnes} | {change} |").ok();
        } else {
            writeln!(text, "{goods:<12} {tonnes:>9}  {change:>7}").ok();
        }
    }
    text.push('\n');
}

fn main() {
    let args = args();
    let mut db = SourceDb::new();
    let rules = rules::load(std::slice::from_ref(&args.rules), &mut db)
        .unwrap_or_else(|e| panic!("rules do not load: {} errors", e.len()));
    let generator = Generator { rules: &rules };
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(&args.out).expect("create the output folder");
    let mut answers =
        std::io::BufWriter::new(std::fs::File::create(args.out.join("answers.jsonl")).expect("answers.jsonl"));
    let first = NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    let astana = rules.places.places.iter().find(|p| p.id == "astana");
    let mut bytes = 0usize;
    for i in 0..args.articles {
        let date = first + chrono::Duration::days(rng.below(365 * 7) as i64);
        let form = i % 4;
        let name = match form {
            0 | 1 => format!("a{i:07}.md"),
            2 => format!("a{i:07}.txt"),
            _ => format!("{date}-a{i:07}.md"),
        };
        let mut text = match form {
            0 => format!("+++\ntitle = \"Article {i}\"\ndate = {date}\n+++\n\n"),
            1 => format!("---\ntitle: Article {i}\ndate: {date}\n---\n\n"),
            2 => format!("date {date}\n"),
            _ => format!("# Article {i}\n\n"),
        };
        let city = astana.and_then(|a| a.name_on(date)).unwrap_or("ASTANA").to_uppercase();
        let dash = if rng.chance(0.5) { "—" } else { "--" };
        write!(text, "{city}, {} (factlint bench) {dash} ", day_text(date)).ok();
        let planted_family = rng.chance(args.error_rate).then(|| rng.below(5));
        let mut planted_done = false;
        let paragraphs = 6 + rng.below(12);
        for p in 0..paragraphs {
            let mut paragraph = String::new();
            // Short and long paragraphs, as in news: one sentence to eight.
            let sentences = if rng.chance(0.2) { 1 } else { 2 + rng.below(7) };
            for _ in 0..sentences {
                let filler = if rng.chance(0.4) { TYPOGRAPHIC } else { FILLER };
                paragraph.push_str(filler[rng.below(filler.len())]);
                paragraph.push(' ');
            }
            let plant_here = !planted_done && planted_family.is_some() && p == paragraphs / 2;
            let sentence = match (p % 4, plant_here, planted_family) {
                (_, true, Some(0)) => generator.title_not_held(&mut rng, date),
                (_, true, Some(1)) => generator.title_mismatch(&mut rng, date),
                (_, true, Some(2)) => generator.place(&mut rng, date, true),
                (_, true, Some(3)) => Some(generator.date(&mut rng, date, true)),
                (_, true, _) => generator.term(&mut rng, true),
                (0, ..) => generator.title(&mut rng, date),
                (1, ..) => generator.place(&mut rng, date, false),
                (2, ..) => Some(generator.date(&mut rng, date, false)),
                _ => generator.term(&mut rng, false),
            };
            if let Some(sentence) = sentence {
                let offset = text.len() + paragraph.len();
                if let Some((range, rule)) = &sentence.planted {
                    writeln!(
                        answers,
                        r#"{{"file":"{name}","start":{},"end":{},"rule":"{rule}"}}"#,
                        offset + range.start,
                        offset + range.end
                    )
                    .ok();
                    planted_done = true;
                }
                paragraph.push_str(&sentence.text);
            }
            text.push_str(paragraph.trim_end());
            text.push_str("\n\n");
            if p == 2 && rng.chance(0.3) {
                figures_table(&mut rng, name.ends_with(".md"), &mut text);
            }
        }
        bytes += text.len();
        std::fs::write(args.out.join(&name), text).expect("write article");
    }
    answers.flush().ok();
    eprintln!(
        "wrote {} articles, {:.1} MB, to {}",
        args.articles,
        bytes as f64 / 1e6,
        args.out.display()
    );
}
