//! Facts out, facts in: `factlint facts --format jsonl` on two halves of a
//! corpus, then `factlint check --facts` over both, gives what one
//! `factlint check` of the whole corpus gives — the same diagnostics,
//! positions, suppressions and baseline.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn factlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The sample corpus, with articles whose diagnostics need the whole
/// corpus (a spelling against the others, an unknown person's titles), an
/// inline suppression used and one unused, an undated article and a file
/// that is not text.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_folders(dir.path(), &["corpus"]);
    let corpus = dir.path().join("corpus");
    let write = |name: &str, text: &str| std::fs::write(corpus.join(name), text).unwrap();
    for (i, town) in ["Khorgos", "Khorgos", "Khorgos", "Khorgas"].iter().enumerate() {
        write(
            &format!("m-{i}.txt"),
            &format!("date 2024-05-0{}\nTrucks waited in {town} for days.\n", i + 1),
        );
    }
    for (i, title) in ["Mayor", "Mayor", "Governor"].iter().enumerate() {
        write(
            &format!("n-{i}.txt"),
            &format!(
                "date 2024-04-0{}\n{title} Zhanar Tulegenova opened the bridge.\n",
                i + 1
            ),
        );
    }
    write(
        "s-1.md",
        "date 2024-06-12\n\n<!-- factlint-disable-next-line term-mazhilis -->\nThe Majilis met.\n\n<!-- factlint-disable-next-line date-weekday -->\nÉmile wrote of the Majilis 😀 again.\n",
    );
    write("u-1.txt", "Undated: the Majilis met.\n");
    std::fs::write(corpus.join("v-1.txt"), [0xff, 0xfe, 0x00, 0x41, 0x00, 0x00]).unwrap();
    dir
}

#[test]
fn the_reduce_of_two_halves_equals_a_check_of_the_whole() {
    let dir = corpus();
    let root = dir.path();
    let mut names: Vec<String> = std::fs::read_dir(root.join("corpus"))
        .unwrap()
        .map(|e| format!("corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    names.sort();
    let (first, second) = names.split_at(names.len() / 2);
    let shards = root.join("facts");
    std::fs::create_dir(&shards).unwrap();
    for (shard, half) in [("b.jsonl", first), ("a.jsonl", second)] {
        let mut args = vec!["facts", "--format", "jsonl"];
        args.extend(half.iter().map(String::as_str));
        let out = factlint(root, &args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), half.len());
        std::fs::write(shards.join(shard), &out.stdout).unwrap();
    }

    let whole = factlint(root, &["check", "--format", "json"]);
    let reduced = factlint(root, &["check", "--facts", "facts", "--format", "json"]);
    assert_eq!(reduced.status.code(), whole.status.code());
    let text = String::from_utf8_lossy(&whole.stdout);
    assert_eq!(String::from_utf8_lossy(&reduced.stdout), text);
    // What the corpus shows is really there: the corpus-wide diagnostics,
    // a suppression that suppressed nothing, a position past multibyte text.
    for rule in [
        "place-inconsistent",
        "title-inconsistent",
        "suppression-unused",
        "article-date-missing",
    ] {
        assert!(text.contains(&format!("\"rule\": \"{rule}\"")), "{rule} in {text}");
    }
    // Every machine format agrees too, and a baseline written from the
    // facts is the one written from the texts.
    for format in ["sarif", "github", "junit", "short"] {
        let whole = factlint(root, &["check", "--format", format]);
        let reduced = factlint(root, &["check", "--facts", "facts", "--format", format]);
        assert_eq!(
            String::from_utf8_lossy(&reduced.stdout),
            String::from_utf8_lossy(&whole.stdout),
            "--format {format}"
        );
    }
    factlint(root, &["check", "--write-baseline", "from-texts.json"]);
    factlint(
        root,
        &["check", "--facts", "facts", "--write-baseline", "from-facts.json"],
    );
    assert_eq!(
        std::fs::read_to_string(root.join("from-facts.json")).unwrap(),
        std::fs::read_to_string(root.join("from-texts.json")).unwrap()
    );
    // The human format has no text to show: each label is a note with
    // its position.
    let human = factlint(root, &["check", "--facts", "facts"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("= at corpus/m-3.txt:2:18:"));
}

#[test]
fn a_bad_facts_line_is_named_and_nothing_is_checked() {
    let dir = corpus();
    let root = dir.path();
    std::fs::write(root.join("bad.jsonl"), "{\"factlint-facts\": 1, \"path\": 3}\n").unwrap();
    let out = factlint(root, &["check", "--facts", "bad.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:1: not a facts line"));

    let line =
        String::from_utf8_lossy(&factlint(root, &["facts", "--format", "jsonl", "corpus/m-0.txt"]).stdout).into_owned();
    std::fs::write(root.join("twice.jsonl"), format!("{line}{line}")).unwrap();
    let out = factlint(root, &["check", "--facts", "twice.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is in the facts twice"));

    std::fs::write(
        root.join("future.jsonl"),
        line.replace("\"factlint-facts\":1", "\"factlint-facts\":9"),
    )
    .unwrap();
    let out = factlint(root, &["check", "--facts", "future.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("format version 9"));
}
