#include "vitae/text.hpp"

#include <algorithm>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "vitae/utf8.hpp"

namespace vitae::render {

namespace {

/// Indents of the plain-text layout, in columns.
constexpr std::size_t bullet_indent = 2;  // "  • "
constexpr std::size_t bullet_text_indent = 4;
constexpr std::size_t role_indent = 2;
constexpr std::size_t publication_number_width = 4;  // "10. "
constexpr std::size_t skill_label_gap = 2;
constexpr std::size_t minimum_gap = 2;                 // between left text and right-aligned dates
constexpr const char* contact_separator = " \u00B7 ";  // a middle dot, as in the seed CV

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

class TextWriter {
public:
    explicit TextWriter(const TextOptions& options) : options_(options) {}

    std::string write(const cv::Document& document) {
        write_person(document.person);
        for (const cv::Section& section : document.sections) write_section(section);
        return std::move(out_);
    }

private:
    void bullet(const cv::RichText& text, std::size_t indent) {
        wrap(out_, plain(text), options_.width, fmt::format("{:{}}\u2022 ", "", indent),
             indent + bullet_text_indent - bullet_indent);
    }

    void write_person(const cv::Person& person) {
        fmt::format_to(std::back_inserter(out_), "{}\n", plain(person.name));
        if (!person.headline.empty()) wrap(out_, plain(person.headline), options_.width, 0);
        std::vector<std::string> contacts;
        for (const cv::Contact& contact : person.contacts) {
            contacts.push_back(fmt::format("{} {}", icon_character(contact.icon()), contact.value));
        }
        for (const cv::Link& link : person.links) {
            std::string text = fmt::format("{}: {}", plain(link.label), link.url);
            if (const std::string_view icon = icon_character(link.icon); !icon.empty())
                text = fmt::format("{} {}", icon, text);
            contacts.push_back(std::move(text));
        }
        // Contacts stay whole; a separator never starts or ends a line.
        std::string line;
        for (const std::string& contact : contacts) {
            const std::string separated =
                line.empty() ? contact : fmt::format("{}{}{}", line, contact_separator, contact);
            if (!line.empty() && utf8::display_width(separated) > options_.width) {
                fmt::format_to(std::back_inserter(out_), "{}\n", line);
                line = contact;
            } else {
                line = separated;
            }
        }
        if (!line.empty()) fmt::format_to(std::back_inserter(out_), "{}\n", line);
        if (!person.summary.empty()) {
            out_ += '\n';
            wrap(out_, plain(person.summary), options_.width, 0);
        }
    }

    void write_section(const cv::Section& section) {
        const std::string title = plain(section.title);
        fmt::format_to(std::back_inserter(out_), "\n{}\n{}\n", title,
                       std::string(utf8::display_width(title), '-'));
        switch (section.kind) {
            case cv::SectionKind::entries:
                for (const cv::EntryGroup& group : cv::group_entries(section.entries)) {
                    if (!group.name.empty())
                        fmt::format_to(std::back_inserter(out_), "\n{}\n",
                                       plain(group.entries.front()->group));
                    for (const cv::Entry* entry : group.entries) write_entry(*entry);
                }
                break;
            case cv::SectionKind::publications: write_publications(section.publications); break;
            case cv::SectionKind::skills: write_skills(section.skills); break;
            case cv::SectionKind::list:
                out_ += '\n';
                for (std::size_t i = 0; i < section.items.size(); ++i) {
                    if (section.numbering == cv::Section::Numbering::none) {
                        bullet(section.items[i], bullet_indent);
                    } else {
                        wrap(out_, plain(section.items[i]), options_.width,
                             number_label(section.item_number(i)), publication_number_width);
                    }
                }
                break;
            case cv::SectionKind::text:
                out_ += '\n';
                wrap(out_, plain(section.text), options_.width, 0);
                break;
        }
    }

    void write_entry(const cv::Entry& entry) {
        out_ += '\n';
        std::string title = plain(entry.title);
        if (!entry.url.empty() && without_scheme(title) != without_scheme(entry.url)) {
            fmt::format_to(std::back_inserter(title), " <{}>", entry.url);
        }
        left_right(out_, title, style::format_date_range(entry.dates, options_.date_words), options_.width,
                   0);
        if (!entry.subtitle.empty() || !entry.location.empty()) {
            left_right(out_, plain(entry.subtitle), plain(entry.location), options_.width, 0);
        }
        if (!entry.description.empty()) wrap(out_, plain(entry.description), options_.width, 0);
        for (const cv::RichText& highlight : entry.highlights) bullet(highlight, bullet_indent);
        for (const cv::Role& role : entry.roles) {
            left_right(out_, plain(role.title), style::format_date_range(role.dates, options_.date_words),
                       options_.width, role_indent);
            if (!role.location.empty())
                left_right(out_, "", plain(role.location), options_.width, role_indent);
            for (const cv::RichText& highlight : role.highlights)
                bullet(highlight, role_indent + bullet_indent);
        }
    }

    void write_publications(const std::vector<cv::Publication>& publications) {
        bool any_equal_contribution = false;
        for (const cv::PublicationGroup& group : cv::group_publications(publications)) {
            if (!group.name.empty())
                fmt::format_to(std::back_inserter(out_), "\n{}\n", plain(group.publications.front()->group));
            std::size_t number = 0;
            for (const cv::Publication* publication : group.publications) {
                write_publication(*publication, ++number);
                any_equal_contribution = any_equal_contribution || !publication->equal_contribution.empty();
            }
        }
        if (any_equal_contribution) out_ += "\n* equal contribution\n";
    }

    /// "  1. ": a number right-aligned in the publications' number column.
    static std::string number_label(std::size_t number) {
        return fmt::format("{:>{}}", fmt::format("{}. ", number), publication_number_width);
    }

    void write_publication(const cv::Publication& publication, std::size_t number) {
        out_ += '\n';
        wrap(out_, plain(publication.title), options_.width, number_label(number), publication_number_width);
        std::string authors;
        for (const cv::RichText& author : publication.authors) {
            if (!authors.empty()) authors += ", ";
            authors += plain(author);
            if (publication.is_equal_contributor(author)) authors += '*';
        }
        if (!authors.empty()) wrap(out_, authors, options_.width, publication_number_width);
        // Every detail shows here, whatever the style: text keeps every field.
        std::string line;
        std::vector<std::string> links;
        for (const style::MetaItem& item : style::publication_meta(
                 publication, options_.publication_details.all_shown(), options_.date_words)) {
            std::string fact;
            for (const style::MetaRun& run : item.runs) {
                if (run.role == style::MetaRun::Role::link) {
                    links.push_back(fmt::format("{}: {}", run.text, run.url));
                } else {
                    fact += run.rich != nullptr ? plain(*run.rich) : run.text;
                }
            }
            if (!fact.empty())
                fmt::format_to(std::back_inserter(line), "{}{}", line.empty() ? "" : " \u2014 ", fact);
        }
        if (!line.empty()) wrap(out_, line, options_.width, publication_number_width);
        for (const std::string& link : links) wrap(out_, link, options_.width, publication_number_width);
    }

    void write_skills(const std::vector<cv::SkillRow>& rows) {
        out_ += '\n';
        std::size_t label_width = 0;
        for (const cv::SkillRow& row : rows)
            label_width = std::max(label_width, utf8::display_width(plain(row.label)));
        const std::size_t items_indent = label_width + skill_label_gap;
        for (const cv::SkillRow& row : rows) {
            std::string items;
            for (const cv::RichText& item : row.items)
                fmt::format_to(std::back_inserter(items), "{}{}", items.empty() ? "" : ", ", plain(item));
            const std::string label = plain(row.label);
            wrap(out_, items, options_.width,
                 fmt::format("{}{:{}}", label, "", items_indent - utf8::display_width(label)), items_indent);
        }
    }

    const TextOptions& options_;
    std::string out_;
};

}  // namespace

std::string_view icon_character(std::string_view icon) {
    static const std::map<std::string_view, std::string_view> characters = {
        {"envelope", "\u2709"},   {"phone", "\u260E"},          {"home", "\U0001F3E0"},
        {"globe", "\U0001F310"},  {"map-marker", "\U0001F4CD"}, {"link", "\U0001F517"},
        {"mobile", "\U0001F4F1"}, {"fax", "\U0001F4E0"}};
    const auto found = characters.find(icon);
    return found == characters.end() ? std::string_view{} : found->second;
}

std::string render_text(const cv::Document& document, const TextOptions& options) {
    return TextWriter{options}.write(document);
}

}  // namespace vitae::render
