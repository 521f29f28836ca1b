#pragma once
// The LaTeX backend: one standalone .tex file, for those who want TeX. It
// compiles with a stock TeX Live (pdflatex, or xelatex when the CV holds
// text pdflatex cannot set) and reproduces the CV vitae lays out itself:
// page and margins, sizes, colours, spacing and every decision the engine
// took (selection, fitting), all from the same style sheet. Lines are as
// tall as in the direct PDF, so pages break in the same places.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::render {

enum class TexEngine { pdflatex, xelatex };

[[nodiscard]] std::string_view engine_name(TexEngine engine);

/// A file the .tex needs and the Debian package that holds it.
struct TexFile {
    std::string_view name;
    std::string_view debian_package;
};

/// The classes and packages a .tex for this engine loads.
[[nodiscard]] const std::vector<TexFile>& required_tex_files(TexEngine engine);

/// A file the .tex reads beside it (a photo printed at its size).
struct TexAttachment {
    std::string name;  ///< a bare file name, the same for the same bytes
    std::string bytes;
};

struct LatexSource {
    std::string text;
    TexEngine engine = TexEngine::pdflatex;
    /// To be written into the .tex's folder (and TeX's working folder).
    std::vector<TexAttachment> attachments;
};

/// The CV as laid out (after selection and fitting) in `sheet` (as fitted).
/// `fonts` gives each style's vertical metrics and, for xelatex, which
/// fallback family has a character; `font_data`, when given, draws the
/// contact icons as in the direct PDF. Choosing xelatex is a note in
/// `diagnostics`, at the first character that needs it.
[[nodiscard]] LatexSource write_latex(const cv::Document& document, const style::Sheet& sheet,
                                      layout::FontProvider& fonts, const layout::FontData* font_data,
                                      Diagnostics& diagnostics);

/// `text` with everything TeX would read as markup made literal, for
/// pdflatex (T1) or xelatex. Characters pdflatex cannot set are kept as they
/// are (the writer switches to xelatex for them).
///
/// What comes out never holds TeX from `text`, whatever `text` is: none of
/// \ { } $ & # % _ ~ ^ stands raw (each is \%, \{, \textbackslash{}, …), no
/// control character does (C0 including NUL and newline, DEL, C1, U+2028 and
/// U+2029 each become a space), and the bytes are valid UTF-8 (an invalid
/// byte becomes U+FFFD). Every user string the writer puts into the .tex,
/// comments included, goes through it.
[[nodiscard]] std::string escape_tex(std::string_view text, TexEngine engine);

/// `tex` with every line longer than `max_line_bytes` broken so that TeX
/// reads the same tokens: at a space (a line end is a space to TeX, and the
/// next line's leading spaces are skipped, as after a space), else with a
/// `%` line end between two characters of text (never inside a control
/// sequence's name, a UTF-8 sequence or next to a `^`), and inside a `%` comment with a new
/// `%` line. No line it writes is blank (that would end a paragraph). A line
/// with nowhere to break (a control sequence's name longer than the limit)
/// stays as it is. The writer applies it to the whole .tex: pdflatex stops
/// at lines over its 200,000-byte buffer.
[[nodiscard]] std::string wrap_tex_lines(std::string_view tex, std::size_t max_line_bytes);

/// Whether pdflatex (T1 and TS1 encodings, UTF-8 input) sets the character.
[[nodiscard]] bool pdflatex_sets(char32_t code_point);

}  // namespace vitae::render
