#!/usr/bin/env bash
# Installs the AWS emulator (moto in server mode, version pinned) into the project-local virtual environment
# .venv. Where PyPI cannot be reached, falls back to a moto already installed on the machine, through a
# virtual environment that sees the system's packages. Says which one it uses. Quick when already done.
# The installers are quiet: their output goes to a log file, shown only when the installation fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

MOTO_VERSION=5.2.5
PYTHON=${PYTHON:-python3}
LOG=$(mktemp "${TMPDIR:-/tmp}/spa-emulator-setup.XXXXXX")

installed() {
  [ -x .venv/bin/python ] && .venv/bin/python -c "import moto.server, sys; sys.exit(0 if moto.__version__ == '$1' else 1)" 2>/dev/null
}

# Runs a command with its output in the log; says what it was doing when it fails.
quietly() {
  echo "\$ $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1
}

fail() {
  echo "emulator: $1; the installers said:" >&2
  sed 's/^/  | /' "$LOG" >&2
  rm -f "$LOG"
  exit 1
}

if installed "$MOTO_VERSION"; then
  rm -f "$LOG"
  echo "emulator: moto $MOTO_VERSION in .venv" >&2
  exit 0
fi

rm -rf .venv
quietly "$PYTHON" -m venv .venv || fail "cannot create the virtual environment .venv with $PYTHON"
if quietly .venv/bin/pip install --disable-pip-version-check --no-input "moto[server]==$MOTO_VERSION"; then
  rm -f "$LOG"
  echo "emulator: installed moto $MOTO_VERSION from PyPI into .venv" >&2
  exit 0
fi

echo "emulator: PyPI cannot be reached (pip's log: $LOG); falling back to the moto installed on this machine" >&2
rm -rf .venv
quietly "$PYTHON" -m venv --system-site-packages .venv ||
  fail "cannot create the virtual environment .venv with $PYTHON"
if ! .venv/bin/python -c "import moto.server" 2>>"$LOG"; then
  fail "no moto on this machine either: install it with pip install 'moto[server]==$MOTO_VERSION'"
fi
echo "emulator: using the machine's moto $(.venv/bin/python -c 'import moto; print(moto.__version__)') through .venv" >&2
