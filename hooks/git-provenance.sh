#!/bin/sh
# git-provenance hook runner, installed beside the hook files by `git-provenance install`
# (re-run it to update this file; docs/CAPTURE.md). Hook files source it after `set -- HOOK "$@"`;
# `sh git-provenance.sh HOOK [ARGS...]` works too (earlier versions' hook files).
#
# 1. Runs the hooks that were there before: .git/hooks and a global core.hooksPath (both hidden
#    by the local core.hooksPath), and the commands of the hook file that called it.
# 2. Decides here, without starting node, when there is nothing to record: merges, rebase and
#    cherry-pick replays, reverts, messages that already carry AI-Assistance. Starting node on
#    every rebase pick made a 30-commit rebase 30x slower.
# 3. Finds node and git-provenance even with a GUI client's minimal PATH (nvm, volta, fnm,
#    Homebrew); when it cannot, it says how to fix it and lets git go on (push and CI still check).
# >>> tables generated from the TypeScript sources by scripts/build.mjs (src/features/install/runner-tables.ts); do not edit
notes_ref='refs/notes/provenance'
notes_write_prefix='refs/notes/git-provenance-write/'
pending_note_file='provenance-pending-note'
imported_note_mark='N inline HEAD'
prompt_answer_file='provenance-prompt-answer'
rebase_amends_file='provenance-rebase-amends'
answers_prefix='provenance-answers.'
level_trailer='AI-Assistance'
explanation_trailer='AI-Explanation'
tool_trailer='Assisted-by'
max_explanation=1000
max_counted_files=1000
level_key_glob='[Aa][Ii]-[Aa][Ss][Ss][Ii][Ss][Tt][Aa][Nn][Cc][Ee]'
# True when a message line may name an agent by another tool's trailer or marker.
line_names_agent() { case $1 in [Cc][Oo]-[Aa][Uu][Tt][Hh][Oo][Rr][Ee][Dd]-[Bb][Yy]* | [Aa][Ss][Ss][Ii][Ss][Tt][Ee][Dd]-[Bb][Yy]* | [Gg][Ee][Nn][Ee][Rr][Aa][Tt][Ee][Dd]-[Bb][Yy]* | [Aa][Ii]-[Uu][Ss][Ee][Dd]-[Ff][Oo][Rr]* | [Cc][Ll][Aa][Uu][Dd][Ee]-[Ss][Ee][Ss][Ss][Ii][Oo][Nn]* | [Aa][Gg][Ee][Nn][Tt]-[Ll][Oo][Gg][Ss]-[Uu][Rr][Ll]* | [Mm][Aa][Dd][Ee]-[Ww][Ii][Tt][Hh]* | [Aa][Mm][Pp]-[Tt][Hh][Rr][Ee][Aa][Dd]-[Ii][Dd]* | [Rr][Ee][Pp][Ll][Ii][Tt]-[Cc][Oo][Mm][Mm][Ii][Tt]-[Aa][Uu][Tt][Hh][Oo][Rr]* | [Ee][Nn][Tt][Ii][Rr][Ee]-* | [Aa][Ii][Dd][Ee][Rr]:\ * | *[Gg][Ee][Nn][Ee][Rr][Aa][Tt][Ee][Dd]\ [Ww][Ii][Tt][Hh]\ \[[Cc][Ll][Aa][Uu][Dd][Ee]\ [Cc][Oo][Dd][Ee]\]*) return 0 ;; esac; return 1; }
is_level_name() { case $1 in '' | [!a-z]* | *[!a-z0-9-]*) return 1 ;; esac; [ ${#1} -le 32 ]; }
is_tool_name() { case $1 in '' | [!A-Za-z0-9]* | *[!A-Za-z0-9._+@/-]*) return 1 ;; esac; [ ${#1} -le 64 ]; }
is_model_name() { case $1 in '' | [!A-Za-z0-9]* | *[!]A-Za-z0-9._+@/:'()['-]*) return 1 ;; esac; [ ${#1} -le 128 ]; }
# True when a coding agent's variable is set (and not to an "off" value).
agent_in_environment() { for agent_value in "${CLAUDECODE-}" "${CURSOR_AGENT-}" "${CODEX_SANDBOX-}" "${CODEX_SANDBOX_NETWORK_DISABLED-}" "${GEMINI_CLI-}"; do case $agent_value in '' | 0 | [Ff][Aa][Ll][Ss][Ee]) ;; *) return 0 ;; esac; done; return 1; }
agent_author_name() { case $1 in *[[:space:]]'(aider)') return 0 ;; esac; return 1; }
# <<< end of generated tables
# Hook files source this runner (`. runner`): one shell per hook instead of two. A hook run by
# husky has `sh -e` on; nothing below may stop half-way on a failed test.
set +eu
hook=${1-}
shift

if [ -z "${GIT_DIR-}" ] && [ -d .git ]; then
  git_dir=.git
  common_dir=.git
else
  newline='
'
  dirs=$(git rev-parse --git-dir --git-common-dir 2>/dev/null) || exit 0
  git_dir=${dirs%%"$newline"*}
  common_dir=${dirs#*"$newline"}
fi

# --- 1. the hooks that were there before -----------------------------------------------------
# In order: this clone's .git/hooks (core.hooksPath hides it), the global core.hooksPath (the
# local one hides it), then the commands of the hook file that called us, run again as their own
# process so an `exit` or `exec` in them cannot skip what follows.
stdin_copy=
run_chained() {
  case $hook in
    pre-push | post-rewrite | pre-receive | post-receive | reference-transaction)
      # These hooks read stdin: every one of them gets the same copy.
      if [ -z "$stdin_copy" ]; then
        stdin_copy=$(mktemp "${TMPDIR:-/tmp}/git-provenance.XXXXXX") || exit 1
        trap 'rm -f "$stdin_copy"' EXIT
        cat >"$stdin_copy"
      fi
      "$@" <"$stdin_copy"
      ;;
    *) "$@" ;;
  esac
}
# Whether a line of any of the files matches a case pattern, read with shell builtins: hooks run on
# every commit, and a grep here was a process per hook.
any_line_matches() {
  pattern=$1
  shift
  for scanned_file in "$@"; do
    [ -f "$scanned_file" ] || continue
    while IFS= read -r scanned_line || [ -n "$scanned_line" ]; do
      # shellcheck disable=SC2254
      case $scanned_line in $pattern) return 0 ;; esac
    done <"$scanned_file"
  done
  return 1
}
is_foreign_hook() { [ -f "$1" ] && [ -x "$1" ] && ! any_line_matches '*git-provenance.sh*' "$1"; }
hooks_dir=${0%/*}
if [ -n "$hook" ] && [ "$hook" != --where ]; then
  legacy=$common_dir/hooks/$hook
  if is_foreign_hook "$legacy"; then run_chained "$legacy" "$@" || exit $?; fi
  # Only ask git when a global or system config may set core.hooksPath.
  if any_line_matches '*[Hh][Oo][Oo][Kk][Ss][Pp][Aa][Tt][Hh]*' "${GIT_CONFIG_GLOBAL:-$HOME/.gitconfig}" "${XDG_CONFIG_HOME:-$HOME/.config}/git/config" "${GIT_CONFIG_SYSTEM:-/etc/gitconfig}"; then
    global_hooks=$(git config --global --type=path --get core.hooksPath 2>/dev/null || git config --system --type=path --get core.hooksPath 2>/dev/null)
    case $global_hooks in
      '' | "$hooks_dir" | "$common_dir/hooks") ;;
      *) if is_foreign_hook "$global_hooks/$hook"; then run_chained "$global_hooks/$hook" "$@" || exit $?; fi ;;
    esac
  fi
  own_hook=$hooks_dir/$hook
  if [ -z "${GIT_PROVENANCE_CHAINED-}" ] && any_line_matches '*GIT_PROVENANCE_CHAINED*' "$own_hook"; then
    # Run it as git (a `#!` line) or husky (sh -e) would.
    first_line=
    IFS= read -r first_line <"$own_hook" || :
    case $first_line in
      '#!'*) if [ -x "$own_hook" ]; then set -- "$own_hook" "$@"; else set -- sh -e "$own_hook" "$@"; fi ;;
      *) set -- sh -e "$own_hook" "$@" ;;
    esac
    run_chained env GIT_PROVENANCE_CHAINED=1 "$@" || exit $?
    # Back to the hook's own arguments.
    if [ "$1" = sh ]; then shift 3; else shift; fi
  fi
fi

# --- 2. nothing to record? --------------------------------------------------------------------
if [ "${GIT_PROVENANCE-}" = 0 ]; then exit 0; fi
in_rebase=
[ -d "$git_dir/rebase-merge" ] && in_rebase=merge
[ -d "$git_dir/rebase-apply" ] && in_rebase=apply
# Whether a line of the message is an AI-Assistance trailer (any case, spaces before the colon)
# or a revert's "This reverts commit <id>": read with shell builtins, as every check on the
# commit path (a grep here was a process per commit).
message_has_level() {
  [ -f "$1" ] || return 1
  while IFS= read -r message_line || [ -n "$message_line" ]; do
    case $message_line in
      $level_key_glob*)
        # shellcheck disable=SC2295 # the glob is a pattern on purpose
        rest=${message_line#$level_key_glob}
        rest=${rest#"${rest%%[![:space:]]*}"}
        case $rest in :*) return 0 ;; esac
        ;;
      [Tt][Hh][Ii][Ss]' '[Rr][Ee][Vv][Ee][Rr][Tt][Ss]' '[Cc][Oo][Mm][Mm][Ii][Tt]' '[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]*) return 0 ;;
    esac
  done <"$1"
  return 1
}
message_names_agent() {
  [ -f "$1" ] || return 1
  while IFS= read -r message_line || [ -n "$message_line" ]; do
    line_names_agent "$message_line" && return 0
  done <"$1"
  return 1
}
# True when GIT_PROVENANCE_* values can go into trailers as they are: printable ASCII, single
# spaces, lower-case level, tool and model as single words, and nothing an agent left to detect.
plain_values() {
  is_level_name "${GIT_PROVENANCE_LEVEL-}" || return 1
  explain=${GIT_PROVENANCE_EXPLAIN-}
  case $explain in *[![:print:]]* | ' '* | *' ' | *'  '*) return 1 ;; esac
  [ ${#explain} -le "$max_explanation" ] || return 1
  if [ -n "${GIT_PROVENANCE_TOOL-}" ]; then is_tool_name "$GIT_PROVENANCE_TOOL" || return 1; fi
  if [ -n "${GIT_PROVENANCE_MODEL-}" ]; then
    # A model needs its tool.
    [ -n "${GIT_PROVENANCE_TOOL-}" ] && is_model_name "$GIT_PROVENANCE_MODEL" || return 1
  fi
  if [ -z "${GIT_PROVENANCE_TOOL-}" ]; then
    # node fills the tool in from an agent's environment, author name or trailers.
    if agent_in_environment || agent_author_name "${GIT_AUTHOR_NAME-}"; then return 1; fi
    if message_names_agent "$1"; then return 1; fi
  fi
  return 0
}

pending_note=$git_dir/$pending_note_file
case $hook in
  prepare-commit-msg)
    # A note prepared by an earlier commit-msg whose commit never happened must not be used.
    # (Emptied, not removed, once used: `rm` would be one more process per commit.)
    if [ -s "$pending_note" ]; then : >"$pending_note"; fi
    # Likewise a prompt answer left by a commit that never happened.
    if [ -f "$git_dir/$prompt_answer_file" ]; then rm -f "$git_dir/$prompt_answer_file"; fi
    if [ "${2-}" = merge ] || [ "$in_rebase" = apply ]; then exit 0; fi
    if [ -f "$git_dir/CHERRY_PICK_HEAD" ] || [ -f "$git_dir/REVERT_HEAD" ]; then exit 0; fi
    # A squash or fixup chain in `rebase -i` needs node: the combined commit takes the highest level.
    if [ "$in_rebase" = merge ] && [ -s "$git_dir/rebase-merge/current-fixups" ]; then :
    elif message_has_level "${1-}"; then
      # A reused message (--amend --no-edit, -c, -C) whose level the environment replaces: node.
      if [ "${2-}" != commit ] || [ -z "${GIT_PROVENANCE_LEVEL-}" ]; then exit 0; fi
      reused=1
    fi
    # Values from the environment that need no folding or detection are written here, without
    # node; anything unusual (non-ASCII, control characters, an agent to recognise) goes to node.
    if [ -n "${GIT_PROVENANCE_LEVEL-}" ] && [ "$in_rebase" != merge ] && [ -z "${reused-}" ] && plain_values "${1-}"; then
      tool_value=${GIT_PROVENANCE_TOOL-}
      if [ -n "${GIT_PROVENANCE_MODEL-}" ]; then tool_value=$tool_value:$GIT_PROVENANCE_MODEL; fi
      set -- "$1" --trailer "$level_trailer: $GIT_PROVENANCE_LEVEL"
      if [ -n "${GIT_PROVENANCE_EXPLAIN-}" ]; then set -- "$@" --trailer "$explanation_trailer: $GIT_PROVENANCE_EXPLAIN"; fi
      if [ -n "$tool_value" ]; then set -- "$@" --trailer "$tool_trailer: $tool_value"; fi
      message_file=$1
      shift
      if git interpret-trailers --in-place --if-exists replace --if-missing add --where end "$@" "$message_file"; then
        # An empty message (an editor opens next): two empty lines before the trailers, as
        # `commit -s` leaves, so a subject typed on the first line does not swallow them.
        first_line=x
        second_line=
        { IFS= read -r first_line; IFS= read -r second_line; } <"$message_file"
        if [ -z "$first_line" ] && case $second_line in "$level_trailer: "*) true ;; *) false ;; esac; then
          padded=$(mktemp "${TMPDIR:-/tmp}/git-provenance.XXXXXX") &&
            { echo; cat "$message_file"; } >"$padded" && cat "$padded" >"$message_file"
          rm -f "$padded"
        fi
        exit 0
      fi
    fi
    ;;
  post-commit)
    if [ "$in_rebase" = apply ]; then exit 0; fi
    if [ "$in_rebase" = merge ] && { [ -f "$git_dir/CHERRY_PICK_HEAD" ] || [ -s "$git_dir/rebase-merge/current-fixups" ]; }; then exit 0; fi
    # commit-msg prepared the note (first line: the tree it was made for). Attaching it here
    # saves starting node a third time per commit.
    if [ -s "$pending_note" ]; then
      tree=
      note_start=
      { IFS= read -r tree; IFS= read -r note_start; } <"$pending_note"
      if [ -n "$tree" ] && [ "$(git rev-parse -q --verify 'HEAD^{tree}' 2>/dev/null)" = "$tree" ]; then
        if [ -z "$note_start" ]; then : >"$pending_note"; exit 0; fi
        # A fast-import stream (src/model/pending-note.ts): one process. git refuses it (exit 1)
        # when the notes ref moved since the stream's `from` was read; then the loop below.
        imported=
        case $note_start in
          'commit '*)
            imported=1
            if { IFS= read -r tree; git fast-import --quiet; } <"$pending_note" >/dev/null 2>&1; then
              : >"$pending_note"
              exit 0
            fi
            ;;
        esac
        # A compare-and-swap, as src/git/notes.ts writeNote does: `git notes` on a private copy of
        # the ref, then one transaction that moves the ref only if nobody moved it meanwhile.
        # A commit in another worktree at the same moment would otherwise lose its note.
        work_ref=${notes_write_prefix}sh-$$
        attempt=0
        while [ $attempt -lt 50 ]; do
          attempt=$((attempt + 1))
          if git update-ref "$work_ref" "$notes_ref" 2>/dev/null; then
            swap="update $notes_ref $work_ref $work_ref^"
          else
            git update-ref -d "$work_ref" 2>/dev/null
            swap="create $notes_ref $work_ref"
          fi
          # The note is the rest of the file after its first line, or after the stream's
          # note line and its `data` line: `read` leaves the offset there for git.
          {
            IFS= read -r tree
            if [ -n "$imported" ]; then
              while IFS= read -r import_line; do
                if [ "$import_line" = "$imported_note_mark" ]; then
                  IFS= read -r import_line
                  break
                fi
              done
            fi
            git notes --ref="$work_ref" add -f -F - HEAD
          } <"$pending_note" >/dev/null 2>&1 || break
          if printf '%s\ndelete %s\n' "$swap" "$work_ref" | git update-ref -m 'notes: git-provenance' --stdin 2>/dev/null; then
            : >"$pending_note"
            exit 0
          fi
        done
        git update-ref -d "$work_ref" 2>/dev/null
      fi
      : >"$pending_note"
    fi
    ;;
  post-rewrite)
    # Amends made during a rebase are reported again, all together, when the rebase ends; their
    # notes then need the line counts of the amended content (node does that at the end).
    if [ "${1-}" = amend ] && [ -n "$in_rebase" ]; then
      if [ -n "$stdin_copy" ]; then cat "$stdin_copy"; else cat; fi >>"$git_dir/$rebase_amends_file"
      exit 0
    fi
    # A rebase without a squash (no new commit listed twice): git's notes.rewriteRef copy is all
    # it takes. An amend always goes to node: the new message may carry a new record.
    if [ "${1-}" = rebase ] && [ -z "$stdin_copy" ]; then
      stdin_copy=$(mktemp "${TMPDIR:-/tmp}/git-provenance.XXXXXX") || exit 1
      trap 'rm -f "$stdin_copy"' EXIT
      cat >"$stdin_copy"
    fi
    # Notes with line ranges (aiLines) need node too: lines move when a commit is replayed.
    if [ "${1-}" = rebase ] && [ ! -f "$git_dir/$rebase_amends_file" ] && [ -z "$(awk '{ print $2 }' "$stdin_copy" | sort | uniq -d)" ] &&
      git config --get-all notes.rewriteRef 2>/dev/null | grep -qxF "$notes_ref" &&
      ! awk '{ print $1 }' "$stdin_copy" | git log --no-walk=unsorted --stdin --format=%N --notes="$notes_ref" 2>/dev/null | grep -qF '"aiLines"'; then
      exit 0
    fi
    ;;
  commit-msg | pre-push | --where) ;;
  *) exit 0 ;;
esac

# --- 3. find node and git-provenance ---------------------------------------------------------
# The first executable NAME on PATH, in $found: `$(command -v NAME)` forks a shell per call.
find_on_path() {
  found=
  path_rest=$PATH:
  while [ -n "$path_rest" ]; do
    path_dir=${path_rest%%:*}
    path_rest=${path_rest#*:}
    if [ -f "${path_dir:-.}/$1" ] && [ -x "${path_dir:-.}/$1" ]; then
      found=${path_dir:-.}/$1
      return 0
    fi
  done
  return 1
}

find_node() {
  if [ -n "${GIT_PROVENANCE_NODE-}" ]; then node_bin=$GIT_PROVENANCE_NODE; return 0; fi
  find_on_path node && node_bin=$found && return 0
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
  # A worktree has no node_modules of its own: the one beside the hooks folder (the clone's root).
  script=$hooks_dir/../node_modules/git-provenance/bin/git-provenance
  [ -f "$script" ] && return 0
  find_on_path git-provenance && script=$found && return 0
  script=${node_bin%/*}/git-provenance
  [ -f "$script" ] && return 0
  return 1
}

if ! find_node || ! find_script; then
  if [ "$hook" = --where ]; then
    if [ -z "$node_bin" ]; then echo "node not found"; else echo "git-provenance not found (node: $node_bin)"; fi
    exit 1
  fi
  # One short line per commit or push (not one per hook): commit-msg is the hook every
  # non-replayed commit reaches with node (prepare-commit-msg may finish in shell).
  case $hook in
    commit-msg | pre-push)
      if [ -n "$node_bin" ]; then missing=git-provenance; else missing=node; fi
      echo "git-provenance: not recorded: $missing not found from this hook; add git-provenance to devDependencies or \`npm install -g git-provenance\`, or set GIT_PROVENANCE_$([ "$missing" = node ] && echo NODE || echo BIN) (docs/CAPTURE.md)" >&2
      ;;
  esac
  exit 0
fi
if [ "$hook" = --where ]; then echo "$node_bin $script"; exit 0; fi

# commit-msg's git questions, asked here while node starts (src/git/runner-answers.ts): a git
# started from this shell costs a fraction of one started from node, and runs on the other core.
# `exec` below keeps this process id, which names the answer files.
if [ "$hook" = commit-msg ] && [ -n "${1-}" ] && [ ! -f "$git_dir/MERGE_HEAD" ]; then
  answers=$git_dir/$answers_prefix$$
  ask_git() {
    answer_name=$1
    shift
    git "$@" >"$answers.$answer_name" 2>/dev/null
    echo $? >"$answers.$answer_name.status"
  }
  # In the order node needs them: the tree only for the note, after the zone gate (on a large
  # index write-tree and the names take ~100 ms each: the tree is written while the gate runs).
  {
    ask_git trailers interpret-trailers --parse -- "$1"
    ask_git names -c core.quotePath=false diff-index --cached -M --name-status -z HEAD --
    ask_git author var GIT_AUTHOR_IDENT
    ask_git tree write-tree
    # Who commits: for post-commit's fast-import stream (src/model/pending-note.ts).
    ask_git committer var GIT_COMMITTER_IDENT
    # Counting lines makes git read every staged blob (1.7 s for 10,000 files): above
    # max_counted_files changed files the note goes without counts and git is not asked. The
    # names are "STATUS NUL PATH NUL" (a rename has two paths), so more NULs than twice the limit
    # means more files than node's limit, or many renames, which node then counts itself. A field
    # is at least one byte and its NUL, so an answer of at most 4 bytes per file of the limit
    # needs no tally: one process on ordinary commits, not three. Any doubt (no tr or wc) counts.
    names_size=$(wc -c <"$answers.names")
    nul_count=0
    if [ "${names_size##* }" -gt $((4 * max_counted_files)) ] 2>/dev/null; then nul_count=$(LC_ALL=C tr -cd '\000' <"$answers.names" | wc -c); fi
    if [ "${nul_count##* }" -gt $((2 * max_counted_files)) ] 2>/dev/null; then
      echo skipped >"$answers.counts.status"
    else
      ask_git counts -c core.quotePath=false diff-index --cached -M --numstat -z HEAD --
    fi
  } </dev/null >/dev/null 2>&1 &
  GIT_PROVENANCE_ANSWERS=$answers
  export GIT_PROVENANCE_ANSWERS
fi

if [ -n "$stdin_copy" ]; then
  "$node_bin" "$script" hook "$hook" "$@" <"$stdin_copy"
  exit $?
fi
exec "$node_bin" "$script" hook "$hook" "$@"
