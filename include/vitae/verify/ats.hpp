#pragma once
// `vitae check --ats`: does a machine read the PDF as the CV says? The PDF's
// text, as an independent extractor reads it (poppler, in its own reading
// order: no tags, no knowledge of vitae's writer), is compared with the
// composed blocks: every word present and in order, the name on the first
// lines, e-mail, phone, URLs and dates intact as strings, no ligature,
// private-use or replacement characters. Each mismatch is a diagnostic at
// the CV's file:line:col. docs/ats.md says what "in order" means.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/compose/blocks.hpp"

namespace vitae::verify {

/// The kinds of field scored, as an ATS parses a CV.
enum class Field : std::uint8_t {
    name,
    email,
    phone,
    url,
    contact,  ///< an address, or a contact of no other kind
    title,    ///< section, group, entry, role and publication titles
    date,
    location,
    bullet,  ///< highlights and list items
    author,
    publication,  ///< venues, details, awards, notes
    skill,
    text,  ///< headline, summary, descriptions, text sections
};

inline constexpr std::array all_fields{Field::name,    Field::email,  Field::phone,       Field::url,
                                       Field::contact, Field::title,  Field::date,        Field::location,
                                       Field::bullet,  Field::author, Field::publication, Field::skill,
                                       Field::text};

[[nodiscard]] std::string_view to_string(Field field);

/// One word the PDF must say: where it is in the CV, what field it is part of.
struct ExpectedWord {
    std::string text;
    /// Each code point's position in the CV, when its text came from the
    /// CV's own text (rich text); else every one is the piece's start.
    std::vector<SourcePosition> positions;
    SourceRegion where;    ///< the piece it came from
    std::size_t item = 0;  ///< index into Expected::items
};

/// A field's instance — a name, an e-mail, a date range, a highlight — read
/// right when every word of it is read, in order, and (for the fields that
/// are strings: e-mail, phone, URL, date) with nothing between its words.
struct ExpectedItem {
    Field field = Field::text;
    std::string text;  ///< as the CV says it (messages)
    SourceRegion where;
    bool scored = true;  ///< separators and the like are read but not scored
};

/// A run of words to be read in one stretch: a block's text, its right
/// side, a contact, a skill row.
struct ExpectedUnit {
    std::vector<ExpectedWord> words;
    compose::Flow flow = compose::Flow::main;
    std::size_t block = 0;  ///< the block it belongs to, within all flows
    std::string what;       ///< the block's description, for messages
    /// A two-sided line's right side: set apart at the right margin, an
    /// extractor may read it after what follows its line (docs/ats.md).
    bool side = false;
};

struct Expected {
    std::vector<ExpectedUnit> units;  ///< flow by flow, in reading order within each
    std::vector<ExpectedItem> items;
};

/// What the PDF must say, from its composition (compile's on_pdf_composition).
[[nodiscard]] Expected expected_text(const compose::Composer& composer);

/// The text a PDF reader read: one string per page, in its reading order.
struct PdfText {
    std::vector<std::string> pages;
};

struct FieldScore {
    Field field = Field::text;
    std::size_t read = 0;  ///< items read right
    std::size_t total = 0;
};

struct AtsReport {
    /// Every mismatch, an error at the CV's place it concerns.
    Diagnostics diagnostics;
    /// Per field with at least one item, in all_fields order.
    std::vector<FieldScore> scores;
    [[nodiscard]] bool passed() const { return !diagnostics.has_errors(); }
};

/// Compares what the PDF says with what it must say.
[[nodiscard]] AtsReport compare(const Expected& expected, const PdfText& read);

/// `ats: name 1/1, email 1/1, …` (the fields with items); `ats: not judged`
/// when nothing was compared.
[[nodiscard]] std::string score_line(const std::vector<FieldScore>& scores);

/// Whether an extractor gives `code_point` to no reader that wants the
/// text: a ligature (U+FB00–FB06), a private-use character (U+E000–F8FF,
/// planes 15 and 16) or the replacement character U+FFFD.
[[nodiscard]] bool unreadable(char32_t code_point);

}  // namespace vitae::verify
