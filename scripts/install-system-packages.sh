#!/usr/bin/env bash
# Installs the Debian 12 packages CareStat builds against. Idempotent; needs root (or sudo).
#   liblapack-dev libopenblas-dev liblapacke-dev : BLAS/LAPACK (OpenBLAS) and the lapack.h header
#   libreadstat-dev                              : Stata / SPSS / SAS data files
#   libxlsxwriter-dev                            : Excel .xlsx output
# and, from the Python package index, nbformat (the tests validate rendered Jupyter notebooks with it).
# Optional, not installed here: Debian's chromium, for the headless-browser check of HTML reports
# (`sudo apt-get install chromium`; the test runs where it is installed).
set -euo pipefail
if command -v python3 >/dev/null && ! python3 -c "import nbformat" 2>/dev/null; then
  python3 -m pip install -q nbformat || echo "note: could not install nbformat; notebook validation tests will only check JSON shape" >&2
fi
packages=(liblapack-dev libopenblas-dev liblapacke-dev libreadstat-dev libxlsxwriter-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present: ${packages[*]}"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
