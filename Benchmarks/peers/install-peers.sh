#!/usr/bin/env bash
# Installs the peer tools the benchmark jobs compare CareStat with. Never needed to build, test or run CareStat.
#   R (Debian): data.table (fread), survival, lme4, glmmTMB, forecast, cluster
#   Python (PyPI): lifelines, statsmodels, sequenzo, statsforecast
# The C peer (peers/c/blas_peer.c) needs only gcc and the OpenBLAS packages CareStat already installs.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  r-base-core r-cran-data.table r-cran-survival r-cran-lme4 r-cran-glmmtmb r-cran-forecast r-cran-cluster
python3 -m pip install --quiet lifelines statsmodels sequenzo statsforecast
echo "peers installed: $(R --version | head -1); python: $(python3 -c 'import lifelines, statsmodels; print("lifelines", lifelines.__version__, "statsmodels", statsmodels.__version__)')"
