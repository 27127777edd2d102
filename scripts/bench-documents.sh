#!/usr/bin/env bash
# Documents benchmark (docs/benchmarks.md): PDF per document, issuing, a 50-document case file, and
# the same decision converted from DOCX by LibreOffice headless, side by side in one run. Installs
# Debian's libreoffice-writer-nogui and poppler-utils when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
go test -run '^$' -bench 'Documents/(render|issue)' -benchtime 200x -benchmem ./internal/server/
go test -run '^$' -bench 'Documents/(casefile-50|libreoffice)' -benchtime 10x -benchmem ./internal/server/
