#pragma once
// A locale pack: the words vitae itself writes into a CV in one language
// (month names, "present", "page 2 of 3", the equal-contribution note,
// separators, quotation marks, the titles of a new CV's sections). Month
// names, date patterns, separators and quotation marks come from CLDR
// (locales/cldr/, made by scripts/cldr-locales); the other words are
// authored (locales/*.toml, each with its sources). load/locale_loader
// reads them; a style sheet may override any word (Sheet::word_overrides).

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vitae/base/source.hpp"
#include "vitae/style/date_format.hpp"

namespace vitae::style {

struct Locale {
    std::string tag;              ///< the pack's tag: "de", "zh"
    std::string name;             ///< the language's name in itself ("Deutsch"), from CLDR
    std::string babel;            ///< LaTeX babel's name for it ("ngerman")
    std::string script = "Latn";  ///< ISO 15924, as CLDR's likely subtags give it
    bool right_to_left = false;
    std::array<std::string, 10> digits;

    MonthNames long_months;
    MonthNames short_months;
    // CLDR's patterns for the skeletons y, yM, yMMM, yMMMM, yMMMd, yMd, and
    // the yMMMd interval whose greatest difference is the day.
    std::string year_pattern;
    std::string year_month_numeric;
    std::string year_month_short;
    std::string year_month_long;
    std::string date_short;
    std::string date_numeric;
    std::string date_long;  ///< CLDR's long date format: a letter's date
    std::string days_of_month;
    std::string range_separator;  ///< between the two ends of a range
    std::string list_separator;   ///< between the items of a list
    std::string quote_open;
    std::string quote_close;

    // Authored.
    std::string present;
    std::string expected;
    std::string page;     ///< with {page} and {pages}
    std::string updated;  ///< with {date}
    std::string equal_contribution;
    std::string enclosures;  ///< heads a letter's enclosures
    std::string place_date;  ///< a letter's "{place}, {date}"
    std::string note_open;
    std::string note_close;
    /// The section titles of a new CV, by key ("experience"), in the pack's order.
    std::vector<std::pair<std::string, std::string>> section_titles;

    /// A section title of a new CV; the key itself when the pack has none.
    [[nodiscard]] std::string section_title(std::string_view key) const;
};

/// The words a style sets for one language or for all of them (`[words]`,
/// `[words.de]`, and the older `[dates]` keys): word name → text.
struct WordOverrides {
    std::map<std::string, std::string, std::less<>> words;
    /// "months" (every width), "short_months" or "long_months" → 12 names.
    std::map<std::string, std::array<std::string, 12>, std::less<>> month_lists;
    [[nodiscard]] bool empty() const { return words.empty() && month_lists.empty(); }
};

/// The names `[words]` takes, each a word of Locale; "months",
/// "short_months" and "long_months" take 12.
[[nodiscard]] const std::vector<std::string_view>& overridable_words();

/// The words the CV's own text does not say, as resolved for one build.
struct Words {
    std::string page = "page {page} of {pages}";
    std::string updated = "Last updated {date}";
    std::string equal_contribution = "equal contribution";
    std::string list_separator = ", ";
    std::string quote_open = "\u201C";
    std::string quote_close = "\u201D";
    std::string enclosures = "Enclosures";
    std::string place_date = "{place}, {date}";
};

/// The language a build writes, as the backends need to name it.
struct BuildLanguage {
    std::string tag = "en";  ///< the CV's (or --lang's) tag, as given: "de-CH"
    std::string babel = "english";
    std::string script = "Latn";
    bool right_to_left = false;
};

}  // namespace vitae::style
