#!/usr/bin/env bash
# The one list of what Touchdown needs from Debian. Installs only what is missing.
# Usage: scripts/dependencies.sh            (build + test tools)
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev       # tests and benchmarks
  clang libclang-rt-14-dev                          # libFuzzer harnesses
  nlohmann-json3-dev                                # JSON output
  libtomlplusplus-dev                               # user marker-set profiles (TOML)
  libeigen3-dev                                     # least-squares / rigid fits
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing missing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
