#include "report.hpp"

#include "vitae/base/quoting.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <iterator>
#include <ostream>

namespace vitae::cli {

namespace {

/// GitHub's escaping of a workflow command's message; properties escape
/// ':' and ',' too. Every control character is escaped, so nothing in a
/// message can end the line and start a workflow command of its own.
std::string github_escaped(std::string_view text, bool property) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default:
                // GitHub decodes only the escapes above, so these show as
                // written; raw, ESC would reach the log's terminal emulation.
                if (const auto byte = static_cast<unsigned char>(c); byte < 0x20 || byte == 0x7F) {
                    fmt::format_to(std::back_inserter(out), "%{:02X}", static_cast<unsigned>(byte));
                } else {
                    out += c;
                }
        }
    }
    return out;
}

bool has_place(const Diagnostic& diagnostic) {
    return diagnostic.where.path && !diagnostic.where.path->empty();
}

}  // namespace

std::string json_line(const Diagnostic& diagnostic) {
    const bool placed = has_place(diagnostic);
    const bool positioned = placed && diagnostic.where.begin.line > 0;
    const auto number_or_null = [&](std::size_t value) {
        return positioned ? fmt::to_string(value) : "null";
    };
    return fmt::format(
        R"({{"file":{},"line":{},"column":{},"severity":{},"message":{},"hint":{}}})",
        placed ? double_quoted(*diagnostic.where.path) : "null", number_or_null(diagnostic.where.begin.line),
        number_or_null(diagnostic.where.begin.column), double_quoted(to_string(diagnostic.severity)),
        double_quoted(diagnostic.message), diagnostic.hint.empty() ? "null" : double_quoted(diagnostic.hint));
}

std::string github_annotation(const Diagnostic& diagnostic) {
    const char* command = diagnostic.severity == Severity::error     ? "error"
                          : diagnostic.severity == Severity::warning ? "warning"
                                                                     : "notice";
    std::string out = fmt::format("::{}", command);
    auto to = std::back_inserter(out);
    if (has_place(diagnostic)) {
        fmt::format_to(to, " file={}", github_escaped(*diagnostic.where.path, true));
        if (diagnostic.where.begin.line > 0) {
            fmt::format_to(to, ",line={},col={}", diagnostic.where.begin.line, diagnostic.where.begin.column);
        }
    }
    const std::string message = diagnostic.hint.empty()
                                    ? diagnostic.message
                                    : fmt::format("{} ({})", diagnostic.message, diagnostic.hint);
    fmt::format_to(to, "::{}", github_escaped(message, false));
    return out;
}

void report(const Diagnostics& diagnostics, const ReportOptions& options, std::ostream& out,
            std::ostream& annotations) {
    for (const Diagnostic& diagnostic : diagnostics.items()) {
        if (options.quiet && diagnostic.severity == Severity::note) continue;
        fmt::print(out, "{}\n",
                   options.format == DiagnosticsFormat::json ? json_line(diagnostic) : format(diagnostic));
        if (options.github_annotations) fmt::print(annotations, "{}\n", github_annotation(diagnostic));
    }
}

}  // namespace vitae::cli
