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

// A dotted key `a.b.c` or a header `[a.b.c]` nests a table per part, and
// toml++ builds them recursively: before a file reaches it, a scan of its
// bytes counts how deep its keys, headers and brackets nest, and stops at
// max_nesting_depth (above).

/// Longest link target (url, doi, pdf, code, homepage, email) in bytes. A
/// PDF string holds at most 65,535 bytes (libharu's HPDF_LIMIT_MAX_STRING_LEN);
/// the PDF writer percent-encodes every byte outside printable ASCII (three
/// bytes each) and may put "https://doi.org/" (16 bytes) before a DOI.
inline constexpr std::size_t pdf_max_string_bytes = 65535;
inline constexpr std::size_t link_prefix_bytes = 16;
inline constexpr std::size_t percent_encoded_bytes = 3;
inline constexpr std::size_t max_link_target_bytes =
    (pdf_max_string_bytes - link_prefix_bytes) / percent_encoded_bytes;

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

/// Longest `extends` chain: the built-in styles extend at most once, and
/// each link is a file read and applied in turn (recursively).
inline constexpr int max_extends_depth = 32;

// --- layout and PDF (layout, render/pdf) ------------------------------------

/// Largest font size in points: libharu refuses more (HPDF_MAX_FONTSIZE).
inline constexpr double max_font_size = 600;
/// Page width and height in points: libharu's HPDF_MIN_PAGE_SIZE and
/// HPDF_MAX_PAGE_SIZE (200 inches).
inline constexpr double min_page_extent = 3;
inline constexpr double max_page_extent = 14400;
/// Longest length a style may give (gaps, indents, margins, widths…): none
/// can exceed the largest page. This also keeps every coordinate far inside
/// what the PDF number writer prints (a 64-bit integer of hundredths) and
/// inside libharu's real numbers (HPDF_LIMIT_MAX_REAL, 32,767).
inline constexpr double max_length = max_page_extent;
/// Longest length given in em (a multiple of the font size): at the
/// largest font size it is still the longest length.
inline constexpr double max_em_length = max_length / max_font_size;
/// Longest text the PDF writer puts in one text string (document
/// information, bookmark titles), in UTF-8 bytes. It writes UTF-16 after a
/// 2-byte byte-order mark, at most 2 bytes per UTF-8 byte (a 4-byte
/// character is a 4-byte surrogate pair), into a PDF string of at most
/// pdf_max_string_bytes.
inline constexpr std::size_t pdf_byte_order_mark_bytes = 2;
inline constexpr std::size_t utf16_bytes_per_utf8_byte = 2;
inline constexpr std::size_t max_pdf_text_bytes =
    (pdf_max_string_bytes - pdf_byte_order_mark_bytes) / utf16_bytes_per_utf8_byte;

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

// --- the PDF (render/pdf) ---------------------------------------------------

/// Most pages whose structure a PDF tags. Every structure element is an
/// object libharu holds until it saves, about 1 KB each and a few per
/// block: about 160 KB a page (bench/hostile: a 920-page CV peaked at 197
/// MB tagged). Past this many pages, ten times the longest real CVs, the
/// PDF is written untagged with a warning (an error under PDF/UA-1 or
/// PDF/A-2a) rather than grow by a hundred megabytes more.
inline constexpr std::size_t max_tagged_pages = 300;

/// The most pixels a picture (a photo, a signature) may have: 120 million,
/// above the largest cameras' 100-megapixel sensors. A picture is decoded a
/// row at a time, so the bound is on time (about a second), not memory.
inline constexpr double max_picture_pixels = 120e6;
/// An interlaced PNG is held whole while its passes are read (4 bytes a
/// pixel): at most 24 million pixels, about 100 MB. Photos are rarely
/// interlaced; a camera's are JPEGs.
inline constexpr double max_interlaced_picture_pixels = 24e6;

}  // namespace vitae::limits
