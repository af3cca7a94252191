#!/bin/sh
# git-provenance hook runner, installed beside the hook files by `git-provenance install`
# (re-run it to update this file; docs/CAPTURE.md). Usage: git-provenance.sh HOOK [ARGS...]
#
# 1. Runs the hook this clone had before in .git/hooks (core.hooksPath hides it otherwise).
# 2. Decides here, without starting node, when there is nothing to record: merges, rebase and
#    cherry-pick replays, reverts, messages that already carry AI-Assistance. Starting node on
#    every rebase pick made a 30-commit rebase 30x slower.
# 3. Finds node and git-provenance even with a GUI client's minimal PATH (nvm, volta, fnm,
#    Homebrew); when it cannot, it says how to fix it and lets git go on (push and CI still check).
hook=${1-}
shift

if [ -z "${GIT_DIR-}" ] && [ -d .git ]; then
  git_dir=.git
  common_dir=.git
else
  dirs=$(git rev-parse --git-dir --git-common-dir 2>/dev/null) || exit 0
  git_dir=$(printf '%s\n' "$dirs" | sed -n 1p)
  common_dir=$(printf '%s\n' "$dirs" | sed -n 2p)
fi

# --- 1. the hook that was there before -------------------------------------------------------
stdin_copy=
legacy=$common_dir/hooks/$hook
if [ -n "$hook" ] && [ -f "$legacy" ] && [ -x "$legacy" ] && ! grep -q 'git-provenance.sh' "$legacy" 2>/dev/null; then
  case $hook in
    pre-push | post-rewrite | pre-receive | post-receive | reference-transaction)
      # Both hooks read the same stdin: keep a copy for the second.
      stdin_copy=$(mktemp "${TMPDIR:-/tmp}/git-provenance.XXXXXX") || exit 1
      trap 'rm -f "$stdin_copy"' EXIT
      cat >"$stdin_copy"
      "$legacy" "$@" <"$stdin_copy" || exit $?
      ;;
    *)
      "$legacy" "$@" || exit $?
      ;;
  esac
fi

# --- 2. nothing to record? --------------------------------------------------------------------
if [ "${GIT_PROVENANCE-}" = 0 ]; then exit 0; fi
in_rebase=
[ -d "$git_dir/rebase-merge" ] && in_rebase=merge
[ -d "$git_dir/rebase-apply" ] && in_rebase=apply
case $hook in
  prepare-commit-msg)
    if [ "${2-}" = merge ] || [ "$in_rebase" = apply ]; then exit 0; fi
    if [ -f "$git_dir/CHERRY_PICK_HEAD" ] || [ -f "$git_dir/REVERT_HEAD" ]; then exit 0; fi
    # A squash or fixup chain in `rebase -i` needs node: the combined commit takes the highest level.
    if [ "$in_rebase" = merge ] && [ -s "$git_dir/rebase-merge/current-fixups" ]; then :
    elif grep -qiE '^AI-Assistance[[:space:]]*:|^This reverts commit [0-9a-f]{7}' "${1-/dev/null}" 2>/dev/null; then exit 0
    fi
    ;;
  post-commit)
    if [ "$in_rebase" = apply ]; then exit 0; fi
    if [ "$in_rebase" = merge ] && { [ -f "$git_dir/CHERRY_PICK_HEAD" ] || [ -s "$git_dir/rebase-merge/current-fixups" ]; }; then exit 0; fi
    ;;
  post-rewrite)
    # Amends made by the sequencer are reported again, all together, when the rebase ends.
    if [ "${1-}" = amend ] && [ -n "$in_rebase" ]; then exit 0; fi
    ;;
  commit-msg | pre-push | --where) ;;
  *) exit 0 ;;
esac

# --- 3. find node and git-provenance ---------------------------------------------------------
find_node() {
  if [ -n "${GIT_PROVENANCE_NODE-}" ]; then node_bin=$GIT_PROVENANCE_NODE; return 0; fi
  node_bin=$(command -v node 2>/dev/null) && return 0
  node_bin=
  for candidate in "${NVM_DIR:-$HOME/.nvm}"/versions/node/*/bin/node; do
    [ -x "$candidate" ] && node_bin=$candidate
  done
  [ -n "$node_bin" ] && return 0
  for candidate in "$HOME/.volta/bin/node" "${FNM_DIR:-$HOME/.local/share/fnm}/aliases/default/bin/node" \
    "$HOME/.asdf/shims/node" /opt/homebrew/bin/node /usr/local/bin/node /usr/bin/node; do
    if [ -x "$candidate" ]; then node_bin=$candidate; return 0; fi
  done
  return 1
}

find_script() {
  if [ -n "${GIT_PROVENANCE_BIN-}" ]; then script=$GIT_PROVENANCE_BIN; return 0; fi
  script=node_modules/git-provenance/bin/git-provenance
  [ -f "$script" ] && return 0
  script=$(command -v git-provenance 2>/dev/null) && return 0
  script=$(dirname "$node_bin")/git-provenance
  [ -f "$script" ] && return 0
  return 1
}

if ! find_node || ! find_script; then
  if [ "$hook" = --where ]; then echo "not found"; exit 1; fi
  echo "git-provenance: hook $hook skipped: cannot find $([ -n "$node_bin" ] && echo git-provenance || echo node) from this hook (PATH=$PATH); run \`npm install\` here or \`npm install -g git-provenance\`, or set GIT_PROVENANCE_NODE / GIT_PROVENANCE_BIN (see docs/CAPTURE.md)" >&2
  exit 0
fi
if [ "$hook" = --where ]; then echo "$node_bin $script"; exit 0; fi

if [ -n "$stdin_copy" ]; then
  "$node_bin" "$script" hook "$hook" "$@" <"$stdin_copy"
  exit $?
fi
exec "$node_bin" "$script" hook "$hook" "$@"
