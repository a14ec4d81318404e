#!/bin/sh
# The LibreOffice renderings of seeds 000, 003, 004 in tests/fixtures/readers/ (committed; run by hand:
# LibreOffice is a fixture maker, never a dependency of `make test`). apt-get install libreoffice-writer-nogui
set -eu
out=$(cd "$(dirname "$0")/../tests/fixtures/readers" && pwd)
tmp=$(mktemp -d)
for s in 000_d97aec136836092d 003_722f5c68c1af48ec 004_d6a789275ca0e1f4; do
  n=$(echo "$s" | cut -c1-3)
  cp "$(dirname "$0")/../../shared/corpus/seeds/$s.txt" "$tmp/seed-$n.txt"
done
cd "$tmp"
for fmt in pdf doc; do soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to $fmt seed-*.txt; done
for n in 000 003 004; do cp "seed-$n.pdf" "$out/seed-$n.libreoffice.pdf"; cp "seed-$n.doc" "$out/seed-$n.doc"; done
rm -rf "$tmp"
