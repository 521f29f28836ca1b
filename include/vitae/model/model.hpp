#pragma once
// The CV model: what a CV says, independent of how it looks. Every node
// keeps the source region it was read from, so later stages can point at
// the input when they meet a problem (a glyph no font has, an item dropped
// to fit a page).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/source.hpp"

namespace vitae::cv {

/// A run of text with one style. Inline markup is parsed once, at load
/// time, into these runs; backends never see asterisks or brackets.
struct Span {
    std::string text;
    bool bold = false;
    bool italic = false;
    /// Target of a `[text](url)` link; empty when the run is not a link.
    std::string link;
    /// Position of the first character in the input. A span never crosses
    /// an escape or a line end, so character k of `text` is at column
    /// `start.column + k` (k counted in code points).
    SourcePosition start;
    /// What separates this span from the one before: nothing, a forced line
    /// break (a backslash at the end of a line) or a paragraph break (a
    /// blank line). Only block fields (summary, description, highlights,
    /// list items, text sections) have breaks; the loader refuses them
    /// elsewhere.
    enum class Break : unsigned char { none, line, paragraph };
    Break break_before = Break::none;
    /// `` `code` ``: set in a monospace face.
    bool code = false;
};

/// A text field after inline markup: styled runs plus the field's region.
struct RichText {
    std::vector<Span> spans;
    SourceRegion where;

    [[nodiscard]] bool empty() const;
    /// The text without any styling (links keep their text, not the URL);
    /// a line break reads as a line end, a paragraph break as a blank line.
    [[nodiscard]] std::string plain() const;
};

/// The paragraphs of a text, split at its paragraph breaks; each keeps its
/// line breaks and the text's region. Every backend sets them apart alike.
[[nodiscard]] std::vector<RichText> split_paragraphs(const RichText& text);

/// A calendar date as precise as the input: year, year-month or a full date.
struct Date {
    int year = 0;
    int month = 0;  ///< 1–12, or 0 when only the year is known
    int day = 0;    ///< 1–31, or 0 when only the month is known

    friend bool operator==(const Date&, const Date&) = default;
};

/// Compares at the precision both dates share: 2021 is not before 2021-05.
[[nodiscard]] bool is_before(const Date& earlier, const Date& later);

/// A period such as "Aug. 2021 – Jun. 2025 (expected)" or "Mar. 2024 – Present".
/// An entry with one date (an award) has `start` only and `single` set.
struct DateRange {
    std::optional<Date> start;
    std::optional<Date> end;
    bool ongoing = false;   ///< `end = "present"`
    bool single = false;    ///< `date = …`: one point in time, not a period
    RichText end_note;      ///< the CV's own words after the end date
    bool expected = false;  ///< `expected = true`: the language's "expected" after the end date
    SourceRegion where;

    [[nodiscard]] bool empty() const { return !start && !end && !ongoing; }
};

/// Icon names understood by every backend (vitae/model/icons.inc), in its order.
[[nodiscard]] const std::vector<std::string_view>& known_icons();

/// The known icon a name means: an icon's own name, case, spaces, `_` and
/// `-` aside ("Google Scholar", "StackOverflow"), or a common other name for
/// it ("X", "e-mail", "Web of Science"). Empty for none.
[[nodiscard]] std::string_view icon_named(std::string_view name);

/// What a known icon means, in words ("E-mail" for "envelope"): what a
/// reader of the text hears for it. Empty for a name that is no icon's.
[[nodiscard]] std::string_view icon_meaning(std::string_view icon);

struct Link {
    RichText label;
    std::string url;
    std::string icon;  ///< one of known_icons(), or empty
    SourceRegion where;
};

/// A contact detail of the person, in the order the CV gives them.
struct Contact {
    enum class Kind { email, phone, homepage, location };
    /// Which line a phone number reaches; its icon tells the reader.
    enum class PhoneKind { phone, mobile, office, home, fax };
    Kind kind = Kind::email;
    std::string value;
    SourceRegion where;
    PhoneKind phone_kind = PhoneKind::phone;  ///< kind phone only
    /// A phone number checked valid, in E.164 form ("+41445550123"): its
    /// link, whatever form `value` is written in. Empty when unchecked.
    std::string dial;

    /// mailto:, tel: or https:// target; empty for a location.
    [[nodiscard]] std::string url() const;
    /// The default icon name for this kind of contact.
    [[nodiscard]] std::string_view icon() const;
};

/// A picture the document shows (a photo, a signature), read and checked
/// when the document was loaded: the writers print these bytes, not the
/// file as it may be by then.
struct Picture {
    std::string path;  ///< as the document gives it
    std::shared_ptr<const std::string> bytes;
    int width = 0;  ///< pixels, as shown (a photo's orientation applied)
    int height = 0;
    /// What it shows, in words: a PDF's alternate text, HTML's `alt`.
    std::string alt;
    SourceRegion where;
};

struct Person {
    RichText name;  ///< its spans link to `url` when the CV gives one
    std::string url;
    /// Other spellings of the name as author lists print it ("Z. Zheng"),
    /// plain text; with `name`, they tell the owner's entries in author lists.
    std::vector<std::string> aliases;
    RichText headline;  ///< a one-line description under the name
    std::vector<Contact> contacts;
    std::vector<Link> links;
    RichText summary;
    std::optional<Picture> photo;
    SourceRegion where;
};

/// A letter's layout: the style's own, or a national standard's geometry.
enum class LetterLayout {
    style,    ///< the CV's style: its header, its page, the date flush right
    din5008,  ///< DIN 5008 form B: A4, the address in a DL window envelope's field, fold marks
    us,       ///< a US business letter in block form: US Letter, everything flush left
};

[[nodiscard]] std::string_view to_string(LetterLayout layout);
[[nodiscard]] std::optional<LetterLayout> letter_layout_from_string(std::string_view name);
[[nodiscard]] const std::vector<std::string_view>& letter_layout_names();

/// A cover letter: the sender is the document's person (from its CV, or
/// the letter's own [person]).
struct Letter {
    RichText recipient_name;
    RichText recipient_organisation;
    std::vector<RichText> recipient_address;  ///< one line each
    RichText place;                           ///< where it is written ("Berlin")
    /// The day it is dated; none until the build dates a letter of `today`.
    std::optional<Date> date;
    bool dated_today = false;  ///< `date = "today"`: the build's day
    SourceRegion date_where;
    RichText subject;
    RichText salutation;
    RichText body;  ///< paragraphs
    RichText closing;
    /// Under the closing; the person's name when the letter gives none.
    RichText signature;
    std::optional<Picture> signature_image;
    std::vector<RichText> enclosures;
    LetterLayout layout = LetterLayout::style;
    SourceRegion layout_where;
    SourceRegion where;
};

/// Common to everything a style can select or drop.
struct Selectable {
    std::vector<std::string> tags;
    /// Fitting to a page count drops the lowest priority first.
    int priority = default_priority;
    /// The owner's private words about the item (`note = "…"`): never
    /// printed, shown by --explain beside the decisions about the item.
    std::string private_note;
    /// How well the item matches the job ad the build tailors the CV for
    /// (style::tailor): its BM25 score; 0 without an ad. Fitting drops the
    /// least relevant first among equal priorities.
    double relevance = 0;
    SourceRegion where;

    static constexpr int default_priority = 1;
    [[nodiscard]] bool has_tag(std::string_view tag) const;
};

/// A highlight, a list item or a skill: text that a style's tags, the
/// fitter and a job ad select, rank and drop alone. Written as a string,
/// or as a table with `text` and the selection keys.
/// How well someone knows a skill: a number from 1 to SkillLevel::highest,
/// or the CV's own word ("fluent", "native").
struct SkillLevel {
    static constexpr int highest = 5;
    int value = 0;     ///< 1–highest, or 0 for a word
    std::string word;  ///< set when the level is a word
    SourceRegion where;
};

struct Item : Selectable {
    RichText text;
    /// A skill's level (`level = 4` or `level = "fluent"`); skills only.
    std::optional<SkillLevel> level;
    /// Bullets under this one (`items = [...]`), highlights and list items
    /// only, nested two levels deep at most (max_item_depth).
    std::vector<Item> items;

    static constexpr int max_item_depth = 2;

    Item() = default;
    /// A plain text is an item with no tags, of the default priority.
    Item(RichText text_)  // NOLINT(google-explicit-constructor): every text list reads as items
        : text(std::move(text_)) {
        where = text.where;
    }
};

/// One of several positions held at the same employer.
struct Role : Selectable {
    RichText title;
    RichText location;
    DateRange dates;
    std::vector<Item> highlights;
};

/// Where pages may break around an entry or a section.
struct PageBreaks {
    /// It starts a new page (`page_break_before = true`).
    bool page_break_before = false;
    /// No page break inside it (`keep_together = true`), or the style's
    /// rules only (`false`: a heading with what follows, no lone first or
    /// last line); unset: the style's `[entries] keep_together` for an
    /// entry, as its section says when it says.
    std::optional<bool> keep_together;
    SourceRegion where;  ///< of the first of the two keys given
};

/// An education, job or research entry.
struct Entry : Selectable {
    RichText title;
    std::string url;  ///< links the title
    RichText subtitle;
    RichText location;
    DateRange dates;
    RichText description;
    std::vector<Item> highlights;
    std::vector<Role> roles;
    /// Entries are grouped under this sub-heading, in first-seen order.
    RichText group;
    PageBreaks breaks;
};

struct Publication : Selectable {
    RichText title;
    std::vector<RichText> authors;
    /// Authors who contributed equally (printed with a mark), sorted (the
    /// loader sorts them) for is_equal_contributor's binary search.
    std::vector<std::string> equal_contribution;
    RichText venue;
    /// A short label of the venue ("ICML"), printed before it as a badge.
    std::string abbr;
    std::optional<int> year;
    std::optional<int> month;  ///< 1–12, with a year
    std::string volume;
    std::string issue;  ///< a journal's number
    std::string pages;  ///< "45--67", "45–67" or "e1001"
    RichText award;
    RichText note;
    /// Publications are grouped under this heading, in first-seen order.
    RichText group;
    std::string doi;
    std::string url;
    std::string pdf;
    std::string code;
    bool selected = false;

    [[nodiscard]] bool is_equal_contributor(const RichText& author) const;

    /// The DOI as a resolver link; empty without a DOI.
    [[nodiscard]] std::string doi_url() const;

    struct LabeledLink {
        std::string_view label;  ///< "DOI", "URL", "PDF", "Code"
        std::string url;
    };
    /// The publication's links that are set, in that order.
    [[nodiscard]] std::vector<LabeledLink> links() const;
};

/// Publications that share a `group`, in CV order.
struct PublicationGroup {
    std::string name;  ///< the group's plain text; empty for ungrouped ones
    std::vector<const Publication*> publications;
};

/// Groups in the order they first appear, publications without a group
/// first: every backend lists them the same way.
[[nodiscard]] std::vector<PublicationGroup> group_publications(const std::vector<Publication>& publications);

/// Entries that share a `group`, in CV order.
struct EntryGroup {
    std::string name;  ///< the group's plain text; empty for ungrouped ones
    std::vector<const Entry*> entries;
};

/// Groups in the order they first appear, entries without a group first,
/// as group_publications.
[[nodiscard]] std::vector<EntryGroup> group_entries(const std::vector<Entry>& entries);

/// The entry a section shows first (the first of its first group), or
/// none: where its first entry's page break is the section's own.
[[nodiscard]] const Entry* first_shown_entry(const std::vector<Entry>& entries);

struct SkillRow : Selectable {
    RichText label;
    std::vector<Item> items;
};

enum class SectionKind { entries, publications, skills, list, text };

[[nodiscard]] std::string_view to_string(SectionKind kind);
[[nodiscard]] std::optional<SectionKind> section_kind_from_string(std::string_view name);
[[nodiscard]] const std::vector<std::string_view>& section_kind_names();

struct Section : Selectable {
    RichText title;
    /// Every text of a title given in several languages (plain): a style
    /// names sections in one language and must find them in all.
    std::vector<std::string> title_translations;
    SectionKind kind = SectionKind::entries;
    std::vector<Entry> entries;             ///< kind entries
    std::vector<Publication> publications;  ///< kind publications
    std::vector<SkillRow> skills;           ///< kind skills
    std::vector<Item> items;                ///< kind list
    RichText text;                          ///< kind text

    /// How a list's items are marked: bullets, or numbers counting up (1,
    /// 2, 3) or down (3, 2, 1: the newest talk or patent first has the
    /// highest number).
    enum class Numbering { none, ascending, descending };
    Numbering numbering = Numbering::none;  ///< kind list
    PageBreaks breaks;
    /// The number of item `index` (from 0) of a numbered list, of those shown.
    [[nodiscard]] std::size_t item_number(std::size_t index) const {
        return numbering == Numbering::descending ? items.size() - index : index + 1;
    }
};

/// Words or phrases a job ad and the CV may use for one thing
/// (`synonyms = [["PyTorch", "deep learning"]]`), beside the built-in ones.
struct SynonymGroup {
    std::vector<std::string> phrases;
    SourceRegion where;
};

struct Document {
    Person person;
    std::vector<Section> sections;
    /// The day the CV is built for, from SOURCE_DATE_EPOCH (the only source
    /// of dates, so builds stay reproducible); styles may print it as
    /// "last updated".
    std::optional<Date> date;
    SourceRegion where;
    /// Set for a letter, which has no sections: the composer writes it.
    std::optional<Letter> letter;
    /// Files the CV's text refers to and were read (BibTeX files, pictures,
    /// the CV a letter takes its sender from).
    std::vector<std::string> source_files;
    /// The language the CV is written in here, a BCP 47 tag: the one it
    /// was loaded in (--lang), else its `lang`; empty when neither names
    /// one (compose::default_language then).
    std::string language;
    /// The CV's own synonym groups, for tailoring to a job ad.
    std::vector<SynonymGroup> synonyms;
};

}  // namespace vitae::cv
