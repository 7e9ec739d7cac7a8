//! Where the time of a check goes, stage by stage, on one thread.
//!
//! Reads every article of a folder into memory first (so file-system time
//! is left out), then times each stage over all of them, several rounds, and
//! prints milliseconds and MB/s per stage, for profiling;
//! the end-to-end figures are `scripts/bench.sh`'s.
//!
//! ```sh
//! cargo run --release --example stages -- target/bench/10000 [rules-dir instead of the default rules]
//! NO_WORLD=1 STAGES=titles,all ROUNDS=5 target/release/examples/stages DIR
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use factlint::article;
use factlint::check::ArticleOutcome;
use factlint::engine::{Options, Session};
use factlint::model::span::FileId;
use factlint::rules::registry::Family;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next() else {
        eprintln!("usage: stages FOLDER [RULES]");
        std::process::exit(2);
    };
    // The default rules, or (given a folder) that folder's rules instead.
    let rules_dir = args.next().map(PathBuf::from);
    let options = Options {
        no_default_rules: rules_dir.is_some(),
        rules: rules_dir.into_iter().collect(),
        // NO_WORLD=1 leaves the world layer out, to see what it costs.
        no_world_knowledge: std::env::var_os("NO_WORLD").is_some_and(|v| !v.is_empty()),
        ..Options::default()
    };
    let session = match Session::load(options) {
        Ok(session) => session,
        Err(error) => {
            eprintln!("rules did not load: {error}");
            std::process::exit(2);
        }
    };
    let checker = session.checker();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("readable folder").flatten() {
        let path = entry.path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "txt")) {
            let bytes = std::fs::read(&path).expect("readable article");
            files.push((path, bytes));
        }
    }
    files.sort();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("{} articles, {:.1} MB", files.len(), bytes as f64 / 1e6);
    // STAGES=dates,titles runs only those (for a profiler).
    let only = std::env::var("STAGES").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o.split(',').any(|s| s == name));
    let rounds = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    // Runs `f` ROUNDS times if the stage is wanted, and prints its time.
    let stage = |name: &str, f: &mut dyn FnMut()| {
        if !wanted(name) {
            return;
        }
        let started = Instant::now();
        for _ in 0..rounds {
            f();
        }
        let per_round = started.elapsed().as_secs_f64() / f64::from(rounds);
        println!(
            "{name:<10} {:>8.1} ms {:>8.1} MB/s",
            per_round * 1e3,
            bytes as f64 / per_round / 1e6
        );
    };
    let load = |(i, (path, bytes)): (usize, &(PathBuf, Vec<u8>))| {
        article::load(FileId(i as u32), Path::new(path), bytes.clone()).article
    };
    stage("load", &mut || {
        files.iter().enumerate().for_each(|f| drop(load(f)));
    });
    let articles: Vec<_> = files.iter().enumerate().filter_map(load).collect();
    let hits: Vec<_> = if ["terms", "titles", "places", "dates"].iter().any(|s| wanted(s)) {
        articles.iter().map(|a| checker.phrases(a)).collect()
    } else {
        Vec::new()
    };
    stage("phrases", &mut || {
        articles.iter().for_each(|a| drop(checker.phrases(a)));
    });
    let families = [
        ("terms", Family::Term),
        ("titles", Family::Title),
        ("places", Family::Place),
        ("dates", Family::Date),
    ];
    for (name, family) in families {
        stage(name, &mut || {
            for (article, hits) in articles.iter().zip(&hits) {
                checker.check_family(family, article, hits, &mut ArticleOutcome::default());
            }
        });
    }
    stage("all", &mut || {
        for (i, file) in files.iter().enumerate() {
            if let Some(article) = load((i, file)) {
                drop(checker.check_article(&article));
            }
        }
    });
}
