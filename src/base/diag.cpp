#include "vitae/diag.hpp"

#include <algorithm>
#include <ostream>

namespace vitae {

const std::string& SourceRegion::file() const {
    static const std::string no_file;
    return path ? *path : no_file;
}

std::string SourceRegion::to_string() const {
    std::string text = file();
    if (begin.line > 0) {
        text += ':' + std::to_string(begin.line) + ':' + std::to_string(begin.column);
    }
    return text;
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

std::string format(const Diagnostic& diagnostic) {
    std::string line;
    const std::string where = diagnostic.where.to_string();
    if (!where.empty()) line += where + ": ";
    line += to_string(diagnostic.severity);
    line += ": ";
    line += diagnostic.message;
    if (!diagnostic.hint.empty()) line += " (" + diagnostic.hint + ")";
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
    for (const Diagnostic& diagnostic : items_) out << format(diagnostic) << '\n';
}

}  // namespace vitae
