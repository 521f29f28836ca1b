#include "toml_document.hpp"

#include <cstdio>

#include "vitae/utf8.hpp"

namespace vitae::detail {

namespace {

/// Reports every malformed UTF-8 sequence, one per line at most; returns
/// whether the text is clean. toml++ would stop at the first one and place
/// it a column early.
bool check_utf8(std::string_view text, const std::shared_ptr<const std::string>& path,
                Diagnostics& diagnostics) {
    bool clean = true;
    std::size_t line_start = 0;
    std::uint32_t line = 1;
    std::size_t invalid = utf8::find_invalid(text);
    while (invalid != std::string_view::npos) {
        clean = false;
        for (std::size_t newline = text.find('\n', line_start);
             newline != std::string_view::npos && newline < invalid; newline = text.find('\n', line_start)) {
            line_start = newline + 1;
            ++line;
        }
        const auto column =
            static_cast<std::uint32_t>(utf8::length(text.substr(line_start, invalid - line_start)) + 1);
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[invalid]));
        diagnostics.error(SourceRegion{path, {line, column}, {line, column}},
                          std::string{"invalid UTF-8 (byte "} + byte + ")", "save the file as UTF-8");
        const std::size_t line_end = text.find('\n', invalid);
        if (line_end == std::string_view::npos) break;
        invalid = utf8::find_invalid(text, line_end);
    }
    return clean;
}

}  // namespace

SourceRegion to_region(const std::shared_ptr<const std::string>& path, const toml::source_region& source) {
    return SourceRegion{
        path,
        {static_cast<std::uint32_t>(source.begin.line), static_cast<std::uint32_t>(source.begin.column)},
        {static_cast<std::uint32_t>(source.end.line), static_cast<std::uint32_t>(source.end.column)}};
}

SourceRegion to_region(const std::shared_ptr<const std::string>& path, const toml::node& node) {
    SourceRegion where = to_region(path, node.source());
    if (where.begin.line == 0) where.begin = where.end = {1, 1};
    return where;
}

std::optional<toml::table> parse_toml(std::string_view text, const std::shared_ptr<const std::string>& path,
                                      Diagnostics& diagnostics) {
    if (!check_utf8(text, path, diagnostics)) return std::nullopt;
    try {
        return toml::parse(text, std::string_view{*path});
    } catch (const toml::parse_error& error) {
        diagnostics.error(to_region(path, error.source()), std::string{error.description()});
        return std::nullopt;
    }
}

std::string toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "string";
        case toml::node_type::integer: return "integer";
        case toml::node_type::floating_point: return "float";
        case toml::node_type::boolean: return "boolean";
        case toml::node_type::date: return "date";
        case toml::node_type::time: return "time";
        case toml::node_type::date_time: return "date-time";
        case toml::node_type::array: return node.is_array_of_tables() ? "array of tables" : "array";
        case toml::node_type::table: return "table";
        case toml::node_type::none: break;
    }
    return "nothing";
}

}  // namespace vitae::detail
