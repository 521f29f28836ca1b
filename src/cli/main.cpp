// vitae: the command line. Subcommands `check` and `build`; exit codes are
// part of the interface and documented in the README.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "tex_runner.hpp"
#include "vitae/diag.hpp"
#include "vitae/fit.hpp"
#include "vitae/latex.hpp"
#include "vitae/layout.hpp"
#include "vitae/load.hpp"
#include "vitae/output.hpp"
#include "vitae/pdf.hpp"
#include "vitae/select.hpp"
#include "vitae/sheet_loader.hpp"
#include "vitae/suggest.hpp"
#include "vitae/text.hpp"
#include "vitae/trace.hpp"

namespace {

enum ExitCode : int {
    exit_ok = 0,
    exit_input_errors = 1,   // the CV (or a file it names) has errors
    exit_usage = 2,          // the command line is wrong
    exit_cannot_fit = 3,     // the CV does not fit max_pages within the style's bounds
    exit_output_failed = 4,  // the result could not be written
    exit_tex_failed = 5,     // --via latex: the TeX engine or a package is missing, or the run failed
};

enum class Format { pdf, latex, text, debug };

struct OutputFormat {
    Format format;
    std::string_view name;
    std::string_view extension;
};

/// Formats this build can write, the default first.
const std::vector<OutputFormat>& output_formats() {
    static const std::vector<OutputFormat> formats = {{Format::pdf, "pdf", ".pdf"},
                                                      {Format::latex, "latex", ".tex"},
                                                      {Format::text, "text", ".txt"},
                                                      {Format::debug, "debug", ".trace"}};
    return formats;
}

std::vector<std::string_view> format_names() {
    std::vector<std::string_view> names;
    for (const OutputFormat& format : output_formats()) names.push_back(format.name);
    return names;
}

const OutputFormat* find_format(std::string_view name) {
    for (const OutputFormat& format : output_formats()) {
        if (format.name == name) return &format;
    }
    return nullptr;
}

const OutputFormat* format_for_extension(const std::string& path) {
    const std::string extension = std::filesystem::path{path}.extension().string();
    for (const OutputFormat& format : output_formats()) {
        if (format.extension == extension) return &format;
    }
    return nullptr;
}

void usage_error(const std::string& message) {
    std::cerr << "vitae: error: " << message << '\n';
}

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for "now".
struct SourceDate {
    std::optional<long long> seconds;
    bool valid = true;
};

SourceDate source_date_epoch() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    if (!value || !*value) return {};
    long long seconds = 0;
    const char* end = value + std::strlen(value);
    const auto [stop, error] = std::from_chars(value, end, seconds);
    if (error != std::errc{} || stop != end || seconds < 0) return {std::nullopt, false};
    return {seconds, true};
}

/// The UTC calendar day of a time in seconds since 1970.
vitae::cv::Date calendar_date(long long seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    constexpr int tm_year_base = 1900;  // struct tm counts years from 1900, months from 0
    return vitae::cv::Date{parts.tm_year + tm_year_base, parts.tm_mon + 1, parts.tm_mday};
}

int run_styles() {
    const auto sheets = vitae::builtin_sheets();
    std::size_t widest = 0;
    for (const auto& [name, description] : sheets) widest = std::max(widest, name.size());
    for (const auto& [name, description] : sheets) {
        std::cout << name << std::string(widest - name.size() + 2, ' ') << description << '\n';
    }
    return exit_ok;
}

int run_check(const std::vector<std::string>& paths) {
    int status = exit_ok;
    for (const std::string& path : paths) {
        vitae::Diagnostics diagnostics;
        (void)vitae::load_cv_file(path, diagnostics);
        diagnostics.print(std::cerr);
        if (diagnostics.has_errors()) status = exit_input_errors;
    }
    return status;
}

struct BuildOptions {
    std::string input;
    std::string output;
    std::string format;
    std::string style = "default";
    std::vector<std::string> tags;  ///< replace the style's [select] tags when given
    bool explain = false;           ///< list every item the selection left out
    std::optional<int> max_pages;   ///< replaces the style's [fit] max_pages
    bool via_latex = false;         ///< a PDF made by pdflatex/xelatex from the LaTeX output
};

/// Whether any text family the sheet names is installed as TrueType, the
/// only kind of font the PDF backend can embed.
bool has_truetype_text_font(const vitae::style::Sheet& sheet, vitae::layout::FontProvider& fonts) {
    std::vector<std::string> families{sheet.body_family};
    for (const vitae::style::TextStyle* style : sheet.text_styles()) {
        if (!style->family.empty()) families.push_back(style->family);
    }
    families.insert(families.end(), sheet.fallback_families.begin(), sheet.fallback_families.end());
    return std::any_of(families.begin(), families.end(), [&](const std::string& family) {
        return fonts.find_face(vitae::layout::FontRequest{family, false, false, true}).has_value();
    });
}

/// What a build made: the bytes (none on errors), what it left out, and
/// whether the CV could not be fitted to its pages.
struct Compiled {
    std::optional<std::string> bytes;
    std::vector<vitae::style::Omission> omissions;
    bool cannot_fit = false;
    bool tex_failed = false;
};

/// Every step of fitting is reported; an item it left out is an omission
/// like the selection's, listed by --explain.
void report_fit(const vitae::layout::FitResult& fitted, const vitae::style::Sheet& sheet, Compiled& compiled,
                vitae::Diagnostics& diagnostics) {
    if (sheet.max_pages <= 0) return;
    const auto max_pages = static_cast<std::size_t>(sheet.max_pages);
    if (!fitted.fits) {
        diagnostics.error(sheet.where, vitae::layout::describe(fitted, max_pages),
                          "raise max_pages, loosen the [fit] bounds, or lower the priority of what may go");
        compiled.cannot_fit = true;
        return;
    }
    if (!fitted.steps.empty() || !fitted.dropped.empty()) {
        diagnostics.note({}, vitae::layout::describe(fitted, max_pages));
    }
    for (const vitae::layout::DroppedItem& dropped : fitted.dropped) {
        compiled.omissions.push_back(
            vitae::style::Omission{dropped.where, dropped.what,
                                   "lowest priority (" + std::to_string(dropped.priority) +
                                       ") left out to fit max_pages = " + std::to_string(sheet.max_pages)});
    }
}

Compiled compile(const vitae::cv::Document& loaded, const OutputFormat& format, const BuildOptions& options,
                 std::optional<long long> date, vitae::Diagnostics& diagnostics) {
    Compiled compiled;
    std::optional<vitae::style::Sheet> sheet = vitae::load_sheet(options.style, diagnostics);
    if (!sheet) return compiled;
    if (options.max_pages) sheet->max_pages = *options.max_pages;
    // Before the formats part ways: the text CV shows what the PDF shows.
    vitae::style::SelectionResult selected =
        vitae::style::select(loaded, sheet->selection, options.tags, diagnostics);
    compiled.omissions = std::move(selected.omissions);
    const vitae::cv::Document& document = selected.document;
    if (format.format == Format::text) {
        compiled.bytes = vitae::render::render_text(document);
        return compiled;
    }
    vitae::layout::SystemFonts system_fonts;
    vitae::layout::FontProvider* fonts = &system_fonts;
    vitae::layout::FontData* font_data = &system_fonts;
    // A system without a single usable TrueType font (a bare container)
    // still gets a PDF, in the fonts every PDF reader has; only text
    // outside Western European scripts is lost, each character with a
    // warning from the layout.
    std::optional<vitae::render::Base14Fonts> base14_fonts;
    if (!has_truetype_text_font(*sheet, system_fonts)) {
        diagnostics.warning(sheet->where,
                            "no TrueType font is installed: using the PDF base-14 fonts (Helvetica/Times), "
                            "which cover Western European text only",
                            "install fonts-lato and fonts-dejavu-core");
        fonts = &base14_fonts.emplace();
        font_data = &*base14_fonts;
    }
    const vitae::layout::FitResult fitted =
        vitae::layout::fit_to_pages(document, *sheet, *fonts, diagnostics);
    report_fit(fitted, *sheet, compiled, diagnostics);
    if (diagnostics.has_errors()) return compiled;
    if (format.format == Format::debug) {
        compiled.bytes = vitae::render::trace_frames(fitted.pages, *fonts);
    } else if (format.format == Format::latex || options.via_latex) {
        // What the engine decided (selection, fitting) goes into the .tex.
        vitae::render::LatexSource latex = vitae::render::write_latex(
            fitted.document, fitted.sheet, *fonts, base14_fonts ? nullptr : font_data, diagnostics);
        if (format.format == Format::latex) {
            compiled.bytes = std::move(latex.text);
            return compiled;
        }
        vitae::cli::TexRun run = vitae::cli::run_tex(latex, date);
        if (!run.pdf) {
            diagnostics.error({}, run.problem);
            compiled.tex_failed = true;
            return compiled;
        }
        compiled.bytes = std::move(run.pdf);
    } else {
        compiled.bytes = vitae::render::write_pdf(fitted.pages, *fonts, *font_data,
                                                  vitae::render::PdfOptions{date}, diagnostics);
    }
    return compiled;
}

/// After the other diagnostics: with --explain every omission at its item,
/// otherwise their number, so nothing is left out without a word.
void report_omissions(const std::vector<vitae::style::Omission>& omissions, bool explain) {
    if (omissions.empty()) return;
    vitae::Diagnostics notes;
    if (explain) {
        vitae::style::explain(omissions, notes);
    } else {
        const std::size_t count = omissions.size();
        notes.note({}, std::to_string(count) + (count == 1 ? " item" : " items") +
                           " left out by the selection; --explain lists them");
    }
    notes.print(std::cerr);
}

int run_build(const BuildOptions& options) {
    if (std::any_of(options.tags.begin(), options.tags.end(),
                    [](const std::string& tag) { return tag.empty(); })) {
        usage_error("empty tag in --tags");
        return exit_usage;
    }
    const OutputFormat* format = nullptr;
    if (!options.format.empty()) {
        format = find_format(options.format);
        if (!format) {
            const std::string hint = vitae::did_you_mean(options.format, format_names());
            usage_error("unknown format '" + options.format + "'" + (hint.empty() ? "" : "; " + hint));
            return exit_usage;
        }
    } else if (options.output.empty() || options.output == "-") {
        format = &output_formats().front();
    } else {
        format = format_for_extension(options.output);
        if (!format) {
            usage_error("cannot tell the format from the name '" + options.output + "'; use --format");
            return exit_usage;
        }
    }
    if (options.via_latex && format->format != Format::pdf) {
        std::string message = "--via latex makes a PDF; the output's format is ";
        message += format->name;
        usage_error(message);
        return exit_usage;
    }
    const SourceDate date = source_date_epoch();
    if (!date.valid) {
        usage_error("SOURCE_DATE_EPOCH must be a number of seconds since 1970");
        return exit_usage;
    }

    std::string output = options.output;
    if (output.empty()) {
        output = options.input == "-"
                     ? "-"
                     : std::filesystem::path{options.input}.replace_extension(format->extension).string();
    }

    vitae::Diagnostics diagnostics;
    vitae::cv::Document document = vitae::load_cv_file(options.input, diagnostics);
    if (date.seconds) document.date = calendar_date(*date.seconds);
    Compiled compiled;
    if (!diagnostics.has_errors()) compiled = compile(document, *format, options, date.seconds, diagnostics);
    diagnostics.print(std::cerr);
    report_omissions(compiled.omissions, options.explain);
    if (!compiled.bytes || diagnostics.has_errors()) {
        // A stale result must not pass for a build of the broken input
        // (make would take it as up to date).
        std::error_code ignored;
        if (output != "-" && std::filesystem::is_regular_file(output, ignored)) {
            std::filesystem::remove(output, ignored);
        }
        if (compiled.tex_failed) return exit_tex_failed;
        return compiled.cannot_fit ? exit_cannot_fit : exit_input_errors;
    }
    if (const auto error = vitae::write_file_atomically(output, *compiled.bytes)) {
        usage_error(*error);
        return exit_output_failed;
    }
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"vitae " VITAE_VERSION " — compiles a CV written in TOML", "vitae"};
    app.set_version_flag("--version", "vitae " VITAE_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 success, 1 errors in the input, 2 usage error, 3 the CV does not fit --max-pages, "
        "4 output could not be written, 5 the TeX engine or a package is missing or failed (--via latex).");

    CLI::App* styles = app.add_subcommand("styles", "List the built-in styles, one line each");

    std::vector<std::string> check_paths;
    CLI::App* check = app.add_subcommand("check", "Validate CVs and print every problem found");
    check->add_option("CV", check_paths, "CV files in TOML (- reads standard input)")->required();

    BuildOptions build_options;
    CLI::App* build = app.add_subcommand("build", "Compile a CV");
    build->add_option("CV", build_options.input, "CV file in TOML (- reads standard input)")->required();
    build->add_option(
        "-o,--output", build_options.output,
        "Output file (- for standard output); default: the CV's name with the format's extension");
    std::string format_help = "Output format, by default taken from the output's extension:";
    for (const OutputFormat& format : output_formats()) {
        format_help += " " + std::string{format.name} + " (" + std::string{format.extension} + ")";
    }
    build->add_option("-f,--format", build_options.format, format_help);
    build->add_option("-s,--style", build_options.style,
                      "Style sheet: a built-in name or a .toml file (default: default)");
    // One value per --tags, so `--tags industry cv.toml` leaves the CV alone.
    build
        ->add_option("--tags", build_options.tags,
                     "Select items with any of these tags, and untagged ones (comma-separated or repeated); "
                     "replaces the style's [select] tags")
        ->delimiter(',')
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    build->add_flag("--explain", build_options.explain,
                    "List every item the selection or fitting left out, with the reason, as notes on stderr");
    build
        ->add_option_function<std::string>(
            "--via", [&build_options](const std::string&) { build_options.via_latex = true; },
            "Make the PDF with LaTeX: write the .tex and run pdflatex or xelatex on it (needs TeX Live)")
        ->check(CLI::IsMember({"latex"}));
    build
        ->add_option_function<int>(
            "--max-pages", [&build_options](const int& pages) { build_options.max_pages = pages; },
            "Fit the CV to at most N pages (replaces the style's [fit] max_pages; 0: no limit)")
        ->check(CLI::NonNegativeNumber);

    // CLI11 would only say that a subcommand is required.
    std::vector<std::string_view> names;
    for (const CLI::App* subcommand : app.get_subcommands([](CLI::App*) { return true; })) {
        names.push_back(subcommand->get_name());
    }
    if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
        const std::string hint = vitae::did_you_mean(argv[1], names);
        usage_error(std::string{"unknown subcommand '"} + argv[1] + "'" + (hint.empty() ? "" : "; " + hint));
        std::cerr << "Run 'vitae --help' for usage.\n";
        return exit_usage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        usage_error(error.what());
        std::cerr << "Run 'vitae --help' for usage.\n";
        return exit_usage;
    }

    if (check->parsed()) return run_check(check_paths);
    if (styles->parsed()) return run_styles();
    return run_build(build_options);
}
