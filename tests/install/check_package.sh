#!/bin/bash
# The Debian package as a user gets it: scripts/package packs this build
# tree (twice: the same bytes), dpkg installs it on this machine (apt-get
# install -f for a dependency that is missing), and vitae is used from
# /usr/bin as a user would: `vitae new && vitae build` in an empty folder in
# every built-in style, `vitae check --ats`, `man -w vitae`, bash completing
# through bash-completion's loader, zsh's and fish's files where they look.
# `dpkg -r` then leaves none of the package's files behind, and it is purged.
#
#   check_package.sh SOURCE_DIR BUILD_DIR
# Exit 77 (skipped) when a vitae package is installed already: the test
# would replace it.
set -euo pipefail
source_dir=$1
build=$2
scratch=$(mktemp -d)
installed=false
cleanup() {
  if [[ $installed == true ]]; then "${as_root[@]}" dpkg --purge vitae > /dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { echo "check_package: $*" >&2; exit 1; }
as_root=()
if [[ $(id -u) -ne 0 ]]; then as_root=(sudo); fi

if [[ $(dpkg-query -W -f='${Status}' vitae 2> /dev/null) == *" installed" ]]; then
  echo "check_package: a vitae package is installed on this machine; not replacing it" >&2
  exit 77
fi

first=$("$source_dir/scripts/package" --from "$build" "$scratch/first")
second=$("$source_dir/scripts/package" --from "$build" "$scratch/second")
[[ $(basename "$first") == vitae_*-1_"$(dpkg --print-architecture)".deb ]] || fail "unexpected package name $first"
cmp -s "$first" "$second" || fail "two packages of one build differ"

control=$(dpkg-deb -f "$first")
version=$(vitae_version=$("$build/vitae" --version) && echo "${vitae_version#vitae }" | cut -d' ' -f1)
grep -qx "Version: $version-1" <<< "$control" || fail "the package's version is not vitae's $version: $control"
for needed in libharfbuzz0b libfontconfig1 libhpdf libc6 fonts-lato fonts-cmu fonts-font-awesome hyphen-en-us; do
  grep "^Depends:" <<< "$control" | grep -q "$needed" || fail "Depends lacks $needed"
done
# Every font, pattern and profile package vitae reads at run time
# (scripts/bootstrap's) is a Depends or a Recommends of the package.
relations=$(grep -E "^(Depends|Recommends):" <<< "$control" | tr ',' '\n' | sed -E 's/^(Depends|Recommends)://; s/^ *//; s/[ (].*//')
for data in $(sed -n '/^build_packages=(/,/^)/p' "$source_dir/scripts/bootstrap" | sed 's/#.*//' | tr ' ' '\n' |
  grep -E '^(fonts-|hyphen-|culmus$|icc-profiles)'); do
  grep -qx "$data" <<< "$relations" || fail "scripts/bootstrap installs $data, which the package neither Depends on nor Recommends"
done

export DEBIAN_FRONTEND=noninteractive
installed=true
if ! "${as_root[@]}" dpkg -i "$first" > "$scratch/dpkg.log" 2>&1; then
  "${as_root[@]}" apt-get install -f -y -qq > "$scratch/apt.log" 2>&1 ||
    fail "apt-get install -f failed: $(cat "$scratch/dpkg.log" "$scratch/apt.log")"
fi
mapfile -t files < <(dpkg -L vitae | while read -r path; do [[ -f $path ]] && echo "$path"; done)
[[ ${#files[@]} -gt 10 ]] || fail "dpkg -L vitae lists ${#files[@]} files"

# The tests' module folder must not help the installed vitae.
unset VITAE_MODULE_DIR
[[ $(command -v vitae) == /usr/bin/vitae ]] || fail "vitae on PATH is $(command -v vitae), not the package's"
mkdir "$scratch/cv" && cd "$scratch/cv"
vitae new > /dev/null 2>&1 || fail "vitae new failed"
grep -q "#:schema /usr/share/vitae/schemas/cv.schema.json" cv.toml || fail "#:schema is not the package's: $(head -1 cv.toml)"
for style in $(vitae styles | cut -d" " -f1); do
  vitae build cv.toml --style "$style" -o "cv-$style.pdf" 2> build.log || fail "vitae build --style $style failed: $(cat build.log)"
  grep -q "warning" build.log && fail "vitae build --style $style warned: $(cat build.log)"
  grep -q "+1 202-555-0143" <<< "$(pdftotext "cv-$style.pdf" -)" || fail "--style $style: the phone module did not write the number"
done
vitae check --ats cv.toml > ats.log 2>&1 || fail "vitae check --ats failed: $(cat ats.log)"

grep -qx /usr/share/man/man1/vitae.1.gz <<< "$(man -w vitae)" || fail "man -w vitae: $(man -w vitae 2>&1)"
completion=$(bash -c 'source /usr/share/bash-completion/bash_completion
  _completion_loader vitae
  COMP_WORDS=(vitae build --style ""); COMP_CWORD=3; COMP_LINE="vitae build --style "; COMP_POINT=${#COMP_LINE}
  $(complete -p vitae | sed -E "s/.*-F ([^ ]+).*/\1/") vitae "" --style; echo "${COMPREPLY[*]}"')
[[ $completion == *academic* ]] || fail "bash-completion does not complete vitae build --style: $completion"
# The shells' own files (history, variables, compinit's dump) go to a
# scratch home, not to the user's, and not shared with a test beside this one.
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
mkdir -p "$HOME"
zsh -c 'fpath=(/usr/share/zsh/vendor-completions $fpath); autoload -U compinit && compinit -u && (( $+_comps[vitae] ))' ||
  fail "zsh's compinit does not find _vitae"
grep -q docx <<< "$(fish -c 'complete -C "vitae build --format "')" || fail "fish does not complete vitae build --format"

cd /
"${as_root[@]}" dpkg -r vitae > /dev/null 2>&1 || fail "dpkg -r vitae failed"
installed=false
for file in "${files[@]}"; do
  [[ -e $file ]] && fail "dpkg -r left $file"
done
# dpkg keeps a removed package's record (its postrm) until it is purged.
"${as_root[@]}" dpkg --purge vitae > /dev/null 2>&1 || fail "dpkg --purge vitae failed"
echo "check_package: $(basename "$first") installed, used and removed"
