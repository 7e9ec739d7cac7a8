#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): a pinned release's binary
# when FACTLINT_VERSION is set, else `cargo install` from the action's own
# checkout (FACTLINT_SOURCE). Puts `factlint` on the job's PATH.
set -euo pipefail
root=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/factlint
mkdir -p "$root/bin"
if [ -n "${FACTLINT_VERSION:-}" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
    Linux-aarch64) target=aarch64-unknown-linux-gnu ;;
    Darwin-arm64) target=aarch64-apple-darwin ;;
    Darwin-x86_64) target=x86_64-apple-darwin ;;
    *) echo "factlint: no release binary for $(uname -s)-$(uname -m); leave \`version\` empty to build with cargo" >&2; exit 2 ;;
  esac
  url="https://github.com/${FACTLINT_REPOSITORY}/releases/download/${FACTLINT_VERSION}/factlint-${FACTLINT_VERSION}-${target}.tar.gz"
  curl --fail --silent --show-error --location "$url" | tar -xz -C "$root/bin" factlint
else
  cargo install --locked --quiet --path "$FACTLINT_SOURCE" --root "$root"
fi
"$root/bin/factlint" --version
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$root/bin" >> "$GITHUB_PATH"
fi
