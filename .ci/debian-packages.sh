#!/usr/bin/env bash
# Make sure the named Debian packages are installed. As root, install what is missing;
# otherwise stop with the exact command to run.
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "These packages are needed but this is not a Debian-like system: ${missing[*]}" >&2
  echo "Install their equivalents, then run this command again." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "These Debian packages are needed: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
