#!/bin/bash
# cmake --install of a build tree into a fresh prefix, then vitae used from
# there as a user would: on PATH, `vitae new && vitae build` in an empty
# folder (the phone module and the schemas found in the prefix, not in the
# build tree), `man vitae`, and bash completing from the installed script.
#
#   check_install.sh BUILD_DIR
set -euo pipefail
build=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix
fail() { echo "check_install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$scratch/install.log"
for file in bin/vitae lib/vitae/vitae-phone.so lib/vitae/vitae-pdf-reader.so \
            share/vitae/schemas/cv.schema.json share/vitae/schemas/style.schema.json \
            share/man/man1/vitae.1.gz share/bash-completion/completions/vitae \
            share/zsh/vendor-completions/_vitae share/fish/vendor_completions.d/vitae.fish \
            share/doc/vitae/README.md share/doc/vitae/CHANGELOG.md share/doc/vitae/docs/cv-format.md \
            share/doc/vitae/examples/zangwei-zheng.toml; do
  [[ -s $prefix/$file ]] || fail "not installed: $file"
done

# The tests' own module folder must not help the installed vitae.
unset VITAE_MODULE_DIR
export PATH=$prefix/bin:$PATH
mkdir "$scratch/cv" && cd "$scratch/cv"
vitae new > /dev/null 2>&1 || fail "vitae new failed"
grep -q "#:schema $prefix/share/vitae/schemas/cv.schema.json" cv.toml || fail "vitae new's #:schema is not the installed schema: $(head -1 cv.toml)"
vitae build cv.toml 2> build.log || fail "vitae build failed: $(cat build.log)"
grep -q "warning" build.log && fail "vitae build warned: $(cat build.log)"
grep -q "+1 202-555-0143" <<< "$(pdftotext cv.pdf -)" || fail "the phone number was not checked and written by the installed module"

grep -q "$prefix/share/man/man1/vitae.1.gz" <<< "$(MANPATH=$prefix/share/man man -w vitae)" || fail "man -w vitae does not find the page"
manual=$(MANPATH=$prefix/share/man man vitae 2> /dev/null)
grep -q "vitae build" <<< "$manual" || fail "man vitae does not show the commands"
for option in $(vitae build --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  grep -q -- "$option" <<< "$manual" || fail "man vitae lacks $option of vitae build --help"
done

completion=$(bash -c "source '$prefix/share/bash-completion/completions/vitae'
  COMP_WORDS=(vitae build --style ''); COMP_CWORD=3; _vitae; echo \${COMPREPLY[*]}")
[[ $completion == *sidebar* ]] || fail "bash does not complete --style with the built-in styles: $completion"
# The shells' own files go to a scratch home, not shared with a test beside this one.
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
mkdir -p "$HOME"
zsh -n "$prefix/share/zsh/vendor-completions/_vitae" || fail "the zsh completion does not parse"
fish -n "$prefix/share/fish/vendor_completions.d/vitae.fish" || fail "the fish completion does not parse"
fish_completion=$(fish -c "source '$prefix/share/fish/vendor_completions.d/vitae.fish'; complete -C 'vitae build --format '")
[[ $fish_completion == *docx* ]] || fail "fish does not complete --format: $fish_completion"
echo "check_install: installed into $prefix and used from there"
