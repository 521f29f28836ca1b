#include "vitae/style/pdf_standard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "vitae/base/suggest.hpp"

namespace vitae::style {

namespace {

constexpr std::string_view universal_access_name = "ua-1";

/// Each PDF/A-2 level with its name.
constexpr std::array<std::pair<std::string_view, PdfArchive>, 3> archive_levels{{
    {"a-2b", PdfArchive::level_b},
    {"a-2u", PdfArchive::level_u},
    {"a-2a", PdfArchive::level_a},
}};

std::string_view archive_name(PdfArchive archive) {
    for (const auto& [name, level] : archive_levels) {
        if (level == archive) return name;
    }
    return {};
}

}  // namespace

const std::vector<std::string_view>& pdf_standard_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> all{universal_access_name};
        for (const auto& [name, level] : archive_levels) all.push_back(name);
        return all;
    }();
    return names;
}

std::optional<PdfStandardProblem> add_pdf_standard(PdfStandards& standards, std::string_view name) {
    if (name == universal_access_name) {
        standards.universal_access = true;
        return std::nullopt;
    }
    const auto found = std::find_if(archive_levels.begin(), archive_levels.end(),
                                    [name](const auto& level) { return level.first == name; });
    if (found == archive_levels.end()) {
        std::string hint = did_you_mean(name, pdf_standard_names());
        if (hint.empty()) hint = fmt::format("use one of {}", fmt::join(pdf_standard_names(), ", "));
        return PdfStandardProblem{fmt::format("unknown PDF standard '{}'", name), std::move(hint)};
    }
    if (standards.archive != PdfArchive::none && standards.archive != found->second) {
        return PdfStandardProblem{
            fmt::format("a PDF conforms to one PDF/A level, not both '{}' and '{}'",
                        archive_name(standards.archive), name),
            "name one of a-2b, a-2u and a-2a (a-2a includes a-2u, which includes a-2b)"};
    }
    standards.archive = found->second;
    return std::nullopt;
}

std::string describe(const PdfStandards& standards) {
    std::vector<std::string_view> names;
    if (standards.archive != PdfArchive::none) names.push_back(archive_name(standards.archive));
    if (standards.universal_access) names.push_back(universal_access_name);
    if (names.empty()) return "none";
    return fmt::format("{}", fmt::join(names, ","));
}

}  // namespace vitae::style
