#pragma once
// Runs a TeX engine on a .tex written by vitae (`vitae build --via latex`).

#include <optional>
#include <string>

#include "vitae/latex.hpp"

namespace vitae::cli {

struct TexRun {
    std::optional<std::string> pdf;  ///< the PDF's bytes; nothing on failure
    std::string problem;             ///< why not, in one line, naming what to install
};

/// Compiles `source` with its engine in a temporary directory (twice: page
/// references and bookmarks settle on the second run) and returns the PDF.
/// Before running, checks that the engine and every package the .tex loads
/// are installed, and names the Debian package of any that is missing.
/// `source_date_epoch`, when set, is handed to the engine (with
/// FORCE_SOURCE_DATE) so that the PDF's dates, too, are reproducible.
[[nodiscard]] TexRun run_tex(const render::LatexSource& source, std::optional<long long> source_date_epoch);

}  // namespace vitae::cli
