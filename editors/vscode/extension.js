// The factlint extension: starts `factlint server` for the workspace and
// hands it Markdown and plain-text documents and the rule files (TOML).
// Everything else (diagnostics, quick fixes, hover, progress) is the
// language server's; this file only starts and restarts it.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function start(context) {
  const config = vscode.workspace.getConfiguration("factlint");
  const command = config.get("path", "factlint");
  const args = ["server", ...config.get("args", [])];
  const folder = vscode.workspace.workspaceFolders?.[0];
  const serverOptions = {
    run: { command, args, options: { cwd: folder?.uri.fsPath } },
    debug: { command, args, options: { cwd: folder?.uri.fsPath } },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "file", pattern: "**/*.toml" },
    ],
    synchronize: {
      // Articles and rule files changed on disk (a `git pull`).
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{md,markdown,txt,toml}"),
    },
  };
  client = new LanguageClient("factlint", "factlint", serverOptions, clientOptions);
  return client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("factlint.restart", async () => {
      if (client) {
        await client.stop();
      }
      await start(context);
    }),
  );
  await start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
