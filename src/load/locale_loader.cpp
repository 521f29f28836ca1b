#include "vitae/load/locale_loader.hpp"

#include "toml_parser.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <stdexcept>

#include "embedded_files.hpp"
#include "vitae/base/ascii.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/model/language.hpp"

namespace vitae {

namespace {

constexpr std::size_t months_in_year = 12;
constexpr std::size_t digits_in_system = 10;

const detail::EmbeddedFile* find_file(std::span<const detail::EmbeddedFile> files, std::string_view tag) {
    const auto found = std::find_if(files.begin(), files.end(),
                                    [&](const detail::EmbeddedFile& file) { return file.name == tag; });
    return found != files.end() ? &*found : nullptr;
}

/// The packs are vitae's own data, checked by the tests: a missing or
/// mistyped word is vitae's bug, so it stops the program rather than
/// print a CV with a hole in it.
[[noreturn]] void broken_pack(std::string_view tag, std::string_view what) {
    throw std::logic_error(fmt::format("locale pack '{}': {}", tag, what));
}

class PackReader {
public:
    PackReader(std::string_view tag, const toml::table& table) : tag_(tag), table_(table) {}

    [[nodiscard]] std::string text(std::string_view dotted_key) const {
        const auto value = table_.at_path(dotted_key).value<std::string>();
        if (!value) broken_pack(tag_, fmt::format("no text '{}'", dotted_key));
        return *value;
    }

    [[nodiscard]] std::array<std::string, months_in_year> months(std::string_view key) const {
        const toml::array* names = table_.at_path(key).as_array();
        if (!names || names->size() != months_in_year)
            broken_pack(tag_, fmt::format("'{}' needs 12 names", key));
        std::array<std::string, months_in_year> result;
        for (std::size_t month = 0; month < months_in_year; ++month) {
            const auto name = (*names)[month].value<std::string>();
            if (!name) broken_pack(tag_, fmt::format("'{}' needs 12 names", key));
            result[month] = *name;
        }
        return result;
    }

    /// The text between CLDR's "{0}" and "{1}" in a two-part pattern.
    [[nodiscard]] std::string between_parts(std::string_view key) const {
        const std::string pattern = text(key);
        const std::size_t first = pattern.find("{0}");
        const std::size_t second = pattern.find("{1}");
        if (first == std::string::npos || second == std::string::npos || second < first)
            broken_pack(tag_, fmt::format("'{}' is not a pattern of {{0}} and {{1}}", key));
        return pattern.substr(first + 3, second - first - 3);
    }

    [[nodiscard]] std::array<std::string, digits_in_system> digits() const {
        const std::string all = text("digits");
        std::array<std::string, digits_in_system> result;
        std::size_t count = 0;
        for (std::size_t offset = 0; offset < all.size() && count < digits_in_system; ++count) {
            const std::size_t start = offset;
            utf8::next(all, offset);
            result[count] = all.substr(start, offset - start);
        }
        if (count != digits_in_system) broken_pack(tag_, "'digits' needs 10 characters");
        return result;
    }

    [[nodiscard]] const toml::table& table() const { return table_; }

private:
    std::string_view tag_;
    const toml::table& table_;
};

toml::table parse_pack_file(const detail::EmbeddedFile& file) {
    try {
        return toml::parse(file.text, std::string_view{file.name});
    } catch (const toml::parse_error& error) {
        broken_pack(file.name, error.description());
    }
}

style::Locale read_pack(std::string_view tag, const toml::table& authored, const toml::table& cldr) {
    const PackReader words{tag, authored};
    const PackReader data{tag, cldr};
    style::Locale locale;
    locale.tag = tag;
    locale.name = data.text("name");
    locale.babel = words.text("babel");
    locale.script = data.text("script");
    locale.right_to_left = data.text("direction") == "right-to-left";
    locale.digits = data.digits();
    locale.long_months = {data.months("months_long"), data.months("months_long_standalone")};
    locale.short_months = {data.months("months_short"), data.months("months_short_standalone")};
    locale.year_pattern = data.text("year");
    locale.year_month_numeric = data.text("year_month_numeric");
    locale.year_month_short = data.text("year_month_short");
    locale.year_month_long = data.text("year_month_long");
    locale.date_short = data.text("date_short");
    locale.date_numeric = data.text("date_numeric");
    locale.date_long = data.text("date_long");
    locale.days_of_month = data.text("days_of_month");
    locale.range_separator = data.between_parts("range");
    // A pack may say how its lists read where CLDR's list joins with a
    // conjunction (Arabic's "و") that a list of skills does not take.
    locale.list_separator = authored.at_path("words.list_separator")
                                .value<std::string>()
                                .value_or(data.between_parts("list_middle"));
    locale.quote_open = data.text("quote_open");
    locale.quote_close = data.text("quote_close");
    locale.present = words.text("words.present");
    locale.expected = words.text("words.expected");
    locale.page = words.text("words.page");
    locale.updated = words.text("words.updated");
    locale.equal_contribution = words.text("words.equal_contribution");
    locale.enclosures = words.text("words.enclosures");
    locale.place_date = words.text("words.place_date");
    locale.note_open = words.text("words.note_open");
    locale.note_close = words.text("words.note_close");
    if (const toml::table* sections = authored.at_path("sections").as_table()) {
        for (auto&& [key, title] : *sections) {
            if (const auto text = title.value<std::string>())
                locale.section_titles.emplace_back(key.str(), *text);
        }
    }
    return locale;
}

}  // namespace

const std::vector<std::string>& locale_tags() {
    static const std::vector<std::string> tags = [] {
        std::vector<std::string> names;
        for (const detail::EmbeddedFile& file : detail::embedded_locales()) names.emplace_back(file.name);
        std::sort(names.begin(), names.end());
        return names;
    }();
    return tags;
}

std::string locale_tag_for(std::string_view language_tag) {
    const std::string whole = ascii_lowercase(language_tag);
    const std::vector<std::string>& tags = locale_tags();
    if (std::binary_search(tags.begin(), tags.end(), whole)) return whole;
    const std::string primary = cv::primary_language(language_tag);
    if (std::binary_search(tags.begin(), tags.end(), primary)) return primary;
    return {};
}

std::optional<LocaleProblem> check_locale(std::string_view language_tag) {
    if (const auto problem = cv::check_language_tag(language_tag))
        return LocaleProblem{fmt::format("invalid language tag '{}': {}", language_tag, problem->message),
                             "write a BCP 47 tag such as \"de\" or \"pt-BR\""};
    if (!locale_tag_for(language_tag).empty()) return std::nullopt;
    const std::vector<std::string>& tags = locale_tags();
    const std::vector<std::string_view> candidates(tags.begin(), tags.end());
    std::string hint = did_you_mean(cv::primary_language(language_tag), candidates);
    if (hint.empty()) hint = fmt::format("vitae writes {}", fmt::join(tags, ", "));
    return LocaleProblem{fmt::format("no locale pack for the language '{}'", language_tag), std::move(hint)};
}

std::optional<style::Locale> load_locale(std::string_view language_tag) {
    const std::string tag = locale_tag_for(language_tag);
    if (tag.empty()) return std::nullopt;
    const detail::EmbeddedFile* authored = find_file(detail::embedded_locales(), tag);
    const detail::EmbeddedFile* cldr = find_file(detail::embedded_cldr_locales(), tag);
    if (authored == nullptr || cldr == nullptr) broken_pack(tag, "no CLDR data (run scripts/cldr-locales)");
    return read_pack(tag, parse_pack_file(*authored), parse_pack_file(*cldr));
}

}  // namespace vitae
