#!/usr/bin/env python3
"""Latency of `factlint server` as an editor sees it: the time from a
change of an open article to the diagnostics published for it, with a
whole workspace loaded; and the server's memory.

  scripts/server-bench.py BIN WORKSPACE [CHANGES]

WORKSPACE is a folder with a `corpus/` of articles (for real news, copies
of the dev corpus that scripts/real-news-check.sh fetches into its cache;
its texts stay outside the repository). The article edited is the first
of the corpus of 4–6 KB; each change appends a sentence to it (a title
error every other time), as typing does, and waits for its publication.
Prints the load time, the p50/p95/max latency of CHANGES changes (default
50) and the server's peak resident memory.
"""
import json
import os
import subprocess
import sys
import time


def main(binary, workspace, changes=50):
    changes = int(changes)
    workspace = os.path.abspath(workspace)
    corpus = os.path.join(workspace, "corpus")
    paths = sorted(
        os.path.join(root, name) for root, _, names in os.walk(corpus) for name in names if name.endswith(".txt")
    )
    article = next(p for p in paths if 4000 <= os.path.getsize(p) <= 6000)
    text = open(article, encoding="utf-8").read()
    uri = "file://" + os.path.realpath(article)
    server = subprocess.Popen([os.path.abspath(binary), "server"], cwd=workspace, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive():
        length = 0
        while True:
            line = server.stdout.readline().decode().strip()
            if not line:
                break
            if line.startswith("Content-Length: "):
                length = int(line.split(": ")[1])
        return json.loads(server.stdout.read(length))

    def published():
        while True:
            message = receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    start = time.perf_counter()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": "file://" + workspace, "capabilities": {}}})
    while receive().get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    published()
    loaded = time.perf_counter() - start
    latencies = []
    for i in range(changes):
        sentence = "Prime Minister Alikhan Smailov met them." if i % 2 else "Officials met on Monday."
        text += "\n" + sentence
        began = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": text}]}})
        published()
        latencies.append((time.perf_counter() - began) * 1000)
    rss = 0
    with open(f"/proc/{server.pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1]) // 1024
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    while receive().get("id") != 2:
        pass
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    server.wait()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"{len(paths)} articles; loaded and first diagnostics in {loaded:.2f} s; "
          f"{changes} changes of a {len(text.encode()) // 1024} KB article: "
          f"p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, max {latencies[-1]:.1f} ms; peak RSS {rss} MB")


if __name__ == "__main__":
    main(*sys.argv[1:])
