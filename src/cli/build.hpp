#pragma once
// `vitae build`: one or many CVs, one or many styles and formats, in
// parallel, with machine-readable diagnostics, a depfile, and a watch mode.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "report.hpp"
#include "vitae/style/pdf_standard.hpp"

namespace vitae::cli {

enum ExitCode : int {
    exit_ok = 0,
    exit_input_errors = 1,   // the CV (or a file it names) has errors; with --werror, warnings too
    exit_usage = 2,          // the command line is wrong
    exit_cannot_fit = 3,     // the CV does not fit max_pages within the style's bounds
    exit_output_failed = 4,  // the result could not be written
    exit_tex_failed = 5,     // --via latex: the TeX engine or a package is missing, or the run failed
};

struct BuildOptions {
    std::vector<std::string> inputs;
    /// A file, `-`, or a directory (a name ending in '/'; always when the
    /// build makes more than one file).
    std::string output;
    std::vector<std::string> formats;  ///< empty: from the output's extension, else pdf
    std::vector<std::string> styles;   ///< empty: default
    /// The languages to write each CV in (--lang en,de); empty: the CV's own.
    std::vector<std::string> languages;
    std::vector<std::string> tags;  ///< replace the style's [select] tags when given
    bool explain = false;           ///< list every item the selection left out
    std::string job_ad;             ///< --job: the job ad to tailor the CV for
    std::string job_report;         ///< --job-report: where the ad's terms the CV lacks go
    std::optional<int> max_pages;   ///< replaces the style's [fit] max_pages
    bool via_latex = false;         ///< PDFs made by pdflatex/xelatex from the LaTeX output
    /// --pdf-standard as given ("a-2b", "ua-1"); read into pdf_standards.
    std::vector<std::string> pdf_standard_names;
    bool untagged = false;
    /// Replaces the style's pdf_standard when given.
    std::optional<style::PdfStandards> pdf_standards;
    unsigned jobs = 1;  ///< CVs built at once
    ReportOptions report;
    bool werror = false;   ///< warnings fail the build as errors do
    std::string depfile;   ///< Makefile rules: each output and every file it was made from
    bool watch = false;    ///< build again whenever one of those files changes
    bool sandbox = false;  ///< files the CV and style name stay under their folders (vitae/load/sandbox.hpp)
    /// Every input's PDF in one file (-o), in order: a letter, then its CV.
    bool bundle = false;
};

[[nodiscard]] const std::vector<std::string_view>& format_names();

void usage_error(const std::string& message);

/// Reads --pdf-standard's names into options.pdf_standards; false after a
/// usage error (an unknown name, two PDF/A levels).
[[nodiscard]] bool read_pdf_standards(BuildOptions& options);

/// Every diagnostic a warning was, now an error (--werror).
[[nodiscard]] Diagnostics with_warnings_as_errors(const Diagnostics& diagnostics);

/// CVs built at once for `-j asked`: as asked, but no more than the machine
/// runs at once (more threads would only cost memory: each has its own
/// fonts) and at least one.
[[nodiscard]] std::size_t job_limit(unsigned asked);

/// Checks --lang's tags (a usage error for a language without a locale
/// pack, with the nearest one) and drops repeats; false after an error.
[[nodiscard]] bool check_languages(std::vector<std::string>& languages);

/// Runs the build; the exit code is the worst of all CVs' (the highest).
[[nodiscard]] int run_build(BuildOptions options);

}  // namespace vitae::cli
