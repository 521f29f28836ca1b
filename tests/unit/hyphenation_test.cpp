// Hyphenation: Liang's patterns from Debian's hyphen-* dictionaries, and
// the line breaker's costs for breaking at them.
#include <catch2/catch.hpp>
#include <string>

#include "layout/hyphenation.hpp"
#include "layout/linebreak.hpp"

using vitae::layout::FragmentMinimum;
using vitae::layout::Hyphenator;

namespace {

/// The word with a hyphen at each point the patterns give.
std::string hyphenated(std::string_view language, std::string_view word, FragmentMinimum minimum = {2, 3}) {
    const auto path = vitae::layout::hyphenation_dictionary(language);
    REQUIRE(path);
    const auto hyphenator = Hyphenator::load(*path);
    REQUIRE(hyphenator);
    std::string shown;
    std::size_t previous = 0;
    for (const std::size_t point : hyphenator->points(word, minimum)) {
        shown += word.substr(previous, point - previous);
        shown += '-';
        previous = point;
    }
    shown += word.substr(previous);
    return shown;
}

}  // namespace

TEST_CASE("German words break at their syllables and compounds at their joints", "[hyphenation]") {
    CHECK(hyphenated("de", "Forschungspraktikantin") == "For-schungs-prak-ti-kan-tin");
    CHECK(hyphenated("de", "Donaudampfschifffahrtsgesellschaft") ==
          "Do-nau-dampf-schiff-fahrts-ge-sell-schaft");
    CHECK(hyphenated("de", "Straßenbahn") == "Stra-ßen-bahn");
    CHECK(hyphenated("de", "Universität") == "Uni-ver-si-tät");
    // Capitals are looked up in lower case.
    CHECK(hyphenated("de-AT", "Softwareentwicklung") == "Soft-ware-ent-wick-lung");
}

TEST_CASE("dictionaries in other character sets hyphenate UTF-8 words", "[hyphenation]") {
    CHECK(hyphenated("en", "hyphenation") == "hy-phen-ation");
    CHECK(hyphenated("fr", "développement") == "dé-ve-lop-pe-ment");  // UTF-8, two levels
    CHECK(hyphenated("ru", "университет") == "уни-вер-си-тет");       // KOI8-R
    CHECK(hyphenated("el", "πανεπιστήμιο") == "πα-νε-πι-στή-μιο");    // ISO 8859-7
    CHECK(hyphenated("pl", "uniwersytet") == "uni-wer-sy-tet");       // ISO 8859-2
}

TEST_CASE("a hyphen leaves at least the minimum characters on each side", "[hyphenation]") {
    CHECK(hyphenated("de", "Universität", {4, 4}) == "Univer-sität");
    CHECK(hyphenated("de", "Universität", {2, 5}) == "Uni-ver-sität");
    // The dictionary's own minimum counts too: English's right minimum is 3.
    CHECK(hyphenated("en", "hyphenation", {1, 1}) == "hy-phen-ation");
    CHECK(hyphenated("de", "Bahn") == "Bahn");
    // Longer than TeX's 63 letters: not a word to break.
    CHECK(hyphenated("de", std::string(64, 'a')) == std::string(64, 'a'));
}

TEST_CASE("a language's dictionary is found by its tag, region or none", "[hyphenation]") {
    CHECK(vitae::layout::hyphenation_dictionary("de").value().ends_with("hyph_de.dic"));
    CHECK(vitae::layout::hyphenation_dictionary("pt-BR").has_value());
    CHECK(vitae::layout::hyphenation_dictionary("nb").value().ends_with("hyph_nb_NO.dic"));
    CHECK_FALSE(vitae::layout::hyphenation_dictionary("xx").has_value());
    CHECK_FALSE(vitae::layout::hyphenation_dictionary("de", "/nonexistent").has_value());
    CHECK(Hyphenator::load("/nonexistent/hyph_de.dic") == nullptr);
}

namespace {

using vitae::layout::BreakItem;

/// `count` words of four 10-pt syllables, each syllable a hyphenation
/// point with a hyphen 3 pt wide.
std::vector<BreakItem> syllable_words(std::size_t count) {
    std::vector<BreakItem> items;
    for (std::size_t word = 0; word < count; ++word) {
        if (word > 0) items.push_back(BreakItem::glue(4, 2, 1));
        for (int syllable = 0; syllable < 4; ++syllable) {
            if (syllable > 0) items.push_back(BreakItem::make_penalty(3, 50, true));
            items.push_back(BreakItem::box(10));
        }
    }
    vitae::layout::finish_paragraph(items);
    return items;
}

/// The most lines in a row that end at a hyphen.
std::size_t hyphens_in_a_row(const std::vector<BreakItem>& items,
                             const vitae::layout::LineBreakResult& result) {
    std::size_t most = 0;
    std::size_t row = 0;
    for (const auto& line : result.lines) {
        const bool at_hyphen = line.end < items.size() && items[line.end].flagged;
        row = at_hyphen ? row + 1 : 0;
        most = std::max(most, row);
    }
    return most;
}

}  // namespace

TEST_CASE("no more lines in a row end at a hyphen than the style allows", "[hyphenation][linebreak]") {
    const auto items = syllable_words(12);
    // Ragged lines too narrow for a word and a half (57 pt): a line ending inside a word is
    // much fuller than one ending at a space, so every line wants a hyphen.
    vitae::style::LineBreaking settings;
    settings.double_hyphen_demerits = 0;
    settings.consecutive_hyphens = 10;
    const auto free = vitae::layout::break_lines(items, 57, 10, settings);
    REQUIRE_FALSE(free.used_first_fit);
    CHECK(hyphens_in_a_row(items, free) > 2);
    for (const int most : {2, 1, 0}) {
        settings.consecutive_hyphens = most;
        const auto limited = vitae::layout::break_lines(items, 57, 10, settings);
        CHECK_FALSE(limited.used_first_fit);
        CHECK(hyphens_in_a_row(items, limited) <= static_cast<std::size_t>(most));
    }
}
