#!/usr/bin/env bash
# Installs what pilotsim needs on Debian 12 and builds the `release` preset.
#
# Idempotent: packages already installed are not fetched again (apt is skipped entirely when nothing
# is missing, so a second run costs only an incremental build), and CMake rebuilds only what changed.
# Needs root (or sudo) only when something must be installed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  build-essential cmake ninja-build git pkg-config ca-certificates
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libfmt-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev libtbb-dev libsqlite3-dev
  libcpp-httplib-dev  # the browser lab's HTTP server (pilotsim serve)
  libboost-dev  # Boost.Math (header-only): Student's t and non-central t for the claims' p-values and power
  chromium  # the browser tests of reports and of the browser lab
  fonts-wqy-zenhei  # a CJK font, so that Chinese labels render in headless screenshots
  clang libclang-rt-14-dev  # only the tests use them: the fuzz preset's clang and libFuzzer (tests/fuzz)
)
# Node.js and npm fetch the chart library (web/package.json). A machine that already has them (for
# example from NodeSource, whose nodejs bundles npm) keeps its own; otherwise Debian's are installed.
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} Debian packages are installed"
else
  echo "setup: installing ${missing[*]}"
  sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "setup: packages are missing and this is not root; run as root: bash scripts/setup.sh" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  # Install the whole list, not just the missing ones: apt then also repairs half-installed packages.
  "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi

# The npm packages of web/ (package-lock.json pins every version), installed again only when the
# lock file changed since the last install.
if ! cmp -s web/package-lock.json web/node_modules/.pilotsim-installed-lock 2>/dev/null; then
  echo "setup: installing the npm packages of web/ (npm ci)"
  npm ci --prefix web --no-audit --no-fund
  cp web/package-lock.json web/node_modules/.pilotsim-installed-lock
else
  echo "setup: the npm packages of web/ are installed"
fi

echo "setup: configuring and building the release preset (build/release)"
cmake --preset release
cmake --build --preset release
echo "setup: build complete"
