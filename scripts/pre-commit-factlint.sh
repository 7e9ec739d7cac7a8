#!/usr/bin/env bash
# The pre-commit hook's entry (`.pre-commit-hooks.yaml`, id `factlint`):
# runs the release binary of the hook's version, downloaded once into the
# cache, instead of building factlint for minutes in every new
# environment; where there is no release for this machine (or no network),
# builds it once with cargo from the hook's checkout, into the same cache.
# The arguments are factlint's (`check --format short FILE…`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n 1)
cache=${FACTLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint}/bin/v$version
if [ ! -x "$cache/factlint" ] && [ ! -x "$cache/factlint.exe" ]; then
  if ! bash "$here/scripts/release-binary.sh" "v$version" "$cache"; then
    command -v cargo >/dev/null 2>&1 || {
      echo "factlint: no release binary for this machine and no cargo to build one (install Rust, or use the \`factlint-system\` hook with factlint on PATH)" >&2
      exit 2
    }
    echo "factlint: building v$version with cargo (once; a few minutes)" >&2
    cargo install --locked --quiet --path "$here" --root "$cache.build"
    mkdir -p "$cache"
    mv "$cache.build/bin/"factlint* "$cache/"
    rm -rf "$cache.build"
  fi
fi
if [ -x "$cache/factlint.exe" ]; then exec "$cache/factlint.exe" "$@"; fi
exec "$cache/factlint" "$@"
