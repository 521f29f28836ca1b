#include "vitae/model/language.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "vitae/base/ascii.hpp"

namespace vitae::cv {

namespace {

// Subtag lengths of RFC 5646, section 2.1.
constexpr std::size_t shortest_language = 2;
constexpr std::size_t longest_language = 3;
constexpr std::size_t extended_language_length = 3;
constexpr std::size_t most_extended_languages = 3;
constexpr std::size_t script_length = 4;
constexpr std::size_t alphabetic_region_length = 2;
constexpr std::size_t numeric_region_length = 3;
constexpr std::size_t shortest_alphanumeric_variant = 5;
constexpr std::size_t longest_subtag = 8;
constexpr std::size_t digit_led_variant_length = 4;
constexpr std::size_t shortest_extension_subtag = 2;

bool is_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
}
bool is_digit(char character) {
    return character >= '0' && character <= '9';
}
bool all_letters(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_letter);
}
bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_digit);
}
bool all_alphanumeric(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char character) { return is_letter(character) || is_digit(character); });
}

struct Subtag {
    std::string_view text;
    std::size_t offset;
};

std::vector<Subtag> split(std::string_view tag) {
    std::vector<Subtag> subtags;
    std::size_t start = 0;
    for (;;) {
        const std::size_t hyphen = tag.find('-', start);
        const std::size_t end = hyphen == std::string_view::npos ? tag.size() : hyphen;
        subtags.push_back({tag.substr(start, end - start), start});
        if (hyphen == std::string_view::npos) return subtags;
        start = hyphen + 1;
    }
}

bool is_extended_language(std::string_view subtag) {
    return subtag.size() == extended_language_length && all_letters(subtag);
}
bool is_script(std::string_view subtag) {
    return subtag.size() == script_length && all_letters(subtag);
}
bool is_region(std::string_view subtag) {
    return (subtag.size() == alphabetic_region_length && all_letters(subtag)) ||
           (subtag.size() == numeric_region_length && all_digits(subtag));
}
bool is_variant(std::string_view subtag) {
    const bool alphanumeric =
        subtag.size() >= shortest_alphanumeric_variant && subtag.size() <= longest_subtag;
    const bool digit_led = subtag.size() == digit_led_variant_length && is_digit(subtag.front());
    return (alphanumeric || digit_led) && all_alphanumeric(subtag);
}
bool is_singleton(std::string_view subtag) {
    return subtag.size() == 1 && all_alphanumeric(subtag);
}
bool is_private_use_marker(std::string_view subtag) {
    return subtag == "x" || subtag == "X";
}

/// The index of the first subtag after the language, its extended
/// languages and its script: where a region would be.
std::size_t region_position(const std::vector<Subtag>& subtags) {
    std::size_t next = 1;
    for (std::size_t count = 0;
         count < most_extended_languages && next < subtags.size() && is_extended_language(subtags[next].text);
         ++count)
        ++next;
    if (next < subtags.size() && is_script(subtags[next].text)) ++next;
    return next;
}

}  // namespace

std::optional<LanguageTagProblem> check_language_tag(std::string_view tag) {
    const std::vector<Subtag> subtags = split(tag);
    const Subtag& language = subtags.front();
    if (language.text.size() < shortest_language || language.text.size() > longest_language ||
        !all_letters(language.text)) {
        return LanguageTagProblem{0, fmt::format("'{}' is not a language: a tag begins with 2 or 3 letters "
                                                 "(en, de, pt)",
                                                 language.text)};
    }
    std::size_t next = region_position(subtags);
    if (next < subtags.size() && is_region(subtags[next].text)) ++next;
    while (next < subtags.size() && is_variant(subtags[next].text)) ++next;
    // Extensions, then the private use part, which may hold anything.
    while (next < subtags.size() && is_singleton(subtags[next].text)) {
        const Subtag& singleton = subtags[next];
        const bool private_use = is_private_use_marker(singleton.text);
        const std::size_t shortest = private_use ? 1 : shortest_extension_subtag;
        std::size_t count = 0;
        for (++next; next < subtags.size(); ++next, ++count) {
            const std::string_view text = subtags[next].text;
            const bool fits =
                text.size() >= shortest && text.size() <= longest_subtag && all_alphanumeric(text);
            if (!fits) break;
            if (!private_use && text.size() == 1) break;
        }
        if (count == 0) {
            return LanguageTagProblem{
                singleton.offset,
                fmt::format("'{}' must be followed by a subtag of {} to 8 letters or digits", singleton.text,
                            shortest)};
        }
        if (private_use && next < subtags.size()) break;
    }
    if (next == subtags.size()) return std::nullopt;
    const Subtag& bad = subtags[next];
    if (bad.text.empty())
        return LanguageTagProblem{bad.offset, "empty subtag: two hyphens in a row, or one at an end"};
    return LanguageTagProblem{
        bad.offset, fmt::format("'{}' is not a subtag of a language tag here: after the language come a "
                                "script (Latn), a region (CH, 419), variants (1996), in this order",
                                bad.text)};
}

std::string primary_language(std::string_view tag) {
    return ascii_lowercase(tag.substr(0, tag.find('-')));
}

std::string country_of(std::string_view tag) {
    const std::vector<Subtag> subtags = split(tag);
    const std::size_t at = region_position(subtags);
    if (at >= subtags.size()) return {};
    const std::string_view region = subtags[at].text;
    if (region.size() != alphabetic_region_length || !all_letters(region)) return {};
    return ascii_uppercase(region);
}

}  // namespace vitae::cv
