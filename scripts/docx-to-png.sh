#!/usr/bin/env bash
# Renders a .docx to one PNG per page (LibreOffice → PDF → pdftoppm) to look at the layout.
# The official fonts (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312, 黑体, 宋体) are not on Debian, so a private
# fontconfig file maps them to Noto CJK SC: Song-like fonts to Noto Serif, 黑体 to Noto Sans.
# Usage: scripts/docx-to-png.sh <file.docx> <outdir> [dpi=80]
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <file.docx> <outdir> [dpi]" >&2
  exit 2
fi
docx=$(realpath "$1")
out=$2
dpi=${3:-80}
mkdir -p "$out"
out=$(realpath "$out")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

alias_to() { # family target [weight]
  local weight=''
  [ -n "${3:-}" ] && weight="<edit name=\"weight\" mode=\"assign\"><const>$3</const></edit>"
  printf '  <match target="pattern"><test name="family"><string>%s</string></test>' "$1"
  printf '<edit name="family" mode="assign" binding="strong"><string>%s</string></edit>%s</match>\n' "$2" "$weight"
}

{
  echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
  echo '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
  for f in 仿宋_GB2312 仿宋 FangSong 楷体_GB2312 楷体 KaiTi 宋体 SimSun; do alias_to "$f" 'Noto Serif CJK SC'; done
  for f in 方正小标宋简体 方正小标宋_GBK; do alias_to "$f" 'Noto Serif CJK SC' bold; done
  for f in 黑体 SimHei; do alias_to "$f" 'Noto Sans CJK SC'; done
  echo '</fontconfig>'
} >"$work/fonts.conf"

export FONTCONFIG_FILE="$work/fonts.conf"
soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
  --convert-to pdf --outdir "$work" "$docx" >/dev/null 2>&1
pdf="$work/$(basename "${docx%.*}").pdf"
[ -f "$pdf" ] || { echo "LibreOffice did not produce $pdf" >&2; exit 1; }
cp "$pdf" "$out/"
pdftoppm -r "$dpi" -png "$pdf" "$out/$(basename "${docx%.*}")"
ls "$out"/*.png
