//! Hostile input: files and rules built to break a linter. Each gives a
//! clear diagnostic on that file (or is skipped with a note), the rest of
//! the corpus is checked, and nothing panics. See `tests/hostile/README.md`.

mod common;

use std::path::Path;

use common::factlint;

use serde_json::Value;

/// A temporary project: the shipped rules, a corpus with one good article
/// (with a known error, so we see the rest is still checked), plus `files`.
fn project(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let good: (&str, &[u8]) = ("2024-06-12-good.txt", b"date 2024-06-12\nThe Majilis met.\n");
    let all: Vec<(&str, &[u8])> = std::iter::once(good)
        .chain(files.iter().map(|(n, b)| (*n, b.as_slice())))
        .collect();
    common::project(&all)
}

/// Runs `check --format json` and returns (rule, path) pairs and the exit code.
fn diagnostics(dir: &Path) -> (Vec<(String, String)>, i32, Value) {
    let out = factlint(dir, &["check", "--format", "json"]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    let found = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (found, out.code, doc)
}

fn rest_is_checked(found: &[(String, String)]) {
    assert!(
        found
            .iter()
            .any(|(r, p)| r == "term-mazhilis" && p.ends_with("good.txt")),
        "the good article was not checked: {found:?}"
    );
}

#[test]
fn broken_articles_each_get_a_diagnostic_and_the_rest_is_checked() {
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("date 2024-01-01\nText".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.md", Vec::new()),
        ("only-front-matter.md", b"---\ndate: 2024-01-01\n---\n".to_vec()),
        ("unclosed.md", b"---\ndate: 2024-01-01\nThe Majilis.\n".to_vec()),
        (
            "bad-utf8.txt",
            b"date 2024-01-01\nGood start, then \xc3\x28 bad.\n".to_vec(),
        ),
        ("utf16.md", utf16),
        ("binary.md", b"\x7fELF\x02\x01\x01\x00\x00\x00binary".to_vec()),
        (
            "nul-late.txt",
            [b"date 2024-01-01\n".as_slice(), &vec![b'a'; 9000], b"\0tail\n"].concat(),
        ),
        (
            "crlf-mixed.txt",
            b"date 2024-01-01\r\nThe Majilis met.\nAnd\r\nagain.\r".to_vec(),
        ),
        (
            "bom.md",
            "\u{feff}---\ndate: 2024-01-01\n---\nThe Majilis met.\n"
                .as_bytes()
                .to_vec(),
        ),
    ];
    let project = project(&files);
    let (found, code, _) = diagnostics(project.path());
    rest_is_checked(&found);
    let has = |rule: &str, file: &str| found.iter().any(|(r, p)| r == rule && p.ends_with(file));
    assert!(has("article-date-missing", "empty.md"));
    assert!(has("article-front-matter", "unclosed.md"));
    assert!(has("article-encoding", "bad-utf8.txt"));
    assert!(has("article-encoding", "utf16.md"));
    assert!(has("article-binary", "binary.md"));
    assert!(has("term-mazhilis", "crlf-mixed.txt"));
    assert!(has("term-mazhilis", "bom.md"));
    assert!(
        !found.iter().any(|(_, p)| p.ends_with("only-front-matter.md")),
        "nothing wrong with an article of only front matter"
    );
    assert_eq!(code, 1, "errors fail the run");
}

#[test]
fn huge_article_and_a_megabyte_line() {
    let mut huge = b"date 2024-01-01\n".to_vec();
    let paragraph = b"Officials said the talks covered trade, transport and energy in the region.\n\n";
    while huge.len() < 100 * 1024 * 1024 {
        huge.extend_from_slice(paragraph);
    }
    huge.extend_from_slice(b"At the very end, the Majilis met.\n");
    let long_line = [b"date 2024-01-01\n".as_slice(), &vec![b'x'; 1024 * 1024], b" Majilis\n"].concat();
    let project = project(&[("huge.txt", huge), ("long-line.txt", long_line)]);
    // By default a 100 MB file is noted and not read ...
    let (found, code, _) = diagnostics(project.path());
    rest_is_checked(&found);
    assert_eq!(code, 0);
    assert!(
        found
            .iter()
            .any(|(r, p)| r == "article-too-large" && p.ends_with("huge.txt")),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(r, p)| r == "term-mazhilis" && p.ends_with("huge.txt"))
    );
    // ... and with the limit raised, it is checked to its end.
    let config = project.path().join("factlint.toml");
    let raised = std::fs::read_to_string(&config).unwrap() + "max-article-bytes = 200000000\n";
    std::fs::write(&config, raised).unwrap();
    let (found, _, _) = diagnostics(project.path());
    rest_is_checked(&found);
    assert!(
        found
            .iter()
            .any(|(r, p)| r == "term-mazhilis" && p.ends_with("huge.txt")),
        "found at the end of 100 MB"
    );
    assert!(
        found
            .iter()
            .any(|(r, p)| r == "term-mazhilis" && p.ends_with("long-line.txt"))
    );
}

#[test]
fn deep_folders_and_symlink_loops() {
    let mut deep = String::new();
    for i in 0..100 {
        deep.push_str(&format!("d{i}/"));
    }
    let deep_file = format!("{deep}deep.txt");
    let project = project(&[(deep_file.as_str(), b"date 2024-01-01\nThe Majilis met.\n".to_vec())]);
    std::os::unix::fs::symlink(project.path().join("corpus"), project.path().join("corpus/loop")).unwrap();
    let (found, _, _) = diagnostics(project.path());
    rest_is_checked(&found);
    assert!(found.iter().any(|(_, p)| p.ends_with("deep.txt")));
}

#[test]
fn empty_rules_folder_checks_nothing_but_the_articles() {
    let project = project(&[]);
    let empty = project.path().join("no-rules");
    std::fs::create_dir_all(&empty).unwrap();
    let out = factlint(project.path(), &["check", "--rules", "no-rules", "--format", "short"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("checked 1 article: 0 errors, 0 warnings"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_catastrophic_regex_stays_linear() {
    // `(a+)+$` backtracks exponentially in a backtracking engine on "aaaa…b";
    // the regex crate matches it in linear time.
    let rule = "[[check]]\nid = \"term-evil\"\nkind = \"term\"\npreferred = \"x\"\npatterns = ['(a+)+$']\nwhole-word = false\n\n[check.tests]\nvalid = [\"b\"]\ninvalid = [\"aaa\"]\n";
    let text = format!("date 2024-01-01\n{}b\n", "a".repeat(50_000));
    let project = project(&[("evil.txt", text.into_bytes())]);
    std::fs::write(project.path().join("rules/evil.toml"), rule).unwrap();
    let out = factlint(project.path(), &["check", "--format", "short"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert!(out.stdout.contains("checked 2 articles"), "{}", out.stdout);
}

#[test]
fn fifty_thousand_people_load() {
    let project = project(&[]);
    let mut knowledge = String::from("[[office]]\nid = \"bench-office\"\nname = \"Governor of Benchland\"\n\n");
    for i in 0..50_000 {
        knowledge.push_str(&format!("[[person]]\nid = \"p{i}\"\nname = \"Person Number{i}\"\noffices = [{{ office = \"bench-office\", from = 2001, to = 2002 }}]\n\n"));
    }
    std::fs::write(project.path().join("rules/knowledge/many.toml"), knowledge).unwrap();
    let out = factlint(project.path(), &["check", "--format", "short"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("checked 1 article"));
}

#[test]
fn every_schema_error_is_an_error_with_a_span_and_exit_2() {
    for (name, rule, expected) in [
        (
            "unknown-key.toml",
            "[[check]]\nid = \"term-x\"\nkind = \"term\"\nvariant = [\"a\"]\n",
            "unknown field `variant`",
        ),
        (
            "wrong-type.toml",
            "[[check]]\nid = \"term-x\"\nkind = \"term\"\nvariants = \"a\"\n",
            "invalid type",
        ),
        (
            "bad-date.toml",
            "[[person]]\nid = \"x\"\nname = \"X Y\"\noffices = [{ office = \"kz-president\", from = \"soon\" }]\n",
            "not a date",
        ),
        (
            "backwards.toml",
            "[[person]]\nid = \"x\"\nname = \"X Y\"\noffices = [{ office = \"kz-president\", from = 2020, to = 2010 }]\n",
            "is before `from`",
        ),
        (
            "unknown-office.toml",
            "[[person]]\nid = \"x\"\nname = \"X Y\"\noffices = [{ office = \"nowhere\" }]\n",
            "no office `nowhere`",
        ),
        (
            "place-cycle.toml",
            "[[place]]\nid = \"p1\"\nkind = \"city\"\nin = \"p2\"\nnames = [{ name = \"P1\" }]\n\n[[place]]\nid = \"p2\"\nkind = \"region\"\nin = \"p1\"\nnames = [{ name = \"P2\" }]\n",
            "lies in itself",
        ),
        (
            "place-backwards.toml",
            "[[place]]\nid = \"p3\"\nkind = \"city\"\nnames = [{ name = \"P3\", from = 2020, to = 2010 }]\n",
            "is before `from`",
        ),
        ("syntax.toml", "[[check]\n", "unclosed array table"),
    ] {
        let project = project(&[]);
        std::fs::write(project.path().join("rules").join(name), rule).unwrap();
        let out = factlint(project.path(), &["check"]);
        assert_eq!(out.code, 2, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("rules/{name}:")),
            "{name}: no file:line: {}",
            out.stderr
        );
    }
}

#[test]
fn contradictory_knowledge_is_a_warning_at_load_and_the_check_still_runs() {
    for (name, knowledge, expected) in [
        (
            "overlapping-offices.toml",
            "[[person]]\nid = \"x\"\nname = \"Xan Yar\"\noffices = [\n  { office = \"kz-president\", from = 2010, to = 2016 },\n  { office = \"kz-president\", from = 2014-05-01 },\n]\n",
            "`Xan Yar` holds office `kz-president` twice at once (2014-05-01 to 2016-01-01)",
        ),
        (
            "overlapping-names.toml",
            "[[place]]\nid = \"p4\"\nkind = \"city\"\nnames = [\n  { name = \"Oldtown\", to = 2019-06-30 },\n  { name = \"Newtown\", from = 2019-03-20 },\n]\n",
            "place `p4` has two names, `Oldtown` and `Newtown`, at once (2019-03-20 to 2019-06-30)",
        ),
        (
            "two-capitals.toml",
            "[[place]]\nid = \"p5\"\nkind = \"city\"\nnames = [{ name = \"Capitalia\" }]\ncapital-of = [{ place = \"kazakhstan\", from = 2020 }]\n",
            "`astana` and `p5` are both the capital of `kazakhstan` at once",
        ),
        // Many names or capitals at once are one warning of their kind,
        // with a count, not one per pair.
        (
            "many-names.toml",
            "[[place]]\nid = \"p6\"\nkind = \"city\"\nnames = [\n  { name = \"Aton\", from = 2001, to = 2009 },\n  { name = \"Bton\", from = 2001, to = 2009 },\n  { name = \"Cton\", from = 2001, to = 2009 },\n  { name = \"Dton\", from = 2001, to = 2009 },\n]\n",
            "place `p6` has two names, `Aton` and `Bton`, at once",
        ),
        (
            "many-capitals.toml",
            "[[place]]\nid = \"p7\"\nkind = \"city\"\nnames = [{ name = \"Capa\" }]\ncapital-of = [{ place = \"kazakhstan\", from = 2020 }]\n\n[[place]]\nid = \"p8\"\nkind = \"city\"\nnames = [{ name = \"Capb\" }]\ncapital-of = [{ place = \"kazakhstan\", from = 2020 }]\n",
            "`p7` and `p8` are both the capital of `kazakhstan` at once (from 2020-12-31 on)",
        ),
    ] {
        let project = project(&[]);
        std::fs::write(project.path().join("rules/knowledge").join(name), knowledge).unwrap();
        let (found, code, _) = diagnostics(project.path());
        assert_eq!(code, 0, "{name}: the check must still run, and warnings do not fail it");
        rest_is_checked(&found);
        let out = factlint(project.path(), &["check", "--format", "short"]);
        assert!(out.stderr.contains(expected), "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("rules/knowledge/{name}:")),
            "{name}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("warning: the rules loaded with 1 warning"),
            "{}",
            out.stderr
        );
        // `factlint test --strict` fails on it; plain `factlint test` does not.
        let strict = factlint(project.path(), &["test", "--strict"]);
        assert_eq!(strict.code, 1, "{name}: {}", strict.stdout);
        assert!(
            strict.stdout.contains("FAILED: the rule files have 1 warning"),
            "{}",
            strict.stdout
        );
    }
}

#[test]
fn handovers_and_open_ended_capitals_are_not_contradictions() {
    // A handover day shared by two periods, years that overlap only by
    // imprecision, and a country with two capitals written without dates.
    let knowledge = "[[person]]\nid = \"x\"\nname = \"Xan Yar\"\noffices = [\n  { office = \"kz-president\", from = 2010, to = 2014-05-01 },\n  { office = \"kz-president\", from = 2014-05-01, to = 2016 },\n]\n\n[[place]]\nid = \"twinland\"\nkind = \"country\"\nnames = [{ name = \"Twinland\" }]\n\n[[place]]\nid = \"north\"\nkind = \"city\"\nnames = [{ name = \"Northcap\", to = 1993 }, { name = \"Northburg\", from = 1993 }]\ncapital-of = [{ place = \"twinland\" }]\n\n[[place]]\nid = \"south\"\nkind = \"city\"\nnames = [{ name = \"Southcap\" }]\ncapital-of = [{ place = \"twinland\" }]\n";
    let project = project(&[]);
    std::fs::write(project.path().join("rules/knowledge/fine.toml"), knowledge).unwrap();
    let out = factlint(project.path(), &["check", "--format", "short"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

#[test]
fn pipes_and_dangling_symlinks_are_skipped_with_a_note() {
    let project = project(&[]);
    let corpus = project.path().join("corpus");
    std::os::unix::fs::symlink("/no/such/article.md", corpus.join("gone.md")).unwrap();
    // Reading a named pipe with no writer blocks forever: it must be skipped.
    let status = std::process::Command::new("mkfifo")
        .arg(corpus.join("pipe.md"))
        .status();
    let has_pipe = status.is_ok_and(|s| s.success());
    let out = factlint(project.path(), &["check", "--verbose", "--format", "short"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("checked 1 article"), "{}", out.stdout);
    assert!(
        out.stderr.contains("skipped corpus/gone.md: a symbolic link"),
        "{}",
        out.stderr
    );
    if has_pipe {
        assert!(
            out.stderr.contains("skipped corpus/pipe.md: not a regular file"),
            "{}",
            out.stderr
        );
    }
    // Named on the command line, the dangling link is a clear error.
    let named = factlint(project.path(), &["check", "corpus/gone.md"]);
    assert_eq!(named.code, 2);
    assert!(
        named.stderr.contains("is neither a file nor a folder"),
        "{}",
        named.stderr
    );
}

#[test]
fn an_unreadable_article_is_an_article_read_error() {
    use std::os::unix::fs::PermissionsExt;
    let project = project(&[("locked.txt", b"date 2024-01-01\nThe Majilis met.\n".to_vec())]);
    let locked = project.path().join("corpus/locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (found, code, doc) = diagnostics(project.path());
    rest_is_checked(&found);
    if std::fs::read(&locked).is_ok() {
        // Running as root (as CI does): permissions do not stop reading, so
        // the file is simply checked. The read error itself is covered by
        // `engine::tests::a_file_that_vanished_after_discovery_is_an_article_read_error`.
        assert!(
            found
                .iter()
                .any(|(r, p)| r == "term-mazhilis" && p.ends_with("locked.txt"))
        );
        return;
    }
    let read_error = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "article-read")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(read_error["path"].as_str().unwrap().ends_with("locked.txt"));
    assert!(read_error["message"].as_str().unwrap().contains("Permission denied"));
    assert_eq!(code, 1);
}

/// A tiny tmpfs mounted for one test, unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    /// Mounts a tmpfs of `kib` KiB at `at`, or `None` where mounting is not
    /// permitted (not root, or a container without the capability).
    fn mount(at: &Path, kib: usize) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn fix_on_a_full_disk_leaves_the_article_intact() {
    let project = project(&[]);
    let corpus = project.path().join("full-disk");
    let Some(_disk) = SmallDisk::mount(&corpus, 64) else {
        eprintln!("skipped: cannot mount a tmpfs here to simulate a full disk");
        return;
    };
    // 40 KB fits on the 64 KiB disk once, not twice: the fixed copy, written
    // next to the original before it replaces it, runs out of space.
    let mut text = String::from("date 2024-01-01\n");
    while text.len() < 40 * 1024 {
        text.push_str("Officials said the talks covered trade, transport and energy.\n");
    }
    text.push_str("The Majilis met.\n");
    let article = corpus.join("a.txt");
    std::fs::write(&article, &text).unwrap();
    let out = factlint(
        project.path(),
        &["check", "--fix", "--corpus", "full-disk", "--format", "short"],
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(out.stderr.contains("No space left on device"), "{}", out.stderr);
    assert_eq!(out.code, 2, "a fix that could not be written fails the run");
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        text,
        "the article is intact"
    );
    let left: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("a.txt")],
        "no temporary file left behind"
    );
}

/// Article text and file names cannot drive the terminal or a CI log: no
/// raw control character (but line feeds) reaches any text format, a file
/// name with a line feed stays on its line, and JUnit stays well-formed
/// XML whose test names are the files' names.
#[test]
fn control_characters_in_text_and_names_are_shown_not_sent() {
    let hostile = "date 2024-06-12\nThe \u{1b}[2J\u{1b}]0;owned\u{7}Majilis met\r::error::forged \u{202e}today.\n"
        .as_bytes()
        .to_vec();
    let project = project(&[
        ("2024-06-13-escapes.txt", hostile.clone()),
        ("2024-06-14-name\n::error file=x::forged.txt", hostile.clone()),
        ("2024-06-15-\u{fffe}odd.txt", hostile),
    ]);
    for format in ["human", "short", "github", "junit"] {
        let out = factlint(project.path(), &["check", "--format", format]);
        assert!(out.code <= 1, "{format}: {}", out.stderr);
        let raw: Vec<char> = out
            .stdout
            .chars()
            .filter(|&c| c != '\n' && factlint::render::visible::is_hidden(c) || c == '\r')
            .collect();
        assert!(raw.is_empty(), "{format}: raw {raw:?} in {}", out.stdout);
        // No line of output may start a workflow command but a diagnostic's.
        for line in out.stdout.lines() {
            assert!(!line.starts_with("::error::forged"), "{format}: forged command: {line}");
            assert!(!line.starts_with("::error file=x"), "{format}: forged command: {line}");
            if format == "github" && line.starts_with("::") {
                assert!(
                    line.starts_with("::warning file=") || line.starts_with("::error file="),
                    "{line}"
                );
            }
        }
        if format == "junit" {
            let doc = roxmltree::Document::parse(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
            let names: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name("testcase"))
                .filter_map(|n| n.attribute("name"))
                .collect();
            assert!(
                names.contains(&"corpus/2024-06-14-name\n::error file=x::forged.txt"),
                "{names:?}"
            );
        }
    }
    let human = factlint(project.path(), &["check"]);
    assert!(
        human
            .stdout
            .contains("The ␛[2J␛]0;owned␇Majilis met␍::error::forged \\u{202e}today."),
        "{}",
        human.stdout
    );
    // The label still points at the word, past the stand-ins.
    assert!(human.stdout.contains("␇Majilis met"), "{}", human.stdout);
    let short = factlint(project.path(), &["check", "--format", "short"]);
    assert!(
        short
            .stdout
            .contains("\"corpus/2024-06-14-name\\n::error file=x::forged.txt\":"),
        "{}",
        short.stdout
    );
}

/// A folder of the corpus that cannot be opened (here: too deep for the
/// path length limit, which holds even for root) is an error with its
/// path, and the run fails; the rest is still checked.
#[test]
fn a_folder_that_cannot_be_opened_is_an_error() {
    let project = project(&[]);
    // 25 levels of 200-byte names: over PATH_MAX (4,096 bytes). Made by a
    // shell stepping into each (no path that long can be opened whole),
    // not by this process, whose working folder all tests share.
    let name = "d".repeat(200);
    let script = format!(
        "for i in $(seq 25); do mkdir {name} && cd -P {name} || exit 1; done; printf 'date 2024-01-01\\nThe Majilis met.\\n' > deep.txt"
    );
    let made = std::process::Command::new("sh")
        .args(["-c", &script])
        .current_dir(project.path().join("corpus"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = factlint(project.path(), &["check", "--format", "short"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("error[corpus-unreadable] cannot open folder `corpus/ddd"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("File name too long"), "{}", out.stdout);
    assert!(out.stdout.contains("corpus/2024-06-12-good.txt"), "{}", out.stdout);
}

/// One warning on a one-line article of megabytes shows the line cut
/// around the label (as rustc does), with the real column in the header.
#[test]
fn a_long_line_is_shown_cut_around_its_label() {
    let line = format!(
        "date 2024-01-01\n{}the Majilis met {}\n",
        "x ".repeat(1_000_000),
        "y ".repeat(1_000_000)
    );
    let project = project(&[("long.txt", line.into_bytes())]);
    let out = factlint(project.path(), &["check", "corpus/long.txt"]);
    assert!(out.stdout.len() < 2_000, "{} bytes of output", out.stdout.len());
    assert!(out.stdout.contains("corpus/long.txt:2:2000005"), "{}", out.stdout);
    assert!(out.stdout.contains("│ …x x"), "{}", out.stdout);
    assert!(out.stdout.contains("the Majilis met y"), "{}", out.stdout);
}
