#include "toml_document.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <optional>
#include <vector>

#include "string_positions.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/utf8.hpp"

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
        diagnostics.error(
            SourceRegion{path, {line, column}, {line, column}},
            fmt::format("invalid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(text[invalid])),
            "save the file as UTF-8");
        const std::size_t line_end = text.find('\n', invalid);
        if (line_end == std::string_view::npos) break;
        invalid = utf8::find_invalid(text, line_end);
    }
    return clean;
}

/// The line and column (in code points) of byte `offset`, given where its line starts.
SourceRegion region_of_byte(std::string_view text, const std::shared_ptr<const std::string>& path,
                            std::uint32_t line, std::size_t line_start, std::size_t offset) {
    const auto column =
        static_cast<std::uint32_t>(utf8::length(text.substr(line_start, offset - line_start)) + 1);
    return SourceRegion{path, {line, column}, {line, column}};
}

/// How deep a TOML file's tables and arrays nest, found from its bytes
/// before toml++ builds them recursively: a header `[a.b]` nests one table
/// per part, a dotted key `c.d = 1` as many more, and each bracket of an
/// inline table or array one more. Reports the first place deeper than
/// limits::max_nesting_depth; returns whether there was none. It skips
/// strings and comments and is not a parser: what is malformed is left
/// for toml++ to report.
class NestingScan {
public:
    NestingScan(std::string_view text, const std::shared_ptr<const std::string>& path,
                Diagnostics& diagnostics)
        : text_(text), path_(path), diagnostics_(diagnostics) {}

    bool run() {
        while (offset_ < text_.size()) {
            const char c = text_[offset_];
            if (c == '\n') {
                new_line();
            } else if (c == '#') {
                skip_comment();
                continue;
            } else if (c == '"' || c == '\'') {
                start_key_part();
                if (!too_deep_at(depth())) skip_string(c);
                continue;
            } else if (c != ' ' && c != '\t' && c != '\r' && !step(c)) {
                return false;
            }
            if (failed_) return false;
            ++offset_;
        }
        return !failed_;
    }

private:
    struct Bracket {
        char kind;  ///< '{' or '['
        int depth;  ///< how deep its contents are
    };

    /// One byte outside strings and comments; false once too deep.
    bool step(char c) {
        if (expecting_key_) {
            if (brackets_.empty() && c == '[' && key_parts_ == 0 && !in_header_) {
                in_header_ = true;
                header_depth_ = 0;
                if (offset_ + 1 < text_.size() && text_[offset_ + 1] == '[') ++offset_;
                return true;
            }
            if (in_header_ && c == ']') {
                header_depth_ = key_parts_;
                in_header_ = false;
                expecting_key_ = false;
                key_parts_ = 0;
                return true;
            }
            if (c == '.') {
                ++key_parts_;
                return !too_deep_at(depth());
            }
            if (c == '=') {
                expecting_key_ = false;
                value_key_parts_ = key_parts_;
                key_parts_ = 0;
                return true;
            }
            if (c == '}' && !brackets_.empty()) return close();
            start_key_part();
            return !too_deep_at(depth());
        }
        if (c == '{' || c == '[') {
            const int inner = base_depth() + value_key_parts_ + 1;
            if (too_deep_at(inner)) return false;
            brackets_.push_back({c, inner});
            value_key_parts_ = 0;
            expecting_key_ = c == '{';
            return true;
        }
        if (c == '}' || c == ']') return close();
        if (c == ',' && !brackets_.empty() && brackets_.back().kind == '{') {
            expecting_key_ = true;
            key_parts_ = 0;
        }
        return true;
    }

    bool close() {
        if (!brackets_.empty()) brackets_.pop_back();
        expecting_key_ = false;
        value_key_parts_ = 0;
        return true;
    }

    void new_line() {
        ++line_;
        line_start_ = offset_ + 1;
        if (brackets_.empty()) {  // a new key/value pair or header may start
            expecting_key_ = true;
            in_header_ = false;
            key_parts_ = 0;
            value_key_parts_ = 0;
        }
    }

    void start_key_part() {
        if (expecting_key_ && key_parts_ == 0) key_parts_ = 1;
    }

    [[nodiscard]] int base_depth() const {
        return brackets_.empty() ? header_depth_ : brackets_.back().depth;
    }
    [[nodiscard]] int depth() const { return (in_header_ ? 0 : base_depth()) + key_parts_; }

    bool too_deep_at(int depth) {
        if (depth <= limits::max_nesting_depth) return false;
        diagnostics_.error(
            region_of_byte(text_, path_, line_, line_start_, offset_),
            fmt::format("keys, headers and brackets nest deeper than {} levels", limits::max_nesting_depth),
            "each part of a dotted key or [header] is a table inside the one before");
        failed_ = true;
        return true;
    }

    void skip_comment() {
        while (offset_ < text_.size() && text_[offset_] != '\n') ++offset_;
    }

    /// Moves past a string of any of the four kinds, counting its lines.
    void skip_string(char quote) {
        const bool multi_line = text_.substr(offset_, 3) == std::string(3, quote);
        offset_ += multi_line ? 3 : 1;
        while (offset_ < text_.size()) {
            const char c = text_[offset_];
            if (c == '\\' && quote == '"') {
                offset_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!multi_line) return;  // malformed: toml++ says so
                ++line_;
                line_start_ = offset_ + 1;
            }
            if (c == quote && (!multi_line || text_.substr(offset_, 3) == std::string(3, quote))) {
                offset_ += multi_line ? 3 : 1;
                // Up to two more quotes close a multi-line string as its content.
                for (int extra = 0;
                     multi_line && extra < 2 && offset_ < text_.size() && text_[offset_] == quote; ++extra) {
                    ++offset_;
                }
                return;
            }
            ++offset_;
        }
    }

    std::string_view text_;
    const std::shared_ptr<const std::string>& path_;
    Diagnostics& diagnostics_;
    std::size_t offset_ = 0;
    std::uint32_t line_ = 1;
    std::size_t line_start_ = 0;
    std::vector<Bracket> brackets_;
    bool expecting_key_ = true;
    bool in_header_ = false;
    int header_depth_ = 0;
    int key_parts_ = 0;        ///< parts of the key being read
    int value_key_parts_ = 0;  ///< parts of the key whose value is being read
    bool failed_ = false;
};

constexpr char32_t line_separator = 0x2028;
constexpr char32_t paragraph_separator = 0x2029;

/// Whether a code point may not stand in a string value: a control
/// character (C0 but tab and line feed, DEL, C1), which no output prints and
/// which breaks the LaTeX output, or a Unicode line or paragraph separator,
/// which no font draws and no one sees in the file. Keys allow no tab or line
/// feed either.
bool is_forbidden(char32_t code_point, bool in_key) {
    if (code_point == U'\t' || code_point == U'\n') return in_key;
    return utf8::is_control(code_point);
}

/// Reports the first forbidden character of every string and key: toml++
/// refuses them raw, but its escapes (\u0001, \u0000, \u0085) make them.
class CharacterCheck {
public:
    CharacterCheck(std::string_view text, const std::shared_ptr<const std::string>& path,
                   Diagnostics& diagnostics)
        : text_(text), path_(path), diagnostics_(diagnostics) {}

    void check(const toml::node& node) {
        if (const toml::table* table = node.as_table()) {
            for (auto&& [key, value] : *table) {
                check_text(key.str(), to_region(path_, key.source()), /*in_key=*/true);
                check(value);
            }
        } else if (const toml::array* array = node.as_array()) {
            for (const toml::node& element : *array) check(element);
        } else if (const auto* text = node.as_string()) {
            check_text(text->get(), to_region(path_, node), /*in_key=*/false);
        }
    }

private:
    void check_text(std::string_view text, const SourceRegion& token, bool in_key) {
        for (std::size_t offset = 0, index = 0; offset < text.size(); ++index) {
            const char32_t code_point = utf8::next(text, offset);
            if (!is_forbidden(code_point, in_key)) continue;
            // Only now: indexing the file's lines and mapping a string back
            // to its columns cost a pass over them, and clean files are the rule.
            if (!source_) source_.emplace(text_);
            const std::vector<SourcePosition> positions = string_positions(*source_, token.begin, text);
            const SourceRegion where = index < positions.size() ? token.at(positions[index]) : token;
            const bool separator = code_point == line_separator || code_point == paragraph_separator;
            const std::string_view what = code_point == line_separator        ? "line separator"
                                          : code_point == paragraph_separator ? "paragraph separator"
                                                                              : "control character";
            diagnostics_.error(
                where,
                fmt::format("{} U+{:04X} in {}", what, static_cast<unsigned>(code_point),
                            in_key ? "a key" : "a string"),
                separator ? "write a line break as \\n, or a space" : "remove it: no output can print it");
            return;
        }
    }

    std::string_view text_;
    std::optional<SourceText> source_;  ///< made at the first character to report
    const std::shared_ptr<const std::string>& path_;
    Diagnostics& diagnostics_;
};

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
    if (!NestingScan{text, path, diagnostics}.run()) return std::nullopt;
    try {
        toml::table root = toml::parse(text, std::string_view{*path});
        // Reported, but the rest is still read: every problem in one run.
        CharacterCheck{text, path, diagnostics}.check(root);
        return root;
    } catch (const toml::parse_error& error) {
        const std::string_view description = error.description();
        // A bare month (`start = 2019-07`) is the likely cause: TOML's own
        // dates need a day, and vitae reads months from strings.
        const bool in_a_date = description.find("while parsing date") != std::string_view::npos;
        diagnostics.error(to_region(path, error.source()), std::string{description},
                          in_a_date
                              ? "a TOML date needs a year, a month and a day (2019-07-01); write a month "
                                "or a year as a string: \"2019-07\""
                              : "");
        return std::nullopt;
    }
}

std::filesystem::path sandbox_folder(const std::string& file) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path folder = file == "-" ? fs::path{"."} : fs::path{file}.parent_path();
    const fs::path canonical = fs::weakly_canonical(folder.empty() ? fs::path{"."} : folder, error);
    fs::path result = error ? fs::absolute(folder, error).lexically_normal() : canonical;
    if (result.filename().empty()) result = result.parent_path();  // "/cv/" → "/cv"
    return result;
}

bool is_inside(const std::filesystem::path& folder, const std::string& path) {
    std::error_code error;
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(path, error);
    if (error) return false;
    // Compared part by part: "/cv/other" is not inside "/cv/o".
    const auto [folder_end, resolved_end] =
        std::mismatch(folder.begin(), folder.end(), resolved.begin(), resolved.end());
    return folder_end == folder.end();
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
