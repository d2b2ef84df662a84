# Sourced by the scripts in infra/bin: makes the pinned pnpm available and installs the workspace.
# A fresh machine has only Node and npm; pnpm is installed once under .tools/ (git-ignored),
# pinned to the version in package.json's "packageManager", so nothing global is touched.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

ensure_pnpm() {
  local want; want=$(node -p "require('./package.json').packageManager.split('@')[1]")
  local bin="$REPO/.tools/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ] || [ "$("$bin/pnpm" --version 2>/dev/null)" != "$want" ]; then
    echo "[kelisim] installing pnpm $want into .tools/" >&2
    npm install --silent --no-audit --no-fund --prefix "$REPO/.tools" "pnpm@$want" >&2
  fi
  export PATH="$bin:$PATH"
}

install_workspace() {
  ensure_pnpm
  # The lockfile is the source of truth: an install that would change it fails.
  pnpm install --frozen-lockfile --reporter=append-only >&2
}
