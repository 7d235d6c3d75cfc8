#!/usr/bin/env bash
# check_install.sh CHECK MESO BUILD_DIR SOURCE_DIR: one check of
# tests/install/install.cmake. Exit 0 passed, 1 failed, 77 skipped (with why).
set -uo pipefail
check=$1 meso=$2 build=$3 source=$4
failures=0
# Never `... | grep -q` here: grep -q stops reading at its first match, and
# under pipefail the writer's SIGPIPE then fails the pipeline (a loaded CI
# machine saw "'fmt' missing from [... fmt ...]"); grep >/dev/null reads all.
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
skip() { echo "SKIPPED: $*" >&2; exit 77; }

# The man page and the completions are written by the build's ALL target;
# a build of `meso meso_tests` alone has not written them yet.
cmake --build "$build" --target meso_completions meso_man >/dev/null || { echo "cannot build the man page and completions" >&2; exit 1; }
completions=$build/generated/completions
commands=$("$meso" completions commands)
[ -n "$commands" ] || fail "meso completions commands printed nothing"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The completion scripts call `meso` by name (or as typed): the one just built.
mkdir "$work/bin"
ln -s "$meso" "$work/bin/meso"
export PATH="$work/bin:$PATH"

# Every line of $1 (a completion's output) is one of the words after it, and each of them is there.
expect_exactly() {
  local got=$1 what=$2
  shift 2
  local want
  want=$(printf '%s\n' "$@" | sort)
  got=$(printf '%s\n' "$got" | sed '/^$/d' | sort)
  [ "$got" = "$want" ] || fail "$what: expected [$(echo $want)], got [$(echo $got)]"
}
expect_some() {
  local got=$1 what=$2 word
  shift 2
  for word in "$@"; do printf '%s\n' "$got" | grep -x -- "$word" >/dev/null || fail "$what: '$word' missing from [$(echo $got)]"; done
}

case $check in
man)
  page=$build/meso.1
  [ -f "$page" ] || skip "no man page: help2man is not installed (scripts/setup installs it)"
  text=$(MANPAGER=cat MANWIDTH=100 man --warnings -l "$page" 2>"$work/warnings") || fail "man -l $page failed"
  [ -s "$work/warnings" ] && fail "man -l warns: $(cat "$work/warnings")"
  echo "$text" | grep "meso - a compiler and linter for training programs" >/dev/null || fail "the NAME section is missing"
  for command in $commands; do
    echo "$text" | grep "^ *meso $command\$" >/dev/null || fail "the page has no section for meso $command"
  done
  for section in ENVIRONMENT "EXIT STATUS" "SEE ALSO"; do echo "$text" | grep "^$section" >/dev/null || fail "no $section section"; done
  echo "$text" | grep "MESO_LOG" >/dev/null || fail "MESO_LOG is not described"
  whatis=$(lexgrog "$page") || fail "lexgrog cannot read the page's NAME"
  case $whatis in *"meso - a compiler and linter for training programs"*) ;; *) fail "lexgrog: $whatis" ;; esac
  ;;
bash)
  # shellcheck disable=SC1091
  source "$completions/meso.bash" || fail "the bash completion does not load"
  complete -p meso | grep -- "-F _meso" >/dev/null || fail "complete -p meso: $(complete -p meso 2>&1)"
  complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _meso
    printf '%s\n' "${COMPREPLY[@]}"
  }
  expect_exactly "$(complete_words meso ch)" "meso ch<TAB>" check
  expect_exactly "$(complete_words meso -v ch)" "meso -v ch<TAB>" check
  expect_exactly "$(complete_words meso --log-file x.log ch)" "meso --log-file x.log ch<TAB>" check
  expect_exactly "$(complete_words meso te)" "meso te<TAB>" templates
  expect_some "$(complete_words meso '')" "meso <TAB>" $commands
  expect_exactly "$(complete_words meso check --st)" "meso check --st<TAB>" --strict
  expect_exactly "$(complete_words meso check --format '')" "meso check --format <TAB>" text json sarif
  expect_exactly "$(complete_words meso schedule --format '')" "meso schedule --format <TAB>" text json csv
  expect_some "$(complete_words meso init --template '')" "meso init --template <TAB>" powerlifting kaatsu
  expect_some "$(complete_words meso show std.)" "meso show std.<TAB>" std.bfr std.templates
  expect_some "$(complete_words meso explain kaatsu.)" "meso explain kaatsu.<TAB>" kaatsu.min-gap
  expect_exactly "$(complete_words meso help sch)" "meso help sch<TAB>" schedule
  mkdir -p "$work/files/plans" && touch "$work/files/plan.meso" "$work/files/notes.txt"
  expect_exactly "$(cd "$work/files" && complete_words meso check '')" "meso check <TAB>" plan.meso plans
  expect_exactly "$(cd "$work/files" && complete_words meso compile plan.meso -o '')" "meso compile plan.meso -o <TAB>" plan.meso plans notes.txt
  ;;
zsh)
  command -v zsh >/dev/null || skip "zsh is not installed (scripts/setup installs it)"
  zsh -n "$completions/meso.zsh" || fail "zsh -n: the zsh completion does not parse"
  mkdir "$work/fpath" && cp "$completions/meso.zsh" "$work/fpath/_meso"
  # compinit finds _meso on fpath by its #compdef line; its own tests (zpty) are zsh's.
  registered=$(zsh -fc "fpath=($work/fpath \$fpath); autoload -Uz compinit; compinit -u -D; print -r -- \${_comps[meso]}") ||
    fail "compinit failed"
  [ "$registered" = "_meso" ] || fail "compinit does not register _meso for meso: '$registered'"
  for command in $commands; do grep -q "^        '$command:" "$completions/meso.zsh" || fail "the zsh completion lacks $command"; done
  # A real completion, in a zsh on a pseudo-terminal: meso ch<TAB> becomes meso check.
  cat >"$work/complete.zsh" <<ZSH
fpath=($work/fpath \$fpath)
autoload -Uz compinit; compinit -u -D
zmodload zsh/zpty
zpty z zsh -fi
# Marks are typed split by quotes (BE''GIN) so that the terminal's echo of what
# was typed never matches them: only zsh's own output does. The prompt READY>
# says the line editor is running, so the TAB reaches completion, not the tty.
zpty -w z "PS1='RE''ADY> '; fpath=($work/fpath \\\$fpath); autoload -Uz compinit; compinit -u -D; PATH=$work/bin:\\\$PATH"
zpty -w z "print -r -- BE''GIN"
zpty -r z line '*BEGIN*'
zpty -r z line '*READY> *'
zpty -w -n z \$'meso ch\t\t; print -r -- EN\'\'D\n'
out=''
# Read until END, for up to 15 s: a loaded machine may answer late (a loop
# that stopped at the first 0.2 s of silence failed under make -j2).
for attempt in {1..75}; do
  while zpty -r -t z line 2>/dev/null; do out+=\$line; done
  [[ \$out == *END* ]] && break
  sleep 0.2
done
zpty -d z
print -r -- "\$out"
ZSH
  typed=$(timeout 20 zsh -f "$work/complete.zsh" 2>&1 | tr -d '\r')
  echo "$typed" | grep "meso check" >/dev/null || fail "meso ch<TAB> in zsh did not become meso check: $typed"
  ;;
fish)
  command -v fish >/dev/null || skip "fish is not installed (scripts/setup installs it)"
  fish_complete() { fish --no-config -c "source $completions/meso.fish; complete -C '$1'" | cut -f1; }
  expect_exactly "$(fish_complete 'meso ch')" "meso ch<TAB>" check
  expect_some "$(fish_complete 'meso ')" "meso <TAB>" $commands
  expect_exactly "$(fish_complete 'meso check --format ')" "meso check --format <TAB>" text json sarif
  expect_some "$(fish_complete 'meso check --st')" "meso check --st<TAB>" --strict
  expect_some "$(fish_complete 'meso init --template ')" "meso init --template <TAB>" powerlifting kaatsu
  expect_some "$(fish_complete 'meso show ')" "meso show <TAB>" std.bfr std.templates
  mkdir -p "$work/files/plans" && touch "$work/files/plan.meso" "$work/files/notes.txt"
  got=$(cd "$work/files" && fish_complete 'meso check ')
  expect_some "$got" "meso check <TAB>" plan.meso plans/
  printf '%s\n' "$got" | grep -x notes.txt >/dev/null && fail "meso check <TAB> offers notes.txt"
  ;;
install)
  prefix=$work/prefix
  cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
  for file in bin/meso share/man/man1/meso.1.gz share/bash-completion/completions/meso share/zsh/vendor-completions/_meso \
    share/fish/vendor_completions.d/meso.fish share/doc/meso/README.md share/doc/meso/copyright share/doc/meso/install.md \
    share/doc/meso/changelog.Debian.gz share/vim/vimfiles/syntax/meso.vim share/vim/vimfiles/ftdetect/meso.vim \
    share/meso/editors/vscode/package.json share/meso/editors/vscode/syntaxes/meso.tmLanguage.json; do
    [ -f "$prefix/$file" ] || fail "cmake --install did not install $file"
  done
  version=$("$prefix/bin/meso" --version) || fail "the installed meso --version failed"
  echo "$version" | head -1 | grep -x "meso [0-9][0-9.]*" >/dev/null || fail "meso --version's first line: $version"
  echo "$version" | sed -n 2p | grep -x "tz database [0-9]\{4\}[a-z]" >/dev/null || fail "meso --version's tz database line: $version"
  MANPAGER=cat man -l "$prefix/share/man/man1/meso.1.gz" | grep "meso check" >/dev/null || fail "the installed man page does not render"
  ;;
*)
  echo "unknown check $check" >&2
  exit 1
  ;;
esac
[ $failures -eq 0 ] || exit 1
echo "install.$check: passed"
