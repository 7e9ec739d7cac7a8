#!/usr/bin/env bash
# Downloads factlint's release binary for this machine into a folder:
#
#   scripts/release-binary.sh v0.1.0 DEST_DIR      # DEST_DIR/factlint
#
# The archive is the one `.github/workflows/release.yml` attaches to the
# release of that tag: factlint-<tag>-<target>.tar.gz (a .zip on Windows),
# checked against the .sha256 file beside it. Where the releases live:
# FACTLINT_RELEASES (default https://github.com/$FACTLINT_REPOSITORY/releases/download,
# FACTLINT_REPOSITORY defaulting to factlint/factlint); a file:// address
# works too (the integrations check uses one). Exits 1, saying why, when
# there is no binary for this machine or it cannot be fetched: callers
# then build with cargo instead.
set -euo pipefail
tag=${1:?usage: release-binary.sh TAG DEST_DIR}
dest=${2:?usage: release-binary.sh TAG DEST_DIR}
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-gnu ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) target=x86_64-pc-windows-msvc ;;
  *) echo "factlint: no release binary for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
ext=tar.gz
[ "$target" = x86_64-pc-windows-msvc ] && ext=zip
base=${FACTLINT_RELEASES:-https://github.com/${FACTLINT_REPOSITORY:-factlint/factlint}/releases/download}
archive="factlint-$tag-$target.$ext"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() { curl --fail --silent --show-error --location --output "$2" "$1"; }
if ! fetch "$base/$tag/$archive" "$work/$archive" || ! fetch "$base/$tag/$archive.sha256" "$work/$archive.sha256"; then
  echo "factlint: no release $tag for $target at $base" >&2
  exit 1
fi
want=$(cut -d' ' -f1 < "$work/$archive.sha256")
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$work/$archive" | cut -d' ' -f1)
else
  got=$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)
fi
if [ "$want" != "$got" ]; then
  echo "factlint: $archive does not match its checksum (want $want, got $got)" >&2
  exit 1
fi
mkdir -p "$dest"
if [ "$ext" = zip ]; then
  unzip -q -o "$work/$archive" -d "$dest"
else
  tar -xzf "$work/$archive" -C "$dest" factlint
fi
