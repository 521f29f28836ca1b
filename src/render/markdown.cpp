#include "vitae/markdown.hpp"

#include <iterator>

#include <fmt/format.h>

#include "vitae/names.hpp"
#include "vitae/text.hpp"

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
/// the lines after one start with `indent` (a list item's).
std::string rich(const cv::RichText& text, std::string_view indent = {}) {
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

class MarkdownWriter {
public:
    MarkdownWriter(const cv::Document& document, const MarkdownOptions& options)
        : document_(document), options_(options), owner_(document.person) {}

    std::string write() {
        person();
        for (const cv::Section& section : document_.sections) this->section(section);
        return std::move(out_);
    }

private:
    void person() {
        const cv::Person& person = document_.person;
        add_line("# ", rich(person.name));
        if (!person.headline.empty()) add_line("\n", rich(person.headline));
        std::string contacts;
        for (const cv::Contact& contact : person.contacts) {
            const std::string value = escape_markdown(contact.value);
            std::string shown = contact.url().empty() ? value : link(value, contact.url());
            if (const std::string_view icon = icon_character(contact.icon()); !icon.empty())
                shown = fmt::format("{} {}", icon, shown);
            append_fact(contacts, shown);
        }
        for (const cv::Link& link_item : person.links) {
            cv::RichText label = link_item.label;
            for (cv::Span& span : label.spans) span.link = link_item.url;
            append_fact(contacts, rich(label));
        }
        if (!contacts.empty()) add_line("\n", contacts);
        if (!person.summary.empty()) add_line("\n", rich(person.summary));
    }

    /// `prefix` (blank lines, a heading's #), `text`, and a line end.
    void add_line(std::string_view prefix, const std::string& text) {
        fmt::format_to(std::back_inserter(out_), "{}{}\n", prefix, text);
    }

    static void append_fact(std::string& line, const std::string& fact) {
        if (fact.empty()) return;
        if (!line.empty()) line += " \u00B7 ";
        line += fact;
    }

    void section(const cv::Section& section) {
        add_line("\n## ", rich(section.title));
        switch (section.kind) {
            case cv::SectionKind::entries:
                for (const cv::EntryGroup& group : cv::group_entries(section.entries)) {
                    // A group's heading takes the entries' level; its entries go one below.
                    if (!group.name.empty()) add_line("\n### ", rich(group.entries.front()->group));
                    for (const cv::Entry* entry : group.entries)
                        this->entry(*entry, group.name.empty() ? 3 : 4);
                }
                break;
            case cv::SectionKind::publications: publications(section.publications); break;
            case cv::SectionKind::skills:
                out_ += "\n";
                for (const cv::SkillRow& row : section.skills) {
                    std::string items;
                    for (const cv::RichText& item : row.items)
                        fmt::format_to(std::back_inserter(items), "{}{}", items.empty() ? "" : ", ",
                                       rich(item));
                    fmt::format_to(std::back_inserter(out_), "- **{}:** {}\n", rich(row.label), items);
                }
                break;
            case cv::SectionKind::list: list(section); break;
            case cv::SectionKind::text: add_line("\n", rich(section.text)); break;
        }
    }

    /// A blank line and a heading's #s.
    static std::string heading_prefix(std::size_t level) {
        return fmt::format("\n{} ", std::string(level, '#'));
    }

    /// An entry under a heading of `level` (###), its roles one below.
    void entry(const cv::Entry& entry, std::size_t level) {
        std::string title = rich(entry.title);
        if (!entry.url.empty()) title = link(title, entry.url);
        add_line(heading_prefix(level), title);
        std::string facts;
        if (!entry.subtitle.empty()) append_fact(facts, marked("*", rich(entry.subtitle)));
        append_fact(facts, rich(entry.location));
        append_fact(facts, escape_markdown(style::format_date_range(entry.dates, options_.date_words)));
        if (!facts.empty()) add_line("\n", facts);
        if (!entry.description.empty()) add_line("\n", rich(entry.description));
        bullets(entry.highlights);
        for (const cv::Role& role : entry.roles) {
            add_line(heading_prefix(level + 1), rich(role.title));
            std::string role_facts;
            append_fact(role_facts, rich(role.location));
            append_fact(role_facts,
                        escape_markdown(style::format_date_range(role.dates, options_.date_words)));
            if (!role_facts.empty()) add_line("\n", role_facts);
            bullets(role.highlights);
        }
    }

    /// A list section: bullets, an ordered list, or, counting down (which
    /// Markdown's ordered lists cannot), one paragraph per item after its
    /// number.
    void list(const cv::Section& section) {
        if (section.numbering == cv::Section::Numbering::none) {
            bullets(section.items);
            return;
        }
        const bool descending = section.numbering == cv::Section::Numbering::descending;
        for (std::size_t i = 0; i < section.items.size(); ++i) {
            if (descending || i == 0) out_ += "\n";
            const std::string number =
                fmt::format("{}{}", section.item_number(i), descending ? "\\. " : ". ");
            // An ordered item's later lines line up with its text; a
            // paragraph's need no indent (four spaces would make code).
            add_line(number, rich(section.items[i], descending ? "" : std::string(number.size(), ' ')));
        }
    }

    void bullets(const std::vector<cv::RichText>& items) {
        if (items.empty()) return;
        out_ += "\n";
        for (const cv::RichText& item : items) add_line("- ", rich(item, item_indent));
    }

    void publications(const std::vector<cv::Publication>& publications) {
        bool any_equal_contribution = false;
        for (const cv::PublicationGroup& group : cv::group_publications(publications)) {
            if (!group.name.empty()) add_line("\n### ", rich(group.publications.front()->group));
            out_ += "\n";
            std::size_t number = 0;
            for (const cv::Publication* publication : group.publications) {
                this->publication(*publication, ++number);
                any_equal_contribution = any_equal_contribution || !publication->equal_contribution.empty();
            }
        }
        if (any_equal_contribution) out_ += "\n\\* equal contribution\n";
    }

    void publication(const cv::Publication& publication, std::size_t number) {
        const std::string indent = "   ";
        std::string title = marked("**", rich(publication.title));
        const std::string target = !publication.url.empty() ? publication.url : publication.doi_url();
        if (!target.empty()) title = link(title, target);
        fmt::format_to(std::back_inserter(out_), "{}. {}\n", number, title);
        std::string authors;
        for (const cv::RichText& author : publication.authors) {
            std::string name = rich(author);
            if (options_.highlight_owner && owner_.matches(author)) name = marked("**", name);
            if (publication.is_equal_contributor(author)) name += "\\*";
            fmt::format_to(std::back_inserter(authors), "{}{}", authors.empty() ? "" : ", ", name);
        }
        if (!authors.empty()) fmt::format_to(std::back_inserter(out_), "{}{}  \n", indent, authors);
        std::string facts;
        // Every detail shows here, whatever the style: Markdown keeps every field.
        for (const style::MetaItem& item : style::publication_meta(
                 publication, options_.publication_details.all_shown(), options_.date_words)) {
            std::string fact;
            for (const style::MetaRun& run : item.runs) {
                using Role = style::MetaRun::Role;
                if (run.role == Role::abbr) {
                    fact += marked("**", escape_markdown(run.text));
                } else if (run.role == Role::venue) {
                    fact += marked("*", rich(*run.rich));
                } else if (run.role == Role::link) {
                    fact += link(run.text, run.url);
                } else {
                    fact += run.rich != nullptr ? rich(*run.rich) : escape_markdown(run.text);
                }
            }
            append_fact(facts, fact);
        }
        if (!facts.empty()) add_line(indent, facts);
    }

    const cv::Document& document_;
    const MarkdownOptions& options_;
    style::NameMatcher owner_;
    std::string out_;
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
    return MarkdownWriter{document, options}.write();
}

}  // namespace vitae::render
