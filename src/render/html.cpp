#include "vitae/render/html.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"
#include "vitae/image/image.hpp"
#include "vitae/layout/face_choice.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/markup_style.hpp"

namespace vitae::render {

namespace {

// --- text for HTML, CSS and JSON ----------------------------------------------

/// A number of points (or ems) as CSS writes it: at most three decimals,
/// no trailing zeros, so that the same sheet gives the same bytes.
std::string number(double value) {
    std::string text = fmt::format("{:.3f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

std::string points(double value) {
    return fmt::format("{}pt", number(value));
}

/// A CSS string in double quotes: quotes, backslashes and line ends escaped
/// as code points ("\22 "), so that no family name or footer text can end
/// the string, or the style element ("<" too).
std::string css_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '<' || c == '>') {
            fmt::format_to(std::back_inserter(out), "\\{:x} ", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

/// A JSON string, "<" escaped so that "</script>" in a name cannot end the
/// JSON-LD's script element.
std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || c == '<' || c == '>' || c == '&') {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", byte);
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

std::string css_color(const Color& color) {
    const auto channel = [](double value) {
        return static_cast<int>(std::clamp(value, 0.0, 1.0) * 255 + 0.5);
    };
    return fmt::format("#{:02x}{:02x}{:02x}", channel(color.red), channel(color.green), channel(color.blue));
}

// --- dark mode ----------------------------------------------------------------

/// The dark page's background and the lightness range its colours are
/// turned into: Material Design's dark theme (a #121212 surface, text at
/// about 87% white), so that the lightest text is not a glaring white.
constexpr std::string_view dark_background = "#121212";
constexpr double darkest_lightness = 0.1;
constexpr double lightest_lightness = 0.9;

/// A colour for the dark page: its HSL lightness turned over into
/// [darkest_lightness, lightest_lightness], hue and saturation kept — black
/// text becomes light grey, a deep-blue heading a light blue one.
Color for_dark_page(const Color& color) {
    const double high = std::max({color.red, color.green, color.blue});
    const double low = std::min({color.red, color.green, color.blue});
    const double lightness = (high + low) / 2;
    const double turned = lightest_lightness - (lightest_lightness - darkest_lightness) * lightness;
    if (high == low) return {turned, turned, turned};
    const double chroma = high - low;
    const double saturation = chroma / (1 - std::abs(2 * lightness - 1));
    double hue = 0;  // in sixths of a turn
    if (high == color.red) {
        hue = std::fmod((color.green - color.blue) / chroma + 6, 6);
    } else if (high == color.green) {
        hue = (color.blue - color.red) / chroma + 2;
    } else {
        hue = (color.red - color.green) / chroma + 4;
    }
    const double new_chroma = (1 - std::abs(2 * turned - 1)) * saturation;
    const double second = new_chroma * (1 - std::abs(std::fmod(hue, 2) - 1));
    const double base = turned - new_chroma / 2;
    constexpr std::array<std::array<int, 3>, 6> order{
        {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}}};
    const std::array<int, 3>& sector = order[static_cast<std::size_t>(std::min(hue, 5.999))];
    const std::array<double, 3> levels{new_chroma, second, 0};
    return {base + levels[static_cast<std::size_t>(sector[0])],
            base + levels[static_cast<std::size_t>(sector[1])],
            base + levels[static_cast<std::size_t>(sector[2])]};
}

/// Bytes as base64 (RFC 4648), for data: URIs.
std::string base64(std::string_view bytes) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t left = bytes.size() - i;
        std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (left > 1) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        if (left > 2) group |= static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(group >> 18) & 63];
        out += alphabet[(group >> 12) & 63];
        out += left > 1 ? alphabet[(group >> 6) & 63] : '=';
        out += left > 2 ? alphabet[group & 63] : '=';
    }
    return out;
}

/// A link target as an attribute: only the schemes a CV links to, so that
/// a "javascript:" link in someone else's CV cannot run in the page.
bool safe_link(std::string_view url) {
    static constexpr std::array schemes{"https://", "http://", "mailto:", "tel:", "#"};
    std::string lower;
    for (const char c : url.substr(0, 10)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return std::any_of(schemes.begin(), schemes.end(),
                       [&](std::string_view scheme) { return std::string_view{lower}.starts_with(scheme); });
}

// --- the ISO 8601 dates of <time> ------------------------------------------------

/// A date at its precision: "2021", "2021-03", "2021-03-14" (HTML's valid
/// year, month and date strings).
std::string iso_date(const cv::Date& date) {
    if (date.month == 0) return fmt::format("{:04d}", date.year);
    if (date.day == 0) return fmt::format("{:04d}-{:02d}", date.year, date.month);
    return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

// --- fonts ---------------------------------------------------------------------

/// What text is set in, as the engine chooses a face for it.
struct FaceKey {
    std::string family;
    bool bold = false;
    bool italic = false;
    friend auto operator<=>(const FaceKey&, const FaceKey&) = default;
};

/// The CSS family an embedded font is declared under: its own name with a
/// mark, so that a font of that name installed on the reader's system (an
/// older version, other glyphs) is not taken for it.
std::string embedded_family(std::string_view family) {
    return fmt::format("{} (vitae)", family);
}

/// The generic family that ends a stack, should a character have no face.
std::string_view generic_family(std::string_view family) {
    for (const std::string_view serif :
         {"Serif", "CMU", "Roman", "Times", "Norasi", "Frank Ruehl", "Amiri"}) {
        if (family.find(serif) != std::string_view::npos) return "serif";
    }
    return family == style::code_family ? "monospace" : "sans-serif";
}

/// An icon's height beside text: the height of its capitals and ascenders,
/// as the engine sets the icon font at the text's size.
constexpr double icon_height_em = 0.9;

/// Receives a glyph's outline as an SVG path, y flipped (SVG's y runs down)
/// and moved down by the face's ascender, so the path's box starts at 0.
class SvgPath final : public layout::OutlineSink {
public:
    explicit SvgPath(double ascender) : ascender_(ascender) {}
    void move_to(double x, double y) override { add('M', {x, y}); }
    void line_to(double x, double y) override { add('L', {x, y}); }
    void cubic_to(double x1, double y1, double x2, double y2, double x, double y) override {
        add('C', {x1, y1, x2, y2, x, y});
    }
    void close() override { path_ += 'Z'; }
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    void add(char command, std::initializer_list<double> coordinates) {
        path_ += command;
        bool is_x = true;
        for (const double value : coordinates) {
            if (!is_x || path_.back() != command) path_ += ' ';
            path_ += number(is_x ? value : ascender_ - value);
            is_x = !is_x;
        }
    }
    double ascender_;
    std::string path_;
};

// --- the page --------------------------------------------------------------------

/// The CSS class of a sheet's text style ("entries.title": "ts-entries-title").
std::string style_class(std::string_view name) {
    std::string out = "ts-";
    for (const char c : name) out += c == '.' ? '-' : c;
    return out;
}

/// Writes composed blocks as the page's HTML, flow by flow, and notes
/// which characters each face must hold.
class HtmlWriter final : public compose::BlockSink {
public:
    HtmlWriter(const compose::Composer& composer, layout::FaceChoice& faces, layout::FontProvider& fonts,
               const layout::FontData& font_data, Diagnostics& diagnostics)
        : sheet_(composer.sheet()),
          faces_(faces),
          fonts_(fonts),
          font_data_(font_data),
          diagnostics_(diagnostics) {}

    void start(compose::Flow flow) override {
        close_all();
        current_ = flow == compose::Flow::sidebar ? &sidebar_ : &main_;
    }

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        using compose::Role;
        page_break_pending_ = page_break_pending_ || block.page_break_before;
        if (block.kind == Kind::space) {
            // The composition's gaps, in the sheet's amounts (fitted, when
            // the PDF was): the first element after one starts that far
            // below. A letter's address field placed for an envelope is a
            // letter part's gap on a screen.
            pending_gap_ += compose::gap_amount(
                sheet_, block.to_page_position ? compose::Gap::letter_part : block.gap, block.gap_style);
            return;
        }
        if (block.hanging && list_ != List::none) {
            hanging(block);
            return;
        }
        if (block.kind != Kind::list_item) close_list();
        const bool in_header = !block.section && is_header_role(block.role);
        if (in_header && !header_open_) {
            close_all();
            fmt::format_to(std::back_inserter(out()), "<header class=\"cv-header p-contact h-card\"{}>\n",
                           gap_before());
            header_open_ = true;
        } else if (!in_header && header_open_) {
            out() += "</header>\n";
            header_open_ = false;
        }
        switch (block.kind) {
            case Kind::heading: heading(block); break;
            case Kind::paragraph: paragraph(block); break;
            case Kind::two_sided: two_sided(block); break;
            case Kind::list_item: list_item(block); break;
            case Kind::contacts: contacts(block); break;
            case Kind::skills: skills(block); break;
            case Kind::picture: picture(block); break;
            case Kind::space: break;
        }
    }

    void finish() {
        close_all();
        current_ = nullptr;
    }

    [[nodiscard]] const std::string& sidebar() const { return sidebar_; }
    [[nodiscard]] const std::string& main() const { return main_; }
    /// The characters set in each face key, for the embedded subsets.
    [[nodiscard]] const std::map<FaceKey, std::set<char32_t>>& characters() const { return characters_; }

private:
    enum class List : std::uint8_t { none, bullets, numbers };

    std::string& out() { return *current_; }

    /// The declarations that put the pending gap, and the CV's pending
    /// page break (printed), before an element, once.
    std::string gap_css() {
        const double gap = std::exchange(pending_gap_, 0.0);
        std::string css = gap > 0 ? fmt::format("margin-top:{};", points(gap)) : std::string{};
        if (std::exchange(page_break_pending_, false)) css += "break-before:page;";
        return css;
    }
    /// The same as an element's style attribute.
    std::string gap_before() {
        const std::string css = gap_css();
        return css.empty() ? css : fmt::format(" style=\"{}\"", css);
    }

    static bool is_header_role(compose::Role role) {
        using compose::Role;
        return role == Role::name || role == Role::headline || role == Role::contacts ||
               role == Role::photo || role == Role::summary;
    }

    // --- closing what is open ---

    void close_list() {
        if (list_ == List::none) return;
        out() += list_ == List::bullets ? "</li>\n</ul>\n" : "</li>\n</ol>\n";
        list_ = List::none;
    }
    void close_role() {
        close_list();
        if (std::exchange(role_open_, false)) out() += "</div>\n";
    }
    void close_entry() {
        close_role();
        if (std::exchange(entry_open_, false)) out() += "</article>\n";
    }
    void close_section() {
        close_entry();
        group_open_ = false;
        if (std::exchange(section_open_, false)) out() += "</section>\n";
    }
    void close_all() {
        close_section();
        if (std::exchange(header_open_, false)) out() += "</header>\n";
    }

    // --- blocks ---

    void heading(const compose::Block& block) {
        if (block.level == 1) {
            fmt::format_to(std::back_inserter(out()), "<h1 class=\"p-name{}\"{}>{}</h1>\n",
                           alignment_class(block.alignment), gap_before(), inline_html(block.content));
            return;
        }
        if (block.level <= compose::section_heading_level) {
            close_section();

            fmt::format_to(std::back_inserter(out()), "<section class=\"cv-section\"{}>\n<h2>{}</h2>\n",
                           gap_before(), inline_html(block.content));
            section_open_ = true;
            return;
        }
        close_entry();
        fmt::format_to(std::back_inserter(out()), "<h3 class=\"group\"{}>{}</h3>\n", gap_before(),
                       inline_html(block.content));
        group_open_ = true;
    }

    /// The class that says where a paragraph's text is set.
    static std::string_view alignment_class(style::Alignment alignment) {
        switch (alignment) {
            case style::Alignment::center: return " align-center";
            case style::Alignment::right: return " align-right";
            case style::Alignment::left: break;
        }
        return "";
    }

    static std::string_view paragraph_class(compose::Role role) {
        using compose::Role;
        switch (role) {
            case Role::headline: return "headline p-job-title";
            case Role::summary: return "summary p-summary";
            case Role::description: return "description p-description";
            case Role::recipient: return "recipient";
            case Role::place_date: return "place-date";
            case Role::subject: return "subject";
            case Role::salutation: return "salutation";
            case Role::closing: return "closing";
            case Role::signature: return "signature";
            case Role::enclosure: return "enclosure";
            case Role::equal_contribution_note: return "note";
            default: return "text";
        }
    }

    void paragraph(const compose::Block& block) {
        fmt::format_to(std::back_inserter(out()), "<p class=\"{}{}\"{}>{}</p>\n", paragraph_class(block.role),
                       alignment_class(block.alignment), gap_before(), inline_html(block.content));
    }

    /// An authors' line, a publication's details, an item's later
    /// paragraph: inside the list item above.
    void hanging(const compose::Block& block) {
        const std::string_view kind = block.role == compose::Role::authors   ? "authors"
                                      : block.role == compose::Role::details ? "details"
                                                                             : "continued";
        fmt::format_to(std::back_inserter(out()), "\n<div class=\"{}\"{}>{}</div>", kind, gap_before(),
                       inline_html(block.content));
    }

    void two_sided(const compose::Block& block) {
        using compose::Role;
        std::string left = inline_html(block.content);
        if (block.role == Role::entry_head) {
            close_entry();
            fmt::format_to(std::back_inserter(out()), "<article class=\"entry h-event p-experience\"{}>\n",
                           gap_before());
            entry_open_ = true;
            left = fmt::format("<h{0} class=\"p-name\">{1}</h{0}>", group_open_ ? 4 : 3, left);
        } else if (block.role == Role::role_head) {
            close_role();
            fmt::format_to(std::back_inserter(out()), "<div class=\"role\"{}>\n", gap_before());
            role_open_ = true;
            left = fmt::format("<h{0} class=\"role-title\">{1}</h{0}>", group_open_ ? 5 : 4, left);
        } else {
            left = fmt::format("<span class=\"left\">{}</span>", left);
        }
        const std::string right =
            block.right.empty() ? std::string{}
                                : fmt::format("<span class=\"right\">{}</span>", inline_html(block.right));
        fmt::format_to(std::back_inserter(out()), "<div class=\"line {}\"{}>{}{}</div>\n",
                       block.role == Role::entry_head || block.role == Role::role_head ? "head" : "sub",
                       gap_before(), left, right);
    }

    /// The number a marker says ("12."), when it is in ASCII digits.
    static std::optional<int> marker_number(const compose::Inline& marker) {
        const std::string text = compose::plain_text(marker);
        int value = 0;
        std::size_t digits = 0;
        for (; digits < text.size() && digits < 6 && text[digits] >= '0' && text[digits] <= '9'; ++digits)
            value = value * 10 + (text[digits] - '0');
        if (digits == 0) return std::nullopt;
        return value;
    }

    void list_item(const compose::Block& block) {
        const std::optional<int> number = block.numbered ? marker_number(block.marker) : std::nullopt;
        const List kind = block.numbered ? List::numbers : List::bullets;
        if (list_ != kind) {
            close_list();
            fmt::format_to(std::back_inserter(out()), "<{}{}>\n", kind == List::bullets ? "ul" : "ol",
                           gap_before());
            list_ = kind;
        } else {
            out() += "</li>\n";
        }
        std::vector<std::string_view> classes;
        if (block.role == compose::Role::publication) classes.emplace_back("publication");
        // A number in other digits ("١.") is shown as the engine shows it.
        const bool marked = block.numbered && !number;
        if (marked) classes.emplace_back("marked");
        // A bullet under a bullet: an item of the list, further in with its own marker.
        constexpr std::array<std::string_view, 3> depths{"", "nested-1", "nested-2"};
        if (block.depth > 0)
            classes.emplace_back(depths.at(static_cast<std::size_t>(std::min(block.depth, 2))));
        const std::string class_attribute =
            classes.empty() ? std::string{} : fmt::format(" class=\"{}\"", fmt::join(classes, " "));
        const std::string value = number ? fmt::format(" value=\"{}\"", *number) : std::string{};
        fmt::format_to(std::back_inserter(out()), "<li{}{}{}>", class_attribute, value, gap_before());
        if (marked)
            fmt::format_to(std::back_inserter(out()), "<span class=\"marker\">{}</span> ",
                           inline_html(block.marker));
        out() += inline_html(block.content);
    }

    /// The microformat class of a contact, from where it leads.
    static std::string_view contact_class(std::string_view url) {
        if (url.starts_with("mailto:")) return "u-email";
        if (url.starts_with("tel:")) return "p-tel";
        if (url.empty()) return "p-adr";
        return "u-url";
    }

    void contacts(const compose::Block& block) {
        fmt::format_to(std::back_inserter(out()), "<ul class=\"contacts{}\"{}>\n",
                       alignment_class(block.alignment), gap_before());
        bool first = true;
        for (const compose::ContactItem& item : block.contacts) {
            std::string url;
            for (const compose::Piece& piece : item.whole) {
                if (!piece.url.empty() && piece.kind != compose::Piece::Kind::icon) url = piece.url;
                if (piece.kind == compose::Piece::Kind::rich && !piece.rich.spans.empty())
                    url = piece.rich.spans.front().link;
            }
            const std::string separator =
                first ? std::string{}
                      : fmt::format("<span class=\"separator\" aria-hidden=\"true\">{}</span>",
                                    inline_html(block.separator));
            fmt::format_to(std::back_inserter(out()), "<li class=\"{}\">{}{}</li>\n", contact_class(url),
                           separator, inline_html(item.whole));
            first = false;
        }
        out() += "</ul>\n";
    }

    void skills(const compose::Block& block) {
        fmt::format_to(std::back_inserter(out()), "<dl class=\"skills\"{}>\n", gap_before());
        for (const compose::SkillRow& row : block.rows) {
            fmt::format_to(std::back_inserter(out()), "<div class=\"row\"><dt>{}</dt><dd>{}</dd></div>\n",
                           inline_html(row.label), inline_html(row.items));
        }
        out() += "</dl>\n";
    }

    void picture(const compose::Block& block) {
        std::string error;
        const std::optional<image::Printed> printed = image::print(
            *block.picture->bytes, block.width, block.height, image::print_dpi, image::photo_quality, error);
        if (!printed) {
            diagnostics_.error(block.picture->where,
                               fmt::format("cannot show the picture '{}': {}", block.picture->path, error));
            return;
        }
        std::string classes = block.role == compose::Role::photo ? "photo u-photo" : "picture";
        if (block.beside) classes += " beside";
        if (block.shape == style::PhotoShape::rounded) classes += " rounded";
        if (block.shape == style::PhotoShape::circle) classes += " circle";
        const std::string_view alt = block.picture->alt.empty() ? std::string_view{} : block.picture->alt;
        fmt::format_to(std::back_inserter(out()),
                       "<img class=\"{}\" src=\"data:image/jpeg;base64,{}\" alt=\"{}\" "
                       "style=\"{}width:{};height:{}\">\n",
                       classes, base64(printed->jpeg), escape_html(alt), gap_css(), points(block.width),
                       points(block.height));
    }

    // --- text ---

    /// Pieces as HTML: each run of one text style in a span of its class,
    /// bold where the composition makes it bold, links as links, dates as
    /// <time>, icons as SVG.
    std::string inline_html(const compose::Inline& pieces) {
        std::string html;
        const style::TextStyle* open_style = nullptr;
        for (const compose::Piece& piece : pieces) {
            if (piece.kind == compose::Piece::Kind::break_point) {
                html += "<wbr>";
                continue;
            }
            if (piece.style != open_style) {
                if (open_style != nullptr) html += "</span>";
                open_style = piece.style;
                if (open_style != nullptr)
                    fmt::format_to(std::back_inserter(html), "<span class=\"{}\">",
                                   style_class(sheet_.name_of(open_style)));
            }
            html += piece_html(piece);
        }
        if (open_style != nullptr) html += "</span>";
        return html;
    }

    std::string piece_html(const compose::Piece& piece) {
        using Kind = compose::Piece::Kind;
        const style::TextStyle style = piece.style ? piece.effective_style() : sheet_.body;
        std::string html;
        switch (piece.kind) {
            case Kind::rich: html = rich_html(piece.rich, style); break;
            case Kind::plain:
                note_characters(style, piece.text);
                html = piece.dates != nullptr ? time_html(piece) : escape_html(piece.text);
                if (!piece.spoken.empty())
                    html = fmt::format("<span role=\"img\" aria-label=\"{}\">{}</span>",
                                       escape_html(piece.spoken), html);
                if (!piece.url.empty() && safe_link(piece.url))
                    html = fmt::format("<a href=\"{}\">{}</a>", escape_html(piece.url), html);
                break;
            case Kind::icon: return icon_svg(piece.text);
            case Kind::space: return " ";
            case Kind::glued_space: return "\u00A0";
            case Kind::break_point: return {};
        }
        if (piece.bold && !(piece.style && piece.style->bold)) html = fmt::format("<b>{}</b>", html);
        switch (piece.role) {
            case compose::Role::location: return fmt::format("<span class=\"p-location\">{}</span>", html);
            case compose::Role::skill: return fmt::format("<span class=\"p-skill\">{}</span>", html);
            case compose::Role::owner: return fmt::format("<span class=\"owner\">{}</span>", html);
            default: return html;
        }
    }

    /// A date as <time>: the start's words in one with its ISO date, the
    /// end's in another, when the text starts with the start's words (the
    /// language may write a period otherwise: then the whole text is the
    /// start's <time>, and the end a <data> value).
    std::string time_html(const compose::Piece& piece) const {
        const cv::DateRange& range = *piece.dates;
        if (!range.start) return escape_html(piece.text);
        const std::string start = style::format_date(*range.start, sheet_.date_words);
        const std::string start_iso = iso_date(*range.start);
        const std::string_view text = piece.text;
        const std::string end_value = range.end ? iso_date(*range.end) : std::string{};
        if (!text.starts_with(start)) {
            std::string html = fmt::format("<time class=\"dt-start\" datetime=\"{}\">{}</time>", start_iso,
                                           escape_html(text));
            if (!end_value.empty())
                html += fmt::format("<data class=\"dt-end\" value=\"{}\"></data>", end_value);
            return html;
        }
        std::string html =
            fmt::format("<time class=\"dt-start\" datetime=\"{}\">{}</time>", start_iso, escape_html(start));
        std::string_view rest = text.substr(start.size());
        if (range.end) {
            const std::string end = style::format_date(*range.end, sheet_.date_words);
            const std::size_t at = rest.find(end);
            if (at != std::string_view::npos) {
                fmt::format_to(std::back_inserter(html), "{}<time class=\"dt-end\" datetime=\"{}\">{}</time>",
                               escape_html(rest.substr(0, at)), end_value, escape_html(end));
                rest = rest.substr(at + end.size());
            }
        }
        return html + escape_html(rest);
    }

    std::string rich_html(const cv::RichText& text, const style::TextStyle& style) {
        std::string html;
        for (const cv::Span& span : text.spans) {
            if (span.break_before == cv::Span::Break::line) html += "<br>";
            if (span.break_before == cv::Span::Break::paragraph) html += "<br class=\"paragraph\">";
            style::TextStyle span_style = style;
            span_style.bold = style.bold || span.bold;
            span_style.italic = style.italic || span.italic;
            if (span.code) span_style.family = style::code_family;
            note_characters(span_style, span.text);
            std::string shown = escape_html(span.text);
            if (span.code) shown = fmt::format("<code>{}</code>", shown);
            if (span.italic && !style.italic) shown = fmt::format("<em>{}</em>", shown);
            if (span.bold && !style.bold) shown = fmt::format("<strong>{}</strong>", shown);
            if (!span.link.empty() && safe_link(span.link))
                shown = fmt::format("<a href=\"{}\">{}</a>", escape_html(span.link), shown);
            html += shown;
        }
        return html;
    }

    /// An icon as inline SVG, its meaning as its accessible name.
    std::string icon_svg(const std::string& name) {
        const auto found = icons_.find(name);
        if (found != icons_.end()) return found->second;
        std::string svg;
        const std::optional<layout::FaceId> face = faces_.icon_face();
        const std::optional<char32_t> code_point = layout::icon_code_point(name);
        const std::optional<std::uint32_t> glyph =
            face && code_point ? fonts_.glyph_for(*face, *code_point) : std::nullopt;
        if (glyph) {
            const layout::FaceInfo& info = fonts_.face(*face);
            std::string character;
            utf8::append(character, *code_point);
            const std::vector<layout::ShapedGlyph> shaped = fonts_.shape(*face, character);
            const double advance = shaped.empty() ? 1 : shaped.front().advance;
            SvgPath path{info.ascender};
            if (font_data_.draw_glyph(*face, *glyph, path)) {
                std::string_view meaning = cv::icon_meaning(name);
                if (meaning.empty()) meaning = name;
                const double height = info.ascender - info.descender;
                // The width said, not left to the aspect ratio: a flex line
                // measures an SVG without one as wide as a default image.
                svg = fmt::format(
                    "<svg class=\"icon\" viewBox=\"0 0 {} {}\" style=\"width:{}em\" role=\"img\" "
                    "aria-label=\"{}\"><path d=\"{}\"/></svg>",
                    number(advance), number(height), number(icon_height_em * advance / height),
                    escape_html(meaning), path.path());
            }
        }
        icons_.emplace(name, svg);
        return svg;
    }

    void note_characters(const style::TextStyle& style, std::string_view text) {
        std::set<char32_t>& characters =
            characters_[FaceKey{faces_.family_of(style), style.bold, style.italic}];
        for (std::size_t offset = 0; offset < text.size();) {
            const char32_t code_point = utf8::next(text, offset);
            characters.insert(code_point);
            // The page uppercases with CSS: the font must hold the capitals.
            if (style.uppercase) characters.insert(utf8::to_upper(code_point));
        }
    }

    const style::Sheet& sheet_;
    layout::FaceChoice& faces_;
    layout::FontProvider& fonts_;
    const layout::FontData& font_data_;
    Diagnostics& diagnostics_;
    std::string sidebar_;
    std::string main_;
    std::string* current_ = &main_;
    bool header_open_ = false;
    bool section_open_ = false;
    bool group_open_ = false;
    bool entry_open_ = false;
    bool role_open_ = false;
    List list_ = List::none;
    double pending_gap_ = 0;           ///< pt, before the next element
    bool page_break_pending_ = false;  ///< the CV's page_break_before, for the next element
    std::map<FaceKey, std::set<char32_t>> characters_;
    std::map<std::string, std::string> icons_;
};

// --- the style sheet as CSS ---------------------------------------------------------

/// Each face that sets some of the page's characters, with those characters:
/// the face the engine would choose, else its fallback for the character.
std::map<layout::FaceId, std::set<char32_t>> faces_for(
    const std::map<FaceKey, std::set<char32_t>>& characters, layout::FaceChoice& faces,
    layout::FontProvider& fonts) {
    std::map<layout::FaceId, std::set<char32_t>> used;
    for (const auto& [key, code_points] : characters) {
        const std::optional<layout::FaceId> primary = faces.in_family(key.family, key.bold, key.italic);
        for (const char32_t code_point : code_points) {
            if (primary && fonts.has_glyph(*primary, code_point)) {
                used[*primary].insert(code_point);
            } else if (const auto fallback = faces.fallback_for_character(key.bold, key.italic, code_point)) {
                used[fallback->face].insert(code_point);
            }
        }
    }
    return used;
}

/// Characters every face is embedded with: the spaces CSS and the writer add.
constexpr std::array always_embedded{U' ', U'\u00A0'};

/// The @font-face rules of the embedded subsets; the families they declare.
std::string font_faces(const std::map<layout::FaceId, std::set<char32_t>>& used, layout::FontProvider& fonts,
                       const layout::FontData& font_data, std::set<std::string>& embedded,
                       Diagnostics& diagnostics) {
    std::string css;
    for (const auto& [face, code_points] : used) {
        const layout::FaceInfo& info = fonts.face(face);
        std::vector<char32_t> wanted(code_points.begin(), code_points.end());
        wanted.insert(wanted.end(), always_embedded.begin(), always_embedded.end());
        const std::optional<std::string> subset = font_data.subset(face, wanted);
        if (!subset) {
            diagnostics.warning({},
                                fmt::format("the font '{} {}' cannot be embedded in the page: the reader's "
                                            "system fonts show its text",
                                            info.family, info.style));
            continue;
        }
        embedded.insert(info.family);
        fmt::format_to(std::back_inserter(css),
                       "@font-face {{ font-family: {}; font-weight: {}; font-style: {}; "
                       "src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n",
                       css_string(embedded_family(info.family)), info.bold ? 700 : 400,
                       info.italic ? "italic" : "normal", base64(*subset));
    }
    return css;
}

/// A family, then the sheet's fallbacks, each embedded one by its
/// embedded name and its own (a reader's system may have more glyphs), a
/// generic family last.
std::string font_stack(const style::Sheet& sheet, const std::string& family,
                       const std::set<std::string>& embedded) {
    std::vector<std::string> names;
    std::vector<std::string> families{family};
    families.insert(families.end(), sheet.fallback_families.begin(), sheet.fallback_families.end());
    for (const std::string& name : families) {
        if (embedded.contains(name)) names.push_back(css_string(embedded_family(name)));
        names.push_back(css_string(name));
    }
    names.emplace_back(generic_family(family));
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string text_style_css(const style::Sheet& sheet, const style::TextStyle& style,
                           const std::set<std::string>& embedded) {
    return fmt::format("font-family: {}; font-size: {}; font-weight: {}; font-style: {}; color: {};{}",
                       font_stack(sheet, style.family.empty() ? sheet.body_family : style.family, embedded),
                       points(style.size), style.bold ? 700 : 400, style.italic ? "italic" : "normal",
                       css_color(style.color), style.uppercase ? " text-transform: uppercase;" : "");
}

/// Below this width (CSS pixels: a phone held upright, a narrow window)
/// the sidebar goes above the main column, and two-sided lines wrap.
constexpr int narrow_screen_px = 700;

/// The page's CSS, from the sheet: its text styles, spacing, rule, columns,
/// and for print its paper, margins and the engine's keeps.
std::string page_css(const compose::Composer& composer, const std::set<std::string>& embedded) {
    const style::Sheet& sheet = composer.sheet();
    const style::Margins& margins = sheet.margins;
    const double text_width = sheet.page_width - margins.left - margins.right;
    std::string css;
    const auto rule = [&](std::string_view selector, const std::string& declarations) {
        fmt::format_to(std::back_inserter(css), "{} {{ {} }}\n", selector, declarations);
    };
    rule("*, *::before, *::after", "box-sizing: border-box;");
    // A word or URL wider than a phone breaks anywhere rather than scroll the page sideways.
    rule("html", fmt::format("background: #ffffff; line-height: {}; overflow-wrap: anywhere;",
                             number(sheet.line_height)));
    rule("body", fmt::format("margin: 0 auto; padding: 24px 16px; max-width: calc({} + 32px); {}",
                             points(text_width), text_style_css(sheet, sheet.body, embedded)));
    for (const auto& named : style::Sheet::named_text_styles_of(sheet)) {
        rule(fmt::format(".{}", style_class(named.name)), text_style_css(sheet, *named.style, embedded));
    }
    rule("h1, h2, h3, h4, h5, p, ul, ol, dl, dd", "margin: 0; padding: 0; font: inherit;");
    rule("a", fmt::format("color: {}; text-decoration: none;", css_color(sheet.link_color)));
    rule("a:hover, a:focus", "text-decoration: underline;");
    rule("code", fmt::format("font-family: {}; font-size: 0.95em;",
                             font_stack(sheet, std::string{style::code_family}, embedded)));
    rule(".align-center", "text-align: center;");
    rule(".align-right", "text-align: end;");
    if (sheet.line_breaking.justify) rule("p.text, p.description, li", "text-align: justify; hyphens: auto;");

    rule(".contacts", "list-style: none; display: flex; flex-wrap: wrap; gap: 0 0.2em;");
    rule(".contacts.align-center", "justify-content: center;");
    rule(".contacts.align-right", "justify-content: flex-end;");
    // A sidebar is narrow: its contacts go one a line, as the engine sets them.
    rule(".sidebar .contacts", "flex-direction: column;");
    rule(".sidebar .contacts .separator", "display: none;");
    rule(".sidebar .contacts.align-center", "align-items: center;");
    rule(".contacts .separator", "margin-inline-end: 0.2em;");
    rule(".icon",
         fmt::format("height: {}em; vertical-align: -0.1em; fill: currentColor;", number(icon_height_em)));

    if (sheet.section_rule) {
        rule(".cv-section > h2",
             fmt::format("border-bottom: {} solid {}; padding-bottom: {};",
                         points(sheet.section_rule_thickness), css_color(sheet.section_rule_color),
                         points(sheet.section_rule_gap)));
    }

    rule(".line",
         fmt::format("display: flex; flex-wrap: wrap; justify-content: space-between; column-gap: {};",
                     points(sheet.date_gap)));
    rule(".line .right", "margin-inline-start: auto; text-align: end;");
    rule("ul, ol", fmt::format("padding-inline-start: {};", points(sheet.bullet_text_indent)));
    rule("ul", fmt::format("list-style-type: {};", css_string(fmt::format("{}\u2002", sheet.bullet))));

    rule("li.marked", "list-style: none;");
    for (const int depth : {1, 2}) {
        rule(fmt::format("li.nested-{}", depth),
             fmt::format("margin-inline-start: {}; list-style-type: {};", points(depth * sheet.nested_indent),
                         css_string(fmt::format("{}\u2002", sheet.nested_bullet))));
    }
    rule("li.marked .marker",
         fmt::format("display: inline-block; min-width: {}; margin-inline-start: -{};",
                     points(sheet.bullet_text_indent), points(sheet.bullet_text_indent)));
    rule(".authors, .details", "display: block;");
    // One label column for all rows, as wide as the widest label (the engine's rule).
    // (A label wider than the sheet's share of the column wraps.)
    rule(".skills", fmt::format("display: grid; grid-template-columns: fit-content({}%) minmax(0, 1fr);",
                                number(sheet.skills_label_share * 100)));
    rule(".skills .row", "display: contents;");
    rule(".skills dt", fmt::format("padding-inline-end: {};", points(sheet.skill_label_gap)));
    rule(".sidebar .skills", "grid-template-columns: minmax(0, 1fr);");

    rule(".photo, .picture", "display: block; object-fit: cover;");
    rule(".photo.beside",
         fmt::format("float: inline-end; margin-inline-start: {};", points(sheet.photo.gap)));
    rule(".cv-header .photo:not(.beside)", fmt::format("margin: 0 auto {};", points(sheet.photo.gap)));
    rule(".rounded", fmt::format("border-radius: {};", points(sheet.photo.corner_radius)));
    rule(".circle", "border-radius: 50%;");
    rule(".cv-section", "clear: both;");

    if (sheet.sidebar) {
        rule(".cv", fmt::format("display: grid; grid-template-columns: {} minmax(0, 1fr); column-gap: {};",
                                points(sheet.sidebar_width), points(sheet.column_gap)));
    }
    fmt::format_to(std::back_inserter(css),
                   "@media screen and (max-width: {}px) {{\n"
                   "  .cv {{ display: block; }}\n"
                   "  .sidebar {{ margin-bottom: {}; }}\n"
                   "  .photo.beside {{ float: none; margin: 0 auto {}; }}\n"
                   "  .skills {{ grid-template-columns: minmax(0, 1fr); }}\n"
                   "}}\n",
                   narrow_screen_px, points(sheet.section_gap_before), points(sheet.photo.gap));
    if (sheet.html.dark_mode) {
        std::string dark = fmt::format("  html {{ background: {}; color-scheme: dark; }}\n", dark_background);
        for (const auto& named : style::Sheet::named_text_styles_of(sheet)) {
            fmt::format_to(std::back_inserter(dark), "  .{} {{ color: {}; }}\n", style_class(named.name),
                           css_color(for_dark_page(named.style->color)));
        }
        fmt::format_to(std::back_inserter(dark), "  body {{ color: {}; }}\n  a {{ color: {}; }}\n",
                       css_color(for_dark_page(sheet.body.color)),
                       css_color(for_dark_page(sheet.link_color)));
        if (sheet.section_rule) {
            fmt::format_to(std::back_inserter(dark), "  .cv-section > h2 {{ border-bottom-color: {}; }}\n",
                           css_color(for_dark_page(sheet.section_rule_color)));
        }
        fmt::format_to(std::back_inserter(css), "@media screen and (prefers-color-scheme: dark) {{\n{}}}\n",
                       dark);
    }
    // Print: the paper and margins of the PDF, and its keeps: a heading,
    // an entry's head and a list item are not split from what follows.
    fmt::format_to(std::back_inserter(css),
                   "@page {{ size: {} {}; margin: {} {} {} {}; }}\n"
                   "@media print {{\n"
                   "  body {{ padding: 0; max-width: none; }}\n"
                   "  h1, h2, h3, h4, h5, .line.head {{ break-after: avoid; break-inside: avoid; }}\n"
                   "  li, .line, p {{ break-inside: avoid; }}\n"
                   "  .skills dt {{ break-after: avoid; }}\n"
                   "  a {{ color: inherit; }}\n"
                   "}}\n",
                   points(sheet.page_width), points(sheet.page_height), points(margins.top),
                   points(margins.right), points(margins.bottom), points(margins.left));
    return css;
}

/// The footer as @page margin boxes: its text with the page counters.
std::string footer_css(const compose::Composer& composer) {
    const std::optional<compose::Footer> footer = composer.footer();
    if (!footer) return {};
    const auto content = [](const compose::Inline& pieces) {
        std::string text = compose::plain_text(pieces);
        std::string out;
        for (std::size_t at = 0; at < text.size();) {
            const std::size_t page = text.find(compose::page_placeholder, at);
            const std::size_t pages = text.find(compose::pages_placeholder, at);
            const std::size_t next = std::min(page, pages);
            if (!out.empty()) out += ' ';
            out += css_string(std::string_view{text}.substr(at, next - at));
            if (next == std::string::npos) break;
            out += next == pages ? " counter(pages)" : " counter(page)";
            at = next + (next == pages ? compose::pages_placeholder : compose::page_placeholder).size();
        }
        return out;
    };
    const style::Sheet& sheet = composer.sheet();
    const std::string style = fmt::format("font-size: {}; color: {};", points(sheet.footer_style.size),
                                          css_color(sheet.footer_style.color));
    std::string css = "@media print {\n@page {";
    if (!footer->center.empty())
        fmt::format_to(std::back_inserter(css), " @bottom-center {{ content: {}; {} }}",
                       content(footer->center), style);
    if (!footer->right.empty())
        fmt::format_to(std::back_inserter(css), " @bottom-right {{ content: {}; {} }}",
                       content(footer->right), style);
    css += " }\n}\n";
    return css;
}

// --- what machines read -------------------------------------------------------------

/// Schema.org's Person, as JSON-LD: the name, headline, contacts and links.
std::string person_json_ld(const cv::Document& document) {
    const cv::Person& person = document.person;
    std::vector<std::string> fields{R"("@context": "https://schema.org")", R"("@type": "Person")",
                                    fmt::format(R"("name": {})", json_string(person.name.plain()))};
    if (!person.headline.spans.empty())
        fields.push_back(fmt::format(R"("jobTitle": {})", json_string(person.headline.plain())));
    if (!person.summary.spans.empty())
        fields.push_back(fmt::format(R"("description": {})", json_string(person.summary.plain())));
    std::vector<std::string> same_as;
    for (const cv::Contact& contact : person.contacts) {
        switch (contact.kind) {
            case cv::Contact::Kind::email:
                fields.push_back(fmt::format(R"("email": {})", json_string(contact.value)));
                break;
            case cv::Contact::Kind::phone:
                fields.push_back(fmt::format(R"("telephone": {})", json_string(contact.value)));
                break;
            case cv::Contact::Kind::homepage:
                fields.push_back(fmt::format(R"("url": {})", json_string(contact.url())));
                break;
            case cv::Contact::Kind::location:
                fields.push_back(fmt::format(R"("address": {})", json_string(contact.value)));
                break;
        }
    }
    for (const cv::Link& link : person.links) same_as.push_back(json_string(link.url));
    if (!same_as.empty()) fields.push_back(fmt::format(R"("sameAs": [{}])", fmt::join(same_as, ", ")));
    return fmt::format("{{\n  {}\n}}", fmt::join(fields, ",\n  "));
}

std::string meta(std::string_view name, std::string_view content) {
    if (content.empty()) return {};
    return fmt::format("<meta name=\"{}\" content=\"{}\">\n", name, escape_html(content));
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string write_html(const compose::Composer& composer, layout::FontProvider& fonts,
                       const layout::FontData& font_data, const HtmlOptions& options,
                       Diagnostics& diagnostics) {
    const style::Sheet& sheet = composer.sheet();
    layout::FaceChoice faces{fonts, sheet};
    HtmlWriter writer{composer, faces, fonts, font_data, diagnostics};
    composer.compose(writer);
    writer.finish();

    std::set<std::string> embedded;
    const std::string font_css =
        font_faces(faces_for(writer.characters(), faces, fonts), fonts, font_data, embedded, diagnostics);
    const compose::DocumentInfo info = composer.info();
    const bool letter = composer.document().letter.has_value();

    std::string body;
    const std::string_view root_class = letter ? "letter" : "h-resume";
    if (!writer.sidebar().empty()) {
        body = fmt::format(
            "<div class=\"cv {}\">\n<aside class=\"sidebar\">\n{}</aside>\n<main>\n{}</main>\n</div>\n",
            root_class, writer.sidebar(), writer.main());
    } else {
        // The header stays outside <main>, the landmark of the CV's content.
        std::string_view main_html = writer.main();
        std::string_view header;
        if (main_html.starts_with("<header")) {
            const std::size_t end = main_html.find("</header>\n");
            header = main_html.substr(0, end + std::string_view{"</header>\n"}.size());
            main_html.remove_prefix(header.size());
        }
        body = fmt::format("<div class=\"cv {}\">\n{}<main>\n{}</main>\n</div>\n", root_class, header,
                           main_html);
    }
    std::string modified;
    if (options.source_date_epoch) {
        const std::time_t seconds = static_cast<std::time_t>(*options.source_date_epoch);
        std::tm day{};
        gmtime_r(&seconds, &day);
        modified = fmt::format("{:04d}-{:02d}-{:02d}", day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
    }
    const std::string head_meta =
        fmt::format("{}{}{}{}{}{}", meta("author", info.author), meta("description", info.subject),
                    meta("keywords", info.keywords), meta("generator", info.creator),
                    meta("color-scheme", sheet.html.dark_mode ? "light dark" : "light"),
                    meta("dcterms.modified", modified));
    // No script runs and nothing is fetched: the policy says so to the
    // browser too, so that a link or markup in someone's CV cannot load.
    constexpr std::string_view content_policy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
    return fmt::format(
        "<!DOCTYPE html>\n"
        "<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n{}"
        "<script type=\"application/ld+json\">\n{}\n</script>\n"
        "<style>\n{}{}{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_html(info.language), sheet.language.right_to_left ? "rtl" : "ltr", content_policy,
        escape_html(info.title), head_meta, person_json_ld(composer.document()), font_css,
        page_css(composer, embedded), footer_css(composer), body);
}

}  // namespace vitae::render
