// Locale packs: every one loads and writes dates in its language, as CLDR
// gives them (locales/cldr/) with the pack's own words (locales/*.toml);
// styles override words for every language or for one.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/sheet.hpp"

namespace {

using vitae::cv::Date;
using vitae::cv::DateRange;

struct LoadedSheet {
    vitae::style::Sheet sheet;
    std::vector<std::string> diagnostics;
};

LoadedSheet load_sheet_text(std::string_view toml) {
    vitae::Diagnostics diagnostics;
    LoadedSheet loaded{vitae::load_sheet_text(toml, "style.toml", diagnostics), {}};
    loaded.diagnostics = vitae::test::lines(diagnostics);
    return loaded;
}

vitae::style::Sheet builtin_default() {
    vitae::Diagnostics diagnostics;
    std::optional<vitae::style::Sheet> sheet = vitae::load_sheet("default", diagnostics);
    REQUIRE(sheet);
    return *sheet;
}

/// The default style's words in `tag`'s language.
vitae::style::Sheet sheet_in(std::string_view tag, const vitae::style::Sheet& style) {
    const std::optional<vitae::style::Locale> locale = vitae::load_locale(tag);
    REQUIRE(locale);
    vitae::style::Sheet sheet = style;
    vitae::style::apply_locale(sheet, *locale, tag);
    return sheet;
}

vitae::style::Sheet sheet_in(std::string_view tag) {
    const vitae::style::Sheet defaults;
    return sheet_in(tag, defaults);
}

DateRange ongoing_since(Date start) {
    DateRange range;
    range.start = start;
    range.ongoing = true;
    return range;
}

DateRange between(Date start, Date end) {
    DateRange range;
    range.start = start;
    range.end = end;
    return range;
}

struct Expected {
    std::string tag;
    std::string ongoing;   ///< May 2019 to the present
    std::string expected;  ///< Oct. 2021 to Mar. 2024, expected
    std::string days;      ///< 24 to 26 Aug. 2016
};

}  // namespace

TEST_CASE("vitae has the 24 locale packs the issue names, and no other", "[locale]") {
    CHECK(vitae::locale_tags() == std::vector<std::string>{"ar", "cs", "da", "de", "el", "en", "es", "fa",
                                                           "fi", "fr", "he", "hi", "it", "ja", "ko", "nb",
                                                           "nl", "pl", "pt", "ru", "sv", "tr", "uk", "zh"});
}

TEST_CASE("every locale pack loads and writes a date range in its language", "[locale]") {
    // Reviewed by hand against CLDR 41's patterns and the packs' words.
    const std::vector<Expected> table{
        {"ar", "مايو ٢٠١٩ – حتى الآن", "أكتوبر ٢٠٢١ – مارس ٢٠٢٤ (متوقع)", "٢٤–٢٦ أغسطس، ٢٠١٦"},
        {"cs", "květen 2019 – dosud", "říjen 2021 – březen 2024 (předpoklad)", "24.–26. 8. 2016"},
        {"da", "maj 2019–nu", "okt. 2021–mar. 2024 (forventet)", "24.–26. aug. 2016"},
        {"de", "Mai 2019 – heute", "Okt. 2021 – März 2024 (voraussichtlich)", "24.–26. Aug. 2016"},
        {"el", "Μαΐ 2019 – σήμερα", "Οκτ 2021 – Μαρ 2024 (αναμένεται)", "24–26 Αυγ 2016"},
        {"en", "May 2019 – Present", "Oct. 2021 – Mar. 2024 (expected)", "Aug. 24 – 26, 2016"},
        {"es", "may 2019 – actualidad", "oct 2021 – mar 2024 (previsto)", "24–26 ago 2016"},
        {"fa", "مه ۲۰۱۹ تا تاکنون", "اکتبر ۲۰۲۱ تا مارس ۲۰۲۴ (پیش\u200cبینی\u200cشده)", "۲۴ تا ۲۶ اوت ۲۰۱۶"},
        {"fi", "touko 2019–nyt", "loka 2021–maalis 2024 (arvioitu)", "24.–26. elokuuta 2016"},
        {"fr", "mai 2019 – aujourd’hui", "oct. 2021 – mars 2024 (prévu)", "24–26 août 2016"},
        {"he", "מאי 2019 – היום", "אוק׳ 2021 – מרץ 2024 (צפוי)", "24–26 באוג׳ 2016"},
        {"hi", "मई 2019 – वर्तमान", "अक्तू॰ 2021 – मार्च 2024 (अपेक्षित)", "24–26 अग॰ 2016"},
        {"it", "mag 2019 – oggi", "ott 2021 – mar 2024 (previsto)", "24–26 ago 2016"},
        {"ja", "2019年5月～現在", "2021年10月～2024年3月（見込み）", "2016年8月24日～26日"},
        {"ko", "2019년 5월 ~ 현재", "2021년 10월 ~ 2024년 3월 (예정)", "2016년 8월 24일~26일"},
        {"nb", "mai 2019–nå", "okt. 2021–mar. 2024 (forventet)", "24.–26. aug. 2016"},
        {"nl", "mei 2019 – heden", "okt. 2021 – mrt. 2024 (verwacht)", "24–26 aug. 2016"},
        {"pl", "maj 2019 – obecnie", "paź 2021 – mar 2024 (planowane)", "24–26 sie 2016"},
        {"pt", "mai. de 2019 – atual", "out. de 2021 – mar. de 2024 (previsto)", "24 – 26 de ago. de 2016"},
        {"ru", "май 2019 г. – настоящее время", "окт. 2021 г. – март 2024 г. (ожидается)",
         "24–26 авг. 2016 г."},
        {"sv", "maj 2019 – pågående", "okt. 2021 – mars 2024 (beräknad)", "24–26 aug. 2016"},
        {"tr", "May 2019 – halen", "Eki 2021 – Mar 2024 (tahmini)", "24–26 Ağu 2016"},
        {"uk", "тра 2019 р. – дотепер", "жов 2021 р. – бер 2024 р. (очікується)", "24–26 серп. 2016 р."},
        {"zh", "2019年5月 – 至今", "2021年10月 – 2024年3月（预计）", "2016年8月24日至26日"},
    };
    REQUIRE(table.size() == vitae::locale_tags().size());
    for (const Expected& row : table) {
        INFO(row.tag);
        // The default style: short months, and its English month names.
        const vitae::style::Sheet sheet = sheet_in(row.tag, builtin_default());
        CHECK(vitae::style::format_date_range(ongoing_since({2019, 5, 0}), sheet.date_words) == row.ongoing);
        DateRange planned = between({2021, 10, 0}, {2024, 3, 0});
        planned.expected = true;
        CHECK(vitae::style::format_date_range(planned, sheet.date_words) == row.expected);
        CHECK(vitae::style::format_date_range(between({2016, 8, 24}, {2016, 8, 26}), sheet.date_words) ==
              row.days);
        const std::optional<vitae::style::Locale> locale = vitae::load_locale(row.tag);
        CHECK(locale->name.size() > 1);
        CHECK(locale->babel.size() > 1);
        CHECK(locale->page.find("{page}") != std::string::npos);
        CHECK(locale->page.find("{pages}") != std::string::npos);
        CHECK(locale->updated.find("{date}") != std::string::npos);
        CHECK(locale->section_titles.size() == 8);
    }
}

TEST_CASE("a language tag takes its own pack or its language's, and an unknown one gets the nearest",
          "[locale]") {
    CHECK(vitae::locale_tag_for("de-CH") == "de");
    CHECK(vitae::locale_tag_for("pt-BR") == "pt");
    CHECK(vitae::locale_tag_for("ZH-Hans") == "zh");
    CHECK(vitae::locale_tag_for("vi").empty());
    CHECK_FALSE(vitae::check_locale("de-AT"));
    const auto typo = vitae::check_locale("dee");
    REQUIRE(typo);
    CHECK(typo->message == "no locale pack for the language 'dee'");
    CHECK(typo->hint == "did you mean 'de'?");
    const auto invalid = vitae::check_locale("e");
    REQUIRE(invalid);
    CHECK(invalid->message.starts_with("invalid language tag 'e'"));
}

TEST_CASE("long and numeric month forms, and the language's digits", "[locale]") {
    vitae::style::Sheet sheet;
    sheet.month_form = vitae::style::MonthForm::long_names;
    CHECK(vitae::style::format_date({2019, 5, 0}, sheet_in("de", sheet).date_words) == "Mai 2019");
    CHECK(vitae::style::format_date({2019, 5, 0}, sheet_in("ru", sheet).date_words) == "май 2019 г.");
    CHECK(vitae::style::format_date({2019, 3, 0}, sheet_in("pl", sheet).date_words) == "marzec 2019");
    sheet.month_form = vitae::style::MonthForm::numeric;
    CHECK(vitae::style::format_date({2019, 5, 0}, sheet_in("de", sheet).date_words) == "5.2019");
    CHECK(vitae::style::format_date({2019, 5, 0}, sheet_in("ja", sheet).date_words) == "2019/5");
    CHECK(vitae::style::format_date({2019, 0, 0}, sheet_in("ar").date_words) == "\u0662\u0660\u0661\u0669");
    CHECK(vitae::style::format_date({2019, 0, 0}, sheet_in("zh").date_words) == "2019年");
}

TEST_CASE("a style's words override the pack's, for every language or for one", "[locale][sheet]") {
    const LoadedSheet loaded = load_sheet_text(R"(
[dates]
months = "long"
[words]
present = "now"
[words.de]
present = "jetzt"
separator = " bis "
months = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
[footer]
text = "{pagination}"
updated = true
)");
    REQUIRE(loaded.diagnostics.empty());
    const vitae::style::Sheet german = sheet_in("de-AT", loaded.sheet);
    CHECK(vitae::style::format_date_range(ongoing_since({2019, 5, 0}), german.date_words) ==
          "5 2019 bis jetzt");
    CHECK(german.language.tag == "de-AT");
    CHECK(german.language.babel == "ngerman");
    const vitae::style::Sheet french = sheet_in("fr", loaded.sheet);
    CHECK(vitae::style::format_date_range(ongoing_since({2019, 5, 0}), french.date_words) ==
          "mai 2019 – now");
    CHECK(french.words.page == "page {page} sur {pages}");
    CHECK(french.footer_updated_shown);
    CHECK(french.footer_updated.empty());
}

TEST_CASE("a style's unknown words, month form or language are errors with a suggestion", "[locale][sheet]") {
    const LoadedSheet loaded = load_sheet_text(R"(
[dates]
months = "shrot"
[words]
presnet = "now"
[words.dee]
present = "jetzt"
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "style.toml:3:10: error: unknown month form 'shrot' (did you mean 'short'?)",
              "style.toml:5:1: error: unknown key 'presnet' in [words] (did you mean 'present'?)",
              "style.toml:6:8: error: no locale pack for the language 'dee' (did you mean 'de'?)",
          });
}

// --- a CV in several languages ------------------------------------------------

namespace {

constexpr std::string_view bilingual = R"(lang = "en"
[person]
name = "Ada"
headline = { en = "Engineer", de = "Ingenieurin" }
[[section]]
title = { en = "Experience", de = "Berufserfahrung" }
[[section.entry]]
title = "X"
subtitle = { fr = "Stagiaire", en = "Intern" }
highlights = [{ en = "Only English" }, "Same everywhere", { de = "Nur Deutsch", en = "English" }]
)";

struct LoadedCv {
    vitae::cv::Document document;
    std::vector<std::string> diagnostics;
};

LoadedCv load_cv_in(std::string_view toml, std::string_view language) {
    vitae::Diagnostics diagnostics;
    LoadedCv loaded{vitae::load_cv_text(toml, "cv.toml", diagnostics, vitae::FileAccess::anywhere, language),
                    {}};
    loaded.diagnostics = vitae::test::lines(diagnostics);
    return loaded;
}

}  // namespace

TEST_CASE(
    "a translated field is read in the build's language and a missing one falls back with a warning at it",
    "[locale][loader]") {
    const LoadedCv german = load_cv_in(bilingual, "de");
    CHECK(german.diagnostics ==
          std::vector<std::string>{
              "cv.toml:9:12: warning: no 'de' text for 'subtitle'; the 'en' text is used "
              "(add de = \"…\")",
              "cv.toml:10:15: warning: no 'de' text for element 1 of 'highlights'; the 'en' "
              "text is used (add de = \"…\")",
          });
    const vitae::cv::Document& document = german.document;
    CHECK(document.language == "de");
    CHECK(document.person.headline.plain() == "Ingenieurin");
    const vitae::cv::Section& section = document.sections.at(0);
    CHECK(section.title.plain() == "Berufserfahrung");
    CHECK(section.title_translations == std::vector<std::string>{"Berufserfahrung", "Experience"});
    const vitae::cv::Entry& entry = section.entries.at(0);
    CHECK(entry.subtitle.plain() == "Intern");
    REQUIRE(entry.highlights.size() == 3);
    CHECK(entry.highlights[0].text.plain() == "Only English");
    CHECK(entry.highlights[1].text.plain() == "Same everywhere");
    CHECK(entry.highlights[2].text.plain() == "Nur Deutsch");
    // The text keeps its own place in the file.
    CHECK(entry.highlights[2].text.where.begin.line == 10);

    const LoadedCv english = load_cv_in(bilingual, "");
    CHECK(english.diagnostics.empty());
    CHECK(english.document.sections.at(0).title.plain() == "Experience");
    CHECK(english.document.sections.at(0).entries.at(0).highlights[2].text.plain() == "English");
    // A regional tag takes its language's text, silently.
    CHECK(load_cv_in(bilingual, "de-CH").document.person.headline.plain() == "Ingenieurin");
}

TEST_CASE("translations name languages vitae has, each as a string", "[locale][loader]") {
    const LoadedCv loaded = load_cv_in(R"(lang = "xx"
[person]
name = { en = "Ada", dee = "Ada" }
headline = { en = 3 }
summary = {}
)",
                                       "");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:1:9: error: no locale pack for the language 'xx' (vitae writes ar, "
              "cs, da, de, el, en, es, fa, fi, fr, he, hi, it, ja, ko, nb, nl, pl, pt, ru, "
              "sv, tr, uk, zh)",
              "cv.toml:3:22: error: no locale pack for the language 'dee' in 'name' (did "
              "you mean 'de'?)",
              "cv.toml:4:19: error: expected string for the 'en' text of 'headline', got "
              "integer",
              "cv.toml:5:11: error: no text in 'summary' (write en = \"…\")",
          });
}
