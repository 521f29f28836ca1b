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

/// Longest BibTeX value, @string macros expanded: the longest real values
/// (abstracts) are a few KiB, and pdflatex's line buffer holds 200,000
/// bytes; 256 KiB stops a doubling @string chain at its 18th step.
inline constexpr std::size_t max_bibtex_value_bytes = std::size_t{256} << 10;

/// Bytes all @string expansions of one .bib may copy, in macros and fields
/// together: as much again as the largest file, so that a file of macros
/// used in each other ("billion laughs") stays a small multiple of
/// max_input_bytes in memory, while real files (journal names used by a
/// few thousand entries) use well under 1 MiB of it.
inline constexpr std::size_t max_bibtex_expansion_bytes = max_input_bytes;

// --- style sheets (load/sheet_loader) --------------------------------------

// --- layout and PDF (layout, render/pdf) ------------------------------------

// --- LaTeX (render/latex, cli/tex_runner) ---------------------------------

/// Longest line of a generated .tex, in bytes: TeX reads a file a line at a
/// time into a buffer of buf_size bytes (200,000 in TeX Live's texmf.cnf)
/// and stops with "Unable to read an entire line" past it. Lines are broken
/// at spaces (or with a `%` line end) well below that; 4,096 also keeps the
/// .tex readable in an editor.
inline constexpr std::size_t max_tex_line_bytes = 4096;

/// How long `--via latex` lets the engine run, each pass, before killing it
/// (and everything it started): a long CV compiles in about a second, so a
/// minute is only ever reached by a loop.
inline constexpr int tex_time_limit_seconds = 60;

/// The longest time limit VITAE_TEX_TIME_LIMIT may set (an hour).
inline constexpr int max_tex_time_limit_seconds = 3600;

/// How much of the engine's terminal output vitae keeps to find an error
/// that is not in the log (a line too long for TeX's buffer is reported
/// on the terminal only); the rest is read and dropped.
inline constexpr std::size_t max_tex_terminal_bytes = std::size_t{64} << 10;

// --- command line (cli) ---------------------------------------------------

/// Symbolic links followed to find the file an output path names: Linux
/// gives up after 40 (MAXSYMLINKS), and so does vitae, with ELOOP.
inline constexpr int max_symlink_hops = 40;

/// Latest SOURCE_DATE_EPOCH taken: 9999-12-31T23:59:59Z. Dates are printed
/// with four-digit years (the PDF date format has four), and the C library
/// cannot break much larger values into a calendar date.
inline constexpr long long latest_source_date_epoch = 253'402'300'799;

}  // namespace vitae::limits
