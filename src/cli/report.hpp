#pragma once
// How diagnostics reach people and machines: `file:line:col: error: …`
// lines, or one JSON object per line, and GitHub Actions workflow
// annotations when running there.

#include <iosfwd>
#include <string>

#include "vitae/base/diag.hpp"

namespace vitae::cli {

enum class DiagnosticsFormat { text, json };

struct ReportOptions {
    DiagnosticsFormat format = DiagnosticsFormat::text;
    /// Only errors and warnings: no notes (fitting steps, omissions).
    bool quiet = false;
    /// Also workflow annotations (`::error file=…,line=…,col=…::…`);
    /// on when GITHUB_ACTIONS=true.
    bool github_annotations = false;
};

/// `{"file":…,"line":…,"column":…,"severity":…,"message":…,"hint":…}`,
/// one line; unknown places and an absent hint are null.
[[nodiscard]] std::string json_line(const Diagnostic& diagnostic);

/// A GitHub Actions workflow command: `::error file=cv.toml,line=3,col=7::message (hint)`.
[[nodiscard]] std::string github_annotation(const Diagnostic& diagnostic);

/// Prints every diagnostic the options let through: lines or JSON to
/// `out`, annotations to `annotations`.
void report(const Diagnostics& diagnostics, const ReportOptions& options, std::ostream& out,
            std::ostream& annotations);

}  // namespace vitae::cli
