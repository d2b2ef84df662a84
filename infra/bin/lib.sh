# Sourced by the scripts in infra/bin: makes the pinned Node and pnpm available and installs the
# workspace. A fresh machine has only Node and npm; what is missing is installed once under
# .tools/ (git-ignored), pinned, so nothing global is touched.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

# The suite and `npm start` run on the Node the images ship (infra/docker), pinned in
# .node-version. A machine whose node is older than that major gets the pinned build from npm's
# node-<platform>-<arch> package (the binary alone, no npm). KELISIM_SYSTEM_NODE=1 keeps the
# machine's node (20.19+) for a developer who has only that; CI never does (docs/adr/0010).
ensure_node() {
  local want major have bin pkg
  want=$(tr -d '[:space:]' < "$REPO/.node-version")
  major=${want%%.*}
  have=$(node -p 'process.versions.node')
  if [ "${have%%.*}" -ge "$major" ]; then return; fi
  if [ "${KELISIM_SYSTEM_NODE:-}" = 1 ]; then
    if [ -n "${CI:-}" ]; then
      echo "[kelisim] CI runs on Node $want, never on the machine's $have: unset KELISIM_SYSTEM_NODE" >&2
      exit 1
    fi
    echo "[kelisim] KELISIM_SYSTEM_NODE=1: running on the machine's Node $have, not $want as the images do" >&2
    return
  fi
  pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
  bin="$REPO/.tools/node/node_modules/$pkg/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node' 2>/dev/null)" != "$want" ]; then
    echo "[kelisim] installing Node $want ($pkg) into .tools/node" >&2
    if ! npm install --silent --no-audit --no-fund --save-exact --prefix "$REPO/.tools/node" "$pkg@$want" >&2; then
      echo "[kelisim] could not install Node $want; KELISIM_SYSTEM_NODE=1 runs on the machine's Node $have instead" >&2
      exit 1
    fi
  fi
  export PATH="$bin:$PATH"
}

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
  ensure_node
  ensure_pnpm
  # The lockfile is the source of truth: an install that would change it fails.
  pnpm install --frozen-lockfile --reporter=append-only >&2
}
