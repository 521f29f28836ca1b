// vitae: the command line. Subcommands `check` and `build`; exit codes are
// part of the interface and documented in the README.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "vitae/diag.hpp"
#include "vitae/load.hpp"
#include "vitae/output.hpp"
#include "vitae/suggest.hpp"
#include "vitae/text.hpp"

namespace {

enum ExitCode : int {
    exit_ok = 0,
    exit_input_errors = 1,   // the CV (or a file it names) has errors
    exit_usage = 2,          // the command line is wrong
    exit_output_failed = 4,  // the result could not be written
};

struct OutputFormat {
    std::string_view name;
    std::string_view extension;
};

/// Formats this build can write, in the order `--help` lists them.
const std::vector<OutputFormat>& output_formats() {
    static const std::vector<OutputFormat> formats = {{"text", ".txt"}};
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

/// Loads a CV and prints its diagnostics; the document is empty on errors.
std::optional<vitae::cv::Document> load_and_report(const std::string& path) {
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document = vitae::load_cv_file(path, diagnostics);
    diagnostics.print(std::cerr);
    if (diagnostics.has_errors()) return std::nullopt;
    return document;
}

int run_check(const std::vector<std::string>& paths) {
    int status = exit_ok;
    for (const std::string& path : paths) {
        if (!load_and_report(path)) status = exit_input_errors;
    }
    return status;
}

struct BuildOptions {
    std::string input;
    std::string output;
    std::string format;
};

int run_build(const BuildOptions& options) {
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

    std::string output = options.output;
    if (output.empty()) {
        output = options.input == "-"
                     ? "-"
                     : std::filesystem::path{options.input}.replace_extension(format->extension).string();
    }

    const std::optional<vitae::cv::Document> document = load_and_report(options.input);
    if (!document) {
        // A stale result must not pass for a build of the broken input
        // (make would take it as up to date).
        std::error_code ignored;
        if (output != "-" && std::filesystem::is_regular_file(output, ignored)) {
            std::filesystem::remove(output, ignored);
        }
        return exit_input_errors;
    }
    const std::string bytes = vitae::render::render_text(*document);
    if (const auto error = vitae::write_file_atomically(output, bytes)) {
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
    app.footer("Exit codes: 0 success, 1 errors in the input, 2 usage error, 4 output could not be written.");

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
    return run_build(build_options);
}
