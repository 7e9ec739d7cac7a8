#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): a release's binary when
# FACTLINT_VERSION is set or the action's ref (FACTLINT_REF) is a release
# tag, else `cargo install` from the action's own checkout
# (FACTLINT_SOURCE). Puts `factlint` on the job's PATH.
set -euo pipefail
root=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/factlint
mkdir -p "$root/bin"
# The version asked for, else the action's own ref when it is a release tag
# (`uses: factlint/factlint@v0.1.0`): a release binary in seconds instead
# of a cargo build of minutes; a ref with no release (a branch, a commit)
# builds from the action's checkout.
tag=${FACTLINT_VERSION:-}
if [ -z "$tag" ] && [[ "${FACTLINT_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  tag=$FACTLINT_REF
fi
if [ -n "$tag" ] && bash "$FACTLINT_SOURCE/scripts/release-binary.sh" "$tag" "$root/bin"; then
  echo "factlint: release $tag"
elif [ -n "${FACTLINT_VERSION:-}" ]; then
  echo "factlint: the release \`$FACTLINT_VERSION\` asked for could not be installed; leave \`version\` empty to build with cargo" >&2
  exit 2
else
  cargo install --locked --quiet --path "$FACTLINT_SOURCE" --root "$root"
fi
"$root/bin/factlint" --version
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$root/bin" >> "$GITHUB_PATH"
fi
