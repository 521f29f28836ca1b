// The CV's rules: a selected CV in a style sheet becomes blocks.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "vitae/base/limits.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/markup_style.hpp"
#include "vitae/style/names.hpp"
#include "vitae/style/publication_format.hpp"

namespace vitae::compose {

std::string_view to_string(Role role) {
    switch (role) {
#define VITAE_ROLE(name, meaning) \
    case Role::name:              \
        return #name;
#include "vitae/compose/roles.inc"
#undef VITAE_ROLE
    }
    return "text";
}

std::string_view to_string(Gap gap) {
    switch (gap) {
        case Gap::section_before: return "section_before";
        case Gap::section_after: return "section_after";
        case Gap::photo: return "photo";
        case Gap::letter_part: return "letter_part";
        case Gap::signature: return "signature";
        case Gap::entry: return "entry";
        case Gap::role: return "role";
        case Gap::highlight: return "highlight";
        case Gap::publication: return "publication";
        case Gap::paragraph: return "paragraph";
    }
    return "paragraph";
}

const double* gap_setting(const style::Sheet& sheet, Gap gap) {
    switch (gap) {
        case Gap::section_before: return &sheet.section_gap_before;
        case Gap::section_after: return &sheet.section_gap_after;
        case Gap::photo: return &sheet.photo.gap;
        case Gap::letter_part:
        case Gap::signature: return nullptr;
        case Gap::entry: return &sheet.entry_gap;
        case Gap::role: return &sheet.role_gap;
        case Gap::highlight: return &sheet.highlight_gap;
        case Gap::publication: return &sheet.publication_gap;
        case Gap::paragraph: return nullptr;
    }
    return nullptr;
}

std::string_view gap_key(Gap gap) {
    switch (gap) {
        case Gap::section_before: return "section.gap_before";
        case Gap::section_after: return "section.gap_after";
        case Gap::photo: return "photo.gap";
        case Gap::letter_part:
        case Gap::signature: return {};
        case Gap::entry: return "entries.gap";
        case Gap::role: return "entries.role_gap";
        case Gap::highlight: return "bullets.gap";
        case Gap::publication: return "publications.gap";
        case Gap::paragraph: return {};
    }
    return {};
}

double* gap_setting(style::Sheet& sheet, Gap gap) {
    return const_cast<double*>(gap_setting(std::as_const(sheet), gap));
}

double gap_amount(const style::Sheet& sheet, Gap gap, const style::TextStyle* style) {
    const double body_line = sheet.line_height * sheet.body.size;
    switch (gap) {
        case Gap::paragraph: return style::paragraph_gap(sheet, style ? *style : sheet.body);
        case Gap::letter_part: return sheet.letter.part_gap_lines * body_line;
        case Gap::signature: return sheet.letter.signature_lines * body_line;
        default: return *gap_setting(sheet, gap);
    }
}

style::TextStyle Piece::effective_style() const {
    style::TextStyle result = style != nullptr ? *style : style::TextStyle{};
    result.bold = result.bold || bold;
    return result;
}

namespace {

/// For add(): every line of the block stays with the next, and with what
/// follows it (headings, the header's lines, an entry's head).
constexpr bool kept = true;

Piece rich_piece(Role role, const cv::RichText& text, const style::TextStyle& style, bool bold = false) {
    Piece piece;
    piece.kind = Piece::Kind::rich;
    piece.role = role;
    piece.style = &style;
    piece.bold = bold;
    piece.rich = text;
    piece.where = text.where;
    return piece;
}

Piece plain_piece(Role role, std::string text, const style::TextStyle& style, const SourceRegion& where,
                  std::string url = {}, bool bold = false) {
    Piece piece;
    piece.kind = Piece::Kind::plain;
    piece.role = role;
    piece.style = &style;
    piece.bold = bold;
    piece.text = std::move(text);
    piece.where = where;
    piece.url = std::move(url);
    return piece;
}

Piece space_piece(const style::TextStyle& style, bool glued = false) {
    Piece piece;
    piece.kind = glued ? Piece::Kind::glued_space : Piece::Kind::space;
    piece.role = Role::space;
    piece.style = &style;
    return piece;
}

Piece icon_piece(std::string name, const style::TextStyle& style, std::string url) {
    Piece piece;
    piece.kind = Piece::Kind::icon;
    piece.role = Role::icon;
    piece.style = &style;
    piece.text = std::move(name);
    piece.url = std::move(url);
    return piece;
}

/// `text` with every span linking to `url`; `keep_own`: spans that link
/// elsewhere keep their own target.
cv::RichText linked(cv::RichText text, const std::string& url, bool keep_own) {
    if (url.empty()) return text;
    for (cv::Span& span : text.spans) {
        if (!keep_own || span.link.empty()) span.link = url;
    }
    return text;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

/// Hands blocks on one behind, with the spaces after them, so that the
/// rules that end a unit (an entry, a publication) can still change the
/// keeps of the last block with text.
class Emitter {
public:
    explicit Emitter(BlockSink& sink) : sink_(sink) {}
    Emitter(const Emitter&) = delete;
    Emitter& operator=(const Emitter&) = delete;
    ~Emitter() = default;

    void start(Flow flow) {
        flush();
        sink_.start(flow);
    }
    void add(Block block) {
        block.page_break_before = std::exchange(break_before_next_, false);
        if (block.kind != Block::Kind::space && keeping_whole_) {
            // One unit: each line with the next, the held one with this.
            if (held_) held_->keep_with_next = true;
            block.keep_together = true;
        }
        if (block.kind == Block::Kind::space && held_) {
            spaces_after_.push_back(std::move(block));
            return;
        }
        flush();
        if (block.kind == Block::Kind::space) {
            sink_.add(std::move(block));
        } else {
            held_ = std::move(block);
        }
    }
    /// The last block with text, while it is held.
    Block* last() { return held_ ? &*held_ : nullptr; }
    /// A new page starts at the next block.
    void break_page() { break_before_next_ = true; }
    /// From here to keep_whole(false), no page break (an entry or section
    /// kept together). What came before is finished: it is sent on.
    void keep_whole(bool keep) {
        if (keep) flush();
        keeping_whole_ = keep;
    }
    [[nodiscard]] bool keeping_whole() const { return keeping_whole_; }
    void flush() {
        if (held_) sink_.add(std::move(*std::exchange(held_, std::nullopt)));
        for (Block& space : spaces_after_) sink_.add(std::move(space));
        spaces_after_.clear();
    }

private:
    BlockSink& sink_;
    std::optional<Block> held_;
    std::vector<Block> spaces_after_;
    bool break_before_next_ = false;
    bool keeping_whole_ = false;
};

class CvComposer {
public:
    CvComposer(const cv::Document& document, const style::Sheet& sheet, BlockSink& sink)
        : document_(document), sheet_(sheet), out_(sink), owner_(document.person) {}

    void run() {
        if (document_.letter) {
            out_.start(Flow::main);
            letter(*document_.letter);
            out_.flush();
            return;
        }
        if (!sheet_.sidebar) {
            out_.start(Flow::main);
            header(document_.person);
            for (const cv::Section& section : document_.sections) this->section(section);
        } else {
            // The sidebar holds the header and the sections of its kinds.
            out_.start(Flow::sidebar);
            composing_sidebar_ = true;
            header(document_.person);
            for (const cv::Section& section : document_.sections) {
                if (in_sidebar(section)) this->section(section);
            }
            out_.start(Flow::main);
            composing_sidebar_ = false;
            for (const cv::Section& section : document_.sections) {
                if (!in_sidebar(section)) this->section(section);
            }
        }
        out_.flush();
    }

private:
    [[nodiscard]] bool in_sidebar(const cv::Section& section) const {
        const auto& kinds = sheet_.sidebar_kinds;
        return std::find(kinds.begin(), kinds.end(), cv::to_string(section.kind)) != kinds.end();
    }

    // --- blocks ----------------------------------------------------------------

    Block block(Block::Kind kind, Role role, const SourceRegion& where, std::string what) const {
        Block made;
        made.kind = kind;
        made.role = role;
        made.where = where;
        made.what = std::move(what);
        made.part = part_;
        made.part_where = part_where_;
        made.section = section_;
        return made;
    }

    void space(Gap gap, const style::TextStyle* style = nullptr) {
        Block made = block(Block::Kind::space, Role::space, {}, {});
        made.gap = gap;
        made.gap_style = style;
        out_.add(std::move(made));
    }

    void add(Block made, bool keep_lines = false) {
        made.keep_together = keep_lines;
        made.keep_with_next = keep_lines;
        out_.add(std::move(made));
    }

    /// A space that ends `position` pt below the page's top edge, where
    /// `what` starts ("the address field").
    void space_to(double position, std::string what) {
        Block made = block(Block::Kind::space, Role::space, {}, std::move(what));
        made.to_page_position = position;
        out_.add(std::move(made));
    }

    /// The last block stays with what follows, or (`keep` false) a page
    /// may break after it again: a unit's end.
    void keep_last_with_next(bool keep = true) {
        if (Block* last = out_.last()) last->keep_with_next = keep;
    }

    void enter_part(const SourceRegion& where, std::string name) {
        part_where_ = where;
        part_ = std::move(name);
    }

    /// A text field paragraph by paragraph, half a line of its style apart;
    /// from paragraph `first` on, `hanging` in a list item's indent.
    void paragraphs(const std::vector<cv::RichText>& parts, Role role, const style::TextStyle& style,
                    const std::string& what, bool hanging = false, std::size_t first = 0, int depth = 0) {
        for (std::size_t i = first; i < parts.size(); ++i) {
            if (i > 0) space(Gap::paragraph, &style);
            Block made = block(Block::Kind::paragraph, role, parts[i].where, what);
            made.content.push_back(rich_piece(role, parts[i], style));
            made.hanging = hanging;
            made.depth = depth;
            add(std::move(made));
        }
    }

    void paragraphs(const cv::RichText& text, Role role, const style::TextStyle& style,
                    const std::string& what) {
        paragraphs(cv::split_paragraphs(text), role, style, what);
    }

    // --- the header --------------------------------------------------------------

    void header(const cv::Person& person) {
        const bool photo_beside = photo(person);
        letterhead(person);
        if (photo_beside) {
            // What follows starts below the photo and the photo's gap.
            Block below = block(Block::Kind::space, Role::space, {}, {});
            below.gap = Gap::photo;
            below.clears = true;
            out_.add(std::move(below));
        }
        if (!person.summary.empty()) {
            space(Gap::section_after);
            paragraphs(person.summary, Role::summary, sheet_.body, "the summary");
        }
    }

    /// The person's photo, where the style shows one: above the header
    /// (a sidebar's top), or beside it. Whether it is beside.
    bool photo(const cv::Person& person) {
        if (!person.photo || sheet_.photo.place == style::PhotoPlace::none) return false;
        enter_part(person.where, "the header");
        const bool beside = sheet_.photo.place == style::PhotoPlace::header && !sheet_.sidebar;
        Block made =
            picture(*person.photo, Role::photo, "the photo", sheet_.photo.width, sheet_.photo.height);
        made.shape = sheet_.photo.shape;
        made.beside = beside;
        made.alignment = style::Alignment::center;
        add(std::move(made), kept);
        if (!beside) space(Gap::photo);
        return beside;
    }

    Block picture(const cv::Picture& shown, Role role, std::string what, double width, double height) {
        Block made = block(Block::Kind::picture, role, shown.where, std::move(what));
        made.picture = &shown;
        made.width = width;
        made.height = height;
        return made;
    }

    /// The name, headline and contacts: a CV's header, a letter's head.
    void letterhead(const cv::Person& person) {
        enter_part(person.where, "the header");
        Block name = block(Block::Kind::heading, Role::name, person.where, "the name");
        name.level = 1;
        name.names = true;
        name.alignment = sheet_.header_alignment;
        name.content.push_back(rich_piece(Role::name, person.name, sheet_.person_name));
        add(std::move(name), kept);
        if (!person.headline.empty()) {
            Block headline =
                block(Block::Kind::paragraph, Role::headline, person.headline.where, "the headline");
            headline.alignment = sheet_.header_alignment;
            headline.content.push_back(rich_piece(Role::headline, person.headline, sheet_.headline));
            add(std::move(headline), kept);
        }
        contacts(person);
    }

    // --- a letter ------------------------------------------------------------------

    /// The DIN 5008 form B geometry (mm from the page's top edge): the
    /// address field of a DL window envelope begins 45 mm down, its
    /// recipient zone 17.7 mm lower, and the text after it 98.46 mm down.
    static constexpr double millimetre = 72 / 25.4;
    static constexpr double din_address_field_top = 45 * millimetre;
    static constexpr double din_recipient_zone_top = 62.7 * millimetre;
    static constexpr double din_text_top = 98.46 * millimetre;

    void letter(const cv::Letter& letter) {
        const cv::Person& person = document_.person;
        const bool din = letter.layout == cv::LetterLayout::din5008;
        const bool us = letter.layout == cv::LetterLayout::us;
        letterhead(person);
        enter_part(letter.where, "the letter");
        if (din) {
            space_to(din_address_field_top, "the address field");
            return_address(person);
            space_to(din_recipient_zone_top, "the recipient's address");
        } else {
            space(Gap::letter_part);
            space(Gap::letter_part);
        }
        const auto line = [&](const cv::RichText& text, Role role, std::string what, bool bold = false,
                              style::Alignment alignment = style::Alignment::left) {
            if (text.empty()) return;
            Block made = block(Block::Kind::paragraph, role, text.where, std::move(what));
            made.content.push_back(rich_piece(role, text, sheet_.body, bold));
            made.alignment = alignment;
            add(std::move(made));
        };
        // US letters put the date first, above the inside address.
        if (us) {
            place_date(letter, style::Alignment::left);
            space(Gap::letter_part);
        }
        line(letter.recipient_name, Role::recipient, "the recipient");
        line(letter.recipient_organisation, Role::recipient, "the recipient's organisation");
        for (const cv::RichText& address : letter.recipient_address)
            line(address, Role::recipient, "the address");
        if (din) {
            space_to(din_text_top, "the letter's text");
        } else {
            space(Gap::letter_part);
        }
        if (!us) {
            place_date(letter, style::Alignment::right);
            space(Gap::letter_part);
        }
        if (!letter.subject.empty()) {
            line(letter.subject, Role::subject, "the subject", true);
            space(Gap::letter_part);
            if (din) space(Gap::letter_part);
        }
        line(letter.salutation, Role::salutation, "the salutation");
        const std::vector<cv::RichText> body = cv::split_paragraphs(letter.body);
        for (const cv::RichText& paragraph : body) {
            space(Gap::letter_part);
            line(paragraph, Role::text, "the letter's text");
        }
        space(Gap::letter_part);
        line(letter.closing, Role::closing, "the closing");
        keep_last_with_next();
        if (letter.signature_image) {
            const cv::Picture& image = *letter.signature_image;
            const double height = sheet_.letter.signature_height;
            const double width = image.height > 0 ? height * image.width / image.height : height;
            space(Gap::paragraph);
            Block made = picture(image, Role::signature, "the signature", width, height);
            made.alignment = style::Alignment::left;
            add(std::move(made), kept);
        } else {
            space(Gap::signature);
        }
        line(letter.signature.empty() ? person.name : letter.signature, Role::signature, "the signature");
        if (!letter.enclosures.empty()) {
            space(Gap::letter_part);
            Block heading = block(Block::Kind::paragraph, Role::enclosure, letter.where, "the enclosures");
            heading.content.push_back(
                plain_piece(Role::enclosure, sheet_.words.enclosures, sheet_.body, letter.where, {}, true));
            add(std::move(heading), kept);
            for (const cv::RichText& enclosure : letter.enclosures)
                line(enclosure, Role::enclosure, "an enclosure");
        }
    }

    /// "Berlin, 3. Dezember 2026", in the language's words; the date alone
    /// without a place.
    void place_date(const cv::Letter& letter, style::Alignment alignment) {
        if (!letter.date && letter.place.empty()) return;
        const std::string date = letter.date ? style::format_long_date(*letter.date, sheet_.date_words) : "";
        Block made = block(Block::Kind::paragraph, Role::place_date, letter.date_where, "the date");
        made.alignment = alignment;
        const std::string& pattern = sheet_.words.place_date;
        const std::size_t place_at = pattern.find("{place}");
        if (letter.place.empty() || place_at == std::string::npos) {
            made.content.push_back(plain_piece(Role::date, date, sheet_.body, letter.date_where));
        } else {
            // The place is the letter's own text (its markup kept), the rest the pattern's.
            std::string before = pattern.substr(0, place_at);
            // Without a date, the place stands alone: nothing of the pattern follows it.
            std::string after =
                letter.date ? pattern.substr(place_at + std::string_view{"{place}"}.size()) : "";
            replace_all(before, "{date}", date);
            replace_all(after, "{date}", date);
            if (!before.empty())
                made.content.push_back(plain_piece(Role::date, before, sheet_.body, letter.date_where));
            made.content.push_back(rich_piece(Role::location, letter.place, sheet_.body));
            if (!after.empty())
                made.content.push_back(plain_piece(Role::date, after, sheet_.body, letter.date_where));
        }
        add(std::move(made));
    }

    /// The sender on one small line above the recipient, as a window
    /// envelope shows it: the name and the postal address.
    void return_address(const cv::Person& person) {
        std::string text = person.name.plain();
        for (const cv::Contact& contact : person.contacts) {
            if (contact.kind != cv::Contact::Kind::location) continue;
            fmt::format_to(std::back_inserter(text), ", {}", contact.value);
        }
        Block made = block(Block::Kind::paragraph, Role::contact, person.where, "the return address");
        made.content.push_back(
            plain_piece(Role::contact, std::move(text), sheet_.footer_style, person.where));
        add(std::move(made));
    }

    /// Each contact with its icon; a contact too wide for its line breaks
    /// at its break points, its icon kept with its text.
    void contacts(const cv::Person& person) {
        Block line = block(Block::Kind::contacts, Role::contacts, person.where, "the contacts");
        line.alignment = sheet_.header_alignment;
        const style::TextStyle& style = sheet_.contact;
        const auto with_icon = [&](std::string_view icon, const std::string& url, Piece value) {
            ContactItem item;
            for (const bool breakable : {false, true}) {
                Inline& pieces = breakable ? item.breakable : item.whole;
                if (sheet_.contact_icons && !icon.empty()) {
                    pieces.push_back(icon_piece(std::string{icon}, style, url));
                    pieces.push_back(space_piece(style, breakable));
                }
                pieces.push_back(value);
                pieces.back().breakable = breakable;
            }
            return item;
        };
        for (const cv::Contact& contact : person.contacts) {
            ContactItem item =
                with_icon(contact.icon(), contact.url(),
                          plain_piece(Role::contact, contact.value, style, contact.where, contact.url()));
            item.where = contact.where;
            item.description = fmt::format("the contact '{}'", contact.value);
            line.contacts.push_back(std::move(item));
        }
        for (const cv::Link& link : person.links) {
            ContactItem item = with_icon(link.icon, link.url,
                                         rich_piece(Role::link, linked(link.label, link.url, false), style));
            item.where = link.where;
            item.description = fmt::format("the link '{}'", link.label.plain());
            line.contacts.push_back(std::move(item));
        }
        if (line.contacts.empty()) return;
        line.separator = {space_piece(style),
                          plain_piece(Role::separator, sheet_.contact_separator, style, person.where),
                          space_piece(style)};
        add(std::move(line), kept);
    }

    // --- sections ----------------------------------------------------------------

    void section(const cv::Section& section) {
        section_ = static_cast<std::size_t>(&section - document_.sections.data());
        enter_part(section.title.where, fmt::format("section '{}'", section.title.plain()));
        if (section.breaks.page_break_before || first_entry_starts_page(section)) out_.break_page();
        const bool keep_section = section.breaks.keep_together.value_or(false);
        if (keep_section) out_.keep_whole(true);
        space(Gap::section_before);
        Block heading =
            block(Block::Kind::heading, Role::section_title, section.title.where, "a section heading");
        heading.level = section_heading_level;
        heading.bookmark = section.title.plain();
        heading.content.push_back(rich_piece(Role::section_title, section.title, sheet_.section_heading));
        add(std::move(heading), kept);
        space(Gap::section_after);
        switch (section.kind) {
            case cv::SectionKind::entries: entries(section); break;
            case cv::SectionKind::publications: publications(section); break;
            case cv::SectionKind::skills: skills(section); break;
            case cv::SectionKind::list: list(section); break;
            case cv::SectionKind::text:
                paragraphs(section.text, Role::text, sheet_.body, "a text section");
                break;
        }
        if (keep_section) out_.keep_whole(false);
        section_.reset();
    }

    void group_heading(const cv::RichText& title, std::string what) {
        Block heading = block(Block::Kind::heading, Role::group_title, title.where, std::move(what));
        heading.level = 3;
        heading.content.push_back(rich_piece(Role::group_title, title, sheet_.publication_group));
        add(std::move(heading), kept);
    }

    /// Whether the section's first entry starts a page: then the section
    /// does, rather than leave its heading alone at a page's foot.
    static bool first_entry_starts_page(const cv::Section& section) {
        const cv::Entry* first = cv::first_shown_entry(section.entries);
        return first != nullptr && first->breaks.page_break_before;
    }

    /// Entries under their group's sub-heading, the ungrouped first.
    void entries(const cv::Section& section) {
        bool first = true;
        bool first_in_section = true;
        for (const cv::EntryGroup& group : cv::group_entries(section.entries)) {
            const bool headed = !group.name.empty();
            if (headed) {
                // An entry that starts a page takes its group's heading along.
                if (group.entries.front()->breaks.page_break_before && !first_in_section) out_.break_page();
                if (!first) space(Gap::entry);
                group_heading(group.entries.front()->group, "an entry group");
                first = true;
            }
            for (const cv::Entry* entry : group.entries) {
                const bool after_heading = first_in_section || (headed && entry == group.entries.front());
                first_in_section = false;
                if (entry->breaks.page_break_before && !after_heading) out_.break_page();
                // In a section kept together, its entries are already one unit.
                const bool keep = !out_.keeping_whole() &&
                                  entry->breaks.keep_together.value_or(
                                      section.breaks.keep_together.value_or(sheet_.keep_entries_together));
                if (!first) space(Gap::entry);
                if (keep) out_.keep_whole(true);
                this->entry(*entry);
                if (keep) out_.keep_whole(false);
                first = false;
            }
        }
    }

    /// A line with `left` and, flush right on its first line, `right`.
    void two_sided(Role role, const SourceRegion& where, const std::string& what, Inline left, Inline right) {
        Block line = block(Block::Kind::two_sided, role, where, what);
        line.content = std::move(left);
        line.right = std::move(right);
        add(std::move(line), kept);
    }

    Inline dates(const cv::DateRange& range) const {
        std::string text = style::format_date_range(range, sheet_.date_words);
        if (text.empty()) return {};
        Piece piece = plain_piece(Role::date, std::move(text), sheet_.entry_date, range.where);
        piece.dates = &range;
        return {std::move(piece)};
    }

    void entry(const cv::Entry& entry) {
        const std::string what = fmt::format("'{}'", entry.title.plain());
        const std::string saved_part = part_;
        const SourceRegion saved_where = part_where_;
        enter_part(entry.title.where, what);
        Inline date = dates(entry.dates);
        // The first line carries the dates on its right, or, for an entry
        // without dates (its roles have them), the location.
        const bool location_on_title_line = date.empty() && !entry.location.empty();
        const auto location = [&] {
            return Inline{rich_piece(Role::location, entry.location, sheet_.entry_location)};
        };
        two_sided(Role::entry_head, entry.title.where, what,
                  {rich_piece(Role::entry_title, linked(entry.title, entry.url, true), sheet_.entry_title)},
                  location_on_title_line ? location() : std::move(date));
        const bool location_below = !location_on_title_line && !entry.location.empty();
        if (!entry.subtitle.empty() || location_below) {
            Inline subtitle;
            if (!entry.subtitle.empty())
                subtitle.push_back(rich_piece(Role::entry_subtitle, entry.subtitle, sheet_.entry_subtitle));
            two_sided(Role::entry_subtitle, entry.subtitle.where, what, std::move(subtitle),
                      location_below ? location() : Inline{});
        }
        if (!entry.description.empty()) paragraphs(entry.description, Role::description, sheet_.body, what);
        for (const cv::Item& highlight : entry.highlights) item(highlight, Role::highlight, what);
        for (const cv::Role& role : entry.roles) {
            keep_last_with_next();
            space(Gap::role);
            two_sided(Role::role_head, role.title.where, what,
                      {rich_piece(Role::role_title, role.title, sheet_.entry_subtitle)}, dates(role.dates));
            if (!role.location.empty()) {
                two_sided(Role::location, role.where, what, {},
                          {rich_piece(Role::location, role.location, sheet_.entry_location)});
            }
            for (const cv::Item& highlight : role.highlights) item(highlight, Role::highlight, what);
        }
        keep_last_with_next(false);
        enter_part(saved_where, saved_part);
    }

    /// A highlight or list item: a marker (the sheet's bullet, or a
    /// number) hanging in the indent; later paragraphs hang in it too.
    void item(const cv::Item& item, Role role, const std::string& what, std::string number = {},
              int depth = 0) {
        space(Gap::highlight);
        const cv::RichText& text = item.text;
        const std::vector<cv::RichText> parts = cv::split_paragraphs(text);
        if (parts.empty()) return;
        Block made = block(Block::Kind::list_item, role, text.where, what);
        made.numbered = !number.empty();
        made.depth = depth;
        const std::string& bullet = depth == 0 ? sheet_.bullet : sheet_.nested_bullet;
        made.marker.push_back(
            plain_piece(Role::marker, number.empty() ? bullet : std::move(number), sheet_.body, text.where));
        made.content.push_back(rich_piece(role, parts.front(), sheet_.body));
        add(std::move(made));
        // A page is read column by column: a sidebar's item split by a page
        // break would be read with the main column between its halves.
        if (Block* added = out_.last(); added != nullptr && composing_sidebar_) added->keep_together = true;
        paragraphs(parts, role, sheet_.body, what, true, 1, depth);
        // Bullets under it are bullets, whether it is numbered or not.
        for (const cv::Item& under : item.items) this->item(under, role, what, {}, depth + 1);
    }

    void list(const cv::Section& section) {
        for (std::size_t i = 0; i < section.items.size(); ++i) {
            item(section.items[i], Role::list_item, "a list item",
                 section.numbering == cv::Section::Numbering::none
                     ? std::string{}
                     : fmt::format("{}.", section.item_number(i)));
        }
    }

    void publications(const cv::Section& section) {
        const std::vector<cv::PublicationGroup> groups = cv::group_publications(section.publications);
        bool any_equal_contribution = false;
        for (const cv::PublicationGroup& group : groups) {
            if (!group.name.empty()) {
                if (&group != &groups.front()) space(Gap::entry);
                group_heading(group.publications.front()->group, "a publication group");
            }
            std::size_t number = 0;
            for (const cv::Publication* publication : group.publications) {
                if (number > 0) space(Gap::publication);
                this->publication(*publication, ++number);
                any_equal_contribution = any_equal_contribution || !publication->equal_contribution.empty();
            }
        }
        if (any_equal_contribution) {
            space(Gap::publication);
            Block note = block(Block::Kind::paragraph, Role::equal_contribution_note, section.where,
                               "the equal-contribution note");
            std::string text =
                !sheet_.equal_contribution_note.empty()
                    ? sheet_.equal_contribution_note
                    : fmt::format("{} {}", sheet_.equal_contribution_mark, sheet_.words.equal_contribution);
            note.content.push_back(plain_piece(Role::equal_contribution_note, std::move(text),
                                               sheet_.publication_authors, section.where));
            add(std::move(note));
        }
    }

    void publication(const cv::Publication& publication, std::size_t number) {
        const std::string what = fmt::format("'{}'", publication.title.plain());
        const std::string target = !publication.url.empty() ? publication.url : publication.doi_url();
        Block title = block(Block::Kind::list_item, Role::publication, publication.title.where, what);
        title.numbered = sheet_.number_publications;
        title.marker.push_back(plain_piece(Role::marker,
                                           title.numbered ? fmt::format("{}.", number) : sheet_.bullet,
                                           sheet_.body, publication.title.where));
        title.content.push_back(rich_piece(Role::publication_title, linked(publication.title, target, true),
                                           sheet_.publication_title));
        add(std::move(title));
        keep_last_with_next();

        if (!publication.authors.empty()) {
            Block authors = block(Block::Kind::paragraph, Role::authors, publication.where, what);
            authors.hanging = true;
            authors.names = true;
            const style::TextStyle& style = sheet_.publication_authors;
            for (std::size_t i = 0; i < publication.authors.size(); ++i) {
                const cv::RichText& author = publication.authors[i];
                // Only the owner's name is bold: its mark and comma stay in the list's style.
                const bool is_owner = sheet_.highlight_owner && owner_.matches(author);
                authors.content.push_back(
                    rich_piece(is_owner ? Role::owner : Role::author, author, style, is_owner));
                if (publication.is_equal_contributor(author)) {
                    authors.content.push_back(plain_piece(
                        Role::equal_contribution_mark, sheet_.equal_contribution_mark, style, author.where));
                }
                if (i + 1 < publication.authors.size()) {
                    authors.content.push_back(plain_piece(Role::separator, ",", style, author.where));
                    authors.content.push_back(space_piece(style));
                }
            }
            add(std::move(authors));
            keep_last_with_next();
        }

        Inline meta = publication_meta(publication);
        if (!meta.empty()) {
            Block details = block(Block::Kind::paragraph, Role::details, publication.where, what);
            details.hanging = true;
            details.content = std::move(meta);
            add(std::move(details));
        }
        keep_last_with_next(false);
    }

    /// The line under the authors (style::publication_meta). A separator
    /// stays on the line of the item before it: a line never starts with one.
    Inline publication_meta(const cv::Publication& publication) const {
        Inline meta;
        for (const style::MetaItem& item :
             style::publication_meta(publication, sheet_.publication_details, sheet_.date_words)) {
            if (!meta.empty()) {
                meta.push_back(space_piece(sheet_.publication_venue, true));
                meta.push_back(
                    plain_piece(Role::separator, sheet_.contact_separator, sheet_.body, publication.where));
                meta.push_back(space_piece(sheet_.publication_venue));
            }
            for (const style::MetaRun& run : item.runs) {
                using MetaRole = style::MetaRun::Role;
                // A venue's abbreviation is a badge: bold, upright, whatever the venue's style.
                const bool badge = run.role == MetaRole::abbr;
                const style::TextStyle& style = run.role == MetaRole::award ? sheet_.publication_award
                                                : run.role == MetaRole::venue || run.role == MetaRole::details
                                                    ? sheet_.publication_venue
                                                    : sheet_.body;
                const Role role = run.role == MetaRole::abbr      ? Role::venue_abbr
                                  : run.role == MetaRole::venue   ? Role::venue
                                  : run.role == MetaRole::details ? Role::details
                                  : run.role == MetaRole::award   ? Role::award
                                  : run.role == MetaRole::note    ? Role::note
                                                                  : Role::publication_link;
                if (run.rich != nullptr) {
                    meta.push_back(rich_piece(role, *run.rich, style, badge));
                } else {
                    meta.push_back(plain_piece(role, run.text, style, publication.where, run.url, badge));
                }
            }
        }
        return meta;
    }

    void skills(const cv::Section& section) {
        Block table = block(Block::Kind::skills, Role::skills, section.where, "a skills table");
        // The separator's trailing space is a break opportunity.
        const std::string& separator =
            !sheet_.skill_separator.empty() ? sheet_.skill_separator : sheet_.words.list_separator;
        const std::size_t trimmed = separator.find_last_not_of(' ');
        for (const cv::SkillRow& row : section.skills) {
            SkillRow made;
            made.label.push_back(rich_piece(Role::skill_label, row.label, sheet_.skill_label));
            for (std::size_t j = 0; j < row.items.size(); ++j) {
                made.items.push_back(rich_piece(Role::skill, row.items[j].text, sheet_.body));
                if (row.items[j].level) level(*row.items[j].level, made.items);
                if (j + 1 < row.items.size()) {
                    if (trimmed != std::string::npos) {
                        made.items.push_back(plain_piece(Role::separator, separator.substr(0, trimmed + 1),
                                                         sheet_.body, row.items[j].text.where));
                    }
                    made.items.push_back(space_piece(sheet_.body));
                }
            }
            made.where = row.where;
            made.what = fmt::format("'{}'", row.label.plain());
            table.rows.push_back(std::move(made));
        }
        add(std::move(table));
    }

    /// A skill's level after it, as the style draws it: a number as dots or
    /// bars (read as "(4/5)"), or in words; a word always in words.
    void level(const cv::SkillLevel& level, Inline& pieces) const {
        if (sheet_.skill_level == style::LevelDisplay::none) return;
        const std::string in_words =
            level.value == 0 ? level.word : fmt::format("{}/{}", level.value, cv::SkillLevel::highest);
        const std::string spoken =
            fmt::format("{}{}{}", sheet_.date_words.note_open, in_words, sheet_.date_words.note_close);
        // Drawn, the level follows a space of its own: the words need not bring theirs.
        const std::string spoken_alone =
            spoken.substr(std::min(spoken.find_first_not_of(' '), spoken.size()));
        const bool drawn = level.value != 0 && sheet_.skill_level != style::LevelDisplay::word;
        std::string text;
        if (drawn) {
            const bool dots = sheet_.skill_level == style::LevelDisplay::dots;
            const std::string_view filled = dots ? "\u25CF" : "\u25B0";  // ● ▰
            const std::string_view empty = dots ? "\u25CB" : "\u25B1";   // ○ ▱
            for (int step = 1; step <= cv::SkillLevel::highest; ++step)
                text += step <= level.value ? filled : empty;
            pieces.push_back(space_piece(sheet_.body, true));
        } else {
            // note_open starts with its own space (" (").
            text = spoken;
        }
        Piece piece = plain_piece(Role::skill_level, std::move(text), sheet_.body, level.where);
        if (drawn) piece.spoken = spoken_alone;
        pieces.push_back(std::move(piece));
    }

    const cv::Document& document_;
    const style::Sheet& sheet_;
    Emitter out_;
    /// Tells the CV's owner in author lists.
    style::NameMatcher owner_;
    std::string part_ = "the CV";
    SourceRegion part_where_;
    std::optional<std::size_t> section_;
    bool composing_sidebar_ = false;  ///< the blocks go to the sidebar's flow
};

class Collector final : public BlockSink {
public:
    explicit Collector(Composition& composition) : composition_(composition) {}
    void start(Flow flow) override {
        target_ = flow == Flow::main ? &composition_.main : &composition_.sidebar;
    }
    void add(Block block) override { target_->push_back(std::move(block)); }

private:
    Composition& composition_;
    std::vector<Block>* target_ = &composition_.main;
};

}  // namespace

Composer::Composer(const cv::Document& document, const style::Sheet& sheet)
    : document_(document), sheet_(sheet) {}

void Composer::compose(BlockSink& sink) const {
    CvComposer{document_, sheet_, sink}.run();
}

DocumentInfo Composer::info() const {
    DocumentInfo result;
    const std::string name = document_.person.name.plain();
    if (!document_.language.empty()) result.language = document_.language;
    if (document_.letter) {
        const std::string subject = document_.letter->subject.plain();
        result.title = subject.empty() ? fmt::format("{} \u2014 Letter", name) : subject;
        result.author = name;
        result.subject = subject;
        return result;
    }
    result.title = name.empty() ? "Curriculum vitae" : fmt::format("{}{}", name, title_suffix);
    result.author = name;
    result.subject =
        document_.person.headline.empty() ? "Curriculum vitae" : document_.person.headline.plain();
    // The section titles, as many as one PDF text string holds: the
    // keywords summarise the CV, whose every title is in its text and
    // outline anyway (a CV of thousands of sections made a string the PDF
    // library refused, failing the whole build).
    constexpr std::string_view separator = ", ";
    for (const cv::Section& section : document_.sections) {
        const std::string title = section.title.plain();
        const std::size_t separator_bytes = result.keywords.empty() ? 0 : separator.size();
        if (result.keywords.size() + separator_bytes + title.size() > limits::max_pdf_text_bytes) break;
        if (separator_bytes > 0) result.keywords += separator;
        result.keywords += title;
    }
    return result;
}

std::optional<Footer> Composer::footer() const {
    if (document_.letter) {
        // A letter of two pages or more says which page is which (DIN 5008: "Seite 1 von 2").
        Footer footer;
        Piece pagination = plain_piece(Role::footer, sheet_.words.page, sheet_.footer_style, sheet_.where);
        pagination.page_numbered = true;
        footer.center.push_back(std::move(pagination));
        footer.on_single_page = false;
        return footer;
    }
    if (!sheet_.footer) return std::nullopt;
    Footer footer;
    std::string text = sheet_.footer_text;
    replace_all(text, "{pagination}", sheet_.words.page);
    // The name is a piece of its own: only the template's text is scanned
    // for page numbers.
    constexpr std::string_view name_placeholder = "{name}";
    for (std::size_t start = 0;;) {
        const std::size_t name = text.find(name_placeholder, start);
        std::string part = text.substr(start, name == std::string::npos ? std::string::npos : name - start);
        if (!part.empty()) {
            Piece piece = plain_piece(Role::footer, std::move(part), sheet_.footer_style, sheet_.where);
            piece.page_numbered = true;
            footer.center.push_back(std::move(piece));
        }
        if (name == std::string::npos) break;
        footer.center.push_back(
            plain_piece(Role::footer, document_.person.name.plain(), sheet_.footer_style, sheet_.where));
        start = name + name_placeholder.size();
    }
    if (sheet_.footer_updated_shown && document_.date) {
        std::string updated = !sheet_.footer_updated.empty() ? sheet_.footer_updated : sheet_.words.updated;
        replace_all(updated, "{date}", style::format_date(*document_.date, sheet_.date_words));
        footer.right.push_back(
            plain_piece(Role::updated, std::move(updated), sheet_.footer_style, sheet_.where));
    }
    return footer;
}

std::vector<PageMark> Composer::page_marks() const {
    if (!document_.letter || document_.letter->layout != cv::LetterLayout::din5008) return {};
    // DIN 5008 form B: fold marks at 105 and 210 mm, the hole mark at
    // half the A4 page's height, longer so that a finger finds it.
    constexpr double millimetre = 72 / 25.4;
    return {{105 * millimetre, 5 * millimetre},
            {148.5 * millimetre, 8 * millimetre},
            {210 * millimetre, 5 * millimetre}};
}

Composition compose_all(const cv::Document& document, const style::Sheet& sheet) {
    Composition composition;
    Collector collector{composition};
    Composer{document, sheet}.compose(collector);
    return composition;
}

std::string plain_text(const Inline& pieces) {
    std::string text;
    for (const Piece& piece : pieces) {
        switch (piece.kind) {
            case Piece::Kind::rich: text += piece.rich.plain(); break;
            case Piece::Kind::plain: text += piece.text; break;
            case Piece::Kind::icon: break;
            case Piece::Kind::space:
            case Piece::Kind::glued_space: text += ' '; break;
            case Piece::Kind::break_point: break;
        }
    }
    return text;
}

std::string page_numbered(std::string_view text, std::size_t page, std::size_t pages,
                          const style::DateWords& words) {
    std::string result{text};
    replace_all(result, page_placeholder, style::format_number(static_cast<long long>(page), words));
    replace_all(result, pages_placeholder, style::format_number(static_cast<long long>(pages), words));
    return result;
}

}  // namespace vitae::compose
