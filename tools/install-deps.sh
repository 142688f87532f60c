#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages (the only list of them).
# Skips apt entirely when everything is already present.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev pybind11-dev python3 python3-dev
  python3-torch python3-pytest
  clang libclang-rt-14-dev
  python3-setuptools python3-wheel python3-pip python3-numpy python3-pandas python3-matplotlib
  chromium fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The web page (web/) and its browser tests build with node and npm: Debian's only when there is
# no node at all, so a newer one already installed (e.g. Node 20) is kept.
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
