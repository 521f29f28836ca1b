# vitae's Debian package, made by CPack's DEB generator from what
# `cmake --install` installs (scripts/package runs it).
#
# The libraries the executable and its modules link are found by
# dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS); what vitae reads at run
# time without linking it (fonts, hyphenation patterns, the sRGB profile)
# is named here, by what a build does without it:
# - Depends: a built-in style cannot build an English CV without it. Lato and
#   CMU Serif are the styles' body faces (missing: an error), Font Awesome
#   their contact icons (missing: a warning on every build), DejaVu the
#   first fallback for Latin, Greek and Cyrillic, hyphen-en-us the patterns
#   of the default language (missing: a warning on every build).
# - Recommends: a CV in another script or language, or one option, needs
#   it: the fallbacks for Hebrew, Arabic, Thai, Devanagari, Chinese and
#   Japanese and for symbols, the other languages' hyphenation patterns,
#   DejaVu's mono obliques, the sRGB profile of --pdf-standard a-2b.
# - Suggests: `--via latex` and `-f latex` users' TeX Live.
# The package test (tests/install/check_package.sh) checks that every such
# package scripts/bootstrap installs is named here; scripts/check-package
# builds CVs in a clean Debian root from Depends alone, then with Recommends.
set(VITAE_PACKAGE_MAINTAINER "The vitae developers <maintainers@users.noreply.r-seed-fa60c6a4.example>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vitae)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${VITAE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "résumé compiler: a CV in TOML to PDF, LaTeX, HTML and Word")
# Lines of at most 80 columns, as dpkg shows them.
set(CPACK_PACKAGE_DESCRIPTION "vitae compiles a CV written once in TOML into a typeset PDF (its own engine:
HarfBuzz shaping, Knuth-Plass line breaking, hyphenation, font fallback for
every script, tagged PDF, PDF/A and PDF/UA), a standalone LaTeX file, a web
page, a Word document, JSON Resume, text or Markdown. Style sheets select and
fit the same CV to a one-page resume or a full academic CV; cover letters and
photos are part of the same build. Errors are reported as file:line:col, all
at once.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/package)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The Debian revision of this packaging of the release.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The modules are private (dlopen'ed from lib/vitae): no shlibs file.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-lato, fonts-cmu, fonts-font-awesome, fonts-dejavu-core, hyphen-en-us")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "fonts-dejavu-extra, fonts-symbola, fonts-wqy-microhei, fonts-ipafont-gothic, fonts-hosny-amiri, culmus, \
fonts-lohit-deva, fonts-tlwg-garuda-ttf, fonts-tlwg-norasi-ttf, hyphen-de, hyphen-fr, hyphen-es, hyphen-it, \
hyphen-pt-pt, hyphen-nl, hyphen-sv, hyphen-da, hyphen-no, hyphen-pl, hyphen-cs, hyphen-ru, hyphen-uk, \
hyphen-el, hyphen-hi, icc-profiles-free")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "texlive-xetex, texlive-latex-extra, texlive-latex-recommended, texlive-fonts-recommended, lmodern")

# Debian's documentation files: the package's changelog and copyright, in
# the component `debian`, which only the package installs (EXCLUDE_FROM_ALL
# keeps them out of a plain `cmake --install`). Their date is
# SOURCE_DATE_EPOCH's when set (scripts/package sets the commit's), so
# that the same commit makes the same package.
set(VITAE_DEBIAN_DIR ${PROJECT_BINARY_DIR}/debian)
string(TIMESTAMP VITAE_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(VITAE_DEBIAN_VERSION ${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})
configure_file(${PROJECT_SOURCE_DIR}/cmake/changelog.Debian.in ${VITAE_DEBIAN_DIR}/changelog.Debian @ONLY)
# copyright in Debian's machine-readable form, its text the LICENSE's.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE VITAE_LICENSE_TEXT)
string(REGEX MATCH "Copyright \\(c\\) ([^\n]*)" _ "${VITAE_LICENSE_TEXT}")
set(VITAE_COPYRIGHT "${CMAKE_MATCH_1}")
string(REGEX REPLACE "^MIT License\n\nCopyright[^\n]*\n\n" "" VITAE_LICENSE_TEXT "${VITAE_LICENSE_TEXT}")
string(STRIP "${VITAE_LICENSE_TEXT}" VITAE_LICENSE_TEXT)
string(REPLACE "\n\n" "\n.\n" VITAE_LICENSE_TEXT "${VITAE_LICENSE_TEXT}")
string(REPLACE "\n" "\n " VITAE_LICENSE_TEXT " ${VITAE_LICENSE_TEXT}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/copyright.in ${VITAE_DEBIAN_DIR}/copyright @ONLY)
add_custom_command(OUTPUT ${VITAE_DEBIAN_DIR}/changelog.Debian.gz ${VITAE_DEBIAN_DIR}/changelog.gz
  COMMAND ${VITAE_GZIP} -n -9 -c ${VITAE_DEBIAN_DIR}/changelog.Debian > ${VITAE_DEBIAN_DIR}/changelog.Debian.gz
  COMMAND ${VITAE_GZIP} -n -9 -c ${PROJECT_SOURCE_DIR}/CHANGELOG.md > ${VITAE_DEBIAN_DIR}/changelog.gz
  DEPENDS ${VITAE_DEBIAN_DIR}/changelog.Debian ${PROJECT_SOURCE_DIR}/CHANGELOG.md
  COMMENT "Compressing the package's changelogs")
add_custom_target(vitae_debian_files ALL DEPENDS ${VITAE_DEBIAN_DIR}/changelog.Debian.gz ${VITAE_DEBIAN_DIR}/changelog.gz)
install(FILES ${VITAE_DEBIAN_DIR}/changelog.Debian.gz ${VITAE_DEBIAN_DIR}/changelog.gz ${VITAE_DEBIAN_DIR}/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT debian EXCLUDE_FROM_ALL)
# One package of the files `cmake --install` installs (Unspecified) and
# Debian's, without the upstream CHANGELOG.md and LICENSE (upstream_notes)
# that Debian's files carry.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified debian)

include(CPack)
