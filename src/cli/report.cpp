#include "report.hpp"

#include "vitae/quoting.hpp"

#include <cstdio>
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
                    char escaped[4];
                    std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned>(byte));
                    out += escaped;
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
    std::string out = "{\"file\":";
    out += placed ? double_quoted(*diagnostic.where.path) : "null";
    out += ",\"line\":";
    out += positioned ? std::to_string(diagnostic.where.begin.line) : "null";
    out += ",\"column\":";
    out += positioned ? std::to_string(diagnostic.where.begin.column) : "null";
    out += ",\"severity\":";
    out += double_quoted(to_string(diagnostic.severity));
    out += ",\"message\":";
    out += double_quoted(diagnostic.message);
    out += ",\"hint\":";
    out += diagnostic.hint.empty() ? "null" : double_quoted(diagnostic.hint);
    out += "}";
    return out;
}

std::string github_annotation(const Diagnostic& diagnostic) {
    const char* command = diagnostic.severity == Severity::error     ? "error"
                          : diagnostic.severity == Severity::warning ? "warning"
                                                                     : "notice";
    std::string out = "::";
    out += command;
    std::string properties;
    if (has_place(diagnostic)) {
        properties += "file=" + github_escaped(*diagnostic.where.path, true);
        if (diagnostic.where.begin.line > 0) {
            properties += ",line=" + std::to_string(diagnostic.where.begin.line);
            properties += ",col=" + std::to_string(diagnostic.where.begin.column);
        }
    }
    if (!properties.empty()) out += " " + properties;
    std::string message = diagnostic.message;
    if (!diagnostic.hint.empty()) message += " (" + diagnostic.hint + ")";
    return out + "::" + github_escaped(message, false);
}

void report(const Diagnostics& diagnostics, const ReportOptions& options, std::ostream& out,
            std::ostream& annotations) {
    for (const Diagnostic& diagnostic : diagnostics.items()) {
        if (options.quiet && diagnostic.severity == Severity::note) continue;
        out << (options.format == DiagnosticsFormat::json ? json_line(diagnostic) : format(diagnostic))
            << '\n';
        if (options.github_annotations) annotations << github_annotation(diagnostic) << '\n';
    }
}

}  // namespace vitae::cli
