#!/usr/bin/env bash
# Debian packages the portal and its tests need: Chromium (browser tests), the Pango/HarfBuzz
# libraries WeasyPrint renders PDFs with, fonts, poppler-utils (reading PDFs back), PostgreSQL,
# LibreOffice Writer (checks that the synthèse .docx opens), wrk (the load measure, make load-bench).
# Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail

packages=(chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
          fonts-liberation python3-venv postgresql libreoffice-writer-nogui wrk)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# npm installs axe-core for the accessibility tests; use the machine's Node.js when it has one.
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installation des paquets système manquants : ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
