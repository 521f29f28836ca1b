#include "bibtex.hpp"
#include "vitae/base/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "vitae/base/limits.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/load/markup.hpp"

namespace vitae::bibtex {

namespace {

// --- positions -----------------------------------------------------------------

/// Byte offsets to line:column (columns in code points, as everywhere).
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') starts_.push_back(i + 1);
        }
    }

    /// The column is counted from the last answer on the same line, not
    /// from the line's start: the parser asks near where it last asked
    /// (an entry's end, then its start), so a file on one long line stays
    /// linear.
    [[nodiscard]] SourcePosition at(std::size_t offset) const {
        const auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
        const std::size_t start = *line;
        const std::size_t next_start = line + 1 == starts_.end() ? text_.size() + 1 : *(line + 1);
        if (last_offset_ < start || last_offset_ >= next_start) {  // not on this line
            last_offset_ = start;
            last_column_ = 1;
        }
        if (offset >= last_offset_) {
            last_column_ += utf8::length(text_.substr(last_offset_, offset - last_offset_));
        } else {
            last_column_ -= utf8::length(text_.substr(offset, last_offset_ - offset));
        }
        last_offset_ = offset;
        return {static_cast<std::uint32_t>(line - starts_.begin() + 1),
                static_cast<std::uint32_t>(last_column_)};
    }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
    mutable std::size_t last_offset_ = 0;
    mutable std::size_t last_column_ = 1;
};

/// What BibTeX allows in an entry type, key, field name or macro name.
bool is_name_character(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && std::string_view{"\"#%'(),={}"}.find(c) == std::string_view::npos;
}

/// An error that ends the entry being read.
struct SyntaxError {
    enum class Kind {
        syntax,
        too_long,            ///< a value past limits::max_bibtex_value_bytes
        uses_left_out_macro  ///< a value that uses a macro left out as too long
    };
    std::size_t offset;
    std::string message;  ///< empty: said already, where its cause is
    Kind kind = Kind::syntax;
    std::uint32_t left_out_line = 0;  ///< uses_left_out_macro: the line of the value too long
};

class Parser {
public:
    Parser(std::string_view text, std::shared_ptr<const std::string> path, Diagnostics& diagnostics)
        : text_(text), index_(text), path_(std::move(path)), diagnostics_(diagnostics) {
        for (const char* month :
             {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}) {
            static const std::map<std::string, std::string> names = {
                {"jan", "January"},   {"feb", "February"}, {"mar", "March"},    {"apr", "April"},
                {"may", "May"},       {"jun", "June"},     {"jul", "July"},     {"aug", "August"},
                {"sep", "September"}, {"oct", "October"},  {"nov", "November"}, {"dec", "December"}};
            macros_[month] = names.at(month);
        }
    }

    std::vector<Entry> parse() {
        skip_front_matter();
        while (true) {
            const std::size_t at = text_.find('@', offset_);
            if (at == std::string_view::npos) break;
            offset_ = at + 1;
            try {
                read_item(at);
            } catch (const SyntaxError& error) {
                if (!error.message.empty()) diagnostics_.error(region(error.offset), error.message);
                if (expanded_bytes_ > limits::max_bibtex_expansion_bytes) break;  // said once
                recover();
            }
        }
        return std::move(entries_);
    }

private:
    [[nodiscard]] SourceRegion region(std::size_t begin, std::size_t end = std::string_view::npos) const {
        const SourcePosition from = index_.at(std::min(begin, text_.size()));
        const SourcePosition to =
            end == std::string_view::npos ? from : index_.at(std::min(end, text_.size()));
        return SourceRegion{path_, from, to};
    }

    /// A Jekyll or Hugo front matter block (`---` … `---`) before the
    /// entries: its text may hold '@'.
    void skip_front_matter() {
        if (!text_.starts_with("---")) return;
        const std::size_t end = text_.find("\n---", 3);
        if (end == std::string_view::npos) return;
        const std::size_t line_end = text_.find('\n', end + 4);
        offset_ = line_end == std::string_view::npos ? text_.size() : line_end + 1;
    }

    /// After an error: on at the next '@' that starts a line.
    void recover() {
        for (std::size_t at = text_.find('@', offset_); at != std::string_view::npos;
             at = text_.find('@', at + 1)) {
            std::size_t before = at;
            while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t')) --before;
            if (before == 0 || text_[before - 1] == '\n') {
                offset_ = at;
                return;
            }
        }
        offset_ = text_.size();
    }

    void skip_space() {
        while (offset_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[offset_])) != 0)
            ++offset_;
    }

    std::string name() {
        const std::size_t start = offset_;
        while (offset_ < text_.size() && is_name_character(text_[offset_])) ++offset_;
        return std::string{text_.substr(start, offset_ - start)};
    }

    void expect(char wanted, std::string_view what) {
        skip_space();
        if (offset_ >= text_.size() || text_[offset_] != wanted) {
            throw SyntaxError{offset_, offset_ >= text_.size()
                                           ? fmt::format("expected {} before the end of the file", what)
                                           : fmt::format("expected {}, found '{}'", what, text_[offset_])};
        }
        ++offset_;
    }

    /// `@type{…}` or `@type(…)`; text after an '@' that is not followed by
    /// a type and an opening is a comment, as BibTeX reads it.
    void read_item(std::size_t at) {
        const std::string type = ascii_lowercase(name());
        skip_space();
        if (type.empty() || offset_ >= text_.size() || (text_[offset_] != '{' && text_[offset_] != '('))
            return;
        const char close = text_[offset_] == '{' ? '}' : ')';
        if (type == "comment" || type == "preamble") {
            skip_balanced(at);
            return;
        }
        ++offset_;
        if (type == "string") {
            skip_space();
            const std::size_t name_at = offset_;
            const std::string macro = ascii_lowercase(name());
            if (macro.empty()) throw SyntaxError{name_at, "expected a macro name after @string"};
            expect('=', "'='");
            try {
                std::string value = read_value();
                expect(close, close == '}' ? "'}'" : "')'");
                macros_[macro] = std::move(value);
            } catch (SyntaxError& error) {
                // Left out as too long, and so is every macro built on it,
                // without an error each: a doubling chain is one error.
                if (error.kind != SyntaxError::Kind::syntax) {
                    left_out_macros_.try_emplace(macro, error.kind == SyntaxError::Kind::too_long
                                                            ? region(error.offset).begin.line
                                                            : error.left_out_line);
                    if (error.kind == SyntaxError::Kind::uses_left_out_macro) error.message.clear();
                }
                throw;
            }
            return;
        }
        read_entry(at, type, close);
    }

    /// @comment and @preamble: skipped, braces and all.
    void skip_balanced(std::size_t at) {
        const char open = text_[offset_];
        const char close = open == '{' ? '}' : ')';
        int depth = 0;
        for (; offset_ < text_.size(); ++offset_) {
            if (text_[offset_] == open) ++depth;
            if (text_[offset_] == close && --depth == 0) {
                ++offset_;
                return;
            }
        }
        throw SyntaxError{at, fmt::format("unclosed @{} block", open == '{' ? '{' : '(')};
    }

    void read_entry(std::size_t at, const std::string& type, char close) {
        Entry entry;
        entry.type = type;
        skip_space();
        const std::size_t key_at = offset_;
        entry.key = name();
        if (entry.key.empty())
            throw SyntaxError{key_at, fmt::format("expected the entry's key after @{}{{", type)};
        skip_space();
        std::set<std::string, std::less<>> names_seen;
        while (true) {
            skip_space();
            if (offset_ < text_.size() && text_[offset_] == close) {
                ++offset_;
                report_fields_after_close(entry.key);
                break;
            }
            if (offset_ < text_.size() && text_[offset_] == ',') {  // stray and trailing commas
                ++offset_;
                continue;
            }
            if (offset_ >= text_.size())
                throw SyntaxError{at, fmt::format("entry '{}' is not closed", entry.key)};
            if (text_[offset_] == '@' && starts_entry(offset_)) {
                // Most often a value's brace closed the entry's: recover at
                // the next entry rather than read it as fields.
                throw SyntaxError{at,
                                  fmt::format("entry '{}' is not closed before the next entry", entry.key)};
            }
            const std::size_t field_at = offset_;
            const std::string field_name = ascii_lowercase(name());
            if (field_name.empty()) {
                throw SyntaxError{offset_, fmt::format("expected a field name in entry '{}', found '{}'",
                                                       entry.key, text_[offset_])};
            }
            expect('=', fmt::format("'=' after '{}'", field_name));
            skip_space();
            const std::size_t value_at = offset_;
            std::string value = read_value();
            if (!names_seen.insert(field_name).second) {
                diagnostics_.warning(
                    region(field_at),
                    fmt::format("field '{}' twice in entry '{}'; the first is kept", field_name, entry.key));
                continue;
            }
            entry.fields.push_back({field_name, std::move(value), region(value_at, offset_)});
        }
        entry.where = region(at, offset_);
        if (const auto seen = keys_.find(entry.key); seen != keys_.end()) {
            diagnostics_.warning(entry.where,
                                 fmt::format("duplicate key '{}' (first at line {}); this entry is left out",
                                             entry.key, seen->second));
            return;
        }
        keys_[entry.key] = entry.where.begin.line;
        entries_.push_back(std::move(entry));
    }

    /// Fields after the entry's end (`title = {A}},` closes the entry
    /// with a '}' too many; BibTeX reads the rest as a comment): an error
    /// naming them, and read past so that an '@' in them starts nothing.
    void report_fields_after_close(const std::string& key) {
        const std::size_t closed_at = offset_ - 1;
        std::size_t first_field_at = 0;
        std::vector<std::string> dropped;
        while (true) {
            const std::size_t resume_at = offset_;
            skip_space();
            while (offset_ < text_.size() && text_[offset_] == ',') {
                ++offset_;
                skip_space();
            }
            const std::size_t field_at = offset_;
            const std::string field = ascii_lowercase(name());
            skip_space();
            if (field.empty() || offset_ >= text_.size() || text_[offset_] != '=') {
                offset_ = resume_at;
                break;
            }
            ++offset_;
            if (dropped.empty()) first_field_at = field_at;
            dropped.push_back(field);
            try {
                (void)read_value();
            } catch (const SyntaxError&) {
                offset_ = resume_at;
                break;
            }
        }
        if (dropped.empty()) return;
        const SourcePosition closed = index_.at(closed_at);
        diagnostics_.error(region(first_field_at),
                           fmt::format("entry '{}' ended at line {}:{}, before its fields {}", key,
                                       closed.line, closed.column, fmt::join(dropped, ", ")),
                           "a '}' too many closes the entry early; those fields are left out");
    }

    /// Whether `@type{` or `@type(` begins at `offset`, after spaces.
    [[nodiscard]] bool starts_entry(std::size_t offset) const {
        while (offset < text_.size() && (text_[offset] == ' ' || text_[offset] == '\t')) ++offset;
        if (offset >= text_.size() || text_[offset] != '@') return false;
        ++offset;
        const std::size_t type_start = offset;
        while (offset < text_.size() && std::isalpha(static_cast<unsigned char>(text_[offset])) != 0)
            ++offset;
        while (offset < text_.size() && (text_[offset] == ' ' || text_[offset] == '\t')) ++offset;
        return offset > type_start && offset < text_.size() && (text_[offset] == '{' || text_[offset] == '(');
    }

    /// Pieces joined by '#': {braced}, "quoted", numbers and macros.
    std::string read_value() {
        std::string value;
        while (true) {
            skip_space();
            if (offset_ >= text_.size())
                throw SyntaxError{offset_, "expected a value before the end of the file"};
            const char c = text_[offset_];
            const std::size_t piece_at = offset_;
            if (c == '{') {
                value += read_delimited('}');
            } else if (c == '"') {
                value += read_delimited('"');
            } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
                const std::size_t start = offset_;
                while (offset_ < text_.size() &&
                       std::isdigit(static_cast<unsigned char>(text_[offset_])) != 0)
                    ++offset_;
                value += text_.substr(start, offset_ - start);
            } else if (is_name_character(c)) {
                const std::size_t start = offset_;
                const std::string macro = ascii_lowercase(name());
                if (const auto left_out = left_out_macros_.find(macro); left_out != left_out_macros_.end()) {
                    throw SyntaxError{
                        start,
                        fmt::format(
                            "@string macro '{}' is left out: it expands to more than {} KiB (line {})", macro,
                            limits::max_bibtex_value_bytes >> 10, left_out->second),
                        SyntaxError::Kind::uses_left_out_macro, left_out->second};
                }
                const auto found = macros_.find(macro);
                if (found == macros_.end()) {
                    throw SyntaxError{start, fmt::format("undefined @string macro '{}'", macro)};
                }
                expanded_bytes_ += found->second.size();
                if (expanded_bytes_ > limits::max_bibtex_expansion_bytes) {
                    throw SyntaxError{
                        start, fmt::format("@string macros expand to more than {} MiB in this file; the "
                                           "rest of it is not read",
                                           limits::max_bibtex_expansion_bytes >> 20)};
                }
                if (value.size() + found->second.size() > limits::max_bibtex_value_bytes) {
                    throw SyntaxError{piece_at, value_too_long(), SyntaxError::Kind::too_long};
                }
                value += found->second;
            } else {
                throw SyntaxError{offset_, fmt::format("expected a value, found '{}'", c)};
            }
            if (value.size() > limits::max_bibtex_value_bytes)
                throw SyntaxError{piece_at, value_too_long(), SyntaxError::Kind::too_long};
            skip_space();
            if (offset_ < text_.size() && text_[offset_] == '#') {
                ++offset_;
                continue;
            }
            return value;
        }
    }

    static std::string value_too_long() {
        return fmt::format("value longer than {} KiB, macros expanded", limits::max_bibtex_value_bytes >> 10);
    }

    /// The text between `open` and its `close`, braces inside kept.
    std::string read_delimited(char close) {
        const std::size_t start = offset_;
        ++offset_;
        int depth = 0;
        for (; offset_ < text_.size(); ++offset_) {
            const char c = text_[offset_];
            if (c == '\\' && offset_ + 1 < text_.size()) {
                ++offset_;
                continue;
            }
            // An entry starting on a line of its own: this value was never
            // closed, and the entry after it must not be swallowed.
            if (c == '\n' && starts_entry(offset_ + 1)) throw SyntaxError{start, value_not_closed(close)};
            if (c == '{' && ++depth >= limits::max_nesting_depth) {
                throw SyntaxError{offset_, fmt::format("braces nested deeper than {} in a value",
                                                       limits::max_nesting_depth)};
            }
            if (c == '}') {
                if (depth == 0 && close == '}') break;
                if (--depth < 0) throw SyntaxError{offset_, "unbalanced '}' in a value"};
                continue;
            }
            if (c == close && depth == 0) break;
        }
        if (offset_ >= text_.size()) throw SyntaxError{start, value_not_closed(close)};
        ++offset_;
        return std::string{text_.substr(start + 1, offset_ - start - 2)};
    }

    static std::string value_not_closed(char close) {
        return fmt::format("value not closed: no matching '{}'", close);
    }

    std::string_view text_;
    LineIndex index_;
    std::shared_ptr<const std::string> path_;
    Diagnostics& diagnostics_;
    std::size_t offset_ = 0;
    std::map<std::string, std::string> macros_;
    std::map<std::string, std::uint32_t> keys_;  ///< key → line
    std::vector<Entry> entries_;
    std::map<std::string, std::uint32_t> left_out_macros_;  ///< too long: macro → line of the error
    std::size_t expanded_bytes_ = 0;  ///< copied out of @string macros, against the file's budget
};

// --- LaTeX --------------------------------------------------------------------

/// Accent commands and the combining mark each puts on its letter.
const std::map<char, char32_t>& accents() {
    static const std::map<char, char32_t> marks = {
        {'`', 0x0300}, {'\'', 0x0301}, {'^', 0x0302}, {'~', 0x0303}, {'=', 0x0304},
        {'u', 0x0306}, {'.', 0x0307},  {'"', 0x0308}, {'r', 0x030A}, {'H', 0x030B},
        {'v', 0x030C}, {'d', 0x0323},  {'c', 0x0327}, {'k', 0x0328}, {'b', 0x0331}};
    return marks;
}

/// Letters written as commands.
const std::map<std::string, std::string>& letter_commands() {
    static const std::map<std::string, std::string> letters = {{"i", "\u0131"},
                                                               {"j", "\u0237"},
                                                               {"ss", "\u00DF"},
                                                               {"o", "\u00F8"},
                                                               {"O", "\u00D8"},
                                                               {"l", "\u0142"},
                                                               {"L", "\u0141"},
                                                               {"ae", "\u00E6"},
                                                               {"AE", "\u00C6"},
                                                               {"oe", "\u0153"},
                                                               {"OE", "\u0152"},
                                                               {"aa", "\u00E5"},
                                                               {"AA", "\u00C5"},
                                                               {"dh", "\u00F0"},
                                                               {"DH", "\u00D0"},
                                                               {"th", "\u00FE"},
                                                               {"TH", "\u00DE"},
                                                               {"ng", "\u014B"},
                                                               {"NG", "\u014A"},
                                                               {"textendash", "\u2013"},
                                                               {"textemdash", "\u2014"},
                                                               {"textquoteleft", "\u2018"},
                                                               {"textquoteright", "\u2019"},
                                                               {"textquotedblleft", "\u201C"},
                                                               {"textquotedblright", "\u201D"},
                                                               {"ldots", "\u2026"},
                                                               {"dots", "\u2026"},
                                                               {"textbullet", "\u2022"},
                                                               {"copyright", "\u00A9"},
                                                               {"S", "\u00A7"},
                                                               {"P", "\u00B6"},
                                                               {"pounds", "\u00A3"},
                                                               {"euro", "\u20AC"},
                                                               {"texteuro", "\u20AC"},
                                                               {"LaTeX", "LaTeX"},
                                                               {"TeX", "TeX"},
                                                               {"BibTeX", "BibTeX"},
                                                               {"slash", "/"},
                                                               {"textbackslash", "\\"},
                                                               {"textasciitilde", "~"},
                                                               {"textunderscore", "_"}};
    return letters;
}

/// Commands whose argument is printed as it is (styling).
bool keeps_argument(std::string_view command) {
    static const std::vector<std::string_view> kept = {
        "textbf", "textit", "emph",   "textsc", "texttt",     "textrm",   "textsf",
        "textsl", "textup", "textmd", "mbox",   "text",       "url",      "mathrm",
        "mathit", "mathbf", "bf",     "it",     "em",         "sc",       "tt",
        "rm",     "sf",     "sl",     "small",  "normalfont", "noopsort", "NoCaseChange"};
    return std::find(kept.begin(), kept.end(), command) != kept.end();
}

/// NFC composition for the accents above on the letters they go on: the
/// precomposed character when Unicode has one (it nearly always does for
/// Latin), else letter + combining mark.
std::string accented(char32_t base, char32_t mark) {
    struct Composed {
        char32_t base;
        char32_t mark;
        char32_t composed;
    };
    static const std::vector<Composed> table = [] {
        std::vector<Composed> rows;
        // Latin-1 and Latin Extended-A, generated by hand from Unicode's
        // decompositions: (base, mark) → precomposed.
        const auto add = [&](std::u32string_view bases, char32_t accent, std::u32string_view composed) {
            for (std::size_t i = 0; i < bases.size() && i < composed.size(); ++i) {
                rows.push_back({bases[i], accent, composed[i]});
            }
        };
        add(U"AEIOUaeiou", 0x0300, U"ÀÈÌÒÙàèìòù");
        add(U"AEIOUYaeiouyCcGgLlNnRrSsZz", 0x0301, U"ÁÉÍÓÚÝáéíóúýĆćǴǵĹĺŃńŔŕŚśŹź");
        add(U"AEIOUaeiouCcGgHhJjSsWwYy", 0x0302, U"ÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷ");
        add(U"ANOanoIiUu", 0x0303, U"ÃÑÕãñõĨĩŨũ");
        add(U"AaEeIiOoUu", 0x0304, U"ĀāĒēĪīŌōŪū");
        add(U"AaEeGgIiOoUu", 0x0306, U"ĂăĔĕĞğĬĭŎŏŬŭ");
        add(U"CcEeGgIZz", 0x0307, U"ĊċĖėĠġİŻż");
        add(U"AEIOUaeiouyY", 0x0308, U"ÄËÏÖÜäëïöüÿŸ");
        add(U"AaUu", 0x030A, U"ÅåŮů");
        add(U"OoUu", 0x030B, U"ŐőŰű");
        add(U"CcDdEeNnRrSsTtZz", 0x030C, U"ČčĎďĚěŇňŘřŠšŤťŽž");
        add(U"CcGgKkLlNnRrSsTt", 0x0327, U"ÇçĢģĶķĻļŅņŖŗŞşŢţ");
        add(U"AaEeIiUu", 0x0328, U"ĄąĘęĮįŲų");
        add(U"\u0131", 0x0301, U"í");
        add(U"\u0131", 0x0300, U"ì");
        add(U"\u0131", 0x0302, U"î");
        add(U"\u0131", 0x0308, U"ï");
        return rows;
    }();
    std::string out;
    for (const Composed& row : table) {
        if (row.base == base && row.mark == mark) {
            utf8::append(out, row.composed);
            return out;
        }
    }
    utf8::append(out, base == 0x0131 ? U'i' : base);
    utf8::append(out, mark);
    return out;
}

class LatexDecoder {
public:
    LatexDecoder(std::string_view text, const SourceRegion& where, Diagnostics& diagnostics)
        : text_(text), where_(where), diagnostics_(diagnostics) {}

    std::string decode() {
        std::string out;
        while (offset_ < text_.size()) out += next();
        if (too_deep_) {
            diagnostics_.error(where_,
                               fmt::format("LaTeX nested deeper than {} groups and accents in a BibTeX value",
                                           limits::max_nesting_depth));
            return {};
        }
        // Whitespace runs (a value over several lines) are one space.
        std::string collapsed;
        for (const char c : out) {
            const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
            collapsed += space ? ' ' : c;
        }
        while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
        return collapsed;
    }

private:
    /// Counts the pieces being read inside each other (groups, accents on
    /// accents): past the limit the value is given up, not the stack.
    class Nested {
    public:
        explicit Nested(LatexDecoder& decoder) : decoder_(decoder) {
            if (++decoder_.depth_ > limits::max_nesting_depth) {
                decoder_.too_deep_ = true;
                decoder_.offset_ = decoder_.text_.size();
            }
        }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;
        ~Nested() { --decoder_.depth_; }
        [[nodiscard]] bool too_deep() const { return decoder_.too_deep_; }

    private:
        LatexDecoder& decoder_;
    };

    /// One printed piece: a character, a group, a command's output.
    std::string next() {
        const Nested nested{*this};
        if (nested.too_deep()) return {};
        const char c = text_[offset_];
        if (c == '{') {
            ++offset_;
            std::string group;
            while (offset_ < text_.size() && text_[offset_] != '}') group += next();
            if (offset_ < text_.size()) ++offset_;
            return group;
        }
        if (c == '}') {  // unbalanced; the parser has said so
            ++offset_;
            return {};
        }
        if (c == '\\') return command();
        if (c == '~') {
            ++offset_;
            return "\u00A0";
        }
        if (c == '$') {  // math: its source as it is, without the dollars
            const std::size_t end = text_.find('$', offset_ + 1);
            const std::size_t stop = end == std::string_view::npos ? text_.size() : end;
            std::string math{text_.substr(offset_ + 1, stop - offset_ - 1)};
            offset_ = end == std::string_view::npos ? text_.size() : end + 1;
            return math;
        }
        for (const auto& [ascii, printed] :
             std::initializer_list<std::pair<std::string_view, std::string_view>>{
                 {"---", "\u2014"}, {"--", "\u2013"}, {"``", "\u201C"}, {"''", "\u201D"}}) {
            if (text_.substr(offset_).starts_with(ascii)) {
                offset_ += ascii.size();
                return std::string{printed};
            }
        }
        const std::size_t start = offset_;
        (void)utf8::next(text_, offset_);
        return std::string{text_.substr(start, offset_ - start)};
    }

    /// The argument of an accent: a letter, \i, or a group holding one.
    char32_t accent_base() {
        const Nested nested{*this};
        if (nested.too_deep()) return U' ';
        while (offset_ < text_.size() && text_[offset_] == ' ') ++offset_;
        if (offset_ >= text_.size()) return U' ';
        if (text_[offset_] == '{') {
            ++offset_;
            std::string inner;
            while (offset_ < text_.size() && text_[offset_] != '}') inner += next();
            if (offset_ < text_.size()) ++offset_;
            std::size_t at = 0;
            return inner.empty() ? U' ' : utf8::next(inner, at);
        }
        if (text_[offset_] == '\\') {
            const std::string letter = command();
            std::size_t at = 0;
            return letter.empty() ? U' ' : utf8::next(letter, at);
        }
        return utf8::next(text_, offset_);
    }

    std::string command() {
        ++offset_;  // the backslash
        if (offset_ >= text_.size()) return "\\";
        const char first = text_[offset_];
        // Control symbols: accents, escaped specials.
        if (std::isalpha(static_cast<unsigned char>(first)) == 0) {
            ++offset_;
            if (const auto mark = accents().find(first); mark != accents().end()) {
                return accented(accent_base(), mark->second);
            }
            if (std::string_view{"&%$#_{}"}.find(first) != std::string_view::npos)
                return std::string(1, first);
            if (first == ' ' || first == ',' || first == ';' || first == '/' || first == '-') {
                return first == ' ' ? " " : (first == ',' ? "\u2009" : "");
            }
            if (first == '\\') return " ";
            return std::string(1, first);
        }
        const std::size_t name_start = offset_;
        while (offset_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[offset_])) != 0)
            ++offset_;
        const std::string name{text_.substr(name_start, offset_ - name_start)};
        // A control word eats the spaces after it.
        while (offset_ < text_.size() && text_[offset_] == ' ') ++offset_;
        if (name.size() == 1) {
            if (const auto mark = accents().find(name[0]); mark != accents().end()) {
                return accented(accent_base(), mark->second);
            }
        }
        if (const auto letter = letter_commands().find(name); letter != letter_commands().end()) {
            // {\o}, \o{}: an empty group after a letter command prints nothing.
            if (text_.substr(offset_).starts_with("{}")) offset_ += 2;
            return letter->second;
        }
        if (keeps_argument(name)) return {};  // the group that follows is printed
        diagnostics_.warning(where_, fmt::format("unknown LaTeX command '\\{}' in a BibTeX value", name),
                             "its argument, if any, is kept as text");
        return {};
    }

    std::string_view text_;
    const SourceRegion& where_;
    Diagnostics& diagnostics_;
    std::size_t offset_ = 0;
    int depth_ = 0;
    bool too_deep_ = false;
};

/// Splits at `separator` (a whole word, any case) outside braces.
std::vector<std::string> split_outside_braces(std::string_view text, std::string_view separator) {
    std::vector<std::string> parts;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') ++depth;
        if (text[i] == '}') --depth;
        if (depth != 0) continue;
        const bool at_word = (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) != 0) &&
                             i + separator.size() <= text.size() &&
                             ascii_lowercase(text.substr(i, separator.size())) == separator &&
                             (i + separator.size() == text.size() ||
                              std::isspace(static_cast<unsigned char>(text[i + separator.size()])) != 0);
        if (at_word) {
            parts.emplace_back(text.substr(start, i - start));
            start = i + separator.size();
            i = start - 1;
        }
    }
    parts.emplace_back(text.substr(start));
    return parts;
}

std::string trimmed(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    return std::string{text.substr(begin, end - begin + 1)};
}

/// "Last, First" and "Last, Jr, First" in the order they are printed.
std::string printed_order(std::string_view name) {
    std::vector<std::string> parts;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '{') ++depth;
        if (name[i] == '}') --depth;
        if (depth == 0 && name[i] == ',') {
            parts.push_back(trimmed(name.substr(start, i - start)));
            start = i + 1;
        }
    }
    parts.push_back(trimmed(name.substr(start)));
    std::erase(parts, std::string{});  // stray commas
    if (parts.size() == 2) return fmt::format("{} {}", parts[1], parts[0]);
    if (parts.size() >= 3) return fmt::format("{} {}, {}", parts[2], parts[0], parts[1]);
    return parts.empty() ? std::string{} : parts[0];
}

std::optional<int> year_of(std::string_view text) {
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        if (std::all_of(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(i) + 4,
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
            return std::stoi(std::string{text.substr(i, 4)});
        }
    }
    return std::nullopt;
}

/// "March", "mar", "Mar." (the month macros expand to full names) or "3".
std::optional<int> month_of(std::string_view text) {
    const std::string month = ascii_lowercase(trimmed(text));
    int number = 0;
    const auto [end, error] = std::from_chars(month.data(), month.data() + month.size(), number);
    if (error == std::errc{} && end == month.data() + month.size())
        return number >= 1 && number <= 12 ? std::optional<int>{number} : std::nullopt;
    static constexpr std::array<std::string_view, 12> names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    if (month.size() < 3) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (month.starts_with(names[i])) return static_cast<int>(i) + 1;
    }
    return std::nullopt;
}

/// The month of a biblatex date "2024-03" or "2024-03-15".
std::optional<int> month_of_date(std::string_view date) {
    const std::size_t dash = date.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const std::size_t next = date.find_first_of("-/", dash + 1);
    return month_of(date.substr(dash + 1, next == std::string_view::npos ? next : next - dash - 1));
}

cv::RichText rich(std::string text, const SourceRegion& where) {
    cv::RichText rich_text;
    rich_text.where = where;
    if (!text.empty()) rich_text.spans.push_back(cv::Span{std::move(text), false, false, {}, where.begin});
    return rich_text;
}

}  // namespace

const Field* Entry::field(std::string_view name) const {
    const auto found =
        std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
    return found == fields.end() ? nullptr : &*found;
}

std::vector<Entry> parse(std::string_view text, const std::shared_ptr<const std::string>& path,
                         Diagnostics& diagnostics) {
    return Parser{text, path, diagnostics}.parse();
}

std::string decode_latex(std::string_view value, const SourceRegion& where, Diagnostics& diagnostics) {
    return LatexDecoder{value, where, diagnostics}.decode();
}

std::vector<std::string> names(std::string_view list) {
    std::vector<std::string> result;
    for (const std::string& part : split_outside_braces(list, "and")) {
        const std::string name = trimmed(part);
        if (name.empty()) continue;
        result.push_back(ascii_lowercase(name) == "others" ? "et al." : printed_order(name));
    }
    return result;
}

bool is_shown_field(std::string_view name) {
    static const std::vector<std::string_view> shown = {
        "title",        "author",   "editor",   "journal", "booktitle", "school", "institution", "publisher",
        "howpublished", "year",     "date",     "doi",     "url",       "pdf",    "code",        "note",
        "award",        "selected", "keywords", "month",   "volume",    "number", "pages",       "abbr"};
    return std::find(shown.begin(), shown.end(), name) != shown.end();
}

/// abbr, month, volume, number and pages: the style decides which show.
static void read_details(const Entry& entry, cv::Publication& publication, Diagnostics& diagnostics) {
    const auto decoded = [&](std::string_view name) {
        const Field* field = entry.field(name);
        return field == nullptr ? std::string{}
                                : trimmed(decode_latex(field->value, field->where, diagnostics));
    };
    publication.abbr = decoded("abbr");
    publication.volume = decoded("volume");
    publication.issue = decoded("number");
    publication.pages = decoded("pages");
    if (const Field* month = entry.field("month")) {
        publication.month = month_of(month->value);
        if (!publication.month) {
            diagnostics.warning(month->where,
                                fmt::format("month '{}' of entry '{}' is no month; it is not shown",
                                            month->value, entry.key));
        }
    } else if (const Field* date = entry.field("date"); date != nullptr && !entry.field("year")) {
        publication.month = month_of_date(date->value);
    }
    if (!publication.year) publication.month.reset();  // a month alone dates nothing
}

cv::Publication to_publication(const Entry& entry, Diagnostics& diagnostics) {
    cv::Publication publication;
    publication.where = entry.where;
    const auto text = [&](std::string_view name) -> std::optional<std::string> {
        const Field* field = entry.field(name);
        if (field == nullptr) return std::nullopt;
        std::string decoded = decode_latex(field->value, field->where, diagnostics);
        if (decoded.empty()) return std::nullopt;  // an empty field says nothing
        return decoded;
    };
    if (auto title = text("title")) {
        publication.title = rich(std::move(*title), entry.field("title")->where);
    } else {
        diagnostics.error(entry.where, fmt::format("entry '{}' has no title", entry.key));
    }
    for (const char* role : {"author", "editor"}) {
        const Field* field = entry.field(role);
        if (field == nullptr) continue;
        for (const std::string& name : names(field->value)) {
            std::string decoded = decode_latex(name, field->where, diagnostics);
            if (!decoded.empty()) publication.authors.push_back(rich(std::move(decoded), field->where));
        }
        break;  // the editors stand in for missing authors only
    }
    for (const char* venue : {"journal", "booktitle", "school", "institution", "publisher", "howpublished"}) {
        if (auto value = text(venue)) {
            publication.venue = rich(std::move(*value), entry.field(venue)->where);
            break;
        }
    }
    if (const Field* year = entry.field("year")) {
        publication.year = year_of(year->value);
        if (!publication.year) {
            diagnostics.warning(year->where, fmt::format("year '{}' of entry '{}' has no year in it",
                                                         year->value, entry.key));
        }
    } else if (const Field* date = entry.field("date")) {  // biblatex
        publication.year = year_of(date->value);
    }
    read_details(entry, publication, diagnostics);
    if (auto note = text("note")) publication.note = rich(std::move(*note), entry.field("note")->where);
    if (auto award = text("award")) publication.award = rich(std::move(*award), entry.field("award")->where);
    const auto raw = [&](std::string_view name) {
        const Field* field = entry.field(name);
        return field == nullptr ? std::string{} : trimmed(field->value);
    };
    // Links obey the rules of a CV's own links (scheme, length).
    const auto link = [&](std::string_view name) {
        std::string target = raw(name);
        if (!target.empty() && !check_link_target(target, entry.field(name)->where, diagnostics))
            target.clear();
        return target;
    };
    publication.doi = link("doi");
    publication.url = link("url");
    publication.pdf = link("pdf");
    publication.code = link("code");
    const std::string selected = ascii_lowercase(raw("selected"));
    publication.selected = selected == "true" || selected == "yes" || selected == "1";
    return publication;
}

}  // namespace vitae::bibtex
