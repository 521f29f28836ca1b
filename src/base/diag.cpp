#include "vitae/base/diag.hpp"

#include <algorithm>
#include <iterator>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "vitae/base/utf8.hpp"

namespace vitae {

const std::string& SourceRegion::file() const {
    static const std::string no_file;
    return path ? *path : no_file;
}

std::string SourceRegion::to_string() const {
    if (begin.line == 0) return file();
    return fmt::format("{}:{}:{}", file(), begin.line, begin.column);
}

SourceRegion SourceRegion::at(SourcePosition position) const {
    return SourceRegion{path, position, position};
}

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

namespace {

/// Bytes in the UTF-8 sequence `lead` starts; 0 if no sequence starts so.
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

/// Code points above ASCII that move the cursor or reorder what follows.
bool is_unprintable(char32_t code_point) {
    const bool bidi_embedding = code_point >= 0x202A && code_point <= 0x202E;
    const bool bidi_isolate = code_point >= 0x2066 && code_point <= 0x2069;
    return utf8::is_control(code_point) || bidi_embedding || bidi_isolate;
}

}  // namespace

std::string printable(std::string_view text) {
    constexpr unsigned char first_printable = 0x20;
    constexpr unsigned char delete_character = 0x7F;
    std::string out;
    out.reserve(text.size());
    for (std::size_t offset = 0; offset < text.size();) {
        const auto byte = static_cast<unsigned char>(text[offset]);
        if (byte < first_printable || byte == delete_character) {
            switch (byte) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: fmt::format_to(std::back_inserter(out), "\\x{:02X}", byte);
            }
            ++offset;
            continue;
        }
        if (byte < delete_character) {
            out += text[offset++];
            continue;
        }
        const std::size_t length = sequence_length(byte);
        if (length == 0 || utf8::find_invalid(text.substr(offset, length)) != std::string_view::npos) {
            fmt::format_to(std::back_inserter(out), "\\x{:02X}", byte);
            ++offset;
            continue;
        }
        const std::size_t start = offset;
        const char32_t code_point = utf8::next(text, offset);
        if (is_unprintable(code_point)) {
            fmt::format_to(std::back_inserter(out), "\\u{:04X}", static_cast<unsigned>(code_point));
        } else {
            out.append(text.substr(start, offset - start));
        }
    }
    return out;
}

std::string format(const Diagnostic& diagnostic) {
    std::string line;
    auto to = std::back_inserter(line);
    const std::string where = diagnostic.where.to_string();
    if (!where.empty()) fmt::format_to(to, "{}: ", printable(where));
    fmt::format_to(to, "{}: {}", to_string(diagnostic.severity), printable(diagnostic.message));
    if (!diagnostic.hint.empty()) fmt::format_to(to, " ({})", printable(diagnostic.hint));
    return line;
}

void Diagnostics::error(const SourceRegion& where, std::string message, std::string hint) {
    add({Severity::error, where, std::move(message), std::move(hint)});
}

void Diagnostics::warning(const SourceRegion& where, std::string message, std::string hint) {
    add({Severity::warning, where, std::move(message), std::move(hint)});
}

void Diagnostics::note(const SourceRegion& where, std::string message, std::string hint) {
    add({Severity::note, where, std::move(message), std::move(hint)});
}

void Diagnostics::add(Diagnostic diagnostic) {
    if (diagnostic.severity == Severity::error) ++error_count_;
    if (diagnostic.severity == Severity::warning) ++warning_count_;
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Diagnostics& other) {
    for (const Diagnostic& diagnostic : other.items()) add(diagnostic);
}

void Diagnostics::sort_by_position() {
    // Files keep the order in which they first produced a diagnostic.
    std::vector<std::string> file_order;
    auto rank = [&file_order](const std::string& file) {
        return static_cast<std::size_t>(std::find(file_order.begin(), file_order.end(), file) -
                                        file_order.begin());
    };
    for (const Diagnostic& diagnostic : items_) {
        if (rank(diagnostic.where.file()) == file_order.size()) {
            file_order.push_back(diagnostic.where.file());
        }
    }
    std::stable_sort(items_.begin(), items_.end(), [&rank](const Diagnostic& a, const Diagnostic& b) {
        const std::size_t rank_a = rank(a.where.file());
        const std::size_t rank_b = rank(b.where.file());
        if (rank_a != rank_b) return rank_a < rank_b;
        return a.where.begin < b.where.begin;
    });
}

void Diagnostics::print(std::ostream& out) const {
    for (const Diagnostic& diagnostic : items_) fmt::print(out, "{}\n", format(diagnostic));
}

}  // namespace vitae
