// The LaTeX backend. The .tex mirrors the layout engine (src/layout/
// document.cpp) block by block: every line is a paragraph line whose height
// and depth are those of the direct PDF's line (a strut, and baselineskip
// with \lineskiplimit at -\maxdimen), blocks are stacked without TeX's
// interline glue, the gaps are the style's, and page breaks are allowed
// where the engine allows them. TeX then breaks pages where vitae does, as
// long as its lines break alike; the fonts are chosen for that (pdflatex:
// Latin Modern, whose widths are within 1.5% of Lato's and CMU Serif's).
#include "vitae/latex.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "vitae/breaks.hpp"
#include "vitae/date_format.hpp"
#include "vitae/limits.hpp"
#include "vitae/markup_style.hpp"
#include "vitae/names.hpp"
#include "vitae/numbers.hpp"
#include "vitae/publication_format.hpp"
#include "vitae/utf8.hpp"

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
    std::string_view macro;
    const style::TextStyle* style;
};

/// The type on a line, from which the engine computes its height: the
/// largest extent above and below the baseline of any face on it, and the
/// largest size (document.cpp's make_line).
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
    };
    Type type;
    std::vector<Type> beside;

    /// More text in the same paragraph.
    [[nodiscard]] LineMetrics with(const LineMetrics& other) const {
        LineMetrics line = *this;
        line.type = {std::max(type.natural_ascent, other.type.natural_ascent),
                     std::max(type.natural_descent, other.type.natural_descent),
                     std::max(type.size, other.type.size)};
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

class LatexWriter {
public:
    LatexWriter(const cv::Document& document, const style::Sheet& sheet, layout::FontProvider& fonts,
                const layout::FontData* font_data, TexEngine engine)
        : document_(document),
          sheet_(sheet),
          fonts_(fonts),
          font_data_(font_data),
          engine_(engine),
          owner_(document.person),
          named_styles_(name_styles()) {}

    [[nodiscard]] const EngineNeeds& needs() const { return needs_; }

    /// Whether fontspec can load `family` as the engine does: installed (the
    /// engine found it through fontconfig, as xelatex does) under a name TeX
    /// reads as it is.
    [[nodiscard]] static bool fontspec_finds(layout::FontProvider& fonts, const std::string& family) {
        return is_plain_font_name(family) && fonts.find_face({family, false, false, true}).has_value();
    }

    std::string write() {
        body_ascent_ = ascent_and_descent(metrics(sheet_.body)).first;
        std::string body = this->body();
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
        return {{"cvBody", &sheet_.body},
                {"cvName", &sheet_.person_name},
                {"cvHeadline", &sheet_.headline},
                {"cvContact", &sheet_.contact},
                {"cvSectionHeading", &sheet_.section_heading},
                {"cvEntryTitle", &sheet_.entry_title},
                {"cvEntrySubtitle", &sheet_.entry_subtitle},
                {"cvEntryDate", &sheet_.entry_date},
                {"cvEntryLocation", &sheet_.entry_location},
                {"cvSkillLabel", &sheet_.skill_label},
                {"cvPubTitle", &sheet_.publication_title},
                {"cvPubAuthors", &sheet_.publication_authors},
                {"cvPubVenue", &sheet_.publication_venue},
                {"cvPubAward", &sheet_.publication_award},
                {"cvPubGroup", &sheet_.publication_group},
                {"cvFooter", &sheet_.footer_style}};
    }

    [[nodiscard]] std::string macro_of(const style::TextStyle& style) const {
        for (const NamedStyle& named : named_styles_) {
            if (named.style == &style) return fmt::format("\\{}", named.macro);
        }
        return "\\cvBody";
    }

    [[nodiscard]] const std::string& family_of(const style::TextStyle& style) const {
        return style.family.empty() ? sheet_.body_family : style.family;
    }

    /// The face the engine sets a style in, as FontContext chooses it.
    [[nodiscard]] std::optional<layout::FaceId> face_of(const std::string& family, bool bold, bool italic) {
        if (auto face = face_in_family(family, bold, italic)) return face;
        for (const std::string& fallback : sheet_.fallback_families) {
            if (auto face = fonts_.find_face({fallback, bold, italic, true})) return face;
        }
        return std::nullopt;
    }

    /// The family's face for the style, else its regular face.
    [[nodiscard]] std::optional<layout::FaceId> face_in_family(const std::string& family, bool bold,
                                                               bool italic) {
        for (const bool styled : {true, false}) {
            if (!styled && !bold && !italic) break;
            if (auto face = fonts_.find_face({family, styled && bold, styled && italic, true})) return face;
        }
        return std::nullopt;
    }

    [[nodiscard]] LineMetrics metrics(const style::TextStyle& style) {
        const auto face = face_of(family_of(style), style.bold, style.italic);
        if (face) return metrics_of(*face, style.size);
        const layout::FaceInfo unknown;  // the em's usual ascender and descender
        return {{unknown.ascender * style.size, -unknown.descender * style.size, style.size}, {}};
    }

    [[nodiscard]] LineMetrics metrics_of(layout::FaceId face, double size) const {
        const layout::FaceInfo& info = fonts_.face(face);
        return {{info.ascender * size, -info.descender * size, size}, {}};
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
                                      sheet_.line_height);
        };
        layout::TypeReach line_reach = reach(line.type);
        for (const LineMetrics::Type& part : line.beside) {
            const layout::TypeReach part_reach = reach(part);
            line_reach = {std::max(line_reach.ascent, part_reach.ascent),
                          std::max(line_reach.descent, part_reach.descent)};
        }
        return {line_reach.ascent, line_reach.descent};
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
        const std::optional<layout::FaceId> primary = face_of(family_of(style), bold, italic);
        std::size_t open_fallback = 0;  // 0: none; else the fallback's number
        std::uint32_t column = start.column;
        const auto close_fallback = [&] {
            if (open_fallback != 0) out += "}";
            open_fallback = 0;
        };
        for (std::size_t offset = 0; offset < text.size(); ++column) {
            const std::size_t begin = offset;
            const char32_t code_point = utf8::next(text, offset);
            const std::string_view character = text.substr(begin, offset - begin);
            if (utf8::is_control(code_point)) {
                out += escape_tex(character, engine_);
                continue;
            }
            // The face the engine sets the character in makes the line as
            // tall as in the direct PDF.
            std::size_t fallback = 0;
            if (code_point != U' ' && primary && !fonts_.has_glyph(*primary, code_point)) {
                for (std::size_t i = 0; i < sheet_.fallback_families.size(); ++i) {
                    const auto face = fonts_.find_face({sheet_.fallback_families[i], bold, italic, true});
                    if (face && fonts_.has_glyph(*face, code_point)) {
                        fallback = i + 1;
                        pending_type_ = pending_type_.with(metrics_of(*face, style.size));
                        break;
                    }
                }
            }
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
            if (fallback != open_fallback) {
                close_fallback();
                if (fallback != 0)
                    fmt::format_to(std::back_inserter(out), "{{\\cvFallback{} ", letters(fallback));
                open_fallback = fallback;
            }
            out += escape_tex(character, engine_);
        }
        close_fallback();
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
    std::string rich(const cv::RichText& text, const style::TextStyle& style, bool breakable = false) {
        std::string spans;
        for (const cv::Span& span : text.spans) {
            // TeX's \\ as the engine sets it; a paragraph break in text not
            // split by paragraphs() ends the line too.
            if (span.break_before != cv::Span::Break::none) spans += "\\hfil\\penalty-10000 ";
            const bool bold = style.bold || span.bold;
            const bool italic = style.italic || span.italic;
            std::string run =
                span.code   ? code(span, style, bold, italic, text.where)
                : breakable ? breakable_characters(span.text, style, bold, italic, text.where, span.start)
                            : characters(span.text, style, bold, italic, text.where, span.start);
            if (span.bold && !style.bold) run = command("\\textbf", {run});
            if (span.italic && !style.italic) run = command("\\textit", {run});
            if (!span.link.empty()) {
                if (sheet_.link_color != style::Color{})
                    run = command("\\textcolor[rgb]", {rgb(sheet_.link_color), run});
                run = command("\\href", {escape_url(span.link), run});
            }
            spans += run;
        }
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
        if (const auto face = face_of(code_style.family, bold, italic))
            pending_type_ = pending_type_.with(metrics_of(*face, style.size));
        const std::string family = engine_ == TexEngine::pdflatex ? "\\fontfamily{pcr}\\selectfont"
                                                                  : family_command(code_style.family);
        return fmt::format("{{{} {}}}", family,
                           characters(span.text, code_style, bold, italic, where, span.start));
    }

    /// A block field (summary, description, text) in `style`: its paragraphs
    /// a paragraph gap apart, as the engine's add_paragraphs.
    void paragraphs(std::string& out, const cv::RichText& text, const style::TextStyle& style,
                    std::string_view prefix = {}, std::size_t first = 0) {
        const std::vector<cv::RichText> parts = cv::split_paragraphs(text);
        for (std::size_t i = first; i < parts.size(); ++i) {
            if (i > 0) space(out, style::paragraph_gap(sheet_, style));
            paragraph(out, metrics(style), fmt::format("{}{}", prefix, rich(parts[i], style)));
        }
    }

    std::string plain(std::string_view text, const style::TextStyle& style, const SourceRegion& where,
                      const std::string& link = {}) {
        std::string run = characters(text, style, style.bold, style.italic, where, where.begin);
        if (!link.empty()) run = command("\\href", {escape_url(link), run});
        return command(macro_of(style), {run});
    }

    // --- blocks ---------------------------------------------------------------------

    /// Vertical space between blocks; a page may break there unless the
    /// line before keeps with what follows.
    void space(std::string& out, double amount) {
        if (keep_next_) out += "\\nopagebreak";
        fmt::format_to(std::back_inserter(out), "\\cvspace{{{}}}\n", bp(amount));
        space_before_ = true;
    }

    /// A block of lines `metrics` tall, written as `macro`{ascent}{descent}`arguments`:
    /// a page may break before it (when no space does) unless the line before
    /// keeps with it; `keeps` says whether its last line keeps with what follows.
    void block(std::string& out, std::string_view macro, const LineMetrics& metrics,
               const std::string& arguments, bool keeps) {
        if (!space_before_) out += keep_next_ ? "\\nopagebreak" : "\\penalty0";
        fmt::format_to(std::back_inserter(out), "{}{}{}\n", macro, extent(metrics), arguments);
        keep_next_ = keeps;
        space_before_ = false;
    }

    /// One paragraph of lines `metrics` tall. `keep_all` keeps every line
    /// with the next (headings, entry heads); a paragraph keeps its first
    /// and last two lines together in any case (no orphans, no widows).
    void paragraph(std::string& out, const LineMetrics& metrics, const std::string& content,
                   bool keep_all = false) {
        block(out, keep_all ? "\\cvkeptpar" : "\\cvpar", metrics, fmt::format("{{{}}}", content), keep_all);
    }

    /// `left` with `right` flush right on its first line; the two never
    /// overlap (\cvtwosided decides, as the engine, whether the right side
    /// needs a line of its own).
    void two_sided(std::string& out, const LineMetrics& metrics, const std::string& left,
                   const std::string& right) {
        if (right.empty()) {
            paragraph(out, metrics, left, true);
            return;
        }
        block(out, "\\cvtwosided", metrics, fmt::format("{{{}}}{{{}}}", left, right), true);
    }

    void unkeep() { keep_next_ = false; }

    void marked(std::string& out, const LineMetrics& metrics, const std::string& marker,
                const std::string& content, bool numbered) {
        const std::string placed = command(numbered ? "\\cvnumbermarker" : "\\cvbulletmarker", {marker});
        paragraph(out, metrics, fmt::format("\\cvindent{}{}", placed, content));
    }

    // --- the CV ---------------------------------------------------------------------

    std::string body() {
        std::string out;
        if (!sheet_.sidebar) {
            header(out);
            for (const cv::Section& section : document_.sections) this->section(out, section);
            return out;
        }
        out += "\\begin{paracol}{2}\n";
        header(out);
        for (const cv::Section& section : document_.sections) {
            if (in_sidebar(section)) this->section(out, section);
        }
        out += "\\switchcolumn\\gdef\\cvlastdepth{0pt}\n";
        keep_next_ = false;
        space_before_ = true;
        for (const cv::Section& section : document_.sections) {
            if (!in_sidebar(section)) this->section(out, section);
        }
        out += "\\end{paracol}\n";
        return out;
    }

    [[nodiscard]] bool in_sidebar(const cv::Section& section) const {
        const auto& kinds = sheet_.sidebar_kinds;
        return std::find(kinds.begin(), kinds.end(), cv::to_string(section.kind)) != kinds.end();
    }

    [[nodiscard]] std::string aligned(const std::string& content, style::Alignment alignment) const {
        switch (alignment) {
            case style::Alignment::center: return fmt::format("\\cvcenter {}", content);
            case style::Alignment::right: return fmt::format("\\cvright {}", content);
            case style::Alignment::left: break;
        }
        return content;
    }

    void header(std::string& out) {
        const cv::Person& person = document_.person;
        const style::Alignment alignment = sheet_.header_alignment;
        paragraph(
            out, metrics(sheet_.person_name),
            fmt::format("{}{}", names_unbroken(), aligned(rich(person.name, sheet_.person_name), alignment)),
            true);
        if (!person.headline.empty()) {
            paragraph(out, metrics(sheet_.headline),
                      aligned(rich(person.headline, sheet_.headline), alignment), true);
        }
        contacts(out, alignment);
        if (!person.summary.empty()) {
            space(out, sheet_.section_gap_after);
            paragraphs(out, person.summary, sheet_.body);
        }
    }

    /// A name's hyphen is no place for a line break ("Núñez-García"), as in
    /// the engine: in a paragraph of names (the header's, an author list),
    /// TeX's break after an explicit hyphen is forbidden.
    static std::string names_unbroken() { return "\\exhyphenpenalty=10000 "; }

    /// Each contact a group with its icon; the line breaks at the separators.
    /// A contact wider than the column (TeX measures it: \\cvcontact) takes
    /// lines of its own, broken at its break points, as in the engine.
    void contacts(std::string& out, style::Alignment alignment) {
        std::vector<std::pair<std::string, std::string>> groups;  // whole, breakable
        const cv::Person& person = document_.person;
        for (const cv::Contact& contact : person.contacts) {
            const std::string whole = sheet_.contact_icons ? icon(contact.icon(), contact.url()) : "";
            const std::string breakable =
                sheet_.contact_icons ? icon(contact.icon(), contact.url(), true) : "";
            std::string value =
                breakable_characters(contact.value, sheet_.contact, sheet_.contact.bold,
                                     sheet_.contact.italic, contact.where, contact.where.begin);
            if (!contact.url().empty()) value = command("\\href", {escape_url(contact.url()), value});
            groups.emplace_back(
                fmt::format("{}{}", whole,
                            plain(contact.value, sheet_.contact, contact.where, contact.url())),
                fmt::format("{}{}", breakable, command(macro_of(sheet_.contact), {value})));
        }
        for (const cv::Link& link : person.links) {
            const bool has_icon = sheet_.contact_icons && !link.icon.empty();
            cv::RichText label = link.label;
            for (cv::Span& span : label.spans) span.link = link.url;
            groups.emplace_back(
                fmt::format("{}{}", has_icon ? icon(link.icon, link.url) : "", rich(label, sheet_.contact)),
                fmt::format("{}{}", has_icon ? icon(link.icon, link.url, true) : "",
                            rich(label, sheet_.contact, true)));
        }
        if (groups.empty()) return;
        // The separator and its spaces vanish where the line breaks, as in
        // the engine; its spaces are the contact style's, as in the engine.
        const std::string spaced_separator = command(
            macro_of(sheet_.contact),
            {fmt::format("\\ {}\\ ", characters(sheet_.contact_separator, sheet_.contact, sheet_.contact.bold,
                                                sheet_.contact.italic, person.where, person.where.begin))});
        const std::string separator = fmt::format(
            "{{{}}}", command("\\discretionary", {"", "", command("\\mbox", {spaced_separator})}));
        std::string line = "\\cvcontactstate=0 ";
        for (const auto& [whole, breakable] : groups)
            line += command("\\cvcontact", {separator, whole, breakable});
        // Contacts fill each line as far as they go, as in the engine: any
        // free space at the end of a line is fine, however much.
        paragraph(
            out, metrics(sheet_.contact),
            aligned(fmt::format("{}{}", alignment == style::Alignment::left ? "\\cvflushleft " : "", line),
                    alignment),
            true);
    }

    /// An icon as the direct PDF draws it: Font Awesome's outline, filled,
    /// then a space. Nothing when the icon font is not installed (the
    /// layout has said so).
    /// `keep_with_text`: no line break between the icon and its text.
    std::string icon(std::string_view name, const std::string& url, bool keep_with_text = false) {
        const auto code_point = layout::icon_code_point(name);
        if (!code_point || font_data_ == nullptr) return {};
        const auto face = fonts_.find_face({sheet_.icon_family, false, false, false});
        if (!face) return {};
        const auto glyph = fonts_.glyph_for(*face, *code_point);
        if (!glyph) return {};
        const std::string key = std::string{name};
        if (!icons_.contains(key)) {
            std::string text;
            utf8::append(text, *code_point);
            const std::vector<layout::ShapedGlyph> shaped = fonts_.shape(*face, text);
            const double size = sheet_.contact.size;
            const double advance = (shaped.empty() ? 1.0 : shaped.front().advance) * size;
            PathWriter path{size};
            font_data_->draw_glyph(*face, *glyph, path);
            icons_[key] = {fmt::format("cvIcon{}", letters(icons_.size() + 1)), bp(advance),
                           fmt::format("q {} {} f Q", rgb_operator(sheet_.contact.color), path.operators)};
        }
        pending_type_ = pending_type_.with(metrics_of(*face, sheet_.contact.size));
        std::string drawn = fmt::format("\\{}", icons_[key].macro);
        if (!url.empty()) drawn = command("\\href", {escape_url(url), drawn});
        // Kept with its text, the space after the icon is the engine's: it
        // neither breaks nor shrinks (a shrunk space let TeX set a line a
        // little wider than the column).
        return command(
            macro_of(sheet_.contact),
            {fmt::format("{}{}", drawn, keep_with_text ? "\\nobreak\\hspace*{\\fontdimen2\\font}" : "\\ ")});
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

    void section(std::string& out, const cv::Section& section) {
        space(out, sheet_.section_gap_before);
        const std::string title = section.title.plain();
        std::string heading = rich(section.title, sheet_.section_heading);
        const std::string anchor = fmt::format("section{}", ++section_count_);
        fmt::format_to(std::back_inserter(out), "\\cvanchor{{{}}}%\n", anchor);
        bookmarks_.push_back({static_cast<std::size_t>(&section - document_.sections.data()), anchor,
                              escape_tex(title, TexEngine::xelatex)});
        const LineMetrics heading_metrics = metrics(sheet_.section_heading);
        if (sheet_.section_rule) {
            block(out, "\\cvruledheading", heading_metrics, fmt::format("{{{}}}", heading), true);
        } else {
            paragraph(out, heading_metrics, heading, true);
        }
        space(out, sheet_.section_gap_after);
        switch (section.kind) {
            case cv::SectionKind::entries: entries(out, section); break;
            case cv::SectionKind::publications: publications(out, section); break;
            case cv::SectionKind::skills: skills(out, section); break;
            case cv::SectionKind::list: list(out, section); break;
            case cv::SectionKind::text: paragraphs(out, section.text, sheet_.body); break;
        }
    }

    /// Entries under their group's sub-heading (as the engine's layout_entries).
    void entries(std::string& out, const cv::Section& section) {
        bool first = true;
        for (const cv::EntryGroup& group : cv::group_entries(section.entries)) {
            if (!group.name.empty()) {
                if (!first) space(out, sheet_.entry_gap);
                const cv::RichText& heading = group.entries.front()->group;
                paragraph(out, metrics(sheet_.publication_group), rich(heading, sheet_.publication_group),
                          true);
                first = true;
            }
            for (const cv::Entry* entry : group.entries) {
                if (!first) space(out, sheet_.entry_gap);
                this->entry(out, *entry);
                first = false;
            }
        }
    }

    void entry(std::string& out, const cv::Entry& entry) {
        cv::RichText title = entry.title;
        if (!entry.url.empty()) {
            for (cv::Span& span : title.spans) span.link = entry.url;
        }
        const std::string dates = style::format_date_range(entry.dates, sheet_.date_words);
        const bool location_on_title_line = dates.empty() && !entry.location.empty();
        LineMetrics first = metrics(sheet_.entry_title);
        std::string right;
        if (location_on_title_line) {
            right = rich(entry.location, sheet_.entry_location);
            first = first.and_beside(metrics(sheet_.entry_location));
        } else if (!dates.empty()) {
            right = plain(dates, sheet_.entry_date, entry.dates.where);
            first = first.and_beside(metrics(sheet_.entry_date));
        }
        two_sided(out, first, rich(title, sheet_.entry_title), right);
        const bool location_below = !location_on_title_line && !entry.location.empty();
        if (!entry.subtitle.empty() || location_below) {
            LineMetrics second = entry.subtitle.empty() ? LineMetrics{} : metrics(sheet_.entry_subtitle);
            if (location_below) second = second.and_beside(metrics(sheet_.entry_location));
            two_sided(out, second, entry.subtitle.empty() ? "" : rich(entry.subtitle, sheet_.entry_subtitle),
                      location_below ? rich(entry.location, sheet_.entry_location) : "");
        }
        if (!entry.description.empty()) paragraphs(out, entry.description, sheet_.body);
        for (const cv::RichText& highlight : entry.highlights) bullet(out, highlight);
        for (const cv::Role& role : entry.roles) {
            keep_next_ = true;
            space(out, sheet_.role_gap);
            const std::string role_dates = style::format_date_range(role.dates, sheet_.date_words);
            two_sided(out, metrics(sheet_.entry_subtitle).and_beside(metrics(sheet_.entry_date)),
                      rich(role.title, sheet_.entry_subtitle),
                      role_dates.empty() ? "" : plain(role_dates, sheet_.entry_date, role.dates.where));
            if (!role.location.empty()) {
                two_sided(out, metrics(sheet_.entry_location), "",
                          rich(role.location, sheet_.entry_location));
            }
            for (const cv::RichText& highlight : role.highlights) bullet(out, highlight);
        }
        unkeep();
    }

    /// A list section's items, with bullets or numbers (as the engine's layout_list).
    void list(std::string& out, const cv::Section& section) {
        for (std::size_t i = 0; i < section.items.size(); ++i) {
            if (section.numbering == cv::Section::Numbering::none) {
                bullet(out, section.items[i]);
            } else {
                bullet(out, section.items[i], fmt::format("{}.", section.item_number(i)));
            }
        }
    }

    /// A highlight or list item: its marker is the sheet's bullet, or `number`.
    void bullet(std::string& out, const cv::RichText& text, const std::string& number = {}) {
        space(out, sheet_.highlight_gap);
        const std::vector<cv::RichText> parts = cv::split_paragraphs(text);
        if (parts.empty()) return;
        marked(out, metrics(sheet_.body),
               plain(number.empty() ? sheet_.bullet : number, sheet_.body, text.where),
               rich(parts.front(), sheet_.body), !number.empty());
        // Later paragraphs of the item hang in the marker's indent.
        paragraphs(out, text, sheet_.body, "\\cvindent ", 1);
    }

    void publications(std::string& out, const cv::Section& section) {
        const std::vector<cv::PublicationGroup> groups = cv::group_publications(section.publications);
        bool any_equal_contribution = false;
        for (const cv::PublicationGroup& group : groups) {
            if (!group.name.empty()) {
                if (&group != &groups.front()) space(out, sheet_.entry_gap);
                const cv::RichText& heading = group.publications.front()->group;
                paragraph(out, metrics(sheet_.publication_group), rich(heading, sheet_.publication_group),
                          true);
            }
            std::size_t number = 0;
            for (const cv::Publication* publication : group.publications) {
                if (number > 0) space(out, sheet_.publication_gap);
                this->publication(out, *publication, ++number);
                any_equal_contribution = any_equal_contribution || !publication->equal_contribution.empty();
            }
        }
        if (any_equal_contribution) {
            space(out, sheet_.publication_gap);
            paragraph(out, metrics(sheet_.publication_authors),
                      plain(sheet_.equal_contribution_note, sheet_.publication_authors, section.where));
        }
    }

    void publication(std::string& out, const cv::Publication& publication, std::size_t number) {
        const std::string target = !publication.url.empty() ? publication.url : publication.doi_url();
        cv::RichText title = publication.title;
        if (!target.empty()) {
            for (cv::Span& span : title.spans) {
                if (span.link.empty()) span.link = target;
            }
        }
        const bool numbered = sheet_.number_publications;
        const std::string marker = numbered
                                       ? plain(fmt::format("{}.", number), sheet_.body, publication.where)
                                       : plain(sheet_.bullet, sheet_.body, publication.where);
        marked(out, metrics(sheet_.publication_title).and_beside(metrics(sheet_.body)), marker,
               rich(title, sheet_.publication_title), numbered);
        keep_next_ = true;

        if (!publication.authors.empty()) {
            style::TextStyle owner_style = sheet_.publication_authors;
            owner_style.bold = true;
            std::string authors;
            LineMetrics authors_metrics = metrics(sheet_.publication_authors);
            for (std::size_t i = 0; i < publication.authors.size(); ++i) {
                const cv::RichText& author = publication.authors[i];
                const bool is_owner = sheet_.highlight_owner && owner_.matches(author);
                std::string name = rich(author, sheet_.publication_authors);
                if (is_owner) {
                    name = bold_inside(name);
                    authors_metrics = authors_metrics.with(metrics(owner_style));
                }
                authors += name;
                if (publication.is_equal_contributor(author)) {
                    authors +=
                        plain(sheet_.equal_contribution_mark, sheet_.publication_authors, author.where);
                }
                if (i + 1 < publication.authors.size()) {
                    fmt::format_to(std::back_inserter(authors), "{} ",
                                   plain(",", sheet_.publication_authors, author.where));
                }
            }
            paragraph(out, authors_metrics, fmt::format("\\cvindent {}{}", names_unbroken(), authors));
            keep_next_ = true;
        }

        publication_meta(out, publication);
        unkeep();
    }

    /// `\cvX{text}` set bold: inside the macro, since the macro sets its
    /// own series (`\mdseries`), which would undo a `\textbf` around it.
    static std::string bold_inside(std::string styled) {
        styled.insert(styled.find('{') + 1, "\\bfseries ");
        return styled;
    }

    /// The line under the authors (style::publication_meta), as the engine
    /// sets it: a separator is tied to the item before it.
    void publication_meta(std::string& out, const cv::Publication& publication) {
        const std::vector<style::MetaItem> items =
            style::publication_meta(publication, sheet_.publication_details, sheet_.date_words);
        if (items.empty()) return;
        style::TextStyle abbr_style = sheet_.body;
        abbr_style.bold = true;
        std::string line;
        LineMetrics line_metrics;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0)
                fmt::format_to(std::back_inserter(line), "~{} ",
                               plain(sheet_.contact_separator, sheet_.body, publication.where));
            for (const style::MetaRun& run : items[i].runs) {
                using Role = style::MetaRun::Role;
                const style::TextStyle& run_style = run.role == Role::award ? sheet_.publication_award
                                                    : run.role == Role::venue || run.role == Role::details
                                                        ? sheet_.publication_venue
                                                        : sheet_.body;
                if (run.role == Role::abbr) {
                    line += bold_inside(plain(run.text, abbr_style, publication.where));
                    line_metrics = line_metrics.with(metrics(abbr_style));
                    continue;
                }
                if (run.rich != nullptr) {
                    line += rich(*run.rich, run_style);
                } else {
                    // A space inside a style's macro would end its font command: it goes before.
                    const std::size_t text_start = std::min(run.text.find_first_not_of(' '), run.text.size());
                    if (text_start > 0) line += ' ';
                    if (text_start < run.text.size())
                        line += plain(std::string_view{run.text}.substr(text_start), run_style,
                                      publication.where, run.url);
                }
                line_metrics = line_metrics.with(metrics(run_style));
            }
        }
        paragraph(out, line_metrics, fmt::format("\\cvindent {}", line));
    }

    void skills(std::string& out, const cv::Section& section) {
        // The widest label, measured by TeX, decides beside or above (\cvskill).
        out += "\\cvresetlabels";
        for (const cv::SkillRow& row : section.skills)
            out += command("\\cvmeasurelabel", {rich(row.label, sheet_.skill_label)});
        out += "%\n";
        pending_type_ = {};  // the labels are measured here, not set
        const std::string trimmed_separator = [&] {
            const std::size_t last = sheet_.skill_separator.find_last_not_of(' ');
            return last == std::string::npos ? std::string{} : sheet_.skill_separator.substr(0, last + 1);
        }();
        for (const cv::SkillRow& row : section.skills) {
            std::string items;
            for (std::size_t j = 0; j < row.items.size(); ++j) {
                items += rich(row.items[j], sheet_.body);
                if (j + 1 < row.items.size()) {
                    if (!trimmed_separator.empty())
                        items += plain(trimmed_separator, sheet_.body, row.items[j].where);
                    items += " ";
                }
            }
            const LineMetrics row_metrics = metrics(sheet_.body).and_beside(metrics(sheet_.skill_label));
            const std::string label = rich(row.label, sheet_.skill_label);
            block(out, "\\cvskill", row_metrics, fmt::format("{{{}}}{{{}}}", label, items), false);
        }
    }

    // --- preamble ----------------------------------------------------------------

    std::string preamble() {
        std::string out;
        if (engine_ == TexEngine::xelatex) out += "% !TEX program = xelatex\n";
        // The name is the sheet's, or its file's: text from outside, even in a comment.
        fmt::format_to(
            std::back_inserter(out),
            "% A CV written by vitae from its TOML source and the style '{}'. It compiles with {} and a "
            "stock TeX Live;\n% the look lives in the preamble, the content in the document.\n",
            escape_tex(sheet_.name, engine_), engine_name(engine_));
        out += "\\documentclass{article}\n";
        const double footskip = sheet_.margins.bottom / 2;
        fmt::format_to(
            std::back_inserter(out),
            "\\usepackage[paperwidth={},paperheight={},top={},bottom={},left={},right={},footskip={},"
            "headheight=0bp,headsep=0bp]{{geometry}}\n",
            bp(sheet_.page_width), bp(sheet_.page_height), bp(sheet_.margins.top), bp(sheet_.margins.bottom),
            bp(sheet_.margins.left), bp(sheet_.margins.right), bp(footskip));
        out += fonts_preamble();
        out += "\\usepackage{xcolor}\n\\usepackage{accsupp}\n";
        if (engine_ == TexEngine::pdflatex) out += "\\usepackage{marvosym}\n\\usepackage{pifont}\n";
        if (sheet_.sidebar) out += "\\usepackage{paracol}\n";
        out += "\\usepackage{fancyhdr}\n\\usepackage{lastpage}\n";
        out += "\\usepackage[unicode,hidelinks,bookmarksnumbered=false]{hyperref}\n\\usepackage{bookmark}\n";
        const std::string name = document_.person.name.plain();
        std::string keywords;
        for (const cv::Section& section : document_.sections) {
            if (!keywords.empty()) keywords += ", ";
            keywords += section.title.plain();
        }
        const std::string subject =
            document_.person.headline.empty() ? "Curriculum vitae" : document_.person.headline.plain();
        const TexEngine metadata = TexEngine::xelatex;  // hyperref's unicode option takes UTF-8 as it is
        const std::string title =
            name.empty() ? "Curriculum vitae" : fmt::format("{} \u2014 Curriculum vitae", name);
        fmt::format_to(std::back_inserter(out),
                       "\\hypersetup{{pdftitle={{{}}},pdfauthor={{{}}},pdfsubject={{{}}},pdfkeywords={{{}}},"
                       "pdfcreator={{vitae}}}}\n",
                       escape_tex(title, metadata), escape_tex(name, metadata), escape_tex(subject, metadata),
                       escape_tex(keywords, metadata));
        out += "\n% --- text styles (the style sheet's) ---\n";
        for (const NamedStyle& named : named_styles_) {
            const style::TextStyle& style = *named.style;
            fmt::format_to(
                std::back_inserter(out),
                "\\newcommand\\{}[1]{{{{\\fontsize{{{}}}{{{}}}\\selectfont{}{}{}\\color[rgb]{{{}}}#1}}}}\n",
                named.macro, bp(style.size), bp(style.size * sheet_.line_height),
                family_command(family_of(style)), style.bold ? "\\bfseries" : "\\mdseries",
                style.italic ? "\\itshape" : "\\upshape", rgb(style.color));
        }
        for (const auto& [name_key, icon] : icons_) {
            (void)name_key;
            fmt::format_to(std::back_inserter(out), "\\newcommand\\{}{{{}}}\n", icon.macro,
                           command("\\cvicon", {icon.advance, icon.path}));
        }
        out += layout_macros();
        out += page_style();
        return out;
    }

    [[nodiscard]] std::string family_command(const std::string& family) {
        if (engine_ == TexEngine::pdflatex) return is_serif_family_name(family) ? "\\rmfamily" : "\\sffamily";
        auto [found, added] =
            families_.try_emplace(family, fmt::format("cvFamily{}", letters(families_.size() + 1)));
        (void)added;
        return fmt::format("\\{}", found->second);
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
        // U+2219) by the wrong one.
        out += "\\usepackage{fontspec}\n\\XeTeXgenerateactualtext=1\n";
        // The installed families the direct PDF embeds. A family that is
        // not installed (the layout has said so) keeps LaTeX's default
        // rather than stop fontspec.
        const auto installed = [&](const std::string& family) { return fontspec_finds(fonts_, family); };
        if (installed(sheet_.body_family))
            fmt::format_to(std::back_inserter(out), "\\setmainfont{}\n", fontspec_faces(sheet_.body_family));
        for (const NamedStyle& named : named_styles_) (void)family_command(family_of(*named.style));
        for (const auto& [family, macro] : families_) {
            out += installed(family) ? fmt::format("\\newfontfamily\\{}{}\n", macro, fontspec_faces(family))
                                     : fmt::format("\\newcommand\\{}{{\\rmfamily}}\n", macro);
        }
        for (std::size_t i = 0; i < sheet_.fallback_families.size(); ++i) {
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
    std::string fontspec_faces(const std::string& family) {
        const style::LineBreaking& breaking = sheet_.line_breaking;
        const std::string features =
            fmt::format("Ligatures={{NoCommon,NoRequired,NoContextual}},WordSpace={{1,{},{}}}",
                        decimal(breaking.word_stretch() / xetex_space_stretch),
                        decimal(breaking.word_shrink() / xetex_space_shrink));
        const auto postscript_name = [&](bool bold, bool italic) -> std::string {
            const auto face = face_in_family(family, bold, italic);
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
        return fmt::format("{{{}}}[BoldFont={},ItalicFont={},BoldItalicFont={},{}]", regular, bold, italic,
                           bold_italic, features);
    }

    std::string layout_macros() const {
        const style::LineBreaking& breaking = sheet_.line_breaking;
        std::string out = "\n% --- lines and blocks, as vitae's layout engine sets them ---\n";
        out +=
            "% From one baseline to the next is the lower line's ascent plus the upper\n"
            "% line's descent (plus the space between), as in vitae's own layout. Pages\n"
            "% break where the engine allows, and nowhere else.\n";
        fmt::format_to(std::back_inserter(out),
                       "\\setlength\\parindent{{0pt}}\\setlength\\parskip{{0pt}}\\setlength\\topskip{{{}}}"
                       "\\setlength\\maxdepth{{0pt}}\n",
                       bp(body_ascent_));
        out += "\\raggedbottom\\hyphenpenalty=10000\\clubpenalty=10000\\widowpenalty=10000\n";
        fmt::format_to(std::back_inserter(out), "\\exhyphenpenalty={}\n",
                       tex_integer(style::LineBreaking::explicit_hyphen_penalty));
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
        out +=
            "\\newcommand\\cvlines[2]{\\setlength\\baselineskip{\\dimexpr#1+#2\\relax}"
            "\\setlength\\lineskiplimit{-\\maxdimen}\\rightskip=0pt \\cvrightstretch\\relax\\parfillskip=0pt "
            "plus 1fil\\relax}\n";
        out +=
            "\\newcommand\\cvblock[4]{\\cvstart{#1}{#2}{\\cvlines{#1}{#2}#3%\n"
            "  "
            "\\setbox\\cvbox\\vbox{\\noindent\\cvstrut{#1}{#2}#4\\cvstrut{#1}{#2}\\par\\global\\cvlinecount="
            "\\prevgraf}%\n"
            "  \\nointerlineskip\\ifnum\\cvlinecount<4\\relax\n"
            "    "
            "\\ht\\cvbox=\\dimexpr#1+(#1+#2)*\\numexpr\\cvlinecount-1\\relax\\relax\\dp\\cvbox=#"
            "2\\relax\\box\\cvbox\n"
            "  \\else\\cvdepth=\\dp\\cvbox\\unvbox\\cvbox\\prevdepth=\\cvdepth\\fi}}\n";
        out += "\\newcommand\\cvpar[3]{\\cvblock{#1}{#2}{}{#3}}\n";
        out += "\\newcommand\\cvkeptpar[3]{\\cvblock{#1}{#2}{\\interlinepenalty=10000 }{#3}}\n";
        out += "\\newcommand\\cvspace[1]{\\par\\vskip#1\\relax}\n";
        out +=
            "\\newcommand\\cvcenter{\\leftskip=0pt plus 1fil\\rightskip=0pt plus "
            "1fil\\parfillskip=0pt\\relax}\n";
        out += "\\newcommand\\cvright{\\leftskip=0pt plus 1fil\\parfillskip=0pt\\relax}\n";
        out += "\\newcommand\\cvflushleft{\\rightskip=0pt plus 1fil\\relax}\n";
        out +=
            "% A contact (#2) after its separator (#1); one wider than the column on lines of\n"
            "% its own, broken at its break points (#3), with no separator either side\n";
        out += "\\newlength\\cvcontactwidth\\newcount\\cvcontactstate\n";
        out +=
            "\\newcommand\\cvcontact[3]{\\settowidth\\cvcontactwidth{#2}\\ifdim\\cvcontactwidth>\\linewidth\n"
            "  \\ifnum\\cvcontactstate>0 \\penalty-10000 \\fi#3\\cvcontactstate=2 \n"
            "  \\else\\ifcase\\cvcontactstate\\or#1\\or\\penalty-10000 \\fi\\mbox{#2}\\cvcontactstate=1 "
            "\\fi}\n";
        fmt::format_to(std::back_inserter(out), "\\newcommand\\cvindent{{\\leftskip={}\\relax}}\n",
                       bp(sheet_.bullet_text_indent));
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
                       "  \\else\\cvkeptpar{{#1}}{{#2}}{{\\rightskip=\\dimexpr\\cvrightwidth+{0}\\relax "
                       "\\cvrightstretch\\relax\\rlap{{\\hskip\\dimexpr\\linewidth-\\cvrightwidth\\relax#4}}#"
                       "3}}\\fi\\fi}}"
                       "\n",
                       bp(sheet_.date_gap));
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
                       "  \\else\\cvpar{{#1}}{{#2}}{{\\leftskip=\\dimexpr\\cvlabelwidth+{1}"
                       "\\relax\\llap{{\\makebox[\\dimexpr\\cvlabelwidth+{1}\\relax][l]{{#3}}}}#4}}\\fi}}\n",
                       decimal(sheet_.skills_label_share), bp(sheet_.skill_label_gap));
        out += "% Icons: Font Awesome's outlines as PDF paths, as in the direct PDF\n";
        out +=
            "\\newcommand\\cvliteral[1]{\\ifdefined\\pdfliteral\\pdfliteral{#1}\\else\\special{pdf:content "
            "#1}\\fi}\n";
        out += "\\newcommand\\cvicon[2]{\\leavevmode\\hbox to #1{\\cvliteral{#2}\\hss}}\n";
        if (sheet_.sidebar) {
            const double full = sheet_.page_width - sheet_.margins.left - sheet_.margins.right;
            fmt::format_to(std::back_inserter(out), "\\columnratio{{{}}}\\setlength\\columnsep{{{}}}\n",
                           decimal(sheet_.sidebar_width / (full - sheet_.column_gap)), bp(sheet_.column_gap));
        }
        return out;
    }

    std::string page_style() {
        if (!sheet_.footer) return "\\pagestyle{empty}\n";
        std::string out =
            "\\pagestyle{fancy}\\fancyhf{}\\renewcommand\\headrulewidth{0pt}\\renewcommand\\footrulewidth{"
            "0pt}\n";
        std::string footer;
        const std::string& text = sheet_.footer_text;
        for (std::size_t at = 0; at < text.size();) {
            bool replaced = false;
            for (const auto& [placeholder, tex] :
                 std::initializer_list<std::pair<std::string_view, std::string>>{
                     {"{name}", characters(document_.person.name.plain(), sheet_.footer_style, false, false,
                                           sheet_.where, sheet_.where.begin)},
                     {"{page}", "{\\thepage}"},
                     {"{pages}", "\\pageref*{LastPage}"}}) {
                if (std::string_view{text}.substr(at).starts_with(placeholder)) {
                    footer += tex;
                    at += placeholder.size();
                    replaced = true;
                    break;
                }
            }
            if (replaced) continue;
            const std::size_t next = text.find('{', at + 1);
            const std::size_t end = next == std::string::npos ? text.size() : next;
            footer += characters(std::string_view{text}.substr(at, end - at), sheet_.footer_style, false,
                                 false, sheet_.where, sheet_.where.begin);
            at = end;
        }
        fmt::format_to(std::back_inserter(out), "\\fancyfoot[C]{{\\cvFooter{{{}}}}}\n", footer);
        if (!sheet_.footer_updated.empty() && document_.date) {
            std::string updated = sheet_.footer_updated;
            const std::string date = style::format_date(*document_.date, sheet_.date_words);
            for (std::size_t at = updated.find("{date}"); at != std::string::npos;
                 at = updated.find("{date}", at + date.size())) {
                updated.replace(at, 6, date);
            }
            fmt::format_to(std::back_inserter(out), "\\fancyfoot[R]{{{}}}\n",
                           plain(updated, sheet_.footer_style, sheet_.where));
        }
        return out;
    }

    struct Icon {
        std::string macro;
        std::string advance;
        std::string path;
    };

    const cv::Document& document_;
    const style::Sheet& sheet_;
    layout::FontProvider& fonts_;
    const layout::FontData* font_data_;
    TexEngine engine_;
    style::NameMatcher owner_;
    const std::vector<NamedStyle> named_styles_;
    EngineNeeds needs_;
    /// Faces the text of the next line brought in (fallbacks, icons).
    LineMetrics pending_type_;
    std::map<std::string, Icon> icons_;
    std::map<std::string, std::string> families_;
    std::size_t section_count_ = 0;
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
    if (LatexWriter::fontspec_finds(fonts, sheet.body_family)) {
        LatexWriter for_xelatex{document, sheet, fonts, font_data, TexEngine::xelatex};
        return {for_xelatex.write(), TexEngine::xelatex};
    }
    LatexWriter for_pdflatex{document, sheet, fonts, font_data, TexEngine::pdflatex};
    std::string text = for_pdflatex.write();
    const EngineNeeds& needs = for_pdflatex.needs();
    if (!needs.xelatex) return {std::move(text), TexEngine::pdflatex};
    diagnostics.note(
        needs.where,
        fmt::format("pdflatex cannot set {}: the LaTeX is written for xelatex (% !TEX program = xelatex)",
                    utf8::describe(needs.code_point)));
    LatexWriter for_xelatex{document, sheet, fonts, font_data, TexEngine::xelatex};
    return {for_xelatex.write(), TexEngine::xelatex};
}

}  // namespace vitae::render
