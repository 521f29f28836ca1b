// vitae: the command line. Subcommands `check`, `build` and `styles`; exit
// codes are part of the interface and documented in the README.
#include <CLI/CLI.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "build.hpp"
#include "report.hpp"
#include "revision.hpp"
#include "shell.hpp"
#include "starter.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/base/input.hpp"
#include "vitae/base/output.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/json_resume.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/verify/check.hpp"

namespace {

using namespace vitae::cli;

int run_styles() {
    const auto sheets = vitae::builtin_sheets();
    std::size_t widest = 0;
    for (const auto& [name, description] : sheets) widest = std::max(widest, name.size());
    // Built-in style names are ASCII: fmt's width, in display columns, is their length.
    constexpr std::size_t column_gap = 2;
    for (const auto& [name, description] : sheets) {
        fmt::print(std::cout, "{:<{}}{}\n", name, widest + column_gap, description);
    }
    return exit_ok;
}

/// Whether writing `path` may go ahead: not over an existing file without
/// --force (said, then false).
bool may_write(const std::string& path, bool force) {
    std::error_code ignored;
    if (path != "-" && !force && std::filesystem::exists(path, ignored)) {
        usage_error(fmt::format("{} exists; choose another name, or --force to replace it", path));
        return false;
    }
    return true;
}

/// Writes the starter CV to `path` (- for standard output), never over a
/// file, its section titles in `language`.
int run_new(const std::string& path, const std::string& language, bool force) {
    if (!may_write(path, force)) return exit_output_failed;
    const std::optional<vitae::style::Locale> locale = vitae::load_locale(language);
    if (!locale) {
        const std::optional<vitae::LocaleProblem> problem = vitae::check_locale(language);
        usage_error(fmt::format("--lang: {}{}{}", problem ? problem->message : language,
                                problem && !problem->hint.empty() ? "; " : "", problem ? problem->hint : ""));
        return exit_usage;
    }
    // The running executable, as the kernel knows it: argv[0] may be a bare name found on PATH.
    std::error_code unknown;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", unknown);
    if (const auto error =
            vitae::write_file_atomically(path, starter_cv(find_cv_schema(executable), language, *locale))) {
        usage_error(*error);
        return exit_output_failed;
    }
    if (path != "-") fmt::print(std::cerr, "vitae: wrote {0}; build it with: vitae build {0}\n", path);
    return exit_ok;
}

/// Converts a JSON Resume to vitae's TOML, next to it unless told where;
/// never over the JSON Resume itself, nor over an existing file without --force.
int run_import(const std::string& input, std::string output, bool force, const ReportOptions& report_options,
               bool werror) {
    if (output.empty())
        output = input == "-" ? "-" : std::filesystem::path{input}.replace_extension(".toml").string();
    const std::optional<vitae::FileIdentity> input_identity = vitae::identity_of(input);
    if (input_identity && input_identity == vitae::identity_of(output)) {
        usage_error(
            fmt::format("the output {} is the input {} (the same file); nothing was written", output, input));
        return exit_usage;
    }
    if (!may_write(output, force)) return exit_output_failed;
    vitae::Diagnostics diagnostics;
    const vitae::FileText file = vitae::read_file(input);
    if (!file.error.empty()) {
        usage_error(fmt::format("cannot read {}", input));
        return exit_input_errors;
    }
    const std::string toml =
        vitae::json_resume_to_toml(file.text, input == "-" ? "<stdin>" : input, diagnostics);
    if (!diagnostics.has_errors()) {
        // The converted CV must load as any CV: report what it says, too.
        (void)vitae::load_cv_text(toml, output == "-" ? "cv.toml" : output, diagnostics);
    }
    vitae::cli::report(diagnostics, report_options, std::cerr, std::cout);
    if (diagnostics.has_errors() || (werror && diagnostics.warning_count() > 0)) return exit_input_errors;
    if (const auto error = vitae::write_file_atomically(output, toml)) {
        usage_error(*error);
        return exit_output_failed;
    }
    return exit_ok;
}

/// Each CV loaded in each language asked (--lang; none: the CV's own), so
/// that every missing translation is a warning at its field; a problem
/// every language meets is said once.
int run_check(const std::vector<std::string>& paths, const std::vector<std::string>& languages,
              const ReportOptions& report_options, bool werror, bool sandbox) {
    int status = exit_ok;
    const std::vector<std::string> each_language =
        languages.empty() ? std::vector<std::string>{""} : languages;
    for (const std::string& path : paths) {
        vitae::Diagnostics diagnostics;
        std::set<std::string> said;
        for (const std::string& language : each_language) {
            vitae::Diagnostics found;
            (void)vitae::load_cv_file(
                path, found, sandbox ? vitae::FileAccess::sandboxed : vitae::FileAccess::anywhere, language);
            for (const vitae::Diagnostic& diagnostic : found.items()) {
                if (said.insert(vitae::format(diagnostic)).second) diagnostics.add(diagnostic);
            }
        }
        vitae::cli::report(diagnostics, report_options, std::cerr, std::cout);
        if (diagnostics.has_errors() || (werror && diagnostics.warning_count() > 0))
            status = exit_input_errors;
    }
    return status;
}

/// `check --ats`: each CV built in each style and read back (docs/ats.md).
/// A score line per CV and style on stdout; exit 1 on any mismatch.
int run_check_ats(const std::vector<std::string>& paths, std::vector<std::string> styles,
                  const ReportOptions& report_options, bool werror, bool sandbox) {
    std::string error;
    const std::optional<vitae::verify::PdfReader> reader = vitae::verify::PdfReader::load(error);
    if (!reader) {
        usage_error(error);
        return exit_usage;
    }
    if (styles.empty()) styles.emplace_back("default");  // as `vitae build` chooses
    vitae::layout::SystemFonts fonts;
    int status = exit_ok;
    for (const std::string& path : paths) {
        vitae::CompileRequest request;
        request.cv.path = path;
        request.access = sandbox ? vitae::FileAccess::sandboxed : vitae::FileAccess::anywhere;
        vitae::Diagnostics loading;
        const vitae::cv::Document loaded = vitae::load_cv(request, loading);
        if (loading.has_errors()) {
            vitae::cli::report(loading, report_options, std::cerr, std::cout);
            status = std::max<int>(status, exit_input_errors);
            continue;
        }
        for (const std::string& style : styles) {
            request.style = style;
            vitae::verify::AtsCheck checked = vitae::verify::check_ats(loaded, request, fonts, *reader);
            vitae::Diagnostics diagnostics = loading;
            diagnostics.append(checked.diagnostics);
            if (werror) diagnostics = with_warnings_as_errors(diagnostics);
            diagnostics.append(checked.notes);
            vitae::cli::report(diagnostics, report_options, std::cerr, std::cout);
            if (checked.status == vitae::CompileStatus::cannot_fit) {
                status = std::max<int>(status, exit_cannot_fit);
                continue;
            }
            if (diagnostics.has_errors()) status = std::max<int>(status, exit_input_errors);
            if (checked.status != vitae::CompileStatus::ok) continue;
            fmt::print(std::cout, "{} ({}): {}\n", path == "-" ? "<stdin>" : path, style,
                       vitae::verify::score_line(checked.scores));
        }
    }
    return status;
}

/// The options every subcommand that reports diagnostics shares.
void add_report_options(CLI::App& command, ReportOptions& report_options, bool& werror) {
    command
        .add_option_function<std::string>(
            "--diagnostics",
            [&report_options](const std::string& format) {
                report_options.format = format == "json" ? DiagnosticsFormat::json : DiagnosticsFormat::text;
            },
            "How diagnostics are printed: text (file:line:col: error: …, the default) or json (one object a "
            "line: file, line, column, severity, message, hint)")
        ->check(CLI::IsMember({"text", "json"}));
    command.add_flag("--werror", werror, "Treat warnings as errors: exit 1 and write nothing");
    command.add_flag("-q,--quiet", report_options.quiet,
                     "Print only problems (errors and warnings), no notes");
}

/// What each exit code means, for --help and the manual page.
constexpr std::string_view exit_codes_text =
    "0 success, 1 errors in the input (or warnings with --werror), 2 usage error, 3 the CV does not fit "
    "--max-pages, 4 output could not be written, 5 the TeX engine or a package is missing or failed (--via "
    "latex). With several CVs, the highest code of any.";

/// What `vitae completions` offers after each option and for each
/// subcommand's files, from the lists the options check against.
vitae::cli::ValueCompletions value_completions() {
    using vitae::cli::ValueCompletion;
    std::vector<std::string> styles;
    for (const auto& [name, description] : vitae::builtin_sheets()) styles.push_back(name);
    const auto words = [](const auto& list) { return std::vector<std::string>(list.begin(), list.end()); };
    const ValueCompletion style{styles, "*.toml"};
    const ValueCompletion any_file{{}, "*"};
    const ValueCompletion languages{words(vitae::locale_tags()), {}};
    const ValueCompletion diagnostics{{"text", "json"}, {}};
    return {
        {"build", {{}, "*.toml"}},
        {"build --output", any_file},
        {"build --format", {words(format_names()), {}}},
        {"build --style", style},
        {"build --lang", languages},
        {"build --job", any_file},
        {"build --job-report", any_file},
        {"build --depfile", any_file},
        {"build --pdf-standard", {words(vitae::style::pdf_standard_names()), {}}},
        {"build --diagnostics", diagnostics},
        {"check", {{}, "*.toml"}},
        {"check --style", style},
        {"check --lang", languages},
        {"check --diagnostics", diagnostics},
        {"import", {{}, "*.json"}},
        {"import --output", any_file},
        {"import --diagnostics", diagnostics},
        {"new", {{}, "*.toml"}},
        {"new --lang", languages},
        {"completions", {words(vitae::cli::completion_shells()), {}}},
    };
}

/// `vitae --version`: the release, and the revision it was built from.
std::string version_line() {
    const std::string_view revision = VITAE_REVISION;
    return revision == "unknown" ? fmt::format("vitae {} (revision unknown)", VITAE_VERSION)
                                 : fmt::format("vitae {} (git {})", VITAE_VERSION, revision);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"vitae " VITAE_VERSION " — compiles a CV written in TOML", "vitae"};
    app.set_version_flag("--version", version_line());
    app.require_subcommand(1);
    app.footer(fmt::format("Exit codes: {}", exit_codes_text));

    // In GitHub Actions, diagnostics are also workflow annotations.
    ReportOptions report_options;
    const char* github = std::getenv("GITHUB_ACTIONS");
    report_options.github_annotations = github != nullptr && std::string_view{github} == "true";

    CLI::App* styles = app.add_subcommand("styles", "List the built-in styles, one line each");

    std::string completion_shell;
    CLI::App* completions = app.add_subcommand(
        "completions",
        "Print the completion script of a shell (vitae completions bash > /etc/bash_completion.d/vitae)");
    completions->add_option("SHELL", completion_shell, "bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember(std::vector<std::string>(vitae::cli::completion_shells().begin(),
                                                       vitae::cli::completion_shells().end())));
    // The manual page is made when vitae is built (man vitae reads it); not a user's command.
    CLI::App* manual =
        app.add_subcommand("manual", "Print the manual page vitae(1) in man's roff")->group("");

    std::string import_input;
    std::string import_output;
    CLI::App* import = app.add_subcommand("import", "Convert a JSON Resume (resume.json) to vitae's TOML");
    import->add_option("RESUME", import_input, "A JSON Resume file (- reads standard input)")->required();
    import->add_option(
        "-o,--output", import_output,
        "Where to write the TOML (- for standard output); default: the input's name with .toml. Never "
        "the input itself");
    bool import_force = false;
    import->add_flag("--force", import_force, "Replace the output if it exists");
    bool import_werror = false;
    add_report_options(*import, report_options, import_werror);

    std::string new_path = "cv.toml";
    bool new_force = false;
    CLI::App* new_cv =
        app.add_subcommand("new", "Write a commented starter CV (default cv.toml; - for stdout)");
    new_cv->add_option("FILE", new_path, "Where to write it");
    new_cv->add_flag("--force", new_force, "Replace the file if it exists");
    std::string new_language{vitae::default_cv_language};
    new_cv->add_option("--lang", new_language,
                       fmt::format("The CV's language: its section titles and `lang` ({})",
                                   fmt::join(vitae::locale_tags(), " ")));

    std::vector<std::string> check_paths;
    bool check_werror = false;
    CLI::App* check = app.add_subcommand("check", "Validate CVs and print every problem found");
    check->add_option("CV", check_paths, "CV files in TOML (- reads standard input)")->required();
    add_report_options(*check, report_options, check_werror);
    std::vector<std::string> check_languages;
    check
        ->add_option("--lang", check_languages,
                     "Check the CV in these languages (comma-separated): every text without a translation "
                     "in one is a warning at its field")
        ->delimiter(',')
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    // Where the command line cannot change (a hosted CI), the environment can.
    const char* sandbox_variable = std::getenv("VITAE_SANDBOX");
    const bool sandbox_by_default = sandbox_variable != nullptr && std::string_view{sandbox_variable} == "1";
    bool check_sandbox = sandbox_by_default;
    const std::string sandbox_help =
        "For untrusted input: every file the CV or style names must be in its folder or below (also "
        "VITAE_SANDBOX=1)";
    check->add_flag("--sandbox", check_sandbox, sandbox_help);
    bool check_ats = false;
    check->add_flag(
        "--ats", check_ats,
        "Also build each CV and read its PDF back as an applicant tracking system would (poppler): "
        "every word, in order; name, e-mail, phone, URLs and dates intact; exit 1 on any mismatch");
    std::vector<std::string> check_styles;
    check
        ->add_option("-s,--style", check_styles,
                     "With --ats: the style to build in (default: default); repeat to check several")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

    BuildOptions build_options;
    CLI::App* build = app.add_subcommand("build", "Compile CVs");
    build->add_option("CV", build_options.inputs, "CV files in TOML (- reads standard input)")->required();
    build->add_option(
        "-o,--output", build_options.output,
        "Output file (- for standard output), or a directory (a name ending in /; always when the "
        "build makes several files: DIR/CV[-STYLE].EXT); default: the CV's name with the format's "
        "extension. A file is replaced atomically keeping its permissions, a symbolic link is written "
        "through, a device or FIFO is written in place; an output that is one of the build's inputs is "
        "refused (exit 2)");
    const std::string format_help =
        fmt::format("Output formats, comma-separated; by default taken from the output's extension: {}",
                    fmt::join(format_names(), " "));
    build->add_option("-f,--format", build_options.formats, format_help)
        ->delimiter(',')
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    build
        ->add_option("-s,--style", build_options.styles,
                     "Style sheet: a built-in name or a .toml file (default: default); repeat for one output "
                     "per style")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    // One value per --tags, so `--tags industry cv.toml` leaves the CV alone.
    build
        ->add_option("--tags", build_options.tags,
                     "Select items with any of these tags, and untagged ones (comma-separated or repeated); "
                     "replaces the style's [select] tags")
        ->delimiter(',')
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    build
        ->add_option(
            "--lang", build_options.languages,
            fmt::format("Write each CV in these languages (comma-separated): its translated text and "
                        "vitae's own words; one file each, named DIR/CV-LANG.EXT. Default: the CV's "
                        "`lang`. Languages: {}",
                        fmt::join(vitae::locale_tags(), " ")))
        ->delimiter(',')
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    build->add_flag(
        "--explain", build_options.explain,
        "List every item the selection or fitting left out, with the reason, and with --job every "
        "item's score against the ad, as notes on stderr");
    build->add_option(
        "--job", build_options.job_ad,
        "Tailor the CV to this job ad (plain text or Markdown): bullets and skills ordered by their "
        "BM25 score against it, the least relevant dropped first to fit the style's max_pages; no "
        "text is changed");
    build->add_option(
        "--job-report", build_options.job_report,
        "With --job, write the ad's terms the CV does not hold to this file (- for stdout), the "
        "most frequent first");
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
    build
        ->add_option("--pdf-standard", build_options.pdf_standard_names,
                     fmt::format("Make the PDF conform to these standards (comma-separated or repeated): {}; "
                                 "replaces the style's pdf_standard. PDF/A needs SOURCE_DATE_EPOCH",
                                 fmt::join(vitae::style::pdf_standard_names(), " ")))
        ->delimiter(',')
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    build->add_flag("--untagged", build_options.untagged,
                    "Write the PDF without its structure tree (tags for screen readers and PDF/UA)");
    build
        ->add_option("-j,--jobs", build_options.jobs,
                     "Build up to N CVs at once (default 1; at most the machine's hardware threads)")
        ->check(CLI::PositiveNumber);
    build->add_option("--depfile", build_options.depfile,
                      "Write Makefile rules: each output and every file it was made from (CV, style files, "
                      "fonts), for make and ninja; never over one of those files");
    build->add_flag("--watch", build_options.watch,
                    "Build, then build again whenever the CV, a style file or a font it uses changes");
    add_report_options(*build, build_options.report, build_options.werror);
    build_options.sandbox = sandbox_by_default;
    build->add_flag("--sandbox", build_options.sandbox, sandbox_help);
    build->add_flag(
        "--bundle", build_options.bundle,
        "Join the inputs' PDFs into the one file -o names, in order, each under a bookmark of its "
        "own: a cover letter, then the CV (vitae build letter.toml cv.toml --bundle -o "
        "application.pdf)");

    // CLI11 would only say that a subcommand is required.
    std::vector<std::string_view> names;
    for (const CLI::App* subcommand : app.get_subcommands([](CLI::App*) { return true; })) {
        names.push_back(subcommand->get_name());
    }
    if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
        const std::string hint = vitae::did_you_mean(argv[1], names);
        usage_error(fmt::format("unknown subcommand '{}'{}{}", argv[1], hint.empty() ? "" : "; ", hint));
        fmt::print(std::cerr, "Run 'vitae --help' for usage.\n");
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
        fmt::print(std::cerr, "Run 'vitae --help' for usage.\n");
        return exit_usage;
    }

    if (check->parsed()) {
        if (!check_styles.empty() && !check_ats) {
            usage_error("--style is for check --ats");
            return exit_usage;
        }
        if (check_ats)
            return run_check_ats(check_paths, check_styles, report_options, check_werror, check_sandbox);
        if (!vitae::cli::check_languages(check_languages)) return exit_usage;
        return run_check(check_paths, check_languages, report_options, check_werror, check_sandbox);
    }
    if (styles->parsed()) return run_styles();
    if (completions->parsed()) {
        const vitae::cli::ValueCompletions values = value_completions();
        fmt::print(std::cout, "{}",
                   completion_shell == "bash"  ? vitae::cli::bash_completion(app, values)
                   : completion_shell == "zsh" ? vitae::cli::zsh_completion(app, values)
                                               : vitae::cli::fish_completion(app, values));
        return exit_ok;
    }
    if (manual->parsed()) {
        fmt::print(std::cout, "{}",
                   vitae::cli::manual_page(
                       app, VITAE_VERSION,
                       {{"Exit status", std::string{exit_codes_text}},
                        {"Environment",
                         "SOURCE_DATE_EPOCH: the date every output is made at (seconds since 1970), for "
                         "the same bytes on every run.\n\nVITAE_SANDBOX=1: as --sandbox.\n\n"
                         "GITHUB_ACTIONS=true: diagnostics are also GitHub workflow annotations.\n\n"
                         "VITAE_MODULE_DIR: a folder searched first for vitae's modules (vitae-phone.so, "
                         "vitae-pdf-reader.so).\n\nXDG_CACHE_HOME: where the font cache is kept."},
                        {"Files",
                         "<prefix>/share/vitae/schemas: the JSON Schemas of the CV and style formats (vitae "
                         "new points its #:schema line there).\n\n<prefix>/lib/vitae: the phone module and "
                         "the PDF reader module, loaded by the runs that need them."},
                        {"See also",
                         "The CV and style formats, the languages, tailoring, letters and the web and Word "
                         "outputs are described in <prefix>/share/doc/vitae."}}));
        return exit_ok;
    }
    if (new_cv->parsed()) return run_new(new_path, new_language, new_force);
    if (import->parsed())
        return run_import(import_input, import_output, import_force, report_options, import_werror);
    build_options.report.github_annotations = report_options.github_annotations;
    return run_build(build_options);
}
