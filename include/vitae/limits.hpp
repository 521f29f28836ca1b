#pragma once
// What vitae accepts from an input it did not write. Every bound here is
// checked where the input is read and reported as a diagnostic at its
// position; the README's "Limits" section lists them for users. Each value
// says where it comes from: a bound is either what the format or a library
// downstream can carry, or far above any real CV while still keeping a
// hostile input within seconds and a few hundred megabytes.

#include <cstddef>

namespace vitae::limits {

// --- files (base/input) ---------------------------------------------------

/// Largest input file (CV, style sheet, BibTeX, JSON Resume): the longest
/// real CVs and bibliographies seen are under 2 MB; 16 MiB leaves room for
/// a lab's whole .bib while memory stays a small multiple of it.
inline constexpr std::size_t max_input_bytes = std::size_t{16} << 20;

// --- nesting --------------------------------------------------------------

/// Deepest nesting of arrays, tables, objects or braces in any input
/// format: toml++ stops at 256, and every recursive reader stops there too
/// so that no input can exhaust the stack.
inline constexpr int max_nesting_depth = 256;

// --- TOML (load/cv_loader, load/sheet_loader) -----------------------------

// --- BibTeX and JSON Resume (load/bibtex, load/json_resume) ---------------

// --- style sheets (load/sheet_loader) --------------------------------------

// --- layout and PDF (layout, render/pdf) ------------------------------------

// --- LaTeX (render/latex, cli/tex_runner) ---------------------------------

// --- command line (cli) ---------------------------------------------------

// --- suggestions and selection (base/suggest, style/select) ---------------

/// Longest word offered a "did you mean": keys, tags and titles are typed by
/// hand and short; a longer word is no typo of a known one, and comparing it
/// would cost its length squared per candidate.
inline constexpr std::size_t max_suggested_word_bytes = 64;

/// Candidates compared for one suggestion, after those whose length alone
/// rules them out: every fixed list of keys is far shorter, and a CV's
/// titles or tags rarely reach a hundred.
inline constexpr std::size_t max_suggestion_candidates = 1000;

/// Misspelt words offered a suggestion against one list (a style's section
/// titles, a section's BibTeX keys): past a hundred misses the input is not
/// a typo, and the rest still get their diagnostic, without the hint.
inline constexpr std::size_t max_suggestions_per_list = 100;

/// Tags named in one omission's reason ("none of its tags (a, b) is
/// selected (c)"); past it the reason says how many more.
inline constexpr std::size_t max_tags_in_reason = 10;

}  // namespace vitae::limits
