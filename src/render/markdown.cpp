#include "vitae/render/markdown.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "vitae/compose/blocks.hpp"
#include "vitae/render/text.hpp"

namespace vitae::render {

namespace {

/// A URL inside (…) of a Markdown link: the characters that would end it
/// percent-encoded; '&' and '\\' escaped, for Markdown reads character
/// references in a link's target ("&#106;avascript:" would become
/// "javascript:") and backslash escapes.
std::string link_target(std::string_view url) {
    std::string out;
    for (const char c : url) {
        if (c == '&' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '(' || c == ')' || c == ' ' || c == '<' || c == '>') {
            fmt::format_to(std::back_inserter(out), "%{:02X}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out;
}

/// What continues a "- " list item on its later lines.
constexpr std::string_view item_indent = "  ";
/// What continues a publication's item: its authors and details.
constexpr std::string_view publication_indent = "   ";
/// Between an entry's facts, and between contacts.
constexpr std::string_view fact_separator = " \u00B7 ";
/// The number a list counting up starts at.
constexpr std::string_view first_number = "1.";

std::string link(const std::string& text, const std::string& url) {
    return fmt::format("[{}]({})", text, link_target(url));
}

/// `text` between two copies of `mark` (bold, italics).
std::string marked(std::string_view mark, const std::string& text) {
    return fmt::format("{0}{1}{0}", mark, text);
}

/// What starts a line after a break: text that Markdown would read as a
/// list item or a heading's underline there gets its first mark escaped.
std::string escape_line_start(std::string text) {
    const std::size_t digits = text.find_first_not_of("0123456789");
    const bool ordered_item =
        digits > 0 && digits != std::string::npos && (text[digits] == '.' || text[digits] == ')');
    if (ordered_item) {
        text.insert(digits, 1, '\\');
    } else if (!text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == '=')) {
        text.insert(0, 1, '\\');
    }
    return text;
}

/// A field with its markup: bold, italics, code and links as Markdown.
/// Spans alike are joined first ("**a b**", not "**a ****b**"). A line
/// break is a backslash at a line's end, a paragraph break a blank line;
/// the lines after one start with `indent` (a list item's). `line_start`:
/// the text starts a line after a break too (a later paragraph).
std::string rich(const cv::RichText& text, std::string_view indent = {}, bool line_start = false) {
    std::string out;
    for (std::size_t i = 0; i < text.spans.size();) {
        const cv::Span& first = text.spans[i];
        std::string run;
        for (; i < text.spans.size() && text.spans[i].bold == first.bold &&
               text.spans[i].italic == first.italic && text.spans[i].code == first.code &&
               text.spans[i].link == first.link &&
               (&text.spans[i] == &first || text.spans[i].break_before == cv::Span::Break::none);
             ++i) {
            // Code is literal in Markdown: no escapes inside the backquotes.
            run += first.code ? text.spans[i].text : escape_markdown(text.spans[i].text);
        }
        // A run emptied by a break (its spaces dropped) would leave bare marks.
        if (run.empty() && first.break_before == cv::Span::Break::none) continue;
        if (first.code) run = marked("`", run);
        if (first.break_before != cv::Span::Break::none) {
            out += first.break_before == cv::Span::Break::line ? "\\\n" : "\n\n";
            out += indent;
            run = escape_line_start(std::move(run));
        } else if (line_start && out.empty()) {
            run = escape_line_start(std::move(run));
        }
        if (first.bold) run = marked("**", run);
        if (first.italic) run = marked("*", run);
        if (!first.link.empty()) {
            run = link(run, first.link);
            // "!" right before a link's "[" would make it an image.
            if (out.ends_with('!')) {
                out.back() = '\\';
                out += '!';
            }
        }
        out += run;
    }
    return out;
}

/// A field whose spans lead to several places (a title linked to its
/// entry, with a link of its own inside): each stretch with one target
/// one link, its markup inside it, so that links never nest.
std::string linked_stretches(const cv::RichText& text, std::string_view indent, bool line_start) {
    std::string out;
    for (std::size_t i = 0; i < text.spans.size();) {
        const std::string& target = text.spans[i].link;
        cv::RichText stretch{{}, text.where};
        for (; i < text.spans.size() && text.spans[i].link == target; ++i) {
            stretch.spans.push_back(text.spans[i]);
            stretch.spans.back().link.clear();
        }
        // A break before the stretch stays outside its link.
        const cv::Span::Break before = stretch.spans.front().break_before;
        if (before != cv::Span::Break::none && !out.empty()) {
            out += before == cv::Span::Break::line ? "\\\n" : "\n\n";
            out += indent;
        }
        stretch.spans.front().break_before = cv::Span::Break::none;
        std::string shown =
            rich(stretch, indent, (line_start && out.empty()) || before != cv::Span::Break::none);
        if (!target.empty()) {
            // "!" right before a link's "[" would make it an image.
            if (out.ends_with('!')) {
                out.back() = '\\';
                out += '!';
            }
            shown = link(shown, target);
        }
        out += shown;
    }
    return out;
}

/// Whether the spans of `text` lead to more than one place (or some to none).
bool several_targets(const cv::RichText& text) {
    const auto differs = [&](const cv::Span& span) { return span.link != text.spans.front().link; };
    return !text.spans.empty() && std::any_of(text.spans.begin(), text.spans.end(), differs);
}

/// A piece as Markdown: bold where the composition sets it bold (the
/// owner, a venue's badge) or `strong`, italic where `emphasis`, a text
/// that is one link written as one, its markup inside the link.
std::string piece_markdown(const compose::Piece& piece, bool strong = false, bool emphasis = false,
                           std::string_view indent = {}, bool line_start = false) {
    std::string text;
    std::string target;
    switch (piece.kind) {
        case compose::Piece::Kind::rich:
            if (several_targets(piece.rich)) {
                text = linked_stretches(piece.rich, indent, line_start);
            } else {
                target = piece.rich.spans.empty() ? std::string{} : piece.rich.spans.front().link;
                cv::RichText shown = piece.rich;
                for (cv::Span& span : shown.spans) span.link.clear();
                text = rich(shown, indent, line_start);
            }
            break;
        case compose::Piece::Kind::plain:
            text = escape_markdown(piece.words());
            target = piece.url;
            break;
        case compose::Piece::Kind::space:
        case compose::Piece::Kind::glued_space: return " ";
        case compose::Piece::Kind::icon:
        case compose::Piece::Kind::break_point: return {};
    }
    if (piece.bold || strong) text = marked("**", text);
    if (emphasis) text = marked("*", text);
    return target.empty() ? text : link(text, target);
}

/// Pieces as Markdown; a title bold, a subtitle and a venue in italics.
std::string markdown_of(const compose::Inline& pieces, std::string_view indent = {},
                        bool line_start = false) {
    using compose::Role;
    std::string out;
    for (const compose::Piece& piece : pieces) {
        out += piece_markdown(piece, piece.role == Role::publication_title,
                              piece.role == Role::entry_subtitle || piece.role == Role::venue, indent,
                              line_start && out.empty());
    }
    return out;
}

/// Prints composed blocks as Markdown: headings by level (an entry one
/// below its section or group, a role one below its entry), an entry's
/// subtitle, place and dates on one line, lists as Markdown lists.
class MarkdownWriter final : public compose::BlockSink {
public:
    void start(compose::Flow /*flow*/) override {}

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        using compose::Role;
        if (block.role != Role::entry_subtitle && block.role != Role::location) flush_facts();
        page_break_pending_ = page_break_pending_ || block.page_break_before;
        if (block.kind == Kind::space) {
            after_paragraph_gap_ = block.gap == compose::Gap::paragraph;
            return;
        }
        // The CV's page_break_before. Markdown has no page, but it keeps raw
        // HTML: an empty block that a browser (or pandoc's HTML) breaks the
        // printed page before, and that shows nothing on a screen.
        if (std::exchange(page_break_pending_, false)) {
            list_ = List::none;
            add_line("\n", "<div style=\"break-before: page\"></div>\n");
        }
        const bool line_start = std::exchange(after_paragraph_gap_, false);
        if (block.kind != Kind::list_item && !block.hanging) list_ = List::none;
        switch (block.kind) {
            case Kind::heading: heading(block); break;
            case Kind::paragraph: paragraph(block, line_start); break;
            case Kind::two_sided: two_sided(block); break;
            case Kind::list_item: list_item(block); break;
            case Kind::contacts: contacts(block); break;
            case Kind::skills: skills(block); break;
            case Kind::picture:
                // The picture's path as the document gives it, relative to the document.
                add_line("\n",
                         fmt::format("![{}]({})",
                                     escape_markdown(block.picture->alt.empty() ? picture_label(block.role)
                                                                                : block.picture->alt),
                                     link_target(block.picture->path)));
                break;
            case Kind::space: break;
        }
        last_role_ = block.role;
    }

    std::string take() {
        flush_facts();
        return std::move(out_);
    }

private:
    /// The list being written: Markdown's own lists, or numbered paragraphs.
    enum class List : std::uint8_t { none, bullets, ordered, numbered_paragraphs, publications };

    /// `prefix` (blank lines, a heading's #), `text`, and a line end.
    void add_line(std::string_view prefix, const std::string& text) {
        fmt::format_to(std::back_inserter(out_), "{}{}\n", prefix, text);
    }

    /// A blank line and a heading's #s.
    static std::string heading_prefix(int level) {
        return fmt::format("\n{} ", std::string(static_cast<std::size_t>(level), '#'));
    }

    void heading(const compose::Block& block) {
        // The name opens the document: no blank line above it.
        add_line(block.level == 1 ? std::string{"# "} : heading_prefix(block.level),
                 markdown_of(block.content));
        // An entry is a heading one below its section's, or its group's.
        entry_level_ = block.level + 1;
    }

    void paragraph(const compose::Block& block, bool line_start) {
        if (block.role == compose::Role::authors) {
            // A hard line break (two spaces) keeps the details on a line of their own.
            fmt::format_to(std::back_inserter(out_), "{}{}  \n", publication_indent,
                           markdown_of(block.content));
            return;
        }
        if (block.role == compose::Role::details) {
            add_line(publication_indent, markdown_of(block.content));
            return;
        }
        const std::string_view indent =
            block.hanging ? std::string_view{hanging_indent_} : std::string_view{};
        const bool next_line =
            (block.role == compose::Role::recipient || block.role == compose::Role::enclosure) &&
            last_role_ == block.role && out_.ends_with('\n');
        if (next_line) {
            // A letter's address, line by line: a hard line break (two spaces) before each.
            out_.insert(out_.size() - 1, "  ");
            add_line(indent, markdown_of(block.content, indent, line_start));
            return;
        }
        add_line(fmt::format("\n{}", indent), markdown_of(block.content, indent, line_start));
    }

    /// An entry's or a role's title as a heading; what it says on the
    /// right and on the line below waits for one line of facts.
    void two_sided(const compose::Block& block) {
        using compose::Role;
        if (block.role == Role::entry_head || block.role == Role::role_head) {
            const int level = block.role == Role::entry_head ? entry_level_ : entry_level_ + 1;
            add_line(heading_prefix(level), markdown_of(block.content));
        }
        for (const compose::Inline* side : {&block.content, &block.right}) {
            for (const compose::Piece& piece : *side) {
                switch (piece.role) {
                    case Role::entry_subtitle: facts_.subtitle = piece_markdown(piece, false, true); break;
                    case Role::location: facts_.location = piece_markdown(piece); break;
                    case Role::date: facts_.date = piece_markdown(piece); break;
                    default: break;
                }
            }
        }
    }

    /// An entry's or a role's subtitle, place and dates, a dot between.
    void flush_facts() {
        std::string line;
        for (const std::string* fact : {&facts_.subtitle, &facts_.location, &facts_.date}) {
            if (fact->empty()) continue;
            if (!line.empty()) line += fact_separator;
            line += *fact;
        }
        if (!line.empty()) add_line("\n", line);
        facts_ = {};
    }

    /// A bullet, a number of a list counting up (Markdown's ordered
    /// list), or one counting down, which Markdown's ordered lists cannot
    /// say: then each item is a paragraph after its escaped number.
    void list_item(const compose::Block& block) {
        const std::string number = plain_text(block.marker);
        if (block.role == compose::Role::publication) {
            if (list_ != List::publications) out_ += "\n";
            list_ = List::publications;
            hanging_indent_ = publication_indent;
            add_line(fmt::format("{} ", number), markdown_of(block.content));
            return;
        }
        if (!block.numbered) {
            if (list_ != List::bullets && block.depth == 0) out_ += "\n";
            // A bullet under an item starts where that item's text does.
            const std::string indent = block.depth == 0 ? std::string{} : nested_indents_.at(block.depth - 1);
            if (list_ != List::bullets && list_ != List::ordered) list_ = List::bullets;
            hanging_indent_ = indent + std::string{item_indent};
            nested_indents_.resize(static_cast<std::size_t>(block.depth) + 1);
            nested_indents_.back() = hanging_indent_;
            add_line(indent + "- ", markdown_of(block.content, hanging_indent_));
            return;
        }
        if (list_ != List::ordered && list_ != List::numbered_paragraphs) {
            list_ = number == first_number ? List::ordered : List::numbered_paragraphs;
            out_ += "\n";
        } else if (list_ == List::numbered_paragraphs) {
            out_ += "\n";
        }
        std::string prefix;
        if (list_ == List::ordered) {
            prefix = fmt::format("{} ", number);
            // An ordered item's later lines line up with its text; a
            // paragraph's need no indent (four spaces would make code).
            hanging_indent_ = std::string(prefix.size(), ' ');
        } else {
            prefix = fmt::format("{} ", escape_line_start(number));
            hanging_indent_.clear();
        }
        // Bullets under it start under its text.
        nested_indents_.assign(1, std::string(prefix.size(), ' '));
        add_line(prefix, markdown_of(block.content, hanging_indent_));
    }

    /// Each contact after its icon's character, a profile link as its
    /// linked label.
    void contacts(const compose::Block& block) {
        std::string line;
        for (const compose::ContactItem& item : block.contacts) {
            const auto [icon, value] = shown_contact(item);
            if (value == nullptr) continue;
            std::string contact = piece_markdown(*value);
            if (value->role == compose::Role::contact && !icon.empty())
                contact = fmt::format("{} {}", icon, contact);
            if (!line.empty()) line += markdown_of(block.separator);
            line += contact;
        }
        if (!line.empty()) add_line("\n", line);
    }

    void skills(const compose::Block& block) {
        out_ += "\n";
        for (const compose::SkillRow& row : block.rows)
            add_line(fmt::format("- **{}:** ", markdown_of(row.label)), markdown_of(row.items));
    }

    /// An entry's facts, gathered from its lines.
    struct Facts {
        std::string subtitle;
        std::string location;
        std::string date;
    };

    std::string out_;
    Facts facts_;
    List list_ = List::none;
    /// An entry's heading level: below its section's heading, or its group's.
    int entry_level_ = 3;
    /// Where a list item's later lines and paragraphs start.
    std::string hanging_indent_;
    /// Where the text of the item at each depth starts: the indent of a bullet under it.
    std::vector<std::string> nested_indents_{std::string{item_indent}};
    /// The next paragraph follows another of its text: it starts a line
    /// Markdown reads after a break.
    bool after_paragraph_gap_ = false;
    bool page_break_pending_ = false;                ///< the CV's page_break_before, for the next block
    compose::Role last_role_ = compose::Role::text;  ///< of the block before
};

}  // namespace

std::string escape_markdown(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (std::string_view{"\\`*_[]<>#|"}.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string render_markdown(const cv::Document& document, const MarkdownOptions& options) {
    const style::Sheet sheet =
        plain_sheet(options.date_words, options.words, options.publication_details, options.highlight_owner);
    MarkdownWriter writer;
    compose::Composer{document, sheet}.compose(writer);
    return writer.take();
}

}  // namespace vitae::render
