//! `factlint server`: the language server, for editors.
//!
//! Built on `lsp-server` and `lsp-types`, the crates rust-analyzer and
//! ruff's server use: a synchronous message loop over standard input and
//! output, no async runtime (one editor, one request at a time; the
//! engine's work is parallel inside). The session (config, rules and
//! knowledge) is loaded once at `initialize`, and the corpus on disk is
//! checked once, so that the corpus-wide facts stay in memory; each change
//! of an open article is then re-checked alone against them
//! ([`Session::recheck`]), on the unsaved text.
//!
//! Positions: the protocol counts UTF-16 code units unless the client
//! offers UTF-8, which is then used ([`Encoding`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic as LspDiagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, InitializeParams, Location, NumberOrString, Position, PositionEncodingKind,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit,
    Uri, WorkspaceEdit,
};

use super::ServerArgs;
use crate::engine::{Run, Session};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::error::{EXIT_CLEAN, EXIT_ERROR, Error};
use crate::model::fix::Applicability;
use crate::model::span::Span;
use crate::rules::knowledge::people::NameOwner;

/// How positions are counted on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Runs the server until the client says `exit`.
pub fn run(args: ServerArgs) -> Result<i32, Error> {
    let (connection, io_threads) = Connection::stdio();
    let code = serve(&connection, &args);
    drop(connection);
    let _ = io_threads.join();
    Ok(code)
}

fn serve(connection: &Connection, args: &ServerArgs) -> i32 {
    let Ok((id, params)) = connection.initialize_start() else {
        return EXIT_ERROR;
    };
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let offers_utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
    let encoding = if offers_utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let capabilities = ServerCapabilities {
        position_encoding: Some(if offers_utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            lsp_types::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(lsp_types::TextDocumentSyncSaveOptions::Supported(true)),
                ..lsp_types::TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "factlint", "version": env!("CARGO_PKG_VERSION") },
    });
    if connection.initialize_finish(id, result).is_err() {
        return EXIT_ERROR;
    }
    // The workspace's folder is where the config and the corpus are found,
    // as for `factlint check` run there.
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| folder.uri.clone())
        .or(params.root_uri)
        .and_then(|uri| path_of(&uri));
    if let Some(root) = &root {
        let _ = std::env::set_current_dir(root);
    }
    // Rules that do not load are shown where they are wrong, in the rule
    // files and `factlint.toml`, every error at once; a saved `.toml`
    // loads them again.
    let mut shown: Vec<Uri> = Vec::new();
    let progress = params
        .capabilities
        .window
        .as_ref()
        .and_then(|w| w.work_done_progress)
        .unwrap_or(false)
        .then(|| progress_hook(connection));
    let mut server = loop {
        let mut options = Server::options(args);
        options.progress = progress.clone();
        match Server::with_options(options, encoding) {
            Ok(server) => break server,
            Err(error) => {
                log(connection, &format!("factlint: {error}"));
                for uri in shown.drain(..) {
                    let _ = connection.sender.send(Message::Notification(publish(uri, Vec::new())));
                }
                shown = publish_rule_errors(connection, &error, encoding);
                if !wait_for_saved_rules(connection) {
                    return EXIT_CLEAN;
                }
            }
        }
    };
    for uri in shown {
        let _ = connection.sender.send(Message::Notification(publish(uri, Vec::new())));
    }
    server.main_loop(connection)
}

/// Tells the editor how the reading of the corpus goes, as work-done
/// progress ("factlint: checking 12,000 articles", a percentage).
fn progress_hook(connection: &Connection) -> crate::engine::ProgressHook {
    use crate::engine::Progress;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let sender = connection.sender.clone();
    let token = lsp_types::NumberOrString::String("factlint-corpus".to_string());
    let (total, done) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let send = move |value: lsp_types::WorkDoneProgress| {
        let params = lsp_types::ProgressParams {
            token: token.clone(),
            value: lsp_types::ProgressParamsValue::WorkDone(value),
        };
        let _ = sender.send(Message::Notification(Notification::new(
            lsp_types::notification::Progress::METHOD.to_string(),
            params,
        )));
    };
    let create = connection.sender.clone();
    crate::engine::ProgressHook(Arc::new(move |step| match step {
        Progress::Started { articles } => {
            total.store(articles, Ordering::Relaxed);
            let _ = create.send(Message::Request(Request::new(
                lsp_server::RequestId::from("factlint-progress".to_string()),
                lsp_types::request::WorkDoneProgressCreate::METHOD.to_string(),
                lsp_types::WorkDoneProgressCreateParams {
                    token: lsp_types::NumberOrString::String("factlint-corpus".to_string()),
                },
            )));
            send(lsp_types::WorkDoneProgress::Begin(lsp_types::WorkDoneProgressBegin {
                title: format!(
                    "factlint: checking {}",
                    crate::model::diagnostic::plural(articles, "article")
                ),
                percentage: Some(0),
                ..lsp_types::WorkDoneProgressBegin::default()
            }));
        }
        Progress::Checked => {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            let all = total.load(Ordering::Relaxed).max(1);
            // A report for every hundredth, not for every article.
            if n * 100 / all != (n - 1) * 100 / all {
                send(lsp_types::WorkDoneProgress::Report(lsp_types::WorkDoneProgressReport {
                    percentage: Some(u32::try_from(n * 100 / all).unwrap_or(100)),
                    ..lsp_types::WorkDoneProgressReport::default()
                }));
            }
        }
        Progress::Finished => send(lsp_types::WorkDoneProgress::End(
            lsp_types::WorkDoneProgressEnd::default(),
        )),
    }))
}

/// Publishes the errors of rules that did not load on the files they are
/// in; returns those files.
fn publish_rule_errors(connection: &Connection, error: &Error, encoding: Encoding) -> Vec<Uri> {
    let (uris, notifications) = rule_error_notifications(error, encoding);
    for notification in notifications {
        let _ = connection.sender.send(Message::Notification(notification));
    }
    uris
}

/// The diagnostics of rules that do not load, one publication per file they
/// are in, and those files.
fn rule_error_notifications(error: &Error, encoding: Encoding) -> (Vec<Uri>, Vec<Notification>) {
    let Error::Rules { db, errors } = error else {
        return (Vec::new(), Vec::new());
    };
    let mut by_file: std::collections::BTreeMap<crate::model::span::FileId, Vec<&Diagnostic>> =
        std::collections::BTreeMap::new();
    for diagnostic in errors {
        by_file
            .entry(diagnostic.primary.span.file)
            .or_default()
            .push(diagnostic);
    }
    let mut uris = Vec::new();
    let mut notifications = Vec::new();
    for (file, diagnostics) in by_file {
        let Some(uri) = db
            .get(file)
            .and_then(|source| std::fs::canonicalize(source.path()).ok())
            .and_then(|path| file_uri(&path))
        else {
            continue;
        };
        let text = db.text_of(file);
        let lsp = diagnostics
            .iter()
            .map(|d| LspDiagnostic {
                range: range_of(&text, d.primary.span, encoding),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String(d.rule.clone())),
                source: Some("factlint".to_string()),
                message: std::iter::once(d.message.as_str())
                    .chain(std::iter::once(d.primary.message.as_str()).filter(|m| !m.is_empty()))
                    .chain(d.notes.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("\n= "),
                ..LspDiagnostic::default()
            })
            .collect();
        notifications.push(publish(uri.clone(), lsp));
        uris.push(uri);
    }
    (uris, notifications)
}

/// With rules that do not load, the server still answers (and shuts down
/// when asked) until a `.toml` file is saved: `true` then, `false` on
/// shutdown.
fn wait_for_saved_rules(connection: &Connection) -> bool {
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).unwrap_or(true) {
                    return false;
                }
                let _ = connection.sender.send(Message::Response(Response::new_err(
                    request.id,
                    lsp_server::ErrorCode::RequestFailed as i32,
                    "factlint: the rules did not load; fix them and save".to_string(),
                )));
            }
            Message::Notification(notification)
                if notification.method == lsp_types::notification::DidSaveTextDocument::METHOD =>
            {
                let saved = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(notification.params);
                if saved.is_ok_and(|p| p.text_document.uri.as_str().ends_with(".toml")) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Tells the client's log.
fn log(connection: &Connection, message: &str) {
    let params = lsp_types::LogMessageParams {
        typ: lsp_types::MessageType::WARNING,
        message: message.to_string(),
    };
    let _ = connection.sender.send(Message::Notification(Notification::new(
        lsp_types::notification::LogMessage::METHOD.to_string(),
        params,
    )));
}

struct Server {
    session: std::mem::ManuallyDrop<Session>,
    run: Run,
    encoding: Encoding,
    /// The open articles' texts, as the editor has them, by URI (as
    /// written: `Uri` is no hash key).
    open: HashMap<String, String>,
    /// The diagnostics last published for each open article.
    published: HashMap<String, Vec<Diagnostic>>,
    /// Every name of the knowledge, and the people it may be.
    names: HashMap<String, Vec<u32>>,
    /// Every name and spelling of the knowledge's places, and the place.
    places: HashMap<String, usize>,
    /// The rule file of each rule loaded from disk, for a diagnostic's
    /// `codeDescription` (the embedded rules have no file to open; their
    /// `explain` text is in the hover).
    rule_files: HashMap<String, Uri>,
    /// The rule files whose errors are shown.
    rule_errors: Vec<Uri>,
    /// The rule files and `factlint.toml` open in the editor, as it has
    /// them (by URI): their errors are shown as they are typed.
    unsaved_rules: HashMap<String, (PathBuf, String)>,
    /// The working directory, resolved once: articles are named from it.
    root: Option<PathBuf>,
}

impl Server {
    fn options(args: &ServerArgs) -> crate::engine::Options {
        let mut options = super::options(&args.sources);
        options.keep_texts = true;
        // Every title of every article, for the hover's "what the corpus
        // says" (a run keeps only what the corpus-wide checks need); not
        // every fact and text, which would grow with the corpus's prose.
        options.keep_timelines = true;
        options
    }

    fn with_options(options: crate::engine::Options, encoding: Encoding) -> Result<Server, Error> {
        let session = std::mem::ManuallyDrop::new(Session::load(options)?);
        // The corpus on disk, checked once: its facts are what a changed
        // article is judged against. A workspace with no corpus folder is
        // still served, article by article.
        let run = session.check().unwrap_or_else(|_| session.check_texts(Vec::new()));
        let knowledge = &session.rules.knowledge;
        let names = knowledge
            .names
            .iter()
            .map(|(name, owner)| {
                let people = match *owner {
                    NameOwner::One(p, _) => vec![p],
                    NameOwner::Namesakes(group) => knowledge.namesakes.get(group as usize).cloned().unwrap_or_default(),
                };
                (name.clone(), people)
            })
            .collect();
        let mut places = HashMap::new();
        for (index, place) in session.rules.places.places.iter().enumerate() {
            let names = place
                .names
                .iter()
                .map(|n| &n.name)
                .chain(place.spellings.iter().map(|(s, _)| s));
            for name in names {
                places.entry(name.clone()).or_insert(index);
            }
        }
        let rule_files = session
            .rule_infos()
            .into_iter()
            .filter_map(|info| {
                let path = info.path.filter(|p| !crate::rules::builtin::is_builtin(p))?;
                let path = std::fs::canonicalize(path).ok()?;
                Some((info.id, file_uri(&path)?))
            })
            .collect();
        Ok(Server {
            session,
            run,
            encoding,
            open: HashMap::new(),
            published: HashMap::new(),
            names,
            places,
            rule_files,
            rule_errors: Vec::new(),
            unsaved_rules: HashMap::new(),
            root: std::env::current_dir().ok().and_then(|d| std::fs::canonicalize(d).ok()),
        })
    }

    fn main_loop(&mut self, connection: &Connection) -> i32 {
        let mut next: Option<Message> = None;
        loop {
            let message = match next.take() {
                Some(message) => message,
                None => match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return EXIT_CLEAN,
                },
            };
            // Typing faster than a check: the changes queued meanwhile are
            // merged, and each article's newest text is checked once.
            let message = match message {
                Message::Notification(change) if is_change(&change) => {
                    let (changes, after) = coalesce(change, || connection.receiver.try_recv().ok());
                    next = after;
                    for change in changes {
                        for published in self.notification(change) {
                            let _ = connection.sender.send(Message::Notification(published));
                        }
                    }
                    continue;
                }
                message => message,
            };
            match message {
                Message::Request(request) => {
                    if connection.handle_shutdown(&request).unwrap_or(true) {
                        return EXIT_CLEAN;
                    }
                    let response = self.request(request);
                    let _ = connection.sender.send(Message::Response(response));
                }
                Message::Notification(notification)
                    if notification.method == lsp_types::notification::DidSaveTextDocument::METHOD =>
                {
                    let saved = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(notification.params);
                    if saved.is_ok_and(|p| p.text_document.uri.as_str().ends_with(".toml")) {
                        self.reload(connection);
                    }
                }
                Message::Notification(notification) => {
                    for published in self.notification(notification) {
                        let _ = connection.sender.send(Message::Notification(published));
                    }
                }
                Message::Response(_) => {}
            }
        }
    }

    /// A rule file or `factlint.toml` was saved: the session loads again
    /// and every open article is checked again. Rules that do not load are
    /// shown in their files, and the session before goes on meanwhile.
    fn reload(&mut self, connection: &Connection) {
        for uri in self.rule_errors.drain(..) {
            let _ = connection.sender.send(Message::Notification(publish(uri, Vec::new())));
        }
        let options = self.session.options().clone();
        match Server::with_options(options, self.encoding) {
            Ok(fresh) => {
                let open = std::mem::take(&mut self.open);
                let old = std::mem::replace(self, fresh);
                // A server lives long: the session it replaces is freed
                // (a command's session is left to the process's exit).
                drop(std::mem::ManuallyDrop::into_inner(old.session));
                for (uri, text) in open {
                    let Ok(uri) = uri.parse::<Uri>() else { continue };
                    for published in self.changed(uri, text) {
                        let _ = connection.sender.send(Message::Notification(published));
                    }
                }
            }
            Err(error) => {
                log(connection, &format!("factlint: {error}"));
                self.rule_errors = publish_rule_errors(connection, &error, self.encoding);
            }
        }
    }

    fn request(&mut self, request: Request) -> Response {
        match request.method.as_str() {
            lsp_types::request::CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => Response::new_ok(request.id, self.code_actions(&params)),
                    Err(error) => invalid(request.id, &error),
                }
            }
            lsp_types::request::HoverRequest::METHOD => {
                match serde_json::from_value::<lsp_types::HoverParams>(request.params) {
                    Ok(params) => Response::new_ok(request.id, self.hover(&params)),
                    Err(error) => invalid(request.id, &error),
                }
            }
            _ => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("factlint does not answer `{}`", request.method),
            ),
        }
    }

    /// The diagnostics to publish after a notification.
    fn notification(&mut self, notification: Notification) -> Vec<Notification> {
        use lsp_types::notification::{DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument};
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<DidOpenTextDocumentParams>(notification.params) else {
                    return Vec::new();
                };
                if is_toml(&params.text_document.uri) {
                    return self.rules_typed(&params.text_document.uri, Some(params.text_document.text));
                }
                self.changed(params.text_document.uri, params.text_document.text)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<DidChangeTextDocumentParams>(notification.params) else {
                    return Vec::new();
                };
                // Full sync: the last change holds the whole text.
                match params.content_changes.into_iter().last() {
                    Some(change) if is_toml(&params.text_document.uri) => {
                        self.rules_typed(&params.text_document.uri, Some(change.text))
                    }
                    Some(change) => self.changed(params.text_document.uri, change.text),
                    None => Vec::new(),
                }
            }
            lsp_types::notification::DidChangeWatchedFiles::METHOD => {
                match serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(notification.params) {
                    Ok(params) => self.watched(params),
                    Err(_) => Vec::new(),
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<DidCloseTextDocumentParams>(notification.params) else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                if is_toml(&uri) {
                    // Closed unsaved: the rules on disk are what counts again.
                    return self.rules_typed(&uri, None);
                }
                self.open.remove(uri.as_str());
                self.published.remove(uri.as_str());
                vec![publish(uri, Vec::new())]
            }
            _ => Vec::new(),
        }
    }

    /// A rule file or `factlint.toml` opened, edited (`Some` text) or closed
    /// (`None`): the config and rules are loaded with the editor's unsaved
    /// texts, and their errors published (an empty list where none are
    /// left). The session itself is loaded again only when a rule file is
    /// saved ([`Server::reload`]): half-typed rules never judge articles.
    fn rules_typed(&mut self, uri: &Uri, text: Option<String>) -> Vec<Notification> {
        let Some(path) = path_of(uri) else { return Vec::new() };
        match text {
            Some(text) => {
                if !self.is_rule_file(&path) {
                    return Vec::new();
                }
                self.unsaved_rules.insert(uri.as_str().to_string(), (path, text));
            }
            None => {
                self.unsaved_rules.remove(uri.as_str());
            }
        }
        let mut options = self.session.options().clone();
        options.unsaved = self.unsaved_rules.values().cloned().collect();
        options.progress = None;
        let (uris, mut published) = match Session::load(options) {
            Ok(session) => {
                // Not the serving session: never used, so freed at once.
                drop(session);
                (Vec::new(), Vec::new())
            }
            Err(error) => rule_error_notifications(&error, self.encoding),
        };
        // Files whose errors are gone are cleared.
        for old in &self.rule_errors {
            if !uris.iter().any(|u| u.as_str() == old.as_str()) {
                published.push(publish(old.clone(), Vec::new()));
            }
        }
        self.rule_errors = uris;
        published
    }

    /// Whether `path` is `factlint.toml` or a `.toml` under the session's
    /// rule folders.
    fn is_rule_file(&self, path: &Path) -> bool {
        if path.file_name().is_some_and(|name| name == "factlint.toml") {
            return true;
        }
        let roots = self.session.rule_roots();
        let Ok(path) = std::fs::canonicalize(path) else {
            return false;
        };
        roots
            .iter()
            .filter_map(|root| std::fs::canonicalize(root).ok())
            .any(|root| path.starts_with(root))
    }

    /// Re-checks an open article's text against the corpus facts and
    /// publishes its diagnostics.
    fn changed(&mut self, uri: Uri, text: String) -> Vec<Notification> {
        let mut published = self.check_open(uri.clone(), text);
        // The change may move what the corpus says (a title, a spelling):
        // the other open articles are checked again against it, and
        // published where their diagnostics moved.
        let others: Vec<(String, String)> = self
            .open
            .iter()
            .filter(|(other, _)| other.as_str() != uri.as_str())
            .map(|(other, text)| (other.clone(), text.clone()))
            .collect();
        for (other, text) in others {
            let Ok(other_uri) = other.parse::<Uri>() else { continue };
            let before = self.published.get(&other).cloned().unwrap_or_default();
            let again = self.check_open(other_uri, text);
            if self.published.get(&other).is_some_and(|now| *now != before) {
                published.extend(again);
            }
        }
        published
    }

    /// Checks one open article's text and makes its diagnostics' message.
    fn check_open(&mut self, uri: Uri, text: String) -> Vec<Notification> {
        let Some(path) = path_of(&uri) else {
            return Vec::new();
        };
        let relative = relative_to(self.root.as_deref(), &path);
        let diagnostics = self.session.recheck(&mut self.run, &relative, text.clone());
        let lsp: Vec<LspDiagnostic> = diagnostics.iter().map(|d| self.to_lsp(d, &uri, &text)).collect();
        self.open.insert(uri.as_str().to_string(), text);
        self.published.insert(uri.as_str().to_string(), diagnostics);
        vec![publish(uri, lsp)]
    }

    /// Articles added, changed or removed on disk (a `git pull`): each one
    /// not open in the editor is checked again from disk (a removed one as
    /// empty, so that its facts leave the corpus), and the open ones are
    /// checked again against what the corpus now says.
    fn watched(&mut self, params: lsp_types::DidChangeWatchedFilesParams) -> Vec<Notification> {
        let mut any = false;
        for change in params.changes {
            if self.open.contains_key(change.uri.as_str()) {
                continue;
            }
            let Some(path) = path_of(&change.uri) else { continue };
            let text = if change.typ == lsp_types::FileChangeType::DELETED {
                String::new()
            } else {
                match std::fs::read(&path) {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(_) => continue,
                }
            };
            let relative = relative_to(self.root.as_deref(), &path);
            self.session.recheck(&mut self.run, &relative, text);
            any = true;
        }
        if !any {
            return Vec::new();
        }
        let open: Vec<(String, String)> = self.open.iter().map(|(u, t)| (u.clone(), t.clone())).collect();
        let mut published = Vec::new();
        for (uri, text) in open {
            if let Ok(uri) = uri.parse::<Uri>() {
                published.extend(self.check_open(uri, text));
            }
        }
        published
    }

    fn to_lsp(&self, diagnostic: &Diagnostic, uri: &Uri, text: &str) -> LspDiagnostic {
        let related: Vec<DiagnosticRelatedInformation> = diagnostic
            .secondary
            .iter()
            .filter_map(|label| {
                let location = self.location(label.span, diagnostic.primary.span, uri, text)?;
                Some(DiagnosticRelatedInformation {
                    location,
                    message: label.message.clone(),
                })
            })
            .collect();
        let mut message = diagnostic.message.clone();
        for note in &diagnostic.notes {
            message.push_str("\n= ");
            message.push_str(note);
        }
        LspDiagnostic {
            range: range_of(text, diagnostic.primary.span, self.encoding),
            severity: Some(match diagnostic.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(diagnostic.rule.clone())),
            source: Some("factlint".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            code_description: self
                .rule_files
                .get(&diagnostic.rule)
                .map(|href| lsp_types::CodeDescription { href: href.clone() }),
            ..LspDiagnostic::default()
        }
    }

    /// Where a label is: in the open article (its text as the editor has
    /// it), or in another article of the corpus (its text as checked, or
    /// as the editor has it when it is open too).
    fn location(&self, span: Span, primary: Span, uri: &Uri, text: &str) -> Option<Location> {
        if span.file == primary.file {
            return Some(Location::new(uri.clone(), range_of(text, span, self.encoding)));
        }
        let source = self.run.db.get(span.file)?;
        let path = std::fs::canonicalize(source.path()).ok()?;
        let other_uri = file_uri(&path)?;
        let checked = self.run.db.text_of(span.file);
        let other = self
            .open
            .get(other_uri.as_str())
            .map_or(checked.as_str(), String::as_str);
        Some(Location::new(other_uri.clone(), range_of(other, span, self.encoding)))
    }

    /// On a known person's name: what the knowledge says of them (offices
    /// with their dates, the source and its Q-id, as `factlint knowledge
    /// show` prints it) and the titles the corpus gives them.
    /// What is under the cursor: the rule of each diagnostic there (its
    /// `explain` text), and the known person or place named there (what
    /// the knowledge says, and what the corpus says).
    fn hover(&self, params: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = &params.text_document_position_params;
        let uri = at.text_document.uri.as_str();
        let text = self.open.get(uri)?;
        let offset = offset_of(text, at.position, self.encoding);
        let mut value = String::new();
        let mut range: Option<std::ops::Range<usize>> = None;
        let mut explained: Vec<&str> = Vec::new();
        for diagnostic in self.published.get(uri).into_iter().flatten() {
            let span = diagnostic.primary.span.range();
            if span.start <= offset && offset <= span.end && !explained.contains(&diagnostic.rule.as_str()) {
                explained.push(&diagnostic.rule);
                if let Some(explanation) = super::rules::explanation(&diagnostic.rule, &self.session) {
                    value.push_str(&format!("```text\n{}\n```\n\n", explanation.trim_end()));
                }
                range.get_or_insert(span);
            }
        }
        if let Some((name, people)) = name_at(text, offset, |name| self.names.get(name)) {
            value.push_str(&self.describe_people(people));
            range = Some(name);
        } else if let Some((name, &place)) = name_at(text, offset, |name| self.places.get(name)) {
            value.push_str(&self.describe_place(place, text));
            range = Some(name);
        }
        let range = range?;
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value,
            }),
            range: Some(Range::new(
                position_of(text, range.start, self.encoding),
                position_of(text, range.end, self.encoding),
            )),
        })
    }

    /// The knowledge's record of each person a name may be, with the
    /// titles the corpus gives them.
    fn describe_people(&self, people: &[u32]) -> String {
        let knowledge = &self.session.rules.knowledge;
        let mut value = String::new();
        if people.len() > 1 {
            value.push_str("Several people of the knowledge have this name; a title tells which.\n\n");
        }
        for &p in people {
            let Some(person) = knowledge.people.get(p as usize) else {
                continue;
            };
            value.push_str(&format!(
                "**{}**\n\n```text\n{}```\n",
                person.name,
                super::knowledge::describe(knowledge, person)
            ));
            let titles = self.corpus_titles(p);
            if !titles.is_empty() {
                value.push_str("\nIn this corpus: ");
                value.push_str(&titles.join(", "));
                value.push('\n');
            }
        }
        value
    }

    /// A place's names over time, and the one of the article's date.
    fn describe_place(&self, index: usize, text: &str) -> String {
        let places = &self.session.rules.places;
        let Some(place) = places.places.get(index) else {
            return String::new();
        };
        let mut value = format!("**{}** ({} `{}`", place.current_name(), place.kind, place.id);
        if let Some(outer) = place.within.and_then(|w| places.places.get(w)) {
            value.push_str(&format!(", in {}", outer.current_name()));
        }
        value.push_str(")\n\n");
        let bound =
            |b: Option<&crate::rules::knowledge::people::DateBound>| b.map_or("…".to_string(), |b| b.text.clone());
        for name in &place.names {
            value.push_str(&format!(
                "- {}: {} to {}\n",
                name.name,
                bound(name.from.as_ref()),
                bound(name.to.as_ref())
            ));
        }
        for (spelling, of) in &place.spellings {
            value.push_str(&format!("- “{spelling}” is a spelling of {of}\n"));
        }
        let article = crate::article::parse(crate::model::span::FileId(0), Path::new("hover.txt"), text.to_string());
        if let Some(date) = article.article.and_then(|a| a.date).map(|d| d.date) {
            match place.name_on(date) {
                Some(name) => value.push_str(&format!("\nOn this article's date ({date}): {name}\n")),
                None => value.push_str(&format!(
                    "\nThe knowledge gives no name for this article's date ({date})\n"
                )),
            }
        }
        value
    }

    fn corpus_titles(&self, p: u32) -> Vec<String> {
        use crate::model::fact::{Fact, PersonRef, TitleKey};
        use crate::model::span::FileId;
        // By what the title means, with the articles giving it and where
        // one of them writes it: the texts are not kept, and one read per
        // title (not per use) keeps a hover on a much-named person quick.
        let mut titles: HashMap<&TitleKey, (Span, std::collections::BTreeSet<FileId>)> = HashMap::new();
        for fact in &self.run.facts {
            if let Fact::Title(title) = fact
                && title.person == PersonRef::Known(p)
            {
                titles
                    .entry(&title.key)
                    .or_insert_with(|| (title.span, std::collections::BTreeSet::new()))
                    .1
                    .insert(title.span.file);
            }
        }
        let mut ranked: Vec<(String, usize)> = titles
            .into_values()
            .map(|(span, files)| {
                let written = self.run.db.text_at(span);
                (written.split_whitespace().collect::<Vec<_>>().join(" "), files.len())
            })
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .map(|(title, n)| format!("“{title}” ({})", crate::model::diagnostic::plural(n, "article")))
            .collect()
    }

    /// Each fix of a diagnostic under the range as a quick fix (the safe
    /// ones preferred), and "suppress this rule here" for every one.
    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let (Some(text), Some(diagnostics)) = (self.open.get(uri.as_str()), self.published.get(uri.as_str())) else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        for diagnostic in diagnostics {
            let range = range_of(text, diagnostic.primary.span, self.encoding);
            if range.end < params.range.start || params.range.end < range.start {
                continue;
            }
            if let Some(fix) = &diagnostic.fix {
                let edits: Vec<TextEdit> = fix
                    .edits
                    .iter()
                    .map(|edit| TextEdit::new(range_of(text, edit.span, self.encoding), edit.replacement.clone()))
                    .collect();
                let safe = fix.applicability == Applicability::Safe;
                let title = match edits.first() {
                    Some(edit) if safe => format!("Replace with `{}` ({})", edit.new_text, diagnostic.rule),
                    Some(edit) => format!(
                        "Replace with `{}` ({}, unsafe: check it)",
                        edit.new_text, diagnostic.rule
                    ),
                    None => continue,
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                }));
            }
            // "factlint: disable-next-line RULE" on a line of its own above
            // the diagnostic's (an HTML comment in Markdown).
            let line = range.start.line;
            let markdown = uri.path().as_str().ends_with(".md") || uri.path().as_str().ends_with(".markdown");
            let comment = if markdown {
                format!("<!-- factlint-disable-next-line {} -->\n", diagnostic.rule)
            } else {
                format!("factlint: disable-next-line {}\n", diagnostic.rule)
            };
            let at = Position::new(line, 0);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Suppress {} on this line", diagnostic.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(workspace_edit(uri, vec![TextEdit::new(Range::new(at, at), comment)])),
                ..CodeAction::default()
            }));
        }
        actions
    }
}

/// Whether a document is a TOML file (a rule file or `factlint.toml`),
/// not an article.
fn is_toml(uri: &Uri) -> bool {
    uri.as_str().ends_with(".toml")
}

/// Whether a notification is an edit of an open document.
fn is_change(notification: &Notification) -> bool {
    notification.method == lsp_types::notification::DidChangeTextDocument::METHOD
}

/// `first` and the edits queued right behind it, each document's older
/// edits dropped (with full sync an edit holds the whole text), in the order
/// of their newest edit; and the first message that is not an edit, to be
/// handled after them. Nothing is waited for: only what the editor sent
/// while the last check ran is merged, so a lone keystroke is checked at
/// once.
fn coalesce(first: Notification, mut queued: impl FnMut() -> Option<Message>) -> (Vec<Notification>, Option<Message>) {
    let mut changes = vec![first];
    let mut after = None;
    while let Some(message) = queued() {
        match message {
            Message::Notification(change) if is_change(&change) => changes.push(change),
            message => {
                after = Some(message);
                break;
            }
        }
    }
    let uri_of = |change: &Notification| change.params.pointer("/textDocument/uri").cloned();
    let mut kept: Vec<Notification> = Vec::with_capacity(changes.len());
    for change in changes {
        let uri = uri_of(&change);
        if uri.is_some() {
            kept.retain(|earlier| uri_of(earlier) != uri);
        }
        kept.push(change);
    }
    (kept, after)
}

/// The known name around byte `offset` of `text` (the longest of up to
/// four words that holds it, as `lookup` knows names), and what it is.
fn name_at<'a, T: ?Sized>(
    text: &str,
    offset: usize,
    lookup: impl Fn(&str) -> Option<&'a T>,
) -> Option<(std::ops::Range<usize>, &'a T)> {
    let offset = offset.min(text.len());
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’');
    // The words of the line around the offset, as byte ranges.
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(line_start + s..line_start + i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(line_start + s..line_end);
    }
    let here = words.iter().position(|w| w.start <= offset && offset <= w.end)?;
    let mut best: Option<(std::ops::Range<usize>, &'a T)> = None;
    for first in here.saturating_sub(3)..=here {
        for last in here..(here + 4).min(words.len()) {
            let range = words[first].start..words[last].end;
            let name = text[range.clone()].trim_end_matches(['.', '\'', '’']);
            let Some(found) = lookup(name) else { continue };
            if best.as_ref().is_none_or(|(b, _)| name.len() > b.len()) {
                best = Some((range.start..range.start + name.len(), found));
            }
        }
    }
    best
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(std::iter::once((uri.clone(), edits)).collect()),
        ..WorkspaceEdit::default()
    }
}

fn publish(uri: Uri, diagnostics: Vec<LspDiagnostic>) -> Notification {
    Notification::new(
        lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        },
    )
}

fn invalid(id: lsp_server::RequestId, error: &serde_json::Error) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, error.to_string())
}

/// The local path of a `file:` URI.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    let decoded = percent_decode(text);
    Some(PathBuf::from(decoded))
}

/// The `file://` URI of an absolute path, percent-encoded as editors write
/// it (a space is `%20`): every byte but letters, digits, `-._~` and `/`.
fn file_uri(path: &Path) -> Option<Uri> {
    let uri = format!(
        "file://{}",
        crate::text::uri::encode_path(path.as_os_str().as_encoded_bytes())
    );
    uri.parse().ok()
}

/// `%20` and friends, as URIs write them.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `path` relative to `root` (the workspace's folder, the working
/// directory), as the corpus's articles are named, when it is inside it.
fn relative_to(root: Option<&Path>, path: &Path) -> PathBuf {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    root.and_then(|root| path.strip_prefix(root).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

/// The protocol's range of `span` in `text`.
fn range_of(text: &str, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position_of(text, span.start as usize, encoding),
        position_of(text, span.end as usize, encoding),
    )
}

/// The protocol's position of byte `offset` of `text`: the line (after
/// `\n`; a `\r` before it is the line's) and the column in UTF-16 code
/// units or bytes.
pub fn position_of(text: &str, offset: usize, encoding: Encoding) -> Position {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let column = match encoding {
        Encoding::Utf8 => offset - line_start,
        Encoding::Utf16 => text[line_start..offset].chars().map(char::len_utf16).sum(),
    };
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// The byte offset of the protocol's position `position` in `text` (the
/// inverse of [`position_of`]; past a line's end, its end).
pub fn offset_of(text: &str, position: Position, encoding: Encoding) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let wanted = position.character as usize;
    match encoding {
        Encoding::Utf8 => text.floor_char_boundary(line_start + wanted.min(line.len())),
        Encoding::Utf16 => {
            let mut units = 0;
            for (i, c) in line.char_indices() {
                if units >= wanted {
                    return line_start + i;
                }
                units += c.len_utf16();
            }
            line_end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(uri: &str, text: &str) -> Notification {
        Notification::new(
            lsp_types::notification::DidChangeTextDocument::METHOD.to_string(),
            serde_json::json!({"textDocument": {"uri": uri, "version": 1}, "contentChanges": [{"text": text}]}),
        )
    }

    #[test]
    fn queued_edits_merge_into_each_documents_newest_text() {
        let hover = Message::Request(Request::new(
            7.into(),
            "textDocument/hover".to_string(),
            serde_json::json!({}),
        ));
        let mut queue = vec![
            Message::Notification(change("file:///b.txt", "b1")),
            Message::Notification(change("file:///a.txt", "a2")),
            hover,
            Message::Notification(change("file:///a.txt", "a3")),
        ]
        .into_iter();
        let (changes, after) = coalesce(change("file:///a.txt", "a1"), || queue.next());
        let texts: Vec<&str> = changes
            .iter()
            .map(|c| c.params["contentChanges"][0]["text"].as_str().unwrap())
            .collect();
        // a1 is replaced by a2; b1 stays, in the order of the newest edits;
        // the hover waits behind them, and the edit after it is not taken.
        assert_eq!(texts, ["b1", "a2"]);
        assert!(matches!(after, Some(Message::Request(r)) if r.method == "textDocument/hover"));
        assert_eq!(queue.len(), 1);
    }

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let text = "date 2024-01-01\r\nÉmile 😀 Astana\r\nnext";
        let at = text.find("Astana").unwrap();
        assert_eq!(position_of(text, at, Encoding::Utf16), Position::new(1, 9));
        assert_eq!(position_of(text, at, Encoding::Utf8), Position::new(1, 12));
        assert_eq!(
            position_of(text, text.find("next").unwrap(), Encoding::Utf16),
            Position::new(2, 0)
        );
        // A BOM is a character of the first line.
        assert_eq!(position_of("\u{feff}ab", 4, Encoding::Utf16), Position::new(0, 2));
    }

    #[test]
    fn offsets_invert_positions() {
        let text = "date 2024-01-01\r\nÉmile 😀 Astana\r\nnext";
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for (at, _) in text.char_indices() {
                assert_eq!(
                    offset_of(text, position_of(text, at, encoding), encoding),
                    at,
                    "{at} {encoding:?}"
                );
            }
        }
    }

    #[test]
    fn file_uris_encode_what_a_uri_cannot_hold() {
        let path = Path::new("/tmp/my corpus/Ürümqi#1.txt");
        let uri = file_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20corpus/%C3%9Cr%C3%BCmqi%231.txt");
        assert_eq!(path_of(&uri).unwrap(), path);
    }

    #[test]
    fn file_uris_decode() {
        let uri: Uri = "file:///tmp/my%20corpus/a.txt".parse().unwrap();
        assert_eq!(path_of(&uri), Some(PathBuf::from("/tmp/my corpus/a.txt")));
    }
}
