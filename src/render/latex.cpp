// The LaTeX backend. It sets the blocks the CV is composed into (src/
// compose), as the layout engine (src/layout) does, and knows
// no rule of the CV's own; it chooses faces by the engine's rule
// (layout::FaceChoice). Block by block, every line is a paragraph line
// whose height and depth are those of the direct PDF's line (a strut, and
// baselineskip with \lineskiplimit at -\maxdimen), blocks are stacked
// without TeX's interline glue, the gaps are the style's, and page breaks
// are allowed where the engine allows them. TeX then breaks pages where
// vitae does, as long as its lines break alike; the fonts are chosen for
// that (pdflatex: Latin Modern, whose widths are within 1.5% of Lato's and
// CMU Serif's).
#include "vitae/render/latex.hpp"

#include "vitae/image/image.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "vitae/base/limits.hpp"
#include "vitae/base/numbers.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/layout/bidi.hpp"
#include "vitae/layout/face_choice.hpp"
#include "vitae/layout/segmentation.hpp"
#include "vitae/style/breaks.hpp"
#include "vitae/style/markup_style.hpp"

namespace vitae::render {

namespace {

#include "latex_characters.inc"

/// Symbols outside T1 and TS1 that TeX Live's base packages draw
/// (marvosym: texlive-fonts-recommended; pifont: texlive-latex-base). Each
/// keeps its Unicode in the PDF's text through accsupp's ActualText.
const std::map<char32_t, std::string_view>& symbol_commands() {
    static const std::map<char32_t, std::string_view> commands = {
        {0x2605, "\\ding{72}"}, {0x2606, "\\ding{73}"},  {0x260E, "\\Telefon"},   {0x261E, "\\ding{43}"},
        {0x2702, "\\ding{34}"}, {0x2706, "\\ding{37}"},  {0x2709, "\\Letter"},    {0x270E, "\\ding{46}"},
        {0x2713, "\\ding{51}"}, {0x2714, "\\ding{52}"},  {0x2717, "\\ding{55}"},  {0x2718, "\\ding{56}"},
        {0x2726, "\\ding{70}"}, {0x2756, "\\ding{118}"}, {0x27A4, "\\ding{228}"},
    };
    return commands;
}

/// The stretch and shrink XeTeX gives an OpenType font's space, as
/// fractions of its width (\fontdimen3 and 4 of Lato and CMU Serif, as
/// loaded by fontspec).
constexpr double xetex_space_stretch = 1.0 / 2.0;
constexpr double xetex_space_shrink = 1.0 / 3.0;

/// Places a number of the .tex keeps: a ten-thousandth of a bp is finer
/// than TeX's own unit (1/65536 pt) and than any device pixel, and every
/// further digit ("43.199999999999996bp" for 0.6 in) only makes the .tex
/// harder to read.
constexpr int tex_decimal_places = 4;

/// A number as TeX reads one: four places at most, no trailing zeros,
/// never an exponent.
std::string decimal(double value) {
    return compact_decimal(value, tex_decimal_places);
}

/// TeX's units are printer's points; vitae's, like PDF's, big points.
std::string bp(double value) {
    return fmt::format("{}bp", decimal(value));
}

/// A whole number as TeX reads one: TeX's integers stop at 2^31 - 1 (and
/// the cast to int would be undefined past it).
std::string tex_integer(double value) {
    constexpr double largest = 2147483647.0;
    if (std::isnan(value)) return "0";
    return fmt::format("{}", static_cast<long long>(std::clamp(value, -largest, largest)));
}

std::string rgb(const style::Color& color) {
    return fmt::format("{},{},{}", decimal(color.red), decimal(color.green), decimal(color.blue));
}

/// A macro call, each argument in braces: command("\\href", {url, text})
/// is \href{url}{text}.
std::string command(std::string_view macro, std::initializer_list<std::string_view> arguments) {
    return fmt::format("{}{{{}}}", macro, fmt::join(arguments, "}{"));
}

/// A URL as \href reads it: % and # escaped, what would break the argument
/// percent-encoded.
std::string escape_url(std::string_view url) {
    std::string out;
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '%' || c == '#') {
            out += '\\';
            out += c;
        } else if (c == '\\' || c == '{' || c == '}' || c == '^' || byte <= 0x20 || byte == 0x7F) {
            fmt::format_to(std::back_inserter(out), "\\%{:02X}", static_cast<unsigned>(byte));
        } else {
            out += c;
        }
    }
    return out;
}

/// The TeX macro name of a text style of the sheet.
struct NamedStyle {
    std::string macro;
    const style::TextStyle* style;
};

/// A text style's macro, from its name in a style sheet: "cv" and the
/// name's words capitalised ("publications.title" → cvPublicationsTitle),
/// since TeX's macro names are letters only.
std::string style_macro(std::string_view style_name) {
    std::string macro = "cv";
    bool word_start = true;
    for (const char c : style_name) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter) {
            word_start = true;
            continue;
        }
        macro += word_start && c >= 'a' ? static_cast<char>(c - 'a' + 'A') : c;
        word_start = false;
    }
    return macro;
}

/// The type on a line, from which the engine computes its height: the
/// largest extent above and below the baseline of any face on it, and the
/// largest size (LineSetter::make_line in src/layout/lines.cpp).
/// The type of a line, as the engine measures it: the parts set in one
/// paragraph share one natural ascent, descent and size (the largest of
/// each, make_line), while parts set apart and merged onto the line (a
/// marker, a date beside a title, a skill label) each reach as far as their
/// own type and leading take them (merge, extent_of).
struct LineMetrics {
    struct Type {
        double natural_ascent = 0;
        double natural_descent = 0;
        double size = 0;
        layout::TypeReach ink;  ///< of glyphs in a face taller than its lines
    };
    Type type;
    std::vector<Type> beside;

    /// More text in the same paragraph.
    [[nodiscard]] LineMetrics with(const LineMetrics& other) const {
        LineMetrics line = *this;
        line.type = {std::max(type.natural_ascent, other.type.natural_ascent),
                     std::max(type.natural_descent, other.type.natural_descent),
                     std::max(type.size, other.type.size),
                     {std::max(type.ink.ascent, other.type.ink.ascent),
                      std::max(type.ink.descent, other.type.ink.descent)}};
        line.beside.insert(line.beside.end(), other.beside.begin(), other.beside.end());
        return line;
    }
    /// A part set on its own and merged onto the line.
    [[nodiscard]] LineMetrics and_beside(const LineMetrics& other) const {
        LineMetrics line = *this;
        line.beside.push_back(other.type);
        line.beside.insert(line.beside.end(), other.beside.begin(), other.beside.end());
        return line;
    }
};

/// Collects what needs xelatex while the body is written for pdflatex.
struct EngineNeeds {
    bool xelatex = false;
    SourceRegion where;
    char32_t code_point = 0;
};

/// `\DocumentMetadata{…}` (LaTeX's PDF management) asking TeX for the
/// sheet's PDF/A level, in the CV's language; nothing without one. PDF/UA
/// is not asked for: it needs a tagged PDF, which TeX Live 2022 cannot
/// make (see warn_about_standards).
std::string document_metadata(const style::PdfStandards& standards, std::string_view language) {
    const char* level = nullptr;
    switch (standards.archive) {
        case style::PdfArchive::none: return {};
        case style::PdfArchive::level_b: level = "A-2b"; break;
        case style::PdfArchive::level_u: level = "A-2u"; break;
        case style::PdfArchive::level_a: level = "A-2a"; break;
    }
    // The tag is BCP 47's letters, digits and hyphens: nothing TeX reads otherwise.
    return fmt::format("\\DocumentMetadata{{pdfstandard={},lang={},pdfversion=1.7}}\n", level, language);
}

/// What a PDF made by TeX Live 2022 from the LaTeX output lacks of the
/// standards the sheet names, as warnings (docs/pdf-standards.md has the
/// evidence): its \DocumentMetadata dates the PDF by the clock, ignoring
/// SOURCE_DATE_EPOCH, and drops escaped characters such as '&' from the
/// document information dictionary while the XMP keeps them; it can tag
/// only in an experimental test phase. The standards may come from the
/// command line: the warnings have no place in the sheet.
void warn_about_standards(const style::PdfStandards& standards, Diagnostics& diagnostics) {
    if (standards.archive != style::PdfArchive::none) {
        diagnostics.warning(
            {},
            fmt::format("the LaTeX output asks TeX for {} with \\DocumentMetadata, but TeX Live "
                        "2022 does not make the PDF conform: it dates it by the clock, not "
                        "SOURCE_DATE_EPOCH, and its document information can disagree with "
                        "its XMP",
                        style::describe(style::PdfStandards{standards.archive, false})),
            "for a PDF/A file, build the PDF without --via latex");
    }
    if (standards.universal_access) {
        diagnostics.warning(
            {},
            "the LaTeX output cannot be PDF/UA-1: TeX Live 2022 cannot tag a PDF (its tagging is "
            "an experimental test phase), so the output does not claim ua-1",
            "for a PDF/UA file, build the PDF without --via latex");
    }
}

/// Turns a CV's composed blocks (compose::Composer) into TeX, block by
/// block as they are composed.
class LatexWriter final : public compose::BlockSink {
public:
    LatexWriter(const compose::Composer& composer, layout::FontProvider& fonts,
                const layout::FontData* font_data, TexEngine engine)
        : composer_(composer),
          sheet_(composer.sheet()),
          fonts_(fonts),
          faces_(fonts, sheet_),
          font_data_(font_data),
          engine_(engine),
          named_styles_(name_styles()),
          context_level_(sheet_.language.right_to_left ? 1 : 0) {}

    [[nodiscard]] const EngineNeeds& needs() const { return needs_; }
    [[nodiscard]] std::vector<TexAttachment> take_attachments() { return std::move(attachments_); }

    /// Whether fontspec can load `family` as the engine does: installed (the
    /// engine found it through fontconfig, as xelatex does) under a name TeX
    /// reads as it is.
    [[nodiscard]] static bool fontspec_finds(layout::FontProvider& fonts, const std::string& family) {
        return is_plain_font_name(family) && fonts.find_face({family, false, false, true}).has_value();
    }

    std::string write() {
        body_ascent_ = ascent_and_descent(metrics(sheet_.body)).first;
        composer_.compose(*this);
        if (in_columns_) body_ += "\\end{paracol}\n";
        std::string body = std::exchange(body_, {});
        // Bookmarks in the CV's order, at the end: a sidebar sets its
        // sections first.
        std::vector<SectionBookmark> in_order = bookmarks_;
        std::stable_sort(
            in_order.begin(), in_order.end(),
            [](const SectionBookmark& a, const SectionBookmark& b) { return a.section < b.section; });
        for (const SectionBookmark& bookmark : in_order) {
            fmt::format_to(std::back_inserter(body), "\\bookmark[dest={},level=1]{{{}}}\n", bookmark.anchor,
                           bookmark.title);
        }
        return wrap_tex_lines(fmt::format("{}\\begin{{document}}\n{}\\end{{document}}\n", preamble(), body),
                              limits::max_tex_line_bytes);
    }

private:
    // --- styles and metrics ------------------------------------------------------

    /// Every text style of the sheet with its TeX macro.
    [[nodiscard]] std::vector<NamedStyle> name_styles() const {
        std::vector<NamedStyle> named;
        for (const auto& [name, style] : style::Sheet::named_text_styles_of(sheet_))
            named.push_back({style_macro(name), style});
        return named;
    }

    [[nodiscard]] std::string macro_of(const style::TextStyle& style) const {
        for (const NamedStyle& named : named_styles_) {
            if (named.style == &style) return fmt::format("\\{}", named.macro);
        }
        return fmt::format("\\{}", named_styles_.front().macro);
    }

    [[nodiscard]] const std::string& family_of(const style::TextStyle& style) const {
        return faces_.family_of(style);
    }

    [[nodiscard]] LineMetrics metrics(const style::TextStyle& style) {
        const auto face = faces_.for_style(style, style.bold, style.italic);
        if (face) return metrics_of(*face, style.size);
        const layout::FaceInfo unknown;  // the em's usual ascender and descender
        return {{unknown.ascender * style.size, -unknown.descender * style.size, style.size, {}}, {}};
    }

    [[nodiscard]] LineMetrics metrics_of(layout::FaceId face, double size) const {
        const layout::FaceInfo& info = fonts_.face(face);
        return {{info.ascender * size, -info.descender * size, size, {}}, {}};
    }

    /// "{ascent}{descent}" of a line, as the engine sets it: TeX's
    /// baselineskip, the leading shared above and below the type.
    [[nodiscard]] std::string extent(const LineMetrics& metrics) {
        const LineMetrics line = metrics.with(pending_type_);
        pending_type_ = {};
        const auto [ascent, descent] = ascent_and_descent(line);
        return fmt::format("{{{}}}{{{}}}", bp(ascent), bp(descent));
    }

    [[nodiscard]] std::pair<double, double> ascent_and_descent(const LineMetrics& line) const {
        const auto reach = [this](const LineMetrics::Type& type) {
            return layout::type_reach(type.natural_ascent, type.natural_descent, type.size,
                                      sheet_.line_height, type.ink);
        };
        layout::TypeReach line_reach = reach(line.type);
        for (const LineMetrics::Type& part : line.beside) {
            const layout::TypeReach part_reach = reach(part);
            line_reach = {std::max(line_reach.ascent, part_reach.ascent),
                          std::max(line_reach.descent, part_reach.descent)};
        }
        return {line_reach.ascent, line_reach.descent};
    }

    // --- directions ---------------------------------------------------------------

    // Right-to-left text is set in TeX--XeT's segments (\beginR … \endR,
    // \beginL … \endL), nested as the levels of the Unicode bidirectional
    // algorithm (the engine's, layout::bidi_paragraph): e-TeX turns a
    // segment round, words and boxes, where its direction differs from the
    // one it is in, and XeTeX shapes each word itself. So TeX breaks its own
    // lines and shows each in the engine's order.

    /// The levels of a piece's text (plain, or the CV's with its spans), a
    /// paragraph of its own, as the engine resolves them.
    template <typename Text>
    [[nodiscard]] layout::BidiParagraph levels_of(const Text& text, layout::BaseDirection base) const {
        return layout::bidi_paragraph(text, sheet_.language.right_to_left, base);
    }

    /// Starts a piece of text whose levels are `paragraph` (levels_of): the
    /// levels of its characters, which characters() reads, and the segment
    /// of its direction. Nothing, and no levels, under pdflatex or for text
    /// with no right-to-left character (no odd level) in a left-to-right
    /// CV: its .tex stays as it was. `left_to_right`: all of it reads left
    /// to right (a link's).
    std::string begin_directed(layout::BidiParagraph paragraph, bool left_to_right) {
        piece_levels_.clear();
        next_character_ = 0;
        open_levels_.clear();
        isolate_floor_ = 0;
        const bool any_right_to_left =
            std::any_of(paragraph.levels.begin(), paragraph.levels.end(),
                        [](layout::BidiLevel level) { return layout::reads_right_to_left(level); });
        if (engine_ != TexEngine::xelatex || (!sheet_.language.right_to_left && !any_right_to_left))
            return {};
        if (left_to_right) {
            paragraph.base = layout::left_to_right_above(paragraph.base);
            std::fill(paragraph.levels.begin(), paragraph.levels.end(), paragraph.base);
        }
        piece_levels_ = std::move(paragraph.levels);
        open_levels_ = {context_level_};
        directed_ = true;
        // A piece of the other direction than its context (English text in
        // a Hebrew CV's paragraph) has all its levels raised by as much as
        // its own base needs: its Hebrew words nest inside it, not in the
        // context.
        const layout::BidiLevel context = context_level_;
        level_shift_ = static_cast<layout::BidiLevel>(
            paragraph.base < context ? (context - paragraph.base + 1) / 2 * 2 : 0);
        return marks_to(static_cast<layout::BidiLevel>(paragraph.base + level_shift_));
    }

    /// Ends the piece begun: its segments closed.
    std::string end_directed() {
        if (open_levels_.empty()) return {};
        isolate_floor_ = 0;
        std::string out = marks_to(open_levels_.front());
        open_levels_.clear();
        piece_levels_.clear();
        return out;
    }

    /// The level of the piece's next character, when the piece has levels.
    std::optional<layout::BidiLevel> next_level() {
        if (open_levels_.empty() || next_character_ >= piece_levels_.size()) return std::nullopt;
        return static_cast<layout::BidiLevel>(piece_levels_[next_character_++] + level_shift_);
    }

    /// Passes over characters of the piece that are not written as such.
    void skip_levels(std::size_t characters) { next_character_ += characters; }

    /// The marks that close and open segments from those open to `level`.
    /// Inside an isolate (a link), a level below the floor is lifted above
    /// it by an even number: the same direction.
    std::string marks_to(layout::BidiLevel level) {
        std::string out;
        const layout::BidiLevel floor = open_levels_[isolate_floor_];
        if (level < floor) level = static_cast<layout::BidiLevel>(level + (floor - level + 1) / 2 * 2);
        while (open_levels_.size() > isolate_floor_ + 1 && open_levels_.back() > level) {
            out += layout::reads_right_to_left(open_levels_.back()) ? "\\endR{}" : "\\endL{}";
            open_levels_.pop_back();
        }
        while (open_levels_.back() < level) {
            open_levels_.push_back(static_cast<layout::BidiLevel>(open_levels_.back() + 1));
            out += layout::reads_right_to_left(open_levels_.back()) ? "\\beginR{}" : "\\beginL{}";
        }
        return out;
    }

    /// A link in a segment of its own, which no segment inside it outlives:
    /// hyperref's marks of the link's start and end must stay in that order,
    /// which a right-to-left segment would turn round.
    struct Isolation {
        std::string opening;  ///< before the link
        std::string closing;  ///< after it
        std::size_t floor = 0;
        bool pushed = false;  ///< a left-to-right segment was opened for it
    };

    Isolation isolate() {
        if (open_levels_.empty()) {
            if (!layout::reads_right_to_left(context_level_)) return {};
            return {"\\beginL{}", "\\endL{}", 0, false};
        }
        Isolation isolation{{}, {}, isolate_floor_, false};
        if (layout::reads_right_to_left(open_levels_.back())) {
            open_levels_.push_back(static_cast<layout::BidiLevel>(open_levels_.back() + 1));
            isolation = {"\\beginL{}", "\\endL{}", isolate_floor_, true};
        }
        isolate_floor_ = open_levels_.size() - 1;
        return isolation;
    }

    /// `run` linked to `url`, in the segment isolate() opened.
    std::string linked(std::string_view url, std::string run, const Isolation& isolation) {
        if (!open_levels_.empty()) run += marks_to(open_levels_[isolate_floor_]);
        std::string out = command("\\href", {escape_url(url), run});
        if (isolation.pushed) open_levels_.pop_back();
        if (!open_levels_.empty()) isolate_floor_ = isolation.floor;
        return out + isolation.closing;
    }

    // --- text ---------------------------------------------------------------------

    /// Escaped text in one style; in xelatex, characters the style's face
    /// lacks go to the first fallback family that has them, as in the
    /// engine.
    std::string characters(std::string_view text, const style::TextStyle& style, bool bold, bool italic,
                           const SourceRegion& where, SourcePosition start) {
        std::string uppercased;
        if (style.uppercase) {
            for (std::size_t offset = 0; offset < text.size();)
                utf8::append(uppercased, utf8::to_upper(utf8::next(text, offset)));
            text = uppercased;
        }
        std::string out;
        const std::optional<layout::FaceId> primary = faces_.for_style(style, bold, italic);
        // The group a character is set in: a fallback family (its number;
        // 0: the style's own), and whether XeTeX leaves the PDF's text to
        // the glyphs' own Unicode. Its ActualText of a right-to-left word
        // is the word in logical order over glyphs drawn from the left,
        // which poppler turns round again.
        // A fallback may be upright or regular where no face of the style
        // has the character (layout::FaceChoice::fallback_for_character);
        // Arabic and Hebrew are shaped as their script (fontspec's Script,
        // Latin by default, would leave Arabic letters unjoined).
        struct Group {
            std::size_t fallback = 0;
            bool upright = false;
            bool regular = false;
            std::string_view script;
            bool glyph_text = false;
            bool operator==(const Group&) const = default;
        };
        Group open_group;
        // The characters set in one face in a row: in a face taller than its
        // lines, their ink decides the line's height, as in the engine.
        std::optional<layout::FaceId> ink_face;
        std::string ink_text;
        const auto measure_ink = [&] {
            if (ink_face && layout::is_tall(fonts_.face(*ink_face), sheet_.line_height)) {
                const bool right_to_left = layout::has_right_to_left(ink_text);
                const auto glyphs = fonts_.shape_directed(*ink_face, ink_text, right_to_left);
                pending_type_ = pending_type_.with(
                    {{0, 0, 0, layout::ink_of(fonts_, *ink_face, glyphs, style.size)}, {}});
            }
            ink_text.clear();
        };
        std::uint32_t column = start.column;
        // Thai has no spaces between its words, and XeTeX breaks it nowhere
        // by itself: a line may break where the engine's may.
        const std::vector<std::size_t> thai_breaks =
            engine_ == TexEngine::xelatex ? layout::thai_word_breaks(text) : std::vector<std::size_t>{};
        auto next_thai_break = thai_breaks.begin();
        const auto close_group = [&] {
            if (open_group != Group{}) out += "}";
            open_group = {};
        };
        for (std::size_t offset = 0; offset < text.size(); ++column) {
            const std::size_t begin = offset;
            char32_t code_point = utf8::next(text, offset);
            std::string_view character = text.substr(begin, offset - begin);
            if (next_thai_break != thai_breaks.end() && *next_thai_break == begin) {
                out += "\\penalty0{}";
                ++next_thai_break;
            }
            std::string mirror;
            if (const std::optional<layout::BidiLevel> level = next_level()) {
                out += marks_to(*level);
                // XeTeX shapes a bracket alone left to right: the mirror image is ours to set.
                if (layout::reads_right_to_left(*level) && layout::mirrored(code_point) != code_point) {
                    code_point = layout::mirrored(code_point);
                    utf8::append(mirror, code_point);
                    character = mirror;
                }
            }
            if (utf8::is_control(code_point)) {
                out += escape_tex(character, engine_);
                continue;
            }
            // The face the engine sets the character in makes the line as
            // tall as in the direct PDF.
            Group group;
            std::optional<layout::FaceId> face_set = primary;
            if (code_point != U' ' && primary && !fonts_.has_glyph(*primary, code_point)) {
                if (const auto face = faces_.fallback_for_character(bold, italic, code_point)) {
                    group.fallback = face->index + 1;
                    group.upright = italic && !face->italic;
                    group.regular = bold && !face->bold;
                    face_set = face->face;
                    pending_type_ = pending_type_.with(metrics_of(face->face, style.size));
                }
            }
            if (face_set != ink_face) {
                measure_ink();
                ink_face = face_set;
            }
            ink_text += character;
            if (engine_ == TexEngine::pdflatex) {
                if (code_point >= 0x80 && !pdflatex_sets(code_point) &&
                    !symbol_commands().contains(code_point) && !needs_.xelatex) {
                    needs_ = {true, where.at({start.line, column}), code_point};
                }
                if (const auto symbol = symbol_commands().find(code_point);
                    symbol != symbol_commands().end()) {
                    fmt::format_to(std::back_inserter(out),
                                   "\\BeginAccSupp{{method=hex,unicode,ActualText={:04X}}}{}\\EndAccSupp{{}}",
                                   static_cast<std::uint32_t>(code_point), symbol->second);
                    continue;
                }
                out += escape_tex(character, engine_);
                continue;
            }
            group.script = script_shaped(code_point);
            group.glyph_text = !glyph_colours() && layout::is_right_to_left(code_point);
            if (group != open_group) {
                close_group();
                if (group != Group{}) {
                    out += "{";
                    if (group.fallback != 0 || !group.script.empty()) {
                        out += group.fallback != 0
                                   ? fallback_command(group.fallback - 1, style.color, group.script)
                                   : family_command(family_of(style), style.color, group.script);
                    }
                    if (group.upright) out += "\\upshape";
                    if (group.regular) out += "\\mdseries";
                    if (group.glyph_text) out += "\\XeTeXgenerateactualtext=0";
                    out += " ";
                }
                open_group = group;
            }
            out += escape_tex(character, engine_);
        }
        close_group();
        measure_ink();
        return out;
    }

    /// characters() with a TeX penalty at each break point of a contact
    /// (style::split_contact), where the engine breaks it too.
    std::string breakable_characters(std::string_view text, const style::TextStyle& style, bool bold,
                                     bool italic, const SourceRegion& where, SourcePosition start) {
        std::string out;
        for (const style::ContactPiece& piece : style::split_contact(text)) {
            const auto column = static_cast<std::uint32_t>(utf8::length(text.substr(0, piece.offset)));
            out += characters(piece.text, style, bold, italic, where, {start.line, start.column + column});
            if (piece.break_after)
                fmt::format_to(std::back_inserter(out), "\\penalty{} ", tex_integer(*piece.break_after));
        }
        return out;
    }

    /// A, B, …, Z, AA: TeX macro names take letters only.
    static std::string letters(std::size_t number) {
        std::string name;
        for (; number > 0; number = (number - 1) / 26)
            name.insert(name.begin(), static_cast<char>('A' + (number - 1) % 26));
        return name;
    }

    /// A field with its markup, links and link colour, in a style.
    /// `breakable`: with the break points of a contact (breakable_characters).
    /// `set_bold`: its characters are set bold (the caller makes the macro bold).
    std::string rich(const cv::RichText& text, const style::TextStyle& style, bool breakable, bool set_bold,
                     layout::BaseDirection direction) {
        std::string spans = begin_directed(levels_of(text, direction), false);
        for (const cv::Span& span : text.spans) {
            // TeX's \\ as the engine sets it; a paragraph break in text not
            // split into paragraphs ends the line too.
            if (span.break_before != cv::Span::Break::none) spans += "\\hfil\\penalty-10000 ";
            const bool bold = style.bold || span.bold || set_bold;
            const bool italic = style.italic || span.italic;
            style::TextStyle span_style = style;
            if (!span.link.empty() && sheet_.link_color != style::Color{})
                span_style.color = sheet_.link_color;
            const Isolation isolation = span.link.empty() ? Isolation{} : isolate();
            std::string run =
                span.code ? code(span, span_style, bold, italic, text.where)
                : breakable
                    ? breakable_characters(span.text, span_style, bold, italic, text.where, span.start)
                    : characters(span.text, span_style, bold, italic, text.where, span.start);
            if (span.bold && !style.bold) run = command("\\textbf", {run});
            if (span.italic && !style.italic) run = command("\\textit", {run});
            if (!span.link.empty()) {
                if (sheet_.link_color != style::Color{}) {
                    run = glyph_colours()
                              ? fmt::format("{{{} {}}}", family_command(family_of(style), span_style.color),
                                            run)
                              : command("\\textcolor[rgb]", {rgb(sheet_.link_color), run});
                }
                run = isolation.opening + linked(span.link, run, isolation);
            }
            spans += run;
        }
        spans += end_directed();
        return command(macro_of(style), {spans});
    }

    /// A `code` span in the engine's code face; in pdflatex, Courier (URW's,
    /// texlive-fonts-recommended), whose every glyph is 0.6 em wide as
    /// DejaVu Sans Mono's (0.602 em): lines break alike. Latin Modern Mono's
    /// are 0.525 em.
    std::string code(const cv::Span& span, const style::TextStyle& style, bool bold, bool italic,
                     const SourceRegion& where) {
        style::TextStyle code_style = style;
        code_style.family = style::code_family;
        if (const auto face = faces_.for_style(code_style, bold, italic))
            pending_type_ = pending_type_.with(metrics_of(*face, style.size));
        const std::string family = engine_ == TexEngine::pdflatex
                                       ? "\\fontfamily{pcr}\\selectfont"
                                       : family_command(code_style.family, code_style.color);
        return fmt::format("{{{} {}}}", family,
                           characters(span.text, code_style, bold, italic, where, span.start));
    }

    /// Plain text vitae made (a date, a marker, a separator, a contact) in
    /// its piece's style, with its link; a footer template's with TeX's
    /// page numbers for `{page}` and `{pages}`.
    std::string plain(const compose::Piece& piece, layout::BaseDirection direction) {
        const style::TextStyle style = piece.effective_style();
        // A space inside a style's macro would end its font command: it goes before.
        std::string_view text = piece.text;
        const std::size_t text_start = std::min(text.find_first_not_of(' '), text.size());
        std::string out = text_start > 0 ? " " : "";
        text.remove_prefix(text_start);
        if (text.empty()) return out;
        const SourcePosition start = piece.where.begin;
        // A link's text reads left to right whatever is around it, unless
        // it has right-to-left letters of its own (as in the engine).
        std::string opening = begin_directed(levels_of(text, direction),
                                             !piece.url.empty() && !layout::has_right_to_left(text));
        const Isolation isolation = piece.url.empty() ? Isolation{} : isolate();
        std::string run =
            (piece.page_numbered ? page_numbered_characters(text, style, piece.where)
             : piece.breakable
                 ? breakable_characters(text, style, style.bold, style.italic, piece.where, start)
                 : characters(text, style, style.bold, style.italic, piece.where, start));
        if (!piece.url.empty()) run = isolation.opening + linked(piece.url, run, isolation);
        run = command(macro_of(*piece.style), {opening + run + end_directed()});
        out += piece.bold ? bold_inside(std::move(run)) : run;
        return out;
    }

    /// characters() with TeX's page numbers for compose's placeholders.
    std::string page_numbered_characters(std::string_view text, const style::TextStyle& style,
                                         const SourceRegion& where) {
        std::string out;
        for (std::size_t at = 0; at < text.size();) {
            const std::string_view rest = text.substr(at);
            if (rest.starts_with(compose::page_placeholder)) {
                out += "{\\thepage}";
                at += compose::page_placeholder.size();
                skip_levels(utf8::length(compose::page_placeholder));
                continue;
            }
            if (rest.starts_with(compose::pages_placeholder)) {
                out += "\\pageref*{LastPage}";
                at += compose::pages_placeholder.size();
                skip_levels(utf8::length(compose::pages_placeholder));
                continue;
            }
            const std::size_t next = text.find('{', at + 1);
            const std::size_t end = next == std::string_view::npos ? text.size() : next;
            out += characters(text.substr(at, end - at), style, style.bold, style.italic, where, where.begin);
            at = end;
        }
        return out;
    }

    /// An icon as the direct PDF draws it: Font Awesome's outline, filled,
    /// then the space after it (`glued`: one where no line breaks), if any.
    /// Nothing, space included, when the icon font is not installed (the
    /// layout has said so).
    std::string icon(const compose::Piece& piece, std::optional<bool> glued) {
        const auto code_point = layout::icon_code_point(piece.text);
        if (!code_point || font_data_ == nullptr) return {};
        const auto face = faces_.icon_face();
        if (!face) return {};
        const auto glyph = fonts_.glyph_for(*face, *code_point);
        if (!glyph) return {};
        const style::TextStyle& style = *piece.style;
        // One macro per icon, size and colour, in the order they are first drawn.
        const std::string key = fmt::format("{} {} {}", piece.text, decimal(style.size), rgb(style.color));
        if (!icons_.contains(key)) {
            std::string text;
            utf8::append(text, *code_point);
            const std::vector<layout::ShapedGlyph> shaped = fonts_.shape(*face, text);
            const double advance = (shaped.empty() ? 1.0 : shaped.front().advance) * style.size;
            PathWriter path{style.size};
            font_data_->draw_glyph(*face, *glyph, path);
            icons_[key] = {fmt::format("cvIcon{}", letters(icons_.size() + 1)), bp(advance),
                           fmt::format("q {} {} f Q", rgb_operator(style.color), path.operators)};
        }
        pending_type_ = pending_type_.with(metrics_of(*face, style.size));
        std::string drawn = fmt::format("\\{}", icons_[key].macro);
        if (!piece.url.empty()) {
            const Isolation isolation = isolate();
            drawn = isolation.opening + linked(piece.url, drawn, isolation);
        }
        // Kept with its text, the space after the icon is the engine's: it
        // neither breaks nor shrinks (a shrunk space let TeX set a line a
        // little wider than the column).
        const std::string_view space = !glued   ? ""
                                       : *glued ? "\\nobreak\\hspace*{\\fontdimen2\\font}"
                                                : "\\ ";
        return command(macro_of(style), {fmt::format("{}{}", drawn, space)});
    }

    static std::string rgb_operator(const style::Color& color) {
        return fmt::format("{} {} {} rg", decimal(color.red), decimal(color.green), decimal(color.blue));
    }

    /// A glyph outline as PDF path operators, in bp at `size`.
    class PathWriter final : public layout::OutlineSink {
    public:
        explicit PathWriter(double size) : size_(size) {}
        void move_to(double x, double y) override { add({x, y}, "m"); }
        void line_to(double x, double y) override { add({x, y}, "l"); }
        void cubic_to(double x1, double y1, double x2, double y2, double x, double y) override {
            add({x1, y1, x2, y2, x, y}, "c");
        }
        void close() override { operators += "h "; }
        std::string operators;

    private:
        void add(std::initializer_list<double> coordinates, std::string_view name) {
            for (const double coordinate : coordinates)
                fmt::format_to(std::back_inserter(operators), "{} ", decimal(coordinate * size_));
            operators += name;
            operators += ' ';
        }
        double size_;
    };

    // --- pieces -----------------------------------------------------------------------

    /// The type of a paragraph's pieces, as the engine measures one line of
    /// them: every piece that shows something, in its style (bold applied).
    [[nodiscard]] LineMetrics metrics(const compose::Inline& pieces) {
        LineMetrics line;
        for (const compose::Piece& piece : pieces) {
            if (piece.style == nullptr || piece.kind == compose::Piece::Kind::space ||
                piece.kind == compose::Piece::Kind::glued_space ||
                piece.kind == compose::Piece::Kind::break_point)
                continue;
            line = line.with(metrics(piece.effective_style()));
        }
        return line;
    }

    /// Composed text as TeX, piece by piece; `paragraph` as in
    /// layout::base_direction_of.
    std::string pieces(const compose::Inline& text, bool paragraph = true) {
        using Kind = compose::Piece::Kind;
        const layout::BaseDirection direction = layout::base_direction_of(text, paragraph);
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const compose::Piece& piece = text[i];
            switch (piece.kind) {
                case Kind::rich: {
                    std::string run = rich(piece.rich, *piece.style, piece.breakable, piece.bold, direction);
                    out += piece.bold ? bold_inside(std::move(run)) : run;
                    break;
                }
                case Kind::plain: out += plain(piece, direction); break;
                case Kind::icon: {
                    // The space after the icon is the icon's: kept with its text when glued.
                    const bool spaced = i + 1 < text.size() && (text[i + 1].kind == Kind::space ||
                                                                text[i + 1].kind == Kind::glued_space);
                    out += icon(piece,
                                spaced ? std::optional{text[i + 1].kind == Kind::glued_space} : std::nullopt);
                    if (spaced) ++i;
                    break;
                }
                case Kind::space: out += ' '; break;
                case Kind::glued_space: out += '~'; break;
                case Kind::break_point:
                    fmt::format_to(std::back_inserter(out), "\\penalty{} ", tex_integer(piece.penalty));
                    break;
            }
        }
        return out;
    }

    /// `\cvX{text}` set bold: inside the macro, since the macro sets its
    /// own series (`\mdseries`), which would undo a `\textbf` around it.
    static std::string bold_inside(std::string styled) {
        styled.insert(styled.find('{') + 1, "\\bfseries ");
        return styled;
    }

    // --- blocks ---------------------------------------------------------------------

    /// Vertical space between blocks; a page may break there unless the
    /// line before keeps with what follows.
    void space(double amount) {
        if (keep_next_) body_ += "\\nopagebreak";
        fmt::format_to(std::back_inserter(body_), "\\cvspace{{{}}}\n", bp(amount));
        space_before_ = true;
    }

    /// A block of lines `metrics` tall, written as `macro`{ascent}{descent}`arguments`:
    /// a page may break before it (when no space does) unless the line before
    /// keeps with it; `keeps` says whether its last line keeps with what follows.
    void block(std::string_view macro, const LineMetrics& metrics, const std::string& arguments, bool keeps) {
        if (!space_before_) body_ += keep_next_ ? "\\nopagebreak" : "\\penalty0";
        fmt::format_to(std::back_inserter(body_), "{}{}{}\n", macro, extent(metrics), arguments);
        keep_next_ = keeps;
        space_before_ = false;
    }

    /// One paragraph of lines `metrics` tall. `keep_all` keeps every line
    /// with the next (headings, entry heads); a paragraph keeps its first
    /// and last two lines together in any case (no orphans, no widows).
    void paragraph(const LineMetrics& metrics, const std::string& content, bool keep_all) {
        block(keep_all ? "\\cvkeptpar" : "\\cvpar", metrics, fmt::format("{{{}}}", content), keep_all);
    }

    [[nodiscard]] static std::string aligned(const std::string& content, style::Alignment alignment) {
        switch (alignment) {
            case style::Alignment::center: return fmt::format("\\cvcenter {}", content);
            case style::Alignment::right: return fmt::format("\\cvright {}", content);
            case style::Alignment::left: break;
        }
        return content;
    }

    /// A name's hyphen is no place for a line break ("Núñez-García"), as in
    /// the engine: in a paragraph of names (the header's, an author list),
    /// TeX's break after an explicit hyphen is forbidden.
    // As the engine's names_unbroken (layout/lines.hpp): an explicit hyphen
    // is a last resort (9999), a hyphenation point no break (10000).
    static std::string names_unbroken() { return "\\exhyphenpenalty=9999\\hyphenpenalty=10000 "; }

    void start(compose::Flow flow) override {
        if (flow == compose::Flow::sidebar) {
            body_ += sheet_.language.right_to_left ? "\\begin{paracol}{2}\\switchcolumn\n"
                                                   : "\\begin{paracol}{2}\n";
            in_columns_ = true;
        } else if (in_columns_) {
            body_ += "\\switchcolumn\\gdef\\cvlastdepth{0pt}\n";
            keep_next_ = false;
            space_before_ = true;
        }
    }

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        if (block.page_break_before) {
            // The CV's page_break_before: the page ends here, whatever kept.
            body_ += "\\cvnewpage\n";
            keep_next_ = false;
            space_before_ = true;
        }
        switch (block.kind) {
            case Kind::space:
                if (!special_space(block)) space(compose::gap_amount(sheet_, block.gap, block.gap_style));
                return;
            case Kind::heading:
            case Kind::paragraph: paragraph_block(block); break;
            case Kind::two_sided: two_sided(block); break;
            case Kind::list_item: list_item(block); break;
            case Kind::contacts: contacts(block); break;
            case Kind::skills: skills(block); break;
            case Kind::picture: picture(block); break;
        }
        keep_next_ = block.keep_with_next;
    }

    // --- pictures and letters ------------------------------------------------------

    /// A picture on a line of its own, or (`beside`) the start of a box of
    /// the blocks it stands beside, narrowed by it, which the next space
    /// that clears ends (\cvbesideend).
    void picture(const compose::Block& block) {
        const std::string shown = picture_commands(block);
        if (!block.beside) {
            const LineMetrics metrics{{block.height, 0, 0, {block.height, 0}}, {}};
            paragraph(metrics, aligned(shown, block.alignment), true);
            return;
        }
        const double narrowed = block.width + sheet_.photo.gap;
        // The picture hangs from the first line's top at the column's end
        // edge: right, or left in a right-to-left CV, whose box moves right.
        const bool right_to_left = sheet_.language.right_to_left;
        fmt::format_to(std::back_inserter(body_), "\\cvbesidestart{{{}}}{{{}}}{{{}}}\n", shown, bp(narrowed),
                       right_to_left ? fmt::format("-{}", bp(narrowed))
                                     : fmt::format("\\dimexpr\\hsize+{}\\relax", bp(sheet_.photo.gap)));
        beside_ = Beside{block.height + sheet_.photo.gap, right_to_left ? narrowed : 0};
        space_before_ = true;
    }

    /// The picture, printed at its size (the direct PDF's image, as a file
    /// beside the .tex), cut to its shape.
    std::string picture_commands(const compose::Block& block) {
        std::string error;
        const std::optional<image::Printed> printed = image::print(
            *block.picture->bytes, block.width, block.height, image::print_dpi, image::photo_quality, error);
        if (!printed) return {};
        const std::string name =
            fmt::format("vitae-{}-{:08x}.jpg", block.role == compose::Role::signature ? "signature" : "photo",
                        fnv1a(printed->jpeg));
        if (std::none_of(attachments_.begin(), attachments_.end(),
                         [&](const TexAttachment& attachment) { return attachment.name == name; })) {
            attachments_.push_back({name, printed->jpeg});
        }
        const std::string graphic = fmt::format("\\includegraphics[width={},height={}]{{{}}}",
                                                bp(block.width), bp(block.height), name);
        switch (block.shape) {
            case style::PhotoShape::rectangle: return graphic;
            case style::PhotoShape::rounded:
                needs_tikz_ = true;
                return fmt::format(
                    "\\cvclipped{{[rounded corners={}] (0,0) rectangle ({},{})}}{{{}}}",
                    bp(std::min({sheet_.photo.corner_radius, block.width / 2, block.height / 2})),
                    bp(block.width), bp(block.height), graphic);
            case style::PhotoShape::circle:
                needs_tikz_ = true;
                return fmt::format("\\cvclipped{{({},{}) ellipse ({} and {})}}{{{}}}", bp(block.width / 2),
                                   bp(block.height / 2), bp(block.width / 2), bp(block.height / 2), graphic);
        }
        return graphic;
    }

    /// A 32-bit FNV-1a hash: an attachment's name follows its bytes.
    static std::uint32_t fnv1a(std::string_view bytes) {
        constexpr std::uint32_t offset_basis = 2166136261U;
        constexpr std::uint32_t prime = 16777619U;
        std::uint32_t hash = offset_basis;
        for (const char byte : bytes) hash = (hash ^ static_cast<unsigned char>(byte)) * prime;
        return hash;
    }

    /// A space to a place on the page, or the end of the blocks beside a picture.
    bool special_space(const compose::Block& block) {
        if (block.clears && beside_) {
            fmt::format_to(std::back_inserter(body_), "\\cvbesideend{{{}}}{{{}}}\n", bp(beside_->reach),
                           bp(beside_->shift));
            beside_.reset();
            space_before_ = true;
            return true;
        }
        if (!block.to_page_position) return false;
        fmt::format_to(std::back_inserter(body_), "\\cvspaceto{{{}}}\n",
                       bp(*block.to_page_position - sheet_.margins.top));
        space_before_ = true;
        return true;
    }

    /// A heading or paragraph; a section's heading is a bookmark's target,
    /// and ruled off if the sheet says so.
    void paragraph_block(const compose::Block& text) {
        const std::string content =
            fmt::format("{}{}{}", text.hanging ? indent(text.depth) : "", text.names ? names_unbroken() : "",
                        aligned(pieces(text.content), text.alignment));
        const bool section_heading =
            text.kind == compose::Block::Kind::heading && text.level == compose::section_heading_level;
        if (section_heading && !text.bookmark.empty()) {
            const std::string anchor = fmt::format("section{}", bookmarks_.size() + 1);
            fmt::format_to(std::back_inserter(body_), "\\cvanchor{{{}}}%\n", anchor);
            bookmarks_.push_back(
                {text.section.value_or(0), anchor, escape_tex(text.bookmark, TexEngine::xelatex)});
        }
        if (section_heading && sheet_.section_rule) {
            block("\\cvruledheading", metrics(text.content), fmt::format("{{{}}}", content), true);
            return;
        }
        paragraph(metrics(text.content), content, text.keep_together);
    }

    /// `content` with `right` flush right on its first line; the two never
    /// overlap (\cvtwosided decides, as the engine, whether the right side
    /// needs a line of its own).
    void two_sided(const compose::Block& line) {
        const std::string left = pieces(line.content);
        const std::string right = pieces(line.right);
        LineMetrics type = metrics(line.content);
        if (right.empty()) {
            paragraph(type, left, line.keep_together);
            return;
        }
        type = type.and_beside(metrics(line.right));
        block("\\cvtwosided", type, fmt::format("{{{}}}{{{}}}", left, right), true);
    }

    /// A paragraph with its marker (a bullet, or a number set flush right) hanging in the indent.
    void list_item(const compose::Block& item) {
        const std::string marker = pieces(item.marker);
        const std::string placed = command(item.numbered ? "\\cvnumbermarker" : "\\cvbulletmarker", {marker});
        paragraph(metrics(item.content).and_beside(metrics(item.marker)),
                  fmt::format("{}{}{}", indent(item.depth), placed, pieces(item.content)),
                  item.keep_together);
    }

    /// A list item's indent, `depth` levels under another item.
    static std::string indent(int depth) {
        return depth == 0 ? "\\cvindent " : fmt::format("\\cvindent\\cvnested{{{}}}", depth);
    }

    /// Each contact a group with its icon; the line breaks at the separators.
    /// A contact wider than the column (TeX measures it: \\cvcontact) takes
    /// lines of its own, broken at its break points, as in the engine.
    void contacts(const compose::Block& line_of_contacts) {
        // The separator and its spaces vanish where the line breaks, as in
        // the engine; its spaces are its style's, as in the engine.
        std::string spaced;
        const style::TextStyle* separator_style = nullptr;
        for (const compose::Piece& piece : line_of_contacts.separator) {
            if (piece.kind == compose::Piece::Kind::plain) {
                separator_style = piece.style;
                const style::TextStyle style = piece.effective_style();
                spaced +=
                    characters(piece.text, style, style.bold, style.italic, piece.where, piece.where.begin);
            } else {
                spaced += "\\ ";
            }
        }
        const std::string separator = fmt::format(
            "{{{}}}",
            command("\\discretionary",
                    {"", "",
                     command("\\mbox", {command(macro_of(separator_style ? *separator_style : sheet_.body),
                                                {spaced})})}));
        std::string line = "\\cvcontactstate=0 ";
        LineMetrics type = metrics(line_of_contacts.separator);
        for (const compose::ContactItem& contact : line_of_contacts.contacts) {
            line += command("\\cvcontact", {separator, pieces(contact.whole), pieces(contact.breakable)});
            type = type.with(metrics(contact.whole));
        }
        // Contacts fill each line as far as they go, as in the engine: any
        // free space at the end of a line is fine, however much.
        const style::Alignment alignment = line_of_contacts.alignment;
        paragraph(
            type,
            aligned(fmt::format("{}{}", alignment == style::Alignment::left ? "\\cvflushleft " : "", line),
                    alignment),
            line_of_contacts.keep_together);
    }

    /// A skills table: the widest label, measured by TeX, decides whether
    /// each label goes beside its items or above them (\\cvskill).
    void skills(const compose::Block& table) {
        body_ += "\\cvresetlabels";
        for (const compose::SkillRow& row : table.rows)
            body_ += command("\\cvmeasurelabel", {pieces(row.label)});
        body_ += "%\n";
        pending_type_ = {};  // the labels are measured here, not set
        for (const compose::SkillRow& row : table.rows) {
            const std::string items = pieces(row.items);
            const LineMetrics type = metrics(row.items).and_beside(metrics(row.label));
            block("\\cvskill", type, fmt::format("{{{}}}{{{}}}", pieces(row.label), items), false);
        }
    }

    // --- preamble ----------------------------------------------------------------

    std::string preamble() {
        // The footer first: the fonts and TeX--XeT it needs are declared before it.
        const std::string footer = page_style();
        std::string out;
        if (engine_ == TexEngine::xelatex) out += "% !TEX program = xelatex\n";
        // The name is the sheet's, or its file's: text from outside, even in a comment.
        fmt::format_to(
            std::back_inserter(out),
            "% A CV written by vitae from its TOML source and the style '{}'. It compiles with {} and a "
            "stock TeX Live;\n% the look lives in the preamble, the content in the document.\n",
            escape_tex(sheet_.name, engine_), engine_name(engine_));
        out += document_metadata(sheet_.pdf_standards, composer_.info().language);
        out += "\\documentclass{article}\n";
        const double footskip = sheet_.margins.bottom / 2;
        fmt::format_to(
            std::back_inserter(out),
            "\\usepackage[paperwidth={},paperheight={},top={},bottom={},left={},right={},footskip={},"
            "headheight=0bp,headsep=0bp]{{geometry}}\n",
            bp(sheet_.page_width), bp(sheet_.page_height), bp(sheet_.margins.top), bp(sheet_.margins.bottom),
            bp(sheet_.margins.left), bp(sheet_.margins.right), bp(footskip));
        out += fonts_preamble();
        out += language_preamble();
        out += "\\usepackage{xcolor}\n\\usepackage{accsupp}\n";
        if (engine_ == TexEngine::pdflatex) out += "\\usepackage{marvosym}\n\\usepackage{pifont}\n";
        if (sheet_.sidebar) out += "\\usepackage{paracol}\n";
        if (!attachments_.empty()) out += "\\usepackage{graphicx}\n";
        if (needs_tikz_) {
            out += "\\usepackage{tikz}\n";
            out += "% A picture cut to a path (#1) by TikZ's clip\n";
            out +=
                "\\newcommand\\cvclipped[2]{\\begin{tikzpicture}\\clip#1;\\node[inner sep=0pt,anchor=south "
                "west] at "
                "(0,0) {#2};\\end{tikzpicture}}\n";
        }
        out += "\\usepackage{fancyhdr}\n\\usepackage{lastpage}\n";
        out += "\\usepackage[unicode,hidelinks,bookmarksnumbered=false]{hyperref}\n\\usepackage{bookmark}\n";
        const compose::DocumentInfo info = composer_.info();
        const TexEngine metadata = TexEngine::xelatex;  // hyperref's unicode option takes UTF-8 as it is
        fmt::format_to(std::back_inserter(out),
                       "\\hypersetup{{pdftitle={{{}}},pdfauthor={{{}}},pdfsubject={{{}}},pdfkeywords={{{}}},"
                       "pdfcreator={{{}}},pdflang={{{}}},pdfdisplaydoctitle=true}}\n",
                       escape_tex(info.title, metadata), escape_tex(info.author, metadata),
                       escape_tex(info.subject, metadata), escape_tex(info.keywords, metadata),
                       escape_tex(info.creator, metadata), escape_tex(info.language, metadata));
        out += "\n% --- text styles (the style sheet's) ---\n";
        for (const NamedStyle& named : named_styles_) {
            const style::TextStyle& style = *named.style;
            const std::string colour =
                glyph_colours() ? std::string{} : fmt::format("\\color[rgb]{{{}}}", rgb(style.color));
            fmt::format_to(std::back_inserter(out),
                           "\\newcommand\\{}[1]{{{{\\fontsize{{{}}}{{{}}}\\selectfont{}{}{}{}#1}}}}\n",
                           named.macro, bp(style.size), bp(style.size * sheet_.line_height),
                           family_command(family_of(style), style.color),
                           style.bold ? "\\bfseries" : "\\mdseries", style.italic ? "\\itshape" : "\\upshape",
                           colour);
        }
        for (const auto& [name_key, icon] : icons_) {
            (void)name_key;
            fmt::format_to(std::back_inserter(out), "\\newcommand\\{}{{{}}}\n", icon.macro,
                           command("\\cvicon", {icon.advance, icon.path}));
        }
        out += layout_macros();
        out += footer;
        return out;
    }

    /// The command that selects `family`; in a right-to-left CV, in
    /// `colour` (glyph_colours()).
    [[nodiscard]] std::string family_command(const std::string& family, const style::Color& colour,
                                             std::string_view script = {}) {
        if (engine_ == TexEngine::pdflatex) return is_serif_family_name(family) ? "\\rmfamily" : "\\sffamily";
        const FamilyKey key{family, glyph_colours() ? colour_hex(colour) : std::string{},
                            std::string{script}};
        auto [found, added] =
            families_.try_emplace(key, fmt::format("cvFamily{}", letters(families_.size() + 1)));
        (void)added;
        return fmt::format("\\{}", found->second);
    }

    /// The command that selects the sheet's fallback family `index`.
    [[nodiscard]] std::string fallback_command(std::size_t index, const style::Color& colour,
                                               std::string_view script) {
        if (glyph_colours() || !script.empty())
            return family_command(sheet_.fallback_families[index], colour, script);
        return fmt::format("\\cvFallback{}", letters(index + 1));
    }

    /// fontspec's name of the script a character is shaped as, where the
    /// default (Latin) does not do: Arabic's joining forms and ligatures,
    /// Hebrew's and Thai's marks, Devanagari's conjuncts.
    static std::string_view script_shaped(char32_t code_point) {
        if (code_point >= 0x0900 && code_point <= 0x097F) return "Devanagari";  // conjuncts, vowel signs
        if (code_point >= 0x0E01 && code_point <= 0x0E7F) return "Thai";        // its marks' places
        if (!layout::is_right_to_left(code_point)) return {};
        return code_point < 0x0600 || (code_point >= 0xFB1D && code_point < 0xFB50) ? "Hebrew" : "Arabic";
    }

    /// Whether text is coloured by its fonts (fontspec's Color, which XeTeX
    /// keeps with each glyph) rather than by xcolor. xcolor's colour is a
    /// mark in the text, set and then restored after it: in a right-to-left
    /// segment, whose lines e-TeX turns round, the restoring mark comes
    /// first and the colour runs on.
    [[nodiscard]] bool glyph_colours() const {
        return engine_ == TexEngine::xelatex && sheet_.language.right_to_left;
    }

    static std::string colour_hex(const style::Color& colour) {
        const auto byte = [](double component) {
            return static_cast<unsigned>(std::lround(std::clamp(component, 0.0, 1.0) * 255));
        };
        return fmt::format("{:02X}{:02X}{:02X}", byte(colour.red), byte(colour.green), byte(colour.blue));
    }

    /// Whether the family name is text TeX reads as it is, and fontspec
    /// can look up: no control characters, none of TeX's special ones.
    static bool is_plain_font_name(std::string_view family) {
        return std::none_of(family.begin(), family.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte < 0x20 || byte == 0x7F ||
                   std::string_view{"\\{}$&#%_~^[]"}.find(c) != std::string_view::npos;
        });
    }

    static bool is_serif_family_name(const std::string& family) { return layout::is_serif_family(family); }

    /// babel in the CV's language, from its locale file (babel's .ini,
    /// part of TeX Live's base): what TeX writes itself (captions, \today)
    /// is in that language, and a style that hyphenates is hyphenated by
    /// its patterns, with the style's shortest fragments.
    std::string language_preamble() const {
        // Paragraphs stay left-to-right, unlike the engine's mirrored pages
        // of right-to-left CVs: babel's bidi=default under XeTeX reversed
        // the Latin words of a CV's header and lost its dates.
        // The language's spacing after full stops would undo \frenchspacing
        // (English asks for more): the engine spaces every gap alike.
        // maparabic: TeX's page numbers in the language's digits, as its dates.
        const bool native_digits = sheet_.date_words.digits[0] != "0";
        // babel sets the language's own \lefthyphenmin and \righthyphenmin
        // as it selects it: the style's come after.
        const style::LineBreaking& breaking = sheet_.line_breaking;
        const std::string hyphen_minimums =
            breaking.hyphenate ? fmt::format("\\lefthyphenmin={}\\righthyphenmin={}",
                                             breaking.left_hyphen_min, breaking.right_hyphen_min)
                               : std::string{};
        return fmt::format(
            "\\usepackage{{babel}}\n\\babelprovide[import, main{}]{{{}}}\n"
            "\\AddBabelHook{{vitae}}{{afterextras}}{{\\frenchspacing{}}}\n",
            native_digits ? ", maparabic" : "", sheet_.language.babel, hyphen_minimums);
    }

    std::string fonts_preamble() {
        std::string out;
        if (engine_ == TexEngine::pdflatex) {
            // Latin Modern: metrics within 1.5% of Lato (sans) and CMU Serif
            // (the same design), so lines break as in the direct PDF.
            out +=
                "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{lmodern}\n"
                "\\usepackage{textcomp}\n";
            out += "\\usepackage{microtype}\n\\DisableLigatures{encoding = *, family = *}\n";
            if (!layout::is_serif_family(sheet_.body_family))
                out += "\\renewcommand\\familydefault{\\sfdefault}\n";
            return out;
        }
        // The input characters as the PDF's text (ActualText): xdvipdfmx
        // would otherwise name a glyph shared by '-' and U+2010 (or '·' and
        // U+2219) by the wrong one. Not in a right-to-left CV: there
        // poppler reads a word's ActualText backwards, and, with the colours
        // in its fonts (glyph_colours), puts each word on a line of its own.
        fmt::format_to(std::back_inserter(out), "\\usepackage{{fontspec}}\n\\XeTeXgenerateactualtext={}\n",
                       glyph_colours() ? 0 : 1);
        // The installed families the direct PDF embeds. A family that is
        // not installed (the layout has said so) keeps LaTeX's default
        // rather than stop fontspec.
        const auto installed = [&](const std::string& family) { return fontspec_finds(fonts_, family); };
        if (installed(sheet_.body_family))
            fmt::format_to(std::back_inserter(out), "\\setmainfont{}\n", fontspec_faces(sheet_.body_family));
        for (const NamedStyle& named : named_styles_)
            (void)family_command(family_of(*named.style), named.style->color);
        for (const auto& [key, macro] : families_) {
            out += installed(key.family) ? fmt::format("\\newfontfamily\\{}{}\n", macro,
                                                       fontspec_faces(key.family, key.colour, key.script))
                                         : fmt::format("\\newcommand\\{}{{\\rmfamily}}\n", macro);
        }
        // In glyph colours, fallbacks are families in a colour, above.
        for (std::size_t i = 0; !glyph_colours() && i < sheet_.fallback_families.size(); ++i) {
            const std::string& family = sheet_.fallback_families[i];
            out += installed(family) ? fmt::format("\\newfontfamily\\cvFallback{}{}\n", letters(i + 1),
                                                   fontspec_faces(family))
                                     : fmt::format("\\newcommand\\cvFallback{}{{}}\n", letters(i + 1));
        }
        return out;
    }

    /// fontspec's arguments for an installed family: its four faces named by
    /// the PostScript names of the files the engine sets them in (fontspec's
    /// own choice of bold can be another weight: Lato Heavy for Lato Bold),
    /// else by the family's name; no ligatures, and interword glue as the
    /// engine's (fontspec scales XeTeX's own stretch and shrink of a space).
    /// `colour`: fontspec's Color, RRGGBB (glyph_colours()), if any.
    /// `script`: fontspec's Script (script_shaped), if any.
    std::string fontspec_faces(const std::string& family, const std::string& colour = {},
                               const std::string& script = {}) {
        const style::LineBreaking& breaking = sheet_.line_breaking;
        // Arabic's required ligatures (lam-alef) stay, as HarfBuzz sets them in the engine.
        const std::string features = fmt::format(
            "Ligatures={{NoCommon,{}NoContextual}},WordSpace={{1,{},{}}}{}{}",
            script == "Arabic" ? "" : "NoRequired,", decimal(breaking.word_stretch() / xetex_space_stretch),
            decimal(breaking.word_shrink() / xetex_space_shrink),
            colour.empty() ? std::string{} : fmt::format(",Color={}", colour),
            script.empty() ? std::string{} : fmt::format(",Script={}", script));
        const auto postscript_name = [&](bool bold, bool italic) -> std::string {
            const auto face = faces_.in_family(family, bold, italic);
            if (!face) return {};
            const std::string& name = fonts_.face(*face).postscript_name;
            return is_plain_font_name(name) ? name : std::string{};
        };
        const std::string regular = postscript_name(false, false);
        const std::string bold = postscript_name(true, false);
        const std::string italic = postscript_name(false, true);
        const std::string bold_italic = postscript_name(true, true);
        if (regular.empty() || bold.empty() || italic.empty() || bold_italic.empty())
            return fmt::format("{{{}}}[{}]", family, features);
        // A family with no bold (WenQuanYi Micro Hei) is made bold as the
        // engine makes it: XeTeX strokes its outlines too, FakeBold being
        // the line's width in hundredths of an em.
        // One with no italic is slanted as the engine slants it, but not
        // as a right-to-left script (layout's synthetic_style).
        const auto bold_face = faces_.in_family(family, true, false);
        const auto italic_face = faces_.in_family(family, false, true);
        const bool synthetic_bold = bold_face && !fonts_.face(*bold_face).bold;
        const bool right_to_left_script = script == "Arabic" || script == "Hebrew";
        const bool synthetic_italic =
            italic_face && !fonts_.face(*italic_face).italic && !right_to_left_script;
        constexpr double hundredths_per_em = 100;
        const std::string fake_bold =
            synthetic_bold
                ? fmt::format("FakeBold={}", decimal(layout::synthetic_bold_stroke * hundredths_per_em))
                : std::string{};
        const std::string fake_slant =
            synthetic_italic ? fmt::format("FakeSlant={}", decimal(layout::synthetic_italic_slant))
                             : std::string{};
        std::string synthetic;
        const auto add_features = [&](std::string_view face, std::initializer_list<std::string_view> fakes) {
            std::string list;
            for (const std::string_view fake : fakes) {
                if (fake.empty()) continue;
                if (!list.empty()) list += ',';
                list += fake;
            }
            if (!list.empty())
                fmt::format_to(std::back_inserter(synthetic), ",{}Features={{{}}}", face, list);
        };
        add_features("Bold", {fake_bold});
        add_features("Italic", {fake_slant});
        add_features("BoldItalic", {fake_bold, fake_slant});
        return fmt::format("{{{}}}[BoldFont={},ItalicFont={},BoldItalicFont={},{}{}]", regular, bold, italic,
                           bold_italic, features, synthetic);
    }

    std::string layout_macros() const {
        const style::LineBreaking& breaking = sheet_.line_breaking;
        const bool right_to_left = sheet_.language.right_to_left;
        // A right-to-left CV's lines are set in right-to-left segments,
        // which mirror what is in them (a marker hanging left of its text
        // hangs right of it); only the paragraph's skips, outside them,
        // are swapped here: what starts a line is on its right.
        const std::string_view start_skip = right_to_left ? "\\rightskip" : "\\leftskip";
        const std::string_view end_skip = right_to_left ? "\\leftskip" : "\\rightskip";
        // The segment stays open to the paragraph's end, where e-TeX closes
        // it: \\parfillskip then fills the last line on its left.
        const std::string_view begin_line = right_to_left ? "\\beginR" : "";
        std::string out = "\n% --- lines and blocks, as vitae's layout engine sets them ---\n";
        if (directed_ || right_to_left)
            out += "% Right-to-left text in TeX--XeT's segments (\\beginR, \\beginL)\n\\TeXXeTstate=1\n";
        out +=
            "% From one baseline to the next is the lower line's ascent plus the upper\n"
            "% line's descent (plus the space between), as in vitae's own layout. Pages\n"
            "% break where the engine allows, and nowhere else.\n";
        fmt::format_to(std::back_inserter(out),
                       "\\setlength\\parindent{{0pt}}\\setlength\\parskip{{0pt}}\\setlength\\topskip{{{}}}"
                       "\\setlength\\maxdepth{{0pt}}\n",
                       bp(body_ascent_));
        out += "\\raggedbottom\\clubpenalty=10000\\widowpenalty=10000\n";
        // TeX hyphenates as the engine does when the style hyphenates, with
        // the same costs (no count of hyphens in a row: TeX has only
        // \doublehyphendemerits); otherwise not at all.
        if (breaking.hyphenate) {
            fmt::format_to(std::back_inserter(out),
                           "\\hyphenpenalty={}\\doublehyphendemerits={}\\finalhyphendemerits={}\n",
                           tex_integer(breaking.hyphen_penalty), tex_integer(breaking.double_hyphen_demerits),
                           tex_integer(breaking.final_hyphen_demerits));
        } else {
            out += "\\hyphenpenalty=10000\n";
        }
        fmt::format_to(std::back_inserter(out), "\\exhyphenpenalty={}\n",
                       tex_integer(breaking.explicit_hyphen_penalty));
        // One space between words whatever ends a sentence, and no first
        // pass at \pretolerance: the engine's breaks are the best within
        // \tolerance, as TeX's second pass finds them.
        out += "\\frenchspacing\\pretolerance=-1\n";
        fmt::format_to(std::back_inserter(out), "\\tolerance={}\\linepenalty={}\\adjdemerits={}\n",
                       tex_integer(breaking.tolerance), tex_integer(breaking.line_penalty),
                       tex_integer(breaking.fitness_demerits));
        // Where no break meets the tolerance (a long word near the margin),
        // a looser line rather than one into the margin, as the engine's
        // first-fit fallback does.
        out += "\\emergencystretch=3em\\hbadness=10000\n";
        // The stretch of the right margin: ragged right as the engine sets it,
        // each line filled first (layout/linebreak.cpp). An infinite stretch
        // makes every ragged line as good as any other to TeX, which then
        // keeps, of the breaks giving the fewest lines, each line's latest
        // start: its lines filled first. (A finite stretch, plain TeX's 2em,
        // would balance the lines, and stretch the spaces of the font.)
        fmt::format_to(std::back_inserter(out), "\\newcommand\\cvrightstretch{{{}}}\n",
                       breaking.justify ? "" : "plus 1fil");
        out += "\\newcommand\\cvstrut[2]{\\rule[-#2]{0pt}{\\dimexpr#1+#2\\relax}}\n";
        out +=
            "% A block (a paragraph of lines #1 above and #2 below their baselines) is set in\n"
            "% a box whose height and depth are made exactly the engine's, then stacked on\n"
            "% the last block without interline glue: the first baseline comes the last\n"
            "% block's descent (\\cvlastdepth) plus #1 below the last baseline, whatever the\n"
            "% glyphs. A paragraph of four lines or more, which a page break may split (no\n"
            "% orphans, no widows), is unboxed again, and the next block makes up for its\n"
            "% last line's own depth.\n";
        out += "\\newcommand\\cvlastdepth{0pt}\\newbox\\cvbox\\newcount\\cvlinecount\\newdimen\\cvdepth\n";
        out +=
            "\\newcommand\\cvstart[2]{\\par\\ifdim\\prevdepth>-1000pt\\ifdim\\prevdepth=\\cvlastdepth\\else"
            "\\vskip\\dimexpr\\cvlastdepth-\\prevdepth\\relax\\fi\\fi\\gdef\\cvlastdepth{#2}}\n";
        fmt::format_to(
            std::back_inserter(out),
            "\\newcommand\\cvlines[2]{{\\setlength\\baselineskip{{\\dimexpr#1+#2\\relax}}"
            "\\setlength\\lineskiplimit{{-\\maxdimen}}{}=0pt \\cvrightstretch\\relax\\parfillskip=0pt "
            "plus 1fil\\relax}}\n",
            end_skip);
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvblock[4]{{\\cvstart{{#1}}{{#2}}{{\\cvlines{{#1}}{{#2}}#3%\n"
                       "  "
                       "\\setbox\\cvbox\\vbox{{\\noindent{}\\cvstrut{{#1}}{{#2}}#4\\cvstrut{{#1}}{{#2}}"
                       "\\par\\global\\cvlinecount="
                       "\\prevgraf}}%\n",
                       begin_line);
        out +=
            "  \\nointerlineskip\\ifnum\\cvlinecount<4\\relax\n"
            "    "
            "\\ht\\cvbox=\\dimexpr#1+(#1+#2)*\\numexpr\\cvlinecount-1\\relax\\relax\\dp\\cvbox=#"
            "2\\relax\\box\\cvbox\n"
            "  \\else\\cvdepth=\\dp\\cvbox\\unvbox\\cvbox\\prevdepth=\\cvdepth\\fi}}\n";
        out += "\\newcommand\\cvpar[3]{\\cvblock{#1}{#2}{}{#3}}\n";
        out += "\\newcommand\\cvkeptpar[3]{\\cvblock{#1}{#2}{\\interlinepenalty=10000 }{#3}}\n";
        out += "\\newcommand\\cvspace[1]{\\par\\vskip#1\\relax}\n";
        out += "\\newcommand\\cvnewpage{\\par\\penalty-10000\\relax}\n";
        out +=
            "% A space to #1 below the text's top: what the page holds already (\\pagetotal,\n"
            "% \\pagedepth) is taken off, as the engine places a letter's address field\n"
            "\\newcommand\\cvspaceto[1]{\\par\\cvdepth=\\dimexpr#1-\\pagetotal-\\pagedepth\\relax"
            "\\ifdim\\cvdepth>0pt\\vskip\\cvdepth\\fi}\n";
        out +=
            "% Blocks beside a picture (#1): set in a box narrowed by #2, the picture hanging\n"
            "% from its top #3 from its left; at the end the picture and its gap reach #1\n"
            "% down at least, and the box moves #2 right\n"
            "\\newbox\\cvbesidebox\n"
            "\\newcommand\\cvbesidestart[3]{\\par\\setbox\\cvbesidebox\\vbox\\bgroup\\advance\\hsize-#"
            "2\\relax"
            "\\linewidth=\\hsize\\vbox to 0pt{\\hbox{\\kern#3#1}\\vss}}\n"
            "\\newcommand\\cvbesideend[2]{\\par\\egroup\\cvdepth=\\dimexpr#1-\\ht\\cvbesidebox-"
            "\\dp\\cvbesidebox\\relax"
            "\\moveright#2\\box\\cvbesidebox\\ifdim\\cvdepth>0pt\\vskip\\cvdepth\\fi}\n";
        out +=
            "\\newcommand\\cvcenter{\\leftskip=0pt plus 1fil\\rightskip=0pt plus "
            "1fil\\parfillskip=0pt\\relax}\n";
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvright{{{}=0pt plus 1fil\\parfillskip=0pt\\relax}}\n"
                       "\\newcommand\\cvflushleft{{{}=0pt plus 1fil\\relax}}\n",
                       start_skip, end_skip);
        out +=
            "% A contact (#2) after its separator (#1); one wider than the column on lines of\n"
            "% its own, broken at its break points (#3), with no separator either side\n";
        out += "\\newlength\\cvcontactwidth\\newcount\\cvcontactstate\n";
        out +=
            "\\newcommand\\cvcontact[3]{\\settowidth\\cvcontactwidth{#2}\\ifdim\\cvcontactwidth>\\linewidth\n"
            "  \\ifnum\\cvcontactstate>0 \\penalty-10000 \\fi#3\\cvcontactstate=2 \n"
            "  \\else\\ifcase\\cvcontactstate\\or#1\\or\\penalty-10000 \\fi\\mbox{#2}\\cvcontactstate=1 "
            "\\fi}\n";
        fmt::format_to(std::back_inserter(out), "\\newcommand\\cvindent{{{}={}\\relax}}\n", start_skip,
                       bp(sheet_.bullet_text_indent));
        // A bullet under another: its marker and text further in, #1 levels.
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvnested[1]{{\\advance{} by #1\\dimexpr{}\\relax}}\n", start_skip,
                       bp(sheet_.nested_indent));
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvbulletmarker[1]{{\\llap{{\\makebox[{}][l]{{#1}}}}}}\n",
                       bp(sheet_.bullet_text_indent - sheet_.bullet_indent));
        fmt::format_to(std::back_inserter(out), "\\newcommand\\cvnumbermarker[1]{{\\llap{{#1\\hskip{}}}}}\n",
                       bp(sheet_.number_gap));
        // A percentage in prose: whole.
        fmt::format_to(
            std::back_inserter(out),
            "% A title and its dates: side by side while the title keeps {:.0f}% of the width, else the "
            "dates on a line of their own\n",
            0.4 * 100);
        out += "\\newlength\\cvrightwidth\n";
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvtwosided[4]{{\\settowidth\\cvrightwidth{{#4}}%\n"
                       "  \\ifx\\relax#3\\relax\\cvkeptpar{{#1}}{{#2}}{{\\hfill#4}}%\n"
                       "  \\else\\ifdim\\dimexpr\\linewidth-\\cvrightwidth-{0}\\relax<0.4\\linewidth\n"
                       "    \\cvkeptpar{{#1}}{{#2}}{{#3}}\\nopagebreak\\cvkeptpar{{#1}}{{#2}}{{\\hfill#4}}%\n"
                       "  \\else\\cvkeptpar{{#1}}{{#2}}{{{1}=\\dimexpr\\cvrightwidth+{0}\\relax "
                       "\\cvrightstretch\\relax\\rlap{{\\hskip\\dimexpr\\linewidth-\\cvrightwidth\\relax#4}}#"
                       "3}}\\fi\\fi}}"
                       "\n",
                       bp(sheet_.date_gap), end_skip);
        fmt::format_to(
            std::back_inserter(out),
            "\\newcommand\\cvruledheading[3]{{\\cvkeptpar{{#1}}{{#2}}{{#3}}\\nopagebreak\\vskip\\dimexpr#2-"
            "\\prevdepth+{}\\relax{{\\color[rgb]{{{}}}\\hrule height{}\\relax}}\\gdef\\cvlastdepth{{0pt}}"
            "\\nopagebreak}}\n",
            bp(sheet_.section_rule_gap), rgb(sheet_.section_rule_color), bp(sheet_.section_rule_thickness));
        out += "\\newcommand\\cvanchor[1]{\\par\\hypertarget{#1}{}}\n";
        out += "\\newlength\\cvlabelwidth\\newlength\\cvthislabel\n";
        out += "\\newcommand\\cvresetlabels{\\setlength\\cvlabelwidth{0pt}}\n";
        out +=
            "\\newcommand\\cvmeasurelabel[1]{\\settowidth\\cvthislabel{#1}\\ifdim\\cvthislabel>\\cvlabelwidth"
            "\\setlength\\cvlabelwidth{\\cvthislabel}\\fi}\n";
        out += "% A skill row: the label beside its items, or above them in a narrow column\n";
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvskill[4]{{\\ifdim\\cvlabelwidth>{0}"
                       "\\linewidth\\cvkeptpar{{#1}}{{#2}}{{#3}}\\nopagebreak\\cvpar{{#1}}{{#2}}{{#4}}%\n"
                       "  \\else\\cvpar{{#1}}{{#2}}{{{2}=\\dimexpr\\cvlabelwidth+{1}"
                       "\\relax\\llap{{\\makebox[\\dimexpr\\cvlabelwidth+{1}\\relax][l]{{#3}}}}#4}}\\fi}}\n",
                       decimal(sheet_.skills_label_share), bp(sheet_.skill_label_gap), start_skip);
        out += "% Icons: Font Awesome's outlines as PDF paths, as in the direct PDF\n";
        out +=
            "\\newcommand\\cvliteral[1]{\\ifdefined\\pdfliteral\\pdfliteral{#1}\\else\\special{pdf:content "
            "#1}\\fi}\n";
        // An icon is drawn from the left of its box, which a right-to-left
        // segment would turn round: a left-to-right one of its own.
        fmt::format_to(std::back_inserter(out),
                       "\\newcommand\\cvicon[2]{{\\leavevmode{}\\hbox to #1{{\\cvliteral{{#2}}\\hss}}{}}}\n",
                       right_to_left ? "\\beginL" : "", right_to_left ? "\\endL" : "");
        if (sheet_.sidebar) {
            // The sidebar is paracol's first column, or its second in a
            // right-to-left CV (start()).
            const double full = sheet_.page_width - sheet_.margins.left - sheet_.margins.right;
            const double sidebar_share = sheet_.sidebar_width / (full - sheet_.column_gap);
            fmt::format_to(std::back_inserter(out), "\\columnratio{{{}}}\\setlength\\columnsep{{{}}}\n",
                           decimal(right_to_left ? 1 - sidebar_share : sidebar_share), bp(sheet_.column_gap));
        }
        return out;
    }

    std::string page_style() {
        std::string out = page_marks();
        if (!composer_.footer()) return out + "\\pagestyle{empty}\n";
        out +=
            "\\pagestyle{fancy}\\fancyhf{}\\renewcommand\\headrulewidth{0pt}\\renewcommand\\footrulewidth{"
            "0pt}\n";
        const std::optional<compose::Footer> footer = composer_.footer();
        if (!footer) return out;
        // The footer is set outside the paragraphs' segments, and mirrored here.
        const layout::BidiLevel paragraphs_level = std::exchange(context_level_, 0);
        std::string center = pieces(footer->center);
        if (!footer->on_single_page) {
            // A letter numbers its pages only when it has more than one.
            out += "\\usepackage{refcount}\n";
            center = fmt::format("\\ifnum\\getpagerefnumber{{LastPage}}>1 {}\\fi", center);
        }
        fmt::format_to(std::back_inserter(out), "\\fancyfoot[C]{{{}}}\n", center);
        if (!footer->right.empty())
            fmt::format_to(std::back_inserter(out), "\\fancyfoot[{}]{{{}}}\n",
                           sheet_.language.right_to_left ? 'L' : 'R', pieces(footer->right));
        context_level_ = paragraphs_level;
        return out;
    }

    /// A letter's fold and hole marks, drawn on its first page as the
    /// engine draws them (the kernel's shipout hook: a picture whose origin
    /// is the page's top-left corner, y going up).
    std::string page_marks() const {
        const std::vector<compose::PageMark> marks = composer_.page_marks();
        if (marks.empty()) return {};
        std::string drawn;
        for (const compose::PageMark& mark : marks) {
            fmt::format_to(std::back_inserter(drawn), "\\put({},{}){{\\rule{{{}bp}}{{{}bp}}}}",
                           decimal(compose::page_mark_left),
                           decimal(-mark.y - compose::page_mark_thickness / 2), decimal(mark.length),
                           decimal(compose::page_mark_thickness));
        }
        return fmt::format(
            "\\AddToHookNext{{shipout/foreground}}{{\\setlength\\unitlength{{1bp}}\\color[rgb]{{{}}}{}}}\n",
            rgb(compose::page_mark_color), drawn);
    }

    struct Icon {
        std::string macro;
        std::string advance;
        std::string path;
    };

    const compose::Composer& composer_;
    const style::Sheet& sheet_;
    layout::FontProvider& fonts_;
    /// The engine's choice of faces (FontContext's), for line heights and fallbacks.
    layout::FaceChoice faces_;
    const layout::FontData* font_data_;
    TexEngine engine_;
    const std::vector<NamedStyle> named_styles_;
    /// The level of the segment text is written in: a right-to-left CV's
    /// paragraphs are right-to-left segments (\cvblock), its footer not.
    layout::BidiLevel context_level_ = 0;
    /// The segments open in the piece being written, innermost last (empty
    /// outside a piece, or for a piece with no levels), and the first of
    /// them a link's text may not close.
    std::vector<layout::BidiLevel> open_levels_;
    std::size_t isolate_floor_ = 0;
    /// The levels of the piece's characters, and the next one's index.
    std::vector<layout::BidiLevel> piece_levels_;
    std::size_t next_character_ = 0;
    /// Added to the piece's levels: even, so each keeps its direction.
    layout::BidiLevel level_shift_ = 0;
    bool directed_ = false;  ///< some text was set in segments: TeX--XeT is on
    EngineNeeds needs_;
    /// Faces the text of the next line brought in (fallbacks, icons).
    LineMetrics pending_type_;
    std::map<std::string, Icon> icons_;
    /// A family in a colour (empty: the colour is xcolor's).
    struct FamilyKey {
        std::string family;
        std::string colour;
        std::string script;
        auto operator<=>(const FamilyKey&) const = default;
    };
    std::map<FamilyKey, std::string> families_;
    /// A section's anchor and title, with its index in the CV.
    struct SectionBookmark {
        std::size_t section = 0;
        std::string anchor;
        std::string title;
    };
    std::vector<SectionBookmark> bookmarks_;  ///< in the order the sections are set
    double body_ascent_ = 0;                  ///< of a body line: TeX's \topskip
    bool keep_next_ = false;                  ///< the last line keeps with what follows
    bool space_before_ = true;                ///< a space (or the start) comes before the next block
    /// The blocks beside a picture being set: how far the picture and its
    /// gap reach down, and how far their box moves right (a right-to-left CV's).
    struct Beside {
        double reach = 0;
        double shift = 0;
    };
    std::optional<Beside> beside_;
    bool needs_tikz_ = false;  ///< a picture is cut to a shape
    std::vector<TexAttachment> attachments_;
    std::string body_;         ///< the document's body, as the blocks come
    bool in_columns_ = false;  ///< a sidebar's flow began the paracol columns
};

}  // namespace

std::string_view engine_name(TexEngine engine) {
    return engine == TexEngine::xelatex ? "xelatex" : "pdflatex";
}

const std::vector<TexFile>& required_tex_files(TexEngine engine) {
    static const std::vector<TexFile> common = {
        {"article.cls", "texlive-latex-base"},       {"geometry.sty", "texlive-latex-base"},
        {"xcolor.sty", "texlive-latex-recommended"}, {"accsupp.sty", "texlive-latex-extra"},
        {"fancyhdr.sty", "texlive-latex-base"},      {"lastpage.sty", "texlive-latex-extra"},
        {"hyperref.sty", "texlive-latex-base"},      {"paracol.sty", "texlive-latex-extra"},
        {"bookmark.sty", "texlive-latex-base"},
    };
    static const std::vector<TexFile> pdflatex = [] {
        std::vector<TexFile> files = common;
        files.insert(files.end(), {{"lmodern.sty", "lmodern"},
                                   {"microtype.sty", "texlive-latex-recommended"},
                                   {"marvosym.sty", "texlive-fonts-recommended"},
                                   {"pifont.sty", "texlive-latex-base"}});
        return files;
    }();
    static const std::vector<TexFile> xelatex = [] {
        std::vector<TexFile> files = common;
        files.push_back({"fontspec.sty", "texlive-latex-recommended"});
        return files;
    }();
    return engine == TexEngine::xelatex ? xelatex : pdflatex;
}

bool pdflatex_sets(char32_t code_point) {
    if (code_point >= 0x20 && code_point < 0x7F) return true;
    const auto* end = std::end(pdflatex_ranges);
    const auto* found =
        std::upper_bound(std::begin(pdflatex_ranges), end, code_point,
                         [](char32_t value, const auto& range) { return value < range.first; });
    if (found == std::begin(pdflatex_ranges)) return false;
    --found;
    return code_point >= found->first && code_point <= found->second;
}

std::string escape_tex(std::string_view text, TexEngine engine) {
    (void)engine;  // the same escapes serve both engines
    std::string out;
    out.reserve(text.size());
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t code_point = utf8::next(text, offset);
        // A line end in a comment would end the comment; anywhere, a control
        // character is nothing a CV means to print (the loaders reject them).
        if (utf8::is_control(code_point)) {
            out += ' ';
            continue;
        }
        if (code_point >= 0x80) {
            // Re-encoded: an invalid byte, decoded as U+FFFD, becomes valid UTF-8.
            utf8::append(out, code_point);
            continue;
        }
        const auto c = static_cast<char>(code_point);
        const char next = offset < text.size() ? text[offset] : '\0';
        switch (c) {
            case '\\': out += "\\textbackslash{}"; break;
            case '{': out += "\\{"; break;
            case '}': out += "\\}"; break;
            case '$': out += "\\$"; break;
            case '&': out += "\\&"; break;
            case '#': out += "\\#"; break;
            case '%': out += "\\%"; break;
            case '_': out += "\\_"; break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            // Straight quotes stay straight (T1 and TeX's font mapping would curl them).
            case '\'': out += "\\textquotesingle{}"; break;
            case '`': out += "\\textasciigrave{}"; break;
            case '"': out += "\\textquotedbl{}"; break;
            // Pairs TeX's fonts join into one glyph (-- —, << «, ,, „) stay two.
            case '-':
            case '<':
            case '>':
            case ',':
                out += c;
                if (next == c) out += "{}";
                break;
            default: out += c;
        }
    }
    return out;
}

namespace {

/// Where wrap_tex_lines may break a line: the last space TeX reads as a
/// space, and the last place between two characters of text.
struct LineBreaks {
    std::size_t space = std::string_view::npos;    ///< the offset of a breakable space
    std::size_t between = std::string_view::npos;  ///< a `%` line end may go before this offset
};

/// Lines up to `max_line_bytes`, the last one without its line end.
void wrap_line(std::string_view line, std::size_t max_line_bytes, std::string& out) {
    // Room for the `%` a break may add.
    const std::size_t room = max_line_bytes > 1 ? max_line_bytes - 1 : 1;
    const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto is_utf8_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    std::size_t start = 0;    // of the line being written
    bool escaping = false;    // the last character was a backslash that escapes the next
    bool in_name = false;     // inside a control word's letters
    bool in_comment = false;  // after a `%` that is not escaped
    bool has_text = false;    // the line being written holds a character other than a space
    LineBreaks breaks;
    for (std::size_t at = 0; at < line.size(); ++at) {
        const char c = line[at];
        if (at - start >= room && !is_utf8_continuation(c)) {
            if (in_comment) {
                out.append(line.substr(start, at - start)).append("\n%");
                start = at;
                breaks = {};
            } else if (breaks.space != std::string_view::npos) {
                // The line end stands for the space.
                out.append(line.substr(start, breaks.space - start)).append("\n");
                start = breaks.space + 1;
                while (start < at && line[start] == ' ') ++start;
                breaks.space = std::string_view::npos;
                if (breaks.between < start) breaks.between = std::string_view::npos;
                has_text = start < at;
            } else if (breaks.between != std::string_view::npos) {
                out.append(line.substr(start, breaks.between - start)).append("%\n");
                start = breaks.between;
                breaks.between = std::string_view::npos;
                has_text = true;  // the character at the break
            }
        }
        // A line's leading spaces are nothing to TeX: a line never starts with them.
        if (c == ' ' && at == start && !in_comment && !escaping) {
            start = at + 1;
            continue;
        }
        const bool was_escaping = escaping;
        escaping = !was_escaping && c == '\\';
        in_name = (was_escaping || in_name) && is_letter(c);
        if (in_comment) continue;
        if (c == '%' && !was_escaping) {
            in_comment = true;
            continue;
        }
        if (c == ' ' && !was_escaping && has_text && line[at - 1] != ' ') {
            breaks.space = at;
        } else if (c != ' ' && !was_escaping && !in_name && !is_utf8_continuation(c) && at > start &&
                   c != '^' && line[at - 1] != '^') {
            // (Not next to a `^`: TeX reads ^^ followed by a character as another character.)
            breaks.between = at;
        }
        if (c != ' ') has_text = true;
    }
    out.append(line.substr(start));
}

}  // namespace

std::string wrap_tex_lines(std::string_view tex, std::size_t max_line_bytes) {
    std::string out;
    out.reserve(tex.size() + tex.size() / max_line_bytes * 2);
    for (std::size_t start = 0; start < tex.size();) {
        const std::size_t end = std::min(tex.find('\n', start), tex.size());
        const std::string_view line = tex.substr(start, end - start);
        if (line.size() <= max_line_bytes) {
            out.append(line);
        } else {
            wrap_line(line, max_line_bytes, out);
        }
        if (end < tex.size()) out += '\n';
        start = end + 1;
    }
    return out;
}

LatexSource write_latex(const cv::Document& document, const style::Sheet& sheet, layout::FontProvider& fonts,
                        const layout::FontData* font_data, Diagnostics& diagnostics) {
    // The direct PDF's own font files, through fontspec: the same widths and
    // kerning, so TeX breaks lines, and then pages, where the engine does.
    // (Latin Modern under pdflatex sets Lato's lines about 2% narrower, and
    // a page fewer on a long CV.)
    const compose::Composer composer{document, sheet};
    warn_about_standards(sheet.pdf_standards, diagnostics);
    // pdflatex's fonts are Latin: other scripts' words (a month in Cyrillic) need xelatex.
    const auto written = [](LatexWriter& writer, TexEngine engine) {
        std::string text = writer.write();
        return LatexSource{std::move(text), engine, writer.take_attachments()};
    };
    if (LatexWriter::fontspec_finds(fonts, sheet.body_family) || sheet.language.script != "Latn") {
        LatexWriter for_xelatex{composer, fonts, font_data, TexEngine::xelatex};
        return written(for_xelatex, TexEngine::xelatex);
    }
    LatexWriter for_pdflatex{composer, fonts, font_data, TexEngine::pdflatex};
    LatexSource source = written(for_pdflatex, TexEngine::pdflatex);
    const EngineNeeds& needs = for_pdflatex.needs();
    if (!needs.xelatex) return source;
    diagnostics.note(
        needs.where,
        fmt::format("pdflatex cannot set {}: the LaTeX is written for xelatex (% !TEX program = xelatex)",
                    utf8::describe(needs.code_point)));
    LatexWriter for_xelatex{composer, fonts, font_data, TexEngine::xelatex};
    return written(for_xelatex, TexEngine::xelatex);
}

}  // namespace vitae::render
