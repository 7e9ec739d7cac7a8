//! `factlint server` spoken to as an editor speaks to it: JSON-RPC over
//! standard input and output, with the protocol's framing.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Editor {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Editor {
    fn start(workspace: &std::path::Path) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("server")
            .current_dir(workspace)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("factlint server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Editor {
            child,
            stdin,
            stdout,
            next_id: 1,
        }
    }

    /// Starts the server in `workspace` and initializes it with the
    /// client `capabilities`; returns the `initialize` response too.
    fn initialize(workspace: &std::path::Path, capabilities: Value) -> (Editor, Value) {
        let mut editor = Editor::start(workspace);
        let init = editor.request(
            "initialize",
            json!({"processId": null, "rootUri": uri_of(workspace), "capabilities": capabilities}),
        );
        editor.notify("initialized", json!({}));
        (editor, init)
    }

    /// Opens the article `uri` with `text`.
    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    /// Shuts the server down as an editor does, and checks it exits cleanly.
    fn finish(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert_eq!(shutdown["result"], Value::Null);
        self.notify("exit", Value::Null);
        assert!(self.child.wait().unwrap().success());
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the server hung up");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", std::fs::canonicalize(path).unwrap().display())
}

#[test]
fn an_editor_sees_diagnostics_fixes_and_a_clean_exit() {
    let workspace = tempfile::tempdir().unwrap();
    let corpus = workspace.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (i, body) in [
        "Trucks waited in Khorgos for days.",
        "The dry port in Khorgos expanded.",
        "Rail traffic in Khorgos grew.",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(corpus.join(format!("k{i}.txt")), format!("date 2024-06-01\n{body}\n")).unwrap();
    }
    let article = corpus.join("a.txt");
    std::fs::write(&article, "date 2024-06-12\nDraft.\n").unwrap();
    let uri = uri_of(&article);

    let (mut editor, init) = Editor::initialize(workspace.path(), json!({}));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    // A title not held on the article's date, and a place spelt unlike the
    // rest of the corpus (its labels point into the other articles); the
    // line is CRLF and starts with letters outside ASCII.
    let text = "date 2024-06-12\r\nÉmile 😀 Prime Minister Alikhan Smailov meets the delegation.\r\nTrucks waited in Khorgas again.\r\nThe Majilis passed the bill.\r\n";
    editor.open(&uri, text);
    let diagnostics = editor.diagnostics_for(&uri);
    let by_code = |code: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
            .clone()
    };
    let title = by_code("title-not-held");
    // "Émile 😀 " is 9 UTF-16 code units (the emoji is two).
    assert_eq!(title["range"]["start"], json!({"line": 1, "character": 9}));
    assert_eq!(title["severity"], 1);
    let place = by_code("place-inconsistent");
    let related = place["relatedInformation"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"].as_str().unwrap().ends_with("/k0.txt")),
        "{related:#?}"
    );

    // Hovering the name: the knowledge's record and the corpus's titles.
    let hover = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 30}}),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover:#?}"));
    assert!(shown.contains("Alikhan Smailov"), "{shown}");
    assert!(
        shown.contains("Prime Minister of Kazakhstan — 2022-01-05 to 2024-02-05"),
        "{shown}"
    );
    assert!(
        shown.contains("In this corpus: “Prime Minister” (1 article)"),
        "{shown}"
    );
    assert_eq!(hover["result"]["range"]["start"], json!({"line": 1, "character": 24}));

    // The quick fix of the term, and a suppression.
    let term = by_code("term-mazhilis");
    let actions = editor.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": term["range"], "context": {"diagnostics": []}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "Mazhilis");
    assert_eq!(edit["range"], term["range"]);
    assert!(
        actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("Suppress term-mazhilis"))
    );

    // The text fixed: nothing left to say.
    let fixed = "date 2024-06-12\r\nÉmile 😀 Former Prime Minister Alikhan Smailov met the delegation.\r\nTrucks waited in Khorgos again.\r\nThe Mazhilis passed the bill.\r\n";
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(editor.diagnostics_for(&uri), Vec::<Value>::new());

    // An unknown request is an error response, and the server goes on.
    let unknown = editor.request("textDocument/unknownThing", json!({}));
    assert!(unknown["error"].is_object());
    // A malformed request is one too.
    let malformed = editor.request("textDocument/codeAction", json!({"textDocument": 3}));
    assert!(malformed["error"].is_object());

    editor.finish();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let workspace = tempfile::tempdir().unwrap();
    std::fs::create_dir(workspace.path().join("corpus")).unwrap();
    let article = workspace.path().join("corpus").join("a.txt");
    std::fs::write(&article, "date 2024-06-12\n").unwrap();
    let uri = uri_of(&article);
    let (mut editor, init) = Editor::initialize(
        workspace.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let text = "date 2024-06-12\nÉmile The Majilis passed.\n";
    editor.open(&uri, text);
    let diagnostics = editor.diagnostics_for(&uri);
    let term = diagnostics.iter().find(|d| d["code"] == "term-mazhilis").unwrap();
    // "Émile The " is 11 bytes.
    assert_eq!(term["range"]["start"], json!({"line": 1, "character": 11}));
    editor.finish();
}

#[test]
fn a_broken_rule_file_is_shown_where_it_is_wrong_and_a_save_reloads() {
    let workspace = tempfile::tempdir().unwrap();
    std::fs::write(workspace.path().join("factlint.toml"), "rule-paths = [\"house\"]\n").unwrap();
    std::fs::create_dir(workspace.path().join("house")).unwrap();
    let rule = workspace.path().join("house").join("terms.toml");
    std::fs::write(&rule, "[[check]]\nid = \"term-widget\"\nkind = \"spelling\"\n").unwrap();
    std::fs::create_dir(workspace.path().join("corpus")).unwrap();
    let article = workspace.path().join("corpus").join("a.txt");
    std::fs::write(&article, "date 2024-06-12\n").unwrap();
    let (rule_uri, uri) = (uri_of(&rule), uri_of(&article));

    let (mut editor, _) = Editor::initialize(workspace.path(), json!({}));
    let errors = editor.diagnostics_for(&rule_uri);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // The label is on the kind's value, line 3.
    assert_eq!(errors[0]["range"]["start"]["line"], 2);
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown check kind `spelling`")
    );

    // Fixed and saved: the errors go, and articles are checked.
    std::fs::write(&rule, "[[check]]\nid = \"term-widget\"\nkind = \"term\"\nseverity = \"warning\"\npreferred = \"widget\"\nvariants = [\"wijit\"]\n").unwrap();
    editor.notify("textDocument/didSave", json!({"textDocument": {"uri": rule_uri}}));
    assert_eq!(editor.diagnostics_for(&rule_uri), Vec::<Value>::new());
    editor.open(&uri, "date 2024-06-12\nThe wijit broke.\n");
    let diagnostics = editor.diagnostics_for(&uri);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "term-widget"),
        "{diagnostics:#?}"
    );
    editor.finish();
}

#[test]
fn a_rule_file_shows_its_errors_as_it_is_typed_and_hovers_explain() {
    let workspace = tempfile::tempdir().unwrap();
    std::fs::write(workspace.path().join("factlint.toml"), "rule-paths = [\"house\"]\n").unwrap();
    std::fs::create_dir(workspace.path().join("house")).unwrap();
    let rule = workspace.path().join("house").join("terms.toml");
    let good = "[[check]]\nid = \"term-widget\"\nkind = \"term\"\nseverity = \"warning\"\ndescription = \"House style writes widget.\"\npreferred = \"widget\"\nvariants = [\"wijit\"]\n";
    std::fs::write(&rule, good).unwrap();
    std::fs::create_dir(workspace.path().join("corpus")).unwrap();
    let article = workspace.path().join("corpus").join("a.txt");
    std::fs::write(&article, "date 2019-05-01\n").unwrap();
    let (rule_uri, uri) = (uri_of(&rule), uri_of(&article));
    let (mut editor, _) = Editor::initialize(workspace.path(), json!({}));

    // A rule from a file links to it; hovering the flagged word explains
    // the rule; hovering a known place gives its names over time.
    let text = "date 2019-05-01\nThe wijit reached Astana by rail.\n";
    editor.open(&uri, text);
    let diagnostics = editor.diagnostics_for(&uri);
    let term = diagnostics.iter().find(|d| d["code"] == "term-widget").unwrap();
    assert!(
        term["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/house/terms.toml"),
        "{term:#?}"
    );
    let hover = |editor: &mut Editor, character: u32| {
        let hover = editor.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": character}}),
        );
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let shown = hover(&mut editor, 6);
    assert!(
        shown.contains("term-widget") && shown.contains("House style writes widget."),
        "{shown}"
    );
    let shown = hover(&mut editor, 20);
    assert!(
        shown.contains("On this article's date (2019-05-01): Nur-Sultan"),
        "{shown}"
    );
    assert!(shown.contains("- Nur-Sultan: 2019-03-20"), "{shown}");
    assert_eq!(hover(&mut editor, 30), "", "no hover on a word that is neither");

    // The rule file opened and broken as it is typed: its error shows
    // unsaved, and the articles are still judged by the rules on disk.
    editor.open(&rule_uri, good);
    let broken = good.replace("kind = \"term\"", "kind = \"trem\"");
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rule_uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let errors = editor.diagnostics_for(&rule_uri);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["range"]["start"]["line"], 2);
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let diagnostics = editor.diagnostics_for(&uri);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "term-widget"),
        "{diagnostics:#?}"
    );
    // Typed right again: the error goes.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rule_uri, "version": 3}, "contentChanges": [{"text": good}]}),
    );
    assert_eq!(editor.diagnostics_for(&rule_uri), Vec::<Value>::new());
    editor.finish();
}

#[test]
fn articles_changed_on_disk_move_what_the_open_ones_are_told() {
    let workspace = tempfile::tempdir().unwrap();
    let corpus = workspace.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("k0.txt"),
        "date 2024-06-01\nTrucks waited in Khorgos for days.\n",
    )
    .unwrap();
    let article = corpus.join("a.txt");
    std::fs::write(&article, "date 2024-06-12\n").unwrap();
    let uri = uri_of(&article);
    let (mut editor, _) = Editor::initialize(workspace.path(), json!({}));
    editor.open(&uri, "date 2024-06-12\nTrucks waited in Khorgas again.\n");
    // One article each way: a tie, no odd one out.
    assert!(
        !editor
            .diagnostics_for(&uri)
            .iter()
            .any(|d| d["code"] == "place-inconsistent")
    );
    // A pull brings two more articles that write "Khorgos".
    let mut changes = Vec::new();
    for i in 1..=2 {
        let path = corpus.join(format!("k{i}.txt"));
        std::fs::write(&path, "date 2024-06-02\nThe dry port in Khorgos expanded.\n").unwrap();
        changes.push(json!({"uri": uri_of(&path), "type": 1}));
    }
    editor.notify("workspace/didChangeWatchedFiles", json!({"changes": changes}));
    let diagnostics = editor.diagnostics_for(&uri);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "place-inconsistent"),
        "{diagnostics:#?}"
    );
    editor.finish();
}

#[test]
fn the_corpus_is_read_with_work_done_progress() {
    let workspace = tempfile::tempdir().unwrap();
    let corpus = workspace.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("k0.txt"), "date 2024-06-01\nTrucks waited in Khorgos.\n").unwrap();
    std::fs::write(corpus.join("k1.txt"), "date 2024-06-01\nRail traffic grew.\n").unwrap();
    let (mut editor, _) = Editor::initialize(workspace.path(), json!({"window": {"workDoneProgress": true}}));
    let mut seen = Vec::new();
    while !seen.contains(&"end".to_string()) {
        let message = editor.receive();
        if message["method"] == "window/workDoneProgress/create" {
            seen.push("create".to_string());
        }
        if message["method"] == "$/progress" {
            let value = &message["params"]["value"];
            seen.push(value["kind"].as_str().unwrap().to_string());
            if value["kind"] == "begin" {
                assert_eq!(value["title"], "factlint: checking 2 articles");
            }
        }
    }
    assert_eq!(seen.first().map(String::as_str), Some("create"));
    assert!(seen.contains(&"begin".to_string()));
}

/// Requests and notifications with parameters of every shape, for every
/// method the server knows and some it does not: each request gets an
/// answer, no message ends the session, and the server still works after.
#[test]
fn hostile_messages_never_end_the_session() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let workspace = tempfile::tempdir().unwrap();
    std::fs::create_dir(workspace.path().join("corpus")).unwrap();
    let article = workspace.path().join("corpus").join("a.txt");
    std::fs::write(&article, "date 2024-06-12\n").unwrap();
    let uri = uri_of(&article);
    let (editor, _) = Editor::initialize(workspace.path(), json!({}));
    let methods = [
        "textDocument/didOpen",
        "textDocument/didChange",
        "textDocument/didClose",
        "textDocument/didSave",
        "textDocument/codeAction",
        "textDocument/hover",
        "workspace/didChangeWatchedFiles",
        "$/cancelRequest",
        "no/such/method",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(Value::from(uri.clone())),
        Just(json!({"line": u32::MAX, "character": u32::MAX})),
    ];
    let value = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("textDocument".to_string()),
                    Just("uri".to_string()),
                    Just("text".to_string()),
                    Just("range".to_string()),
                    Just("position".to_string()),
                    Just("contentChanges".to_string()),
                    Just("changes".to_string()),
                    "[a-z]{1,6}".prop_map(String::from)
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    let mut runner = TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    });
    let editor = std::cell::RefCell::new(editor);
    runner
        .run(
            &(0..methods.len(), value, any::<bool>()),
            |(method, params, is_request)| {
                let mut editor = editor.borrow_mut();
                if is_request {
                    let answer = editor.request(methods[method], params);
                    prop_assert!(answer.get("result").is_some() || answer.get("error").is_some());
                } else {
                    editor.notify(methods[method], params);
                }
                Ok(())
            },
        )
        .unwrap();
    let mut editor = editor.into_inner();
    // Still serving: a real article is checked and published.
    editor.open(&uri, "date 2024-06-12\nThe Majilis met.\n");
    // (A hostile `didClose` of the same URI may have published an empty
    // list before: the last publication is the one of this text.)
    let found = (0..100).any(|_| {
        editor
            .diagnostics_for(&uri)
            .iter()
            .any(|d| d["code"] == "term-mazhilis")
    });
    assert!(found);
    editor.finish();
}
