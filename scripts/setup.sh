#!/usr/bin/env bash
# Installs what pilotsim needs on Debian 12 and builds the `release` preset (build/release).
#
#   bash scripts/setup.sh          the program only: its Debian packages, the chart library, and the
#                                  `pilotsim` target (scripts/run-baseline.sh uses this)
#   bash scripts/setup.sh --all    also what the tests need (GoogleTest, Google Benchmark, Chromium
#                                  and a CJK font for the browser tests, clang for the fuzz preset,
#                                  clang-format for the layout check)
#                                  and every target (scripts/test.sh uses this)
#
# Idempotent: packages already installed are not fetched again (apt is skipped entirely when nothing
# is missing, so a second run costs only an incremental build), and CMake rebuilds only what changed.
# Needs root (or sudo) only when something must be installed. The compiler's output goes to
# build/release/build.log; the terminal shows a progress line, and the log's errors if the build fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

all=false
case "${1:-}" in
  "") ;;
  --all) all=true ;;
  *) echo "setup: unknown option '$1'; use no option (the program) or --all (the program and its tests)" >&2; exit 2 ;;
esac

packages=(
  build-essential cmake ninja-build git pkg-config ca-certificates
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libfmt-dev librandom123-dev
  libtbb-dev libsqlite3-dev
  libcpp-httplib-dev  # the browser lab's HTTP server (pilotsim serve)
  libboost-dev  # Boost.Math (header-only): Student's t and non-central t for the claims' p-values and power
  libopenmpi-dev openmpi-bin  # campaigns over the ranks of an MPI job (docs/cluster.md); mpirun
  pybind11-dev python3-dev python3-numpy  # the Python module (python/, docs/python.md)
)
test_packages=(
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium  # the browser tests of reports and of the browser lab
  fonts-wqy-zenhei  # a CJK font, so that Chinese labels render in headless screenshots
  clang libclang-rt-14-dev  # the fuzz preset's clang and libFuzzer (tests/fuzz)
  clang-format  # the layout check (tests/format)
  python3-pytest python3-pandas python3-matplotlib  # the Python module's tests (python/tests, label python)
  r-base-core r-cran-survival  # the R examples of docs/r.md (tests/r, label r; skipped without them)
)
if $all; then packages+=("${test_packages[@]}"); fi
# Node.js and npm fetch the chart library (web/package.json). A machine that already has them (for
# example from NodeSource, whose nodejs bundles npm) keeps its own; otherwise Debian's are installed.
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  packages+=(nodejs npm)
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done

mkdir -p build
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} Debian packages are installed"
else
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]} (log: build/apt.log)"
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
  # Install the whole list, not just the missing ones: apt then also repairs half-installed packages.
  if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"; } \
      >build/apt.log 2>&1; then
    tail -n 20 build/apt.log >&2
    echo "setup: apt failed; the whole log is build/apt.log (docs/mirrors.md: behind a slow network, use a mirror)" >&2
    exit 1
  fi
fi

# The npm packages of web/ (package-lock.json pins every version), installed again only when the
# lock file changed since the last install.
if ! cmp -s web/package-lock.json web/node_modules/.pilotsim-installed-lock 2>/dev/null; then
  echo "setup: installing the npm packages of web/ (npm ci)"
  npm ci --prefix web --no-audit --no-fund --loglevel=error
  cp web/package-lock.json web/node_modules/.pilotsim-installed-lock
else
  echo "setup: the npm packages of web/ are installed"
fi

# Tests and benchmarks are configured only when their packages are there: the program alone needs
# neither GoogleTest nor Google Benchmark. A build directory that has them keeps them.
# CI builds with warnings as errors (the `ci` preset: release plus PILOTSIM_WERROR, same build directory).
preset=release
[ "${CI:-}" = true ] && preset=ci
configure=(cmake --preset "$preset")
if $all; then
  configure+=(-DPILOTSIM_BUILD_TESTS=ON -DPILOTSIM_BUILD_BENCH=ON)
elif ! installed libgtest-dev || ! installed libbenchmark-dev; then
  configure+=(-DPILOTSIM_BUILD_TESTS=OFF -DPILOTSIM_BUILD_BENCH=OFF)
fi
target=()
$all || target=(--target pilotsim)

log=build/release/build.log
mkdir -p build/release
echo "setup: configuring and building the $preset preset ($($all && echo "every target" || echo "the program")," \
     "log: $log)"
# Ninja's "[done/total]" lines become one progress line (redrawn on a terminal, every tenth
# otherwise); everything the compiler says stays in the log.
progress() {
  awk -v tty="$1" '
    match($0, /^\[[0-9]+\/[0-9]+\]/) {
      split(substr($0, 2, RLENGTH - 2), n, "/")
      step = int(10 * n[1] / n[2])
      if (tty) { printf "\rsetup: building %d/%d", n[1], n[2]; fflush() }
      else if (step > last) { printf "setup: building %d/%d\n", n[1], n[2]; fflush(); last = step }
    }
    END { if (tty) printf "\n" }'
}
tty=0
[ -t 1 ] && tty=1
set +e
{ "${configure[@]}" && cmake --build --preset "$preset" "${target[@]}"; } 2>&1 | tee "$log" | progress $tty
status=${PIPESTATUS[0]}
set -e
if ((status != 0)); then
  grep -E -B2 -A12 "error|Error|FAILED" "$log" | head -n 80 >&2 || tail -n 40 "$log" >&2
  echo "setup: the build failed (exit $status); the whole log is $log" >&2
  exit $status
fi
warnings=$(grep -c "warning:" "$log" || true)
if ((warnings > 0)); then
  echo "setup: build complete ($warnings compiler warnings in $log)"
else
  echo "setup: build complete"
fi
