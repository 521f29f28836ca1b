#pragma once
// Runs a TeX engine on a .tex written by vitae (`vitae build --via latex`).

#include <chrono>
#include <optional>
#include <string>

#include "vitae/base/limits.hpp"
#include "vitae/render/latex.hpp"

namespace vitae::cli {

struct TexRun {
    std::optional<std::string> pdf;  ///< the PDF's bytes; nothing on failure
    std::string problem;             ///< why not, in one line, naming what to install
};

struct TexRunOptions {
    /// How long each run of the engine may take before it is killed.
    std::chrono::milliseconds time_limit = std::chrono::seconds{limits::tex_time_limit_seconds};
};

/// Compiles `source` with its engine in a temporary directory (twice: page
/// references and bookmarks settle on the second run) and returns the PDF.
/// Before running, checks that the engine and every package the .tex loads
/// are installed, and names the Debian package of any that is missing.
/// `source_date_epoch`, when set, is handed to the engine (with
/// FORCE_SOURCE_DATE) so that the PDF's dates, too, are reproducible.
///
/// The engine runs sandboxed, as for a .tex from anyone: shell escape off,
/// reading and writing only files in its folder or TeX's own tree
/// (openin_any=p, openout_any=p), nonstop, and killed with everything it
/// started when a run exceeds the time limit. The temporary directory is
/// removed on every way out. The time limit is the VITAE_TEX_TIME_LIMIT
/// environment variable's (whole seconds, 1 to 3600; meant for tests) or
/// limits::tex_time_limit_seconds.
[[nodiscard]] TexRun run_tex(const render::LatexSource& source, std::optional<long long> source_date_epoch);

/// The same with the options given (tests set a short time limit).
[[nodiscard]] TexRun run_tex(const render::LatexSource& source, std::optional<long long> source_date_epoch,
                             const TexRunOptions& options);

/// The first error TeX reported, from its log and else its terminal output
/// (a line too long for its buffer is reported there only), with the input
/// line when the log names it: "! Undefined control sequence. (line 12)".
/// Errors start a line with `!`, or follow a file's closing `)` on it.
/// Control characters are shown as \xNN. Empty when there is none.
[[nodiscard]] std::string first_tex_error(const std::string& log, const std::string& terminal);

}  // namespace vitae::cli
