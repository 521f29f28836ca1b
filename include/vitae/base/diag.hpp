#pragma once
// Diagnostics are collected, never thrown: a run reports every problem it
// finds, each on one line as `file:line:col: severity: message`.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/source.hpp"

namespace vitae {

enum class Severity { error, warning, note };

[[nodiscard]] const char* to_string(Severity severity);

struct Diagnostic {
    Severity severity = Severity::error;
    SourceRegion where;
    std::string message;
    /// A suggestion such as "did you mean 'title'?"; printed after the message.
    std::string hint;
};

/// `text` safe to print on a terminal or in a CI log, one line: control
/// characters (C0 but space, DEL, C1), line and paragraph separators
/// (U+2028, U+2029), bidirectional overrides and invalid UTF-8 bytes are
/// shown as escapes (`\n`, `\x1B`, `\u2028`), so that text from an input
/// can neither start a new line (forging a diagnostic or a CI command such
/// as `::warning::`) nor send the terminal a command (retitle, clear).
[[nodiscard]] std::string printable(std::string_view text);

/// `file:line:col: error: message (hint)` — one line, no trailing newline;
/// the file name, message and hint are printable().
[[nodiscard]] std::string format(const Diagnostic& diagnostic);

class Diagnostics {
public:
    void error(const SourceRegion& where, std::string message, std::string hint = {});
    void warning(const SourceRegion& where, std::string message, std::string hint = {});
    void note(const SourceRegion& where, std::string message, std::string hint = {});
    void add(Diagnostic diagnostic);
    void append(const Diagnostics& other);

    [[nodiscard]] bool has_errors() const { return error_count_ > 0; }
    [[nodiscard]] std::size_t error_count() const { return error_count_; }
    [[nodiscard]] std::size_t warning_count() const { return warning_count_; }
    [[nodiscard]] bool empty() const { return items_.empty(); }
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }

    /// Orders by file, then position, keeping the order of equal positions:
    /// the loader visits TOML tables in key order, readers expect file order.
    void sort_by_position();
    void print(std::ostream& out) const;

private:
    std::vector<Diagnostic> items_;
    std::size_t error_count_ = 0;
    std::size_t warning_count_ = 0;
};

}  // namespace vitae
