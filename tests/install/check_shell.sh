#!/bin/bash
# The project's shell code passes shellcheck: every script with a sh or bash
# #! line (scripts/, bench/, tests/, fuzz/, .ci/) and the Dockerfile's RUN
# lines, which a container engine gives to /bin/sh. The Dockerfile itself
# (there is no hadolint in Debian) is checked for what the README promises:
# Debian 12 slim, the package scripts/package writes (admitted by
# .dockerignore), a user that is not root, /cv, vitae as the entrypoint.
#
#   check_shell.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
cd "$source_dir"
failed=0
fail() { echo "check_shell: $*" >&2; failed=1; }

mapfile -t scripts < <(grep -rlIE --exclude-dir=.git '^#!\s*(/usr/bin/env\s+)?(/bin/)?(ba)?sh\b' \
  scripts bench tests fuzz .ci | sort)
[[ ${#scripts[@]} -ge 15 ]] || fail "only ${#scripts[@]} shell scripts found"
for script in "${scripts[@]}"; do
  head -1 "$script" | grep -q '^#!' || continue
  shellcheck --external-sources "$script" || fail "$script"
done

joined=$(sed -e ':joined' -e '/\\$/{N;s/\\\n//;b joined}' Dockerfile | grep -v -e '^#' -e '^[[:space:]]*$')
grep -qx 'FROM debian:12-slim' <<< "$joined" || fail "the Dockerfile is not FROM debian:12-slim"
grep -qE '^COPY vitae_\*\.deb ' <<< "$joined" || fail "the Dockerfile does not COPY the package (vitae_*.deb)"
grep -qx '!vitae_\*\.deb' .dockerignore || fail ".dockerignore leaves the package out of the build context"
user=$(grep -E '^USER ' <<< "$joined" | tail -1 | cut -d' ' -f2)
[[ -n $user && $user != root && $user != 0 && $user != 0:* ]] || fail "the Dockerfile runs as root"
grep -qx 'WORKDIR /cv' <<< "$joined" || fail "the Dockerfile's working directory is not /cv"
grep -qx 'ENTRYPOINT \["vitae"\]' <<< "$joined" || fail "the Dockerfile's entrypoint is not vitae"
runs=0
while IFS= read -r run; do
  runs=$((runs + 1))
  printf '%s\n' "${run#RUN }" | shellcheck --shell=sh - || fail "the Dockerfile's RUN $runs"
done < <(grep '^RUN ' <<< "$joined")
[[ $runs -ge 1 ]] || fail "the Dockerfile has no RUN"

[[ $failed -eq 0 ]] && echo "check_shell: ${#scripts[@]} scripts and $runs RUN lines pass shellcheck"
exit "$failed"
