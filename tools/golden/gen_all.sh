#!/usr/bin/env bash
# Regenerates every golden fixture from PyTorch 1.13 (Debian: apt-get install python3-torch python3-numpy).
set -euo pipefail
cd "$(dirname "$0")"
for script in gen_*.py; do
  echo "== $script"
  /usr/bin/python3 "$script"
done
