#include "vitae/render/text.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"
#include "vitae/compose/blocks.hpp"

namespace vitae::render {

namespace {

/// Indents of the plain-text layout, in columns.
constexpr std::size_t bullet_indent = 2;  // "  • "
constexpr std::size_t nested_indent = 2;  // a bullet under a bullet: under its text
constexpr std::size_t role_indent = 2;
constexpr std::size_t number_width = 4;  // "10. "
constexpr std::size_t skill_label_gap = 2;
constexpr std::size_t minimum_gap = 2;  // between left text and right-aligned dates
/// Between a publication's facts (the composition's separator is a dot).
constexpr std::string_view fact_separator = " \u2014 ";
/// The heading level of a section (1: the name, 3: a group).
constexpr int section_level = 2;

/// Strips the scheme so "https://x.org" and "x.org" count as the same text.
std::string_view without_scheme(std::string_view url) {
    for (const std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
        if (url.starts_with(scheme)) return url.substr(scheme.size());
    }
    return url;
}

/// Plain text of a field: styling dropped, a link's target kept after its
/// text unless the text already says it.
std::string plain(const cv::RichText& text) {
    std::string out;
    for (std::size_t i = 0; i < text.spans.size();) {
        const std::string& link = text.spans[i].link;
        std::string run;
        for (; i < text.spans.size() && text.spans[i].link == link; ++i) {
            // Breaks as wrap() reads them: a line end, a blank line.
            if (i > 0 && text.spans[i].break_before == cv::Span::Break::line) run += '\n';
            if (i > 0 && text.spans[i].break_before == cv::Span::Break::paragraph) run += "\n\n";
            run += text.spans[i].text;
        }
        out += run;
        if (!link.empty() && without_scheme(run) != without_scheme(link))
            fmt::format_to(std::back_inserter(out), " <{}>", link);
    }
    return out;
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        while (start < text.size() && text[start] == ' ') ++start;
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) words.emplace_back(text.substr(start, end - start));
        start = end;
    }
    return words;
}

/// Greedy word wrap. The first line starts with `first_prefix` (a bullet,
/// a number, a label), the others with `rest_indent` spaces; a word longer
/// than a line stands alone on its line.
void wrap_line(std::string& out, std::string_view text, std::size_t width, std::string_view first_prefix,
               std::size_t rest_indent) {
    std::string line{first_prefix};
    std::size_t line_width = utf8::display_width(first_prefix);
    bool line_has_word = false;
    for (const std::string& word : split_words(text)) {
        const std::size_t word_width = utf8::display_width(word);
        if (line_has_word && line_width + 1 + word_width > width) {
            fmt::format_to(std::back_inserter(out), "{}\n", line);
            line.assign(rest_indent, ' ');
            line_width = rest_indent;
            line_has_word = false;
        }
        if (line_has_word) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += word_width;
        line_has_word = true;
    }
    if (line_has_word || first_prefix.find_first_not_of(' ') != std::string_view::npos)
        fmt::format_to(std::back_inserter(out), "{}\n", line);
}

/// wrap_line for each line of `text`: a line break ('\n') starts a new
/// line at `rest_indent`, a paragraph break (a blank line) leaves one empty.
void wrap(std::string& out, std::string_view text, std::size_t width, std::string_view first_prefix,
          std::size_t rest_indent) {
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string_view::npos; end = text.find('\n', start)) {
        const std::string_view line = text.substr(start, end - start);
        if (line.empty()) {
            out += '\n';
        } else {
            wrap_line(out, line, width, start == 0 ? first_prefix : std::string(rest_indent, ' '),
                      rest_indent);
        }
        start = end + 1;
    }
    wrap_line(out, text.substr(start), width, start == 0 ? first_prefix : std::string(rest_indent, ' '),
              rest_indent);
}

void wrap(std::string& out, std::string_view text, std::size_t width, std::size_t indent) {
    wrap(out, text, width, std::string(indent, ' '), indent);
}

/// `left` and `right` on one line, `right` flush with the right margin;
/// when they do not fit together, `right` goes on a line of its own.
void left_right(std::string& out, std::string_view left, std::string_view right, std::size_t width,
                std::size_t indent) {
    if (right.empty()) {
        wrap(out, left, width, indent);
        return;
    }
    const std::size_t left_width = indent + utf8::display_width(left);
    const std::size_t right_width = utf8::display_width(right);
    if (left.empty() || left_width + minimum_gap + right_width <= width) {
        // Padded with "" to a width: fmt's own widths are not utf8::display_width's.
        fmt::format_to(std::back_inserter(out), "{0:{1}}{2}{0:{3}}{4}\n", "", indent, left,
                       width - std::min(width, left_width + right_width), right);
        return;
    }
    wrap(out, left, width, indent);
    fmt::format_to(std::back_inserter(out), "{:{}}{}\n", "", width - std::min(width, right_width), right);
}

/// The plain text of composed pieces: rich text with its links kept
/// (plain), vitae's own text, spaces; icons are the contact line's.
std::string text_of(const compose::Inline& pieces) {
    std::string out;
    for (const compose::Piece& piece : pieces) {
        switch (piece.kind) {
            case compose::Piece::Kind::rich: out += plain(piece.rich); break;
            case compose::Piece::Kind::plain: out += piece.words(); break;
            case compose::Piece::Kind::space:
            case compose::Piece::Kind::glued_space: out += ' '; break;
            case compose::Piece::Kind::icon:
            case compose::Piece::Kind::break_point: break;
        }
    }
    return out;
}

/// `text` without its links (a label printed beside its URL).
cv::RichText unlinked(cv::RichText text) {
    for (cv::Span& span : text.spans) span.link.clear();
    return text;
}

/// The link a rich piece's text leads to (a profile link's label).
std::string link_of(const compose::Piece& piece) {
    for (const cv::Span& span : piece.rich.spans) {
        if (!span.link.empty()) return span.link;
    }
    return piece.url;
}

}  // namespace

std::string_view picture_label(compose::Role role) {
    return role == compose::Role::signature ? "Signature" : "Photo";
}

namespace {

/// Whether a gap shows as a blank line: between sections, entries,
/// publications and paragraphs; not between roles or list items.
bool blank_line(compose::Gap gap) {
    return gap != compose::Gap::role && gap != compose::Gap::highlight;
}

/// Prints composed blocks as plain text; the composition decided what
/// they say, this only wraps, indents and aligns them.
class TextWriter final : public compose::BlockSink {
public:
    explicit TextWriter(std::size_t width) : width_(width) {}

    void start(compose::Flow /*flow*/) override {}

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        using compose::Role;
        // A publication's title waits for its details: a link they list is
        // not repeated after the title.
        if (!publication_.empty() && block.role != Role::authors && block.role != Role::details)
            flush_publication({});
        page_break_pending_ = page_break_pending_ || block.page_break_before;
        if (block.kind == Kind::space) {
            blank_pending_ = blank_pending_ || blank_line(block.gap);
            return;
        }
        if (block.role == Role::publication || block.role == Role::authors) {
            publication_.push_back(std::move(block));
            return;
        }
        if (block.role == Role::details) {
            std::vector<std::string> listed;
            for (const compose::Piece& piece : block.content) {
                if (piece.role == Role::publication_link) listed.push_back(piece.url);
            }
            publication_.push_back(std::move(block));
            flush_publication(listed);
            return;
        }
        print(block);
    }

    std::string take() {
        flush_publication({});
        return std::move(out_);
    }

private:
    void flush_publication(const std::vector<std::string>& listed) {
        for (compose::Block& held : publication_) {
            if (held.role == compose::Role::publication) {
                for (compose::Piece& piece : held.content) {
                    for (cv::Span& span : piece.rich.spans) {
                        if (std::find(listed.begin(), listed.end(), span.link) != listed.end())
                            span.link.clear();
                    }
                }
            }
            print(held);
        }
        publication_.clear();
    }

    void print(const compose::Block& block) {
        using Kind = compose::Block::Kind;
        using compose::Role;
        if (blank_pending_) out_ += '\n';
        blank_pending_ = false;
        // The CV's page_break_before: a form feed, plain text's page break
        // (printers and `pr` start a new page at it).
        if (std::exchange(page_break_pending_, false)) out_ += "\f\n";
        switch (block.kind) {
            case Kind::heading: heading(block); break;
            case Kind::paragraph: paragraph(block); break;
            case Kind::two_sided: {
                if (block.role == Role::entry_head) role_indent_ = 0;
                if (block.role == Role::role_head) role_indent_ = role_indent;
                // An entry's lines start at the margin, a role's under its title.
                const bool in_role = block.role == Role::role_head || block.role == Role::location;
                left_right(out_, text_of(block.content), text_of(block.right), width_,
                           in_role ? role_indent_ : 0);
                break;
            }
            case Kind::list_item: list_item(block); break;
            case Kind::contacts: contacts(block); break;
            case Kind::skills: skills(block); break;
            case Kind::picture: picture(block); break;
            case Kind::space: break;
        }
    }

    /// A picture's file, where it shows: "[Photo: me.jpg]".
    void picture(const compose::Block& block) {
        fmt::format_to(std::back_inserter(out_), "[{}: {}]\n", picture_label(block.role),
                       block.picture->path);
    }

    void heading(const compose::Block& block) {
        const std::string title = text_of(block.content);
        fmt::format_to(std::back_inserter(out_), "{}\n", title);
        if (block.level == section_level) {
            fmt::format_to(std::back_inserter(out_), "{}\n", std::string(utf8::display_width(title), '-'));
            role_indent_ = 0;
        }
        // A group's entries or publications stand a blank line below its title.
        if (block.level > section_level) blank_pending_ = true;
    }

    void paragraph(const compose::Block& block) {
        if (block.role == compose::Role::details) {
            details(block);
            return;
        }
        const std::string text = text_of(block.content);
        const std::size_t shown_width = utf8::display_width(text);
        if (block.alignment == style::Alignment::right && shown_width < width_ &&
            text.find('\n') == std::string::npos) {
            // A letter's date: flush right, as on paper.
            fmt::format_to(std::back_inserter(out_), "{:>{}}{}\n", "", width_ - shown_width, text);
            return;
        }
        wrap(out_, text, width_, block.hanging ? hanging_indent_ : 0);
    }

    /// A bullet (under a role, further in) or a number right-aligned in
    /// the number column; later lines and paragraphs hang after it.
    void list_item(const compose::Block& block) {
        const std::string marker = text_of(block.marker);
        std::string prefix;
        if (block.numbered) {
            prefix = fmt::format("{:>{}}", fmt::format("{} ", marker), number_width);
            hanging_indent_ = number_width;
        } else {
            const std::size_t indent = bullet_indent + role_indent_ + block.depth * nested_indent;
            prefix = fmt::format("{:{}}{} ", "", indent, marker);
            hanging_indent_ = indent + utf8::display_width(marker) + 1;
        }
        wrap(out_, text_of(block.content), width_, prefix, hanging_indent_);
    }

    /// A publication's details: its facts on a line, a dash between them,
    /// then each link with its URL on a line of its own.
    void details(const compose::Block& block) {
        std::string line;
        std::string fact;
        std::vector<std::string> links;
        const auto end_fact = [&] {
            if (!fact.empty())
                fmt::format_to(std::back_inserter(line), "{}{}", line.empty() ? "" : fact_separator, fact);
            fact.clear();
        };
        for (const compose::Piece& piece : block.content) {
            if (piece.role == compose::Role::separator) {
                end_fact();
            } else if (piece.role == compose::Role::publication_link) {
                links.push_back(fmt::format("{}: {}", piece.text, piece.url));
            } else if (piece.kind == compose::Piece::Kind::rich ||
                       piece.kind == compose::Piece::Kind::plain) {
                fact += text_of({piece});
            }
        }
        end_fact();
        if (!line.empty()) wrap(out_, line, width_, hanging_indent_);
        for (const std::string& link : links) wrap(out_, link, width_, hanging_indent_);
    }

    /// Each contact after its icon's character, a profile link's label
    /// before its URL; contacts stay whole, a separator never starts or
    /// ends a line.
    void contacts(const compose::Block& block) {
        const std::string separator = text_of(block.separator);
        std::string line;
        for (const compose::ContactItem& item : block.contacts) {
            const auto [icon, value] = shown_contact(item);
            if (value == nullptr) continue;
            std::string contact;
            if (value->role == compose::Role::link) {
                contact = fmt::format("{}: {}", plain(unlinked(value->rich)), link_of(*value));
                if (!icon.empty()) contact = fmt::format("{} {}", icon, contact);
            } else {
                contact = fmt::format("{} {}", icon, value->text);
            }
            const std::string separated =
                line.empty() ? contact : fmt::format("{}{}{}", line, separator, contact);
            if (!line.empty() && utf8::display_width(separated) > width_) {
                fmt::format_to(std::back_inserter(out_), "{}\n", line);
                line = contact;
            } else {
                line = separated;
            }
        }
        if (!line.empty()) fmt::format_to(std::back_inserter(out_), "{}\n", line);
    }

    /// Labels in a column as wide as the widest, the items beside them.
    void skills(const compose::Block& block) {
        std::size_t label_width = 0;
        for (const compose::SkillRow& row : block.rows)
            label_width = std::max(label_width, utf8::display_width(text_of(row.label)));
        const std::size_t items_indent = label_width + skill_label_gap;
        for (const compose::SkillRow& row : block.rows) {
            const std::string label = text_of(row.label);
            wrap(out_, text_of(row.items), width_,
                 fmt::format("{}{:{}}", label, "", items_indent - utf8::display_width(label)), items_indent);
        }
    }

    std::size_t width_;
    std::string out_;
    /// A gap before the next block shows as a blank line.
    bool blank_pending_ = false;
    bool page_break_pending_ = false;
    /// Where a role's lines start: under its title, in from the entry's.
    std::size_t role_indent_ = 0;
    /// Where the lines after a list item's first (and its later paragraphs) start.
    std::size_t hanging_indent_ = 0;
    /// A publication's blocks, until its details say which links they list.
    std::vector<compose::Block> publication_;
};

}  // namespace

style::Sheet plain_sheet(const style::DateWords& date_words, const style::Words& words,
                         const style::PublicationDetails& details, bool highlight_owner) {
    style::Sheet sheet;
    // One column in the CV's order, every detail of every publication,
    // numbered; contacts with their icons, which text has characters for.
    sheet.sidebar = false;
    sheet.date_words = date_words;
    sheet.words = words;
    sheet.publication_details = details.all_shown();
    sheet.number_publications = true;
    sheet.contact_icons = true;
    sheet.highlight_owner = highlight_owner;
    return sheet;
}

std::string_view icon_character(std::string_view icon) {
    static const std::map<std::string_view, std::string_view> characters = {
        {"envelope", "\u2709"},   {"phone", "\u260E"},          {"home", "\U0001F3E0"},
        {"globe", "\U0001F310"},  {"map-marker", "\U0001F4CD"}, {"link", "\U0001F517"},
        {"mobile", "\U0001F4F1"}, {"fax", "\U0001F4E0"}};
    const auto found = characters.find(icon);
    return found == characters.end() ? std::string_view{} : found->second;
}

ShownContact shown_contact(const compose::ContactItem& item) {
    ShownContact shown;
    for (const compose::Piece& piece : item.whole) {
        if (piece.kind == compose::Piece::Kind::icon) shown.icon = icon_character(piece.text);
        if (piece.role == compose::Role::contact || piece.role == compose::Role::link) shown.value = &piece;
    }
    return shown;
}

std::string render_text(const cv::Document& document, const TextOptions& options) {
    const style::Sheet sheet =
        plain_sheet(options.date_words, options.words, options.publication_details, false);
    TextWriter writer{options.width};
    compose::Composer{document, sheet}.compose(writer);
    return writer.take();
}

}  // namespace vitae::render
