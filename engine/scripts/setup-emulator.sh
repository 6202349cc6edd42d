#!/usr/bin/env bash
# Installs the AWS emulator (moto in server mode, version pinned) into the project-local virtual environment
# .venv. Where PyPI cannot be reached, falls back to a moto already installed on the machine, through a
# virtual environment that sees the system's packages. Says which one it uses. Quick when already done.
set -euo pipefail
cd "$(dirname "$0")/../.."

MOTO_VERSION=5.2.5
PYTHON=${PYTHON:-python3}

installed() {
  [ -x .venv/bin/python ] && .venv/bin/python -c "import moto.server, sys; sys.exit(0 if moto.__version__ == '$1' else 1)" 2>/dev/null
}

if installed "$MOTO_VERSION"; then
  echo "emulator: moto $MOTO_VERSION in .venv" >&2
  exit 0
fi

rm -rf .venv
"$PYTHON" -m venv .venv
if .venv/bin/pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2; then
  echo "emulator: installed moto $MOTO_VERSION from PyPI into .venv" >&2
  exit 0
fi

echo "emulator: PyPI cannot be reached; falling back to the moto installed on this machine" >&2
rm -rf .venv
"$PYTHON" -m venv --system-site-packages .venv
if ! .venv/bin/python -c "import moto.server" 2>/dev/null; then
  echo "emulator: no moto on this machine either: install it with pip install 'moto[server]==$MOTO_VERSION'" >&2
  exit 1
fi
echo "emulator: using the machine's moto $(.venv/bin/python -c 'import moto; print(moto.__version__)') through .venv" >&2
