#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium (browser tests), CJK fonts (screenshots,
# PDF), LibreOffice Writer and poppler (DOCX → PDF → PNG checks), pandoc (benchmark peer), GNU time
# (the benchmark's peak memory; taskset, from util-linux, is on every Debian system).
set -euo pipefail
packages=(chromium fonts-noto-cjk fonts-liberation libreoffice-writer-nogui poppler-utils pandoc time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages already installed: ${packages[*]}"
  exit 0
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
