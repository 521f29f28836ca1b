# vitae in a container: Debian 12 slim, the Debian package that
# scripts/package makes (the one the tests install), every font and
# hyphenation pattern it recommends. Runs as an unprivileged user in /cv.
#
#   scripts/package && docker build -t vitae .
#   docker run --rm -v "$PWD:/cv" --user "$(id -u):$(id -g)" vitae build cv.toml
FROM debian:12-slim

COPY vitae_*.deb /tmp/
# Recommends included: the fonts of every script and the hyphenation
# patterns of every language the built-in styles set.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --install-recommends /tmp/vitae_*.deb \
    && rm -rf /var/lib/apt/lists/* /tmp/vitae_*.deb \
    && useradd --create-home --uid 1000 cv

USER cv
# fontconfig and vitae keep their caches here: writable for the user
# `docker run --user` gives too, who has no home in the image (fontconfig
# would say "No writable cache directories" at every run).
ENV XDG_CACHE_HOME=/tmp/cache
WORKDIR /cv
ENTRYPOINT ["vitae"]
CMD ["--help"]
