#include "vitae/style/locale.hpp"

#include <algorithm>

#include "vitae/base/ascii.hpp"
#include "vitae/model/language.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::style {

std::string Locale::section_title(std::string_view key) const {
    const auto found = std::find_if(section_titles.begin(), section_titles.end(),
                                    [&](const auto& title) { return title.first == key; });
    return found != section_titles.end() ? found->second : std::string{key};
}

const std::vector<std::string_view>& overridable_words() {
    static const std::vector<std::string_view> names = {
        "months",     "short_months", "long_months", "present",   "expected",           "separator",
        "note_open",  "note_close",   "page",        "updated",   "equal_contribution", "list_separator",
        "quote_open", "quote_close",  "enclosures",  "place_date"};
    return names;
}

namespace {

/// The words every language writes with, as the pack gives them.
void take_pack(Sheet& sheet, const Locale& locale) {
    DateWords& dates = sheet.date_words;
    dates.short_months = locale.short_months;
    dates.long_months = locale.long_months;
    switch (sheet.month_form) {
        case MonthForm::short_names:
            dates.year_month_pattern = locale.year_month_short;
            dates.date_pattern = locale.date_short;
            break;
        case MonthForm::long_names:
            dates.year_month_pattern = locale.year_month_long;
            dates.date_pattern = locale.date_short;
            break;
        case MonthForm::numeric:
            dates.year_month_pattern = locale.year_month_numeric;
            dates.date_pattern = locale.date_numeric;
            break;
    }
    dates.year_pattern = locale.year_pattern;
    dates.long_date_pattern = locale.date_long;
    dates.days_of_month_pattern = locale.days_of_month;
    dates.present = locale.present;
    dates.expected = locale.expected;
    dates.range_separator = locale.range_separator;
    dates.note_open = locale.note_open;
    dates.note_close = locale.note_close;
    dates.digits = locale.digits;
    sheet.words = {locale.page,       locale.updated,     locale.equal_contribution, locale.list_separator,
                   locale.quote_open, locale.quote_close, locale.enclosures,         locale.place_date};
}

void take_overrides(Sheet& sheet, const WordOverrides& overrides) {
    // A style's month names stand in every context a pattern asks for:
    // "months" in both widths, the others in theirs.
    for (const auto& [key, names] : overrides.month_lists) {
        const MonthNames months{names, names};
        if (key != "long_months") sheet.date_words.short_months = months;
        if (key != "short_months") sheet.date_words.long_months = months;
    }
    const std::vector<std::pair<std::string_view, std::string*>> targets = {
        {"present", &sheet.date_words.present},
        {"expected", &sheet.date_words.expected},
        {"separator", &sheet.date_words.range_separator},
        {"note_open", &sheet.date_words.note_open},
        {"note_close", &sheet.date_words.note_close},
        {"page", &sheet.words.page},
        {"updated", &sheet.words.updated},
        {"equal_contribution", &sheet.words.equal_contribution},
        {"list_separator", &sheet.words.list_separator},
        {"quote_open", &sheet.words.quote_open},
        {"quote_close", &sheet.words.quote_close},
        {"enclosures", &sheet.words.enclosures},
        {"place_date", &sheet.words.place_date}};
    for (const auto& [name, target] : targets) {
        if (const auto word = overrides.words.find(name); word != overrides.words.end())
            *target = word->second;
    }
}

}  // namespace

void apply_locale(Sheet& sheet, const Locale& locale, std::string_view tag) {
    take_pack(sheet, locale);
    take_overrides(sheet, sheet.every_language_words);
    auto for_language = sheet.language_words.find(ascii_lowercase(tag));
    if (for_language == sheet.language_words.end())
        for_language = sheet.language_words.find(cv::primary_language(tag));
    if (for_language != sheet.language_words.end()) take_overrides(sheet, for_language->second);
    sheet.language = {std::string{tag}, locale.babel, locale.script, locale.right_to_left};
}

}  // namespace vitae::style
