#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those that are missing (apt-get update first,
# and only then): PostgreSQL 15 for the second database stage, Chromium for the browser tests,
# gettext for the translations, poppler-utils to look at PDFs, DejaVu fonts for Polish text.
set -euo pipefail
missing=()
{ [ -x /usr/lib/postgresql/15/bin/initdb ] && id postgres >/dev/null 2>&1; } || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
