//! `check --format html`: the report of the sample corpus (and a hostile
//! article), opened in headless Chromium as an editor opens it, asserted
//! on the DOM its script leaves, with a screenshot kept for a look.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it and sets
//! `FACTLINT_REQUIRE_CHROMIUM=1`); elsewhere, without it, the browser half
//! says it is skipped and the checks of the page's text still run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of the sample corpus with one hostile article added, and its
/// report written.
struct Workspace {
    dir: tempfile::TempDir,
}

const HOSTILE: &str = "date 2024-06-12\nPrime Minister Alikhan Smailov said <script>alert(1)</script> & </svg> the Majilis met. \"<img src=x onerror=alert(2)>\" was shown.\n";

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        common::copy_folders(dir.path(), &["corpus"]);
        let corpus = dir.path().join("corpus");
        std::fs::write(corpus.join("zz-<b>hostile&.txt"), HOSTILE).unwrap();
        Workspace { dir }
    }

    fn factlint(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn report(&self) -> PathBuf {
        let path = self.dir.path().join("report.html");
        let out = self.factlint(&["check", "--format", "html", "--output-file", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        path
    }

    /// The diagnostics of the same run, from the JSON output.
    fn diagnostics(&self) -> Vec<serde_json::Value> {
        let out = self.factlint(&["check", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["diagnostics"].as_array().unwrap().clone()
    }
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("FACTLINT_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("FACTLINT_REQUIRE_CHROMIUM").is_none(),
        "FACTLINT_REQUIRE_CHROMIUM is set and there is no Chromium at {}",
        path.display()
    );
    eprintln!("skipped: no Chromium at {} (set FACTLINT_CHROMIUM)", path.display());
    None
}

/// Runs headless Chromium on `url` with `mode` (`--dump-dom` or
/// `--screenshot=FILE`); returns its standard output and the console
/// messages it logged.
fn browse(chromium: &Path, url: &str, mode: &str) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1000,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(mode)
        .arg(url)
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn the_page_escapes_what_articles_and_file_names_hold() {
    let workspace = Workspace::new();
    let page = std::fs::read_to_string(workspace.report()).unwrap();
    // One script, the page's own, allowed by hash; no request allowed.
    assert_eq!(count(&page, "<script"), 1);
    assert!(page.contains("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"));
    assert!(!page.contains("<img") && !page.contains("alert(1)</script>"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/svg&gt;"),
        "the sentence, escaped"
    );
    assert!(page.contains("zz-&lt;b&gt;hostile&amp;.txt"), "the file name, escaped");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing to fetch"
    );
}

#[test]
fn the_report_in_a_browser_has_every_diagnostic_timelines_and_filters() {
    let workspace = Workspace::new();
    let report = workspace.report();
    let diagnostics = workspace.diagnostics();
    let Some(chromium) = chromium() else { return };
    let url = format!("file://{}", report.display());
    let (dom, console) = browse(&chromium, &url, "--dump-dom");
    assert!(
        console.is_empty(),
        "console messages (errors, blocked requests): {console:#?}"
    );

    // Every diagnostic, none hidden, the count shown by the script.
    assert_eq!(count(&dom, "<div class=\"diag "), diagnostics.len());
    assert_eq!(
        count(&dom, "<div class=\"diag ") - count(&dom, "hidden=\"\""),
        diagnostics.len()
    );
    assert!(dom.contains(&format!("{} shown", diagnostics.len())), "the script ran");
    // The hostile article's text stayed text: no element came of it.
    assert_eq!(count(&dom, "<script"), 1);
    assert!(!dom.contains("<img"));

    // Smailov's timeline has a point per dated title the facts list, and
    // his titles after he left office are red.
    let facts = workspace.factlint(&["facts", "--format", "json"]);
    let smailov = String::from_utf8_lossy(&facts.stdout)
        .lines()
        .filter(|l| l.contains("\"person_id\":\"smailov\"") && !l.contains("\"date\":null"))
        .count();
    let timeline = dom
        .split("id=\"person-smailov\"")
        .nth(1)
        .and_then(|rest| rest.split("</details>").next())
        .expect("a timeline for Smailov");
    assert!(
        timeline.contains(&format!("data-points=\"{smailov}\"")),
        "{smailov} points: {timeline}"
    );
    let not_held = diagnostics
        .iter()
        .filter(|d| d["rule"] == "title-not-held" && d["message"].as_str().unwrap().contains("Smailov"))
        .count();
    assert!(not_held >= 2, "the sample corpus and the hostile article flag him");
    assert_eq!(count(timeline, "class=\"pt flagged\""), not_held, "{timeline}");

    // The flagged text sits in a highlight inside its sentence.
    let mazhilis = dom
        .split("data-rule=\"term-mazhilis\"")
        .nth(1)
        .and_then(|rest| rest.split("</div>\n").next())
        .expect("a term-mazhilis diagnostic");
    assert!(mazhilis.contains("<mark>Majilis</mark>"), "{mazhilis}");

    // A filtered link: only that rule's diagnostics stay visible.
    let wanted = diagnostics.iter().filter(|d| d["rule"] == "title-not-held").count();
    let (filtered, console) = browse(&chromium, &format!("{url}#rule=title-not-held"), "--dump-dom");
    assert!(console.is_empty(), "{console:#?}");
    let visible = filtered
        .split("<div class=\"diag ")
        .skip(1)
        .filter(|d| !d.split('>').next().unwrap_or("").contains("hidden"))
        .count();
    assert_eq!(visible, wanted);
    assert!(filtered.contains(&format!("{wanted} shown")));

    // A screenshot to look at (kept under target/).
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.png");
    let _ = std::fs::remove_file(&shot);
    browse(&chromium, &url, &format!("--screenshot={}", shot.display()));
    assert!(
        std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
        "a screenshot at {}",
        shot.display()
    );
}
