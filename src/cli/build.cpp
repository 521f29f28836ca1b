#include "build.hpp"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <poll.h>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <system_error>
#include <thread>

#include "tex_runner.hpp"
#include "vitae/base/file_descriptor.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/output.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/compile/compile.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/render/base14_fonts.hpp"
#include "vitae/render/latex.hpp"

namespace vitae::cli {

namespace {

namespace fs = std::filesystem;

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
    if (error != std::errc{} || stop != end || seconds < 0 || seconds > limits::latest_source_date_epoch)
        return {std::nullopt, false};
    return {seconds, true};
}

// --- what to make --------------------------------------------------------------

/// One file to make: a CV in a language, a style and a format.
struct Target {
    std::size_t input = 0;
    std::size_t language = 0;
    std::size_t style = 0;
    const OutputFormatName* format = nullptr;
    std::string path;
};

/// What a style is called in file names: its built-in name, or its file's stem.
std::string style_label(const std::string& style) {
    return is_builtin_sheet_name(style) ? style : fs::path{style}.stem().string();
}

struct Plan {
    std::vector<Target> targets;
    std::string directory;  ///< the output directory to create, if one was named
};

/// Every file the build makes, named predictably: with one CV, language,
/// style and format, the output asked for (or the CV's name with the
/// format's extension); with several, or an output ending in '/',
/// `DIR/CV[-STYLE][-LANG].EXT` (DIR: the output, else the CV's folder), the
/// style named when there is more than one, the language too. Usage errors
/// are reported; nothing then.
std::optional<Plan> plan(const BuildOptions& options) {
    std::vector<const OutputFormatName*> formats;
    for (const std::string& name : options.formats) {
        const OutputFormatName* format = find_output_format(name);
        if (format == nullptr) {
            const std::string hint = did_you_mean(name, format_names());
            usage_error(fmt::format("unknown format '{}'{}{}", name, hint.empty() ? "" : "; ", hint));
            return std::nullopt;
        }
        if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
    }
    const std::size_t languages = std::max<std::size_t>(options.languages.size(), 1);
    const bool many = options.inputs.size() > 1 || options.styles.size() > 1 || formats.size() > 1 ||
                      options.languages.size() > 1;
    // One file goes where -o says (a directory in the way is an error, as
    // for any file); "DIR/" or several files go into a directory.
    const bool to_directory = many || options.output.ends_with('/');
    if (formats.empty()) {
        if (!to_directory && !options.output.empty() && options.output != "-") {
            const OutputFormatName* format = output_format_for_file(options.output);
            if (format == nullptr) {
                usage_error(
                    fmt::format("cannot tell the format from the name '{}'; use --format", options.output));
                return std::nullopt;
            }
            formats.push_back(format);
        } else {
            formats.push_back(&output_formats().front());
        }
    }
    if (to_directory && options.output == "-") {
        usage_error(fmt::format("-o - writes one file; this build makes {}",
                                options.inputs.size() * languages * options.styles.size() * formats.size()));
        return std::nullopt;
    }
    if (options.via_latex) {
        for (const OutputFormatName* format : formats) {
            if (format->format == OutputFormat::pdf) continue;
            std::string message = "--via latex makes a PDF; the output's format is ";
            message += format->name;
            usage_error(message);
            return std::nullopt;
        }
    }
    Plan planned;
    if (to_directory) planned.directory = options.output;
    std::vector<Target>& targets = planned.targets;
    std::map<std::string, std::string> made_by;  // output → what makes it, to catch two CVs of one name
    for (std::size_t input = 0; input < options.inputs.size(); ++input) {
        const std::string& cv = options.inputs[input];
        for (std::size_t language = 0; language < languages; ++language) {
            for (std::size_t style = 0; style < options.styles.size(); ++style) {
                for (const OutputFormatName* format : formats) {
                    std::string path;
                    if (!to_directory) {
                        path = !options.output.empty() ? options.output
                               : cv == "-"             ? "-"
                                           : fs::path{cv}.replace_extension(format->extension).string();
                    } else {
                        const fs::path directory = !options.output.empty() ? fs::path{options.output}
                                                   : cv == "-"             ? fs::path{"."}
                                                                           : fs::path{cv}.parent_path();
                        std::string name = cv == "-" ? "cv" : fs::path{cv}.stem().string();
                        if (options.styles.size() > 1)
                            fmt::format_to(std::back_inserter(name), "-{}",
                                           style_label(options.styles[style]));
                        if (options.languages.size() > 1)
                            fmt::format_to(std::back_inserter(name), "-{}", options.languages[language]);
                        name += format->extension;
                        path = (directory / name).string();
                    }
                    const std::string maker = fmt::format("{} in {}", cv, options.styles[style]);
                    if (const auto [known, added] = made_by.try_emplace(path, maker); !added) {
                        usage_error(
                            fmt::format("two outputs would be {}: {}, and {}", path, known->second, maker));
                        return std::nullopt;
                    }
                    targets.push_back({input, language, style, format, path});
                }
            }
        }
    }
    return planned;
}

// --- building one CV -----------------------------------------------------------

}  // namespace

bool check_languages(std::vector<std::string>& languages) {
    for (const std::string& language : languages) {
        if (const std::optional<LocaleProblem> problem = check_locale(language)) {
            usage_error(fmt::format("--lang: {}{}{}", problem->message, problem->hint.empty() ? "" : "; ",
                                    problem->hint));
            return false;
        }
    }
    // Asked twice, a language would make the same file twice.
    std::vector<std::string> unique;
    for (const std::string& language : languages) {
        if (std::find(unique.begin(), unique.end(), language) == unique.end()) unique.push_back(language);
    }
    languages = std::move(unique);
    return true;
}

namespace {

/// A build's bytes and what they came from, before anything is written.
struct Made {
    const Target* target = nullptr;
    std::string bytes;
    std::vector<std::string> sources;
    std::vector<render::TexAttachment> attachments;  ///< a .tex's pictures, written beside it
};

/// Where an output's attachment goes: its folder (the current one for
/// standard output).
std::string attachment_path(const std::string& output, const render::TexAttachment& attachment) {
    const fs::path folder = output == "-" ? fs::path{} : fs::path{output}.parent_path();
    return (folder / attachment.name).string();
}

/// What building one CV made, read and said. Nothing is written until every
/// CV is built: only then are all the inputs known, and no output may be one.
struct CvOutcome {
    Diagnostics diagnostics;
    Diagnostics notes;  ///< after the other diagnostics, as --explain lists them
    int status = exit_ok;
    /// Every file the build of this CV read, failed or not.
    std::vector<std::string> inputs;
    /// Outputs to write, and old outputs to remove: a stale result must not
    /// pass for a build of the broken input (make would take it as up to date).
    std::vector<Made> ready;
    std::vector<std::string> stale;
    /// Each output written, with the files it was made from.
    std::vector<std::pair<std::string, std::vector<std::string>>> made;
    /// --job-report's text: from the CV's first build tailored to the ad.
    std::optional<std::string> job_report;
};

int worse(int a, int b) {
    return std::max(a, b);
}

/// Removes an old output (never an input: see outputs_that_are_inputs).
void remove_stale(const std::string& path) {
    std::error_code ignored;
    if (path != "-" && fs::is_regular_file(path, ignored)) fs::remove(path, ignored);
}

/// The exit code of a compilation's status.
int exit_code(CompileStatus status) {
    switch (status) {
        case CompileStatus::ok: return exit_ok;
        case CompileStatus::input_errors: return exit_input_errors;
        case CompileStatus::cannot_fit: return exit_cannot_fit;
        case CompileStatus::latex_failed: return exit_tex_failed;
    }
    return exit_input_errors;
}

/// What to ask of compile() for one CV, whatever the style and formats.
CompileRequest request_for(const std::string& cv, const BuildOptions& options,
                           std::optional<long long> date) {
    CompileRequest request;
    request.cv.path = cv;
    request.tags = options.tags;
    request.max_pages = options.max_pages;
    request.pdf_standards = options.pdf_standards;
    request.untagged = options.untagged;
    request.source_date_epoch = date;
    request.access = options.sandbox ? FileAccess::sandboxed : FileAccess::anywhere;
    request.explain = options.explain;
    request.job_ad = options.job_ad;
    if (options.via_latex) {
        request.pdf_via_latex = [date](const render::LatexSource& latex,
                                       Diagnostics& diagnostics) -> std::optional<std::string> {
            TexRun run = run_tex(latex, date);
            if (!run.pdf) diagnostics.error({}, run.problem);
            return std::move(run.pdf);
        };
    }
    return request;
}

/// The CV loaded once, then compiled in each style; the last style takes
/// the CV as loaded (a copy, as large, would otherwise live through the
/// layout and the writing).
CvOutcome build_cv(std::size_t input, const std::vector<Target>& targets, const BuildOptions& options,
                   std::optional<long long> date, layout::SystemFonts& fonts) {
    CvOutcome outcome;
    std::vector<const Target*> mine;
    for (const Target& target : targets) {
        if (target.input == input) mine.push_back(&target);
    }
    Diagnostics& diagnostics = outcome.diagnostics;
    std::vector<Made>& made = outcome.ready;
    // A target fails with its language and style: (language, style).
    std::set<std::pair<std::size_t, std::size_t>> failed;
    const std::size_t languages = std::max<std::size_t>(options.languages.size(), 1);
    for (std::size_t language = 0; language < languages; ++language) {
        CompileRequest request = request_for(options.inputs[input], options, date);
        if (!options.languages.empty()) request.language = options.languages[language];
        const std::size_t errors_before = diagnostics.error_count();
        cv::Document loaded = load_cv(request, diagnostics);
        outcome.inputs.insert(outcome.inputs.end(), loaded.source_files.begin(), loaded.source_files.end());
        if (diagnostics.error_count() > errors_before) {
            outcome.status = exit_input_errors;
            for (std::size_t style = 0; style < options.styles.size(); ++style)
                failed.insert({language, style});
        } else {
            for (std::size_t style = 0; style < options.styles.size(); ++style) {
                std::vector<const Target*> of_style;
                for (const Target* target : mine) {
                    if (target->language == language && target->style == style) of_style.push_back(target);
                }
                request.style = options.styles[style];
                request.formats.clear();
                for (const Target* target : of_style) request.formats.push_back(target->format->format);
                const bool last_style = style + 1 == options.styles.size();
                CompileResult compiled =
                    last_style ? compile(std::move(loaded), request, fonts) : compile(loaded, request, fonts);
                diagnostics.append(compiled.diagnostics);
                outcome.notes.append(compiled.notes);
                outcome.inputs.insert(outcome.inputs.end(), compiled.files_read.begin(),
                                      compiled.files_read.end());
                if (compiled.tailoring && !outcome.job_report)
                    outcome.job_report = style::job_report(*compiled.tailoring);
                if (!compiled.ok()) {
                    failed.insert({language, style});
                    outcome.status = worse(outcome.status, exit_code(compiled.status));
                    continue;
                }
                for (CompiledOutput& output : compiled.outputs) {
                    const auto target = std::find_if(of_style.begin(), of_style.end(), [&](const Target* t) {
                        return t->format->format == output.format;
                    });
                    made.push_back({*target, std::move(output.bytes), std::move(output.sources),
                                    std::move(output.attachments)});
                }
            }
        }
    }
    const auto failed_target = [&](const Target& target) {
        return failed.contains({target.language, target.style});
    };
    if (options.werror && diagnostics.warning_count() > 0) {
        diagnostics = with_warnings_as_errors(diagnostics);
        for (const Target* target : mine) failed.insert({target->language, target->style});
        outcome.status = worse(outcome.status, exit_input_errors);
    }
    for (const Target* target : mine) {
        const auto built =
            std::find_if(made.begin(), made.end(), [&](const Made& m) { return m.target == target; });
        if (built == made.end() || failed_target(*target)) outcome.stale.push_back(target->path);
    }
    std::erase_if(made, [&](const Made& m) { return failed_target(*m.target); });
    // A file a diagnostic points into was read, even if its loader kept nothing.
    for (const Diagnostic& diagnostic : diagnostics.items()) {
        if (diagnostic.where.path && !diagnostic.where.path->empty())
            outcome.inputs.push_back(*diagnostic.where.path);
    }
    return outcome;
}

/// Writes a CV's outputs and removes its stale ones; write errors join its
/// diagnostics.
void write_outputs(CvOutcome& outcome) {
    for (const std::string& path : outcome.stale) remove_stale(path);
    for (const Made& built : outcome.ready) {
        std::optional<std::string> error;
        for (const render::TexAttachment& attachment : built.attachments) {
            if (!error)
                error =
                    write_file_atomically(attachment_path(built.target->path, attachment), attachment.bytes);
        }
        if (!error) error = write_file_atomically(built.target->path, built.bytes);
        if (error) {
            outcome.diagnostics.error({}, *error);
            outcome.status = worse(outcome.status, exit_output_failed);
            continue;
        }
        outcome.made.emplace_back(built.target->path, built.sources);
    }
    outcome.ready.clear();
}

// --- output folders ------------------------------------------------------------

/// The folders of `directory` (itself and its parents) that do not exist
/// yet, deepest first.
std::vector<fs::path> missing_folders(const fs::path& directory) {
    std::vector<fs::path> missing;
    std::error_code error;
    for (fs::path folder = directory.lexically_normal(); !folder.empty() && !fs::exists(folder, error);
         folder = folder.parent_path()) {
        if (folder.has_filename()) missing.push_back(folder);
        if (folder == folder.parent_path()) break;
    }
    return missing;
}

/// Removes the folders a build made and left empty (every CV failed), deepest
/// first: a failed build leaves nothing behind.
void remove_empty_folders(const std::vector<fs::path>& folders) {
    for (const fs::path& folder : folders) {
        std::error_code error;
        if (!fs::is_empty(folder, error) || error || !fs::remove(folder, error)) return;
    }
}

// --- depfiles ------------------------------------------------------------------

/// A path as make reads it in a rule.
std::string make_escaped(std::string_view path) {
    std::string out;
    for (const char c : path) {
        if (c == ' ' || c == '#' || c == '\\' || c == ':') out += '\\';
        if (c == '$') out += '$';
        out += c;
    }
    return out;
}

std::string depfile_text(const std::vector<CvOutcome>& outcomes) {
    std::string text;
    for (const CvOutcome& outcome : outcomes) {
        for (const auto& [output, sources] : outcome.made) {
            auto to = std::back_inserter(text);
            fmt::format_to(to, "{}:", make_escaped(output));
            for (const std::string& source : sources) {
                if (source != "-") fmt::format_to(to, " \\\n  {}", make_escaped(source));
            }
            text += '\n';
        }
    }
    return text;
}

// --- one build of everything ---------------------------------------------------

struct BuildResult {
    int status = exit_ok;
    std::vector<CvOutcome> outcomes;
    /// Outputs that are inputs, each as an error message; then nothing is written.
    std::vector<std::string> refusals;
};

/// Every file the run read: the CVs, the style files, and what each CV's
/// build read (its BibTeX files, the extends chains, the fonts).
std::vector<std::string> files_read(const BuildOptions& options, const BuildResult& result) {
    std::vector<std::string> read{options.inputs};
    for (const std::string& style : options.styles) {
        if (!is_builtin_sheet_name(style)) read.push_back(style);
    }
    for (const CvOutcome& outcome : result.outcomes) {
        read.insert(read.end(), outcome.inputs.begin(), outcome.inputs.end());
    }
    return read;
}

/// Every output (each target, stale or not, and the depfile) that is the
/// same file as an input of any CV (the CV, its style chain, its BibTeX
/// files, its fonts), found by device and inode so that links and other
/// spellings of a path are caught: one message for each.
std::vector<std::string> outputs_that_are_inputs(const BuildOptions& options, const BuildResult& result) {
    std::map<FileIdentity, std::string> inputs;
    for (const std::string& input : files_read(options, result)) {
        if (const std::optional<FileIdentity> identity = identity_of(input))
            inputs.try_emplace(*identity, input);
    }
    std::vector<std::string> refusals;
    const auto check_output = [&](const std::string& output) {
        const std::optional<FileIdentity> identity = identity_of(output);
        if (!identity) return;
        if (const auto input = inputs.find(*identity); input != inputs.end()) {
            refusals.push_back(fmt::format(
                "the output {} is the input {} (the same file); nothing was written", output, input->second));
        }
    };
    for (const CvOutcome& outcome : result.outcomes) {
        for (const Made& built : outcome.ready) {
            check_output(built.target->path);
            for (const render::TexAttachment& attachment : built.attachments)
                check_output(attachment_path(built.target->path, attachment));
        }
        for (const std::string& stale : outcome.stale) check_output(stale);
    }
    if (!options.depfile.empty()) check_output(options.depfile);
    if (!options.job_report.empty()) check_output(options.job_report);
    return refusals;
}

BuildResult build_all(const BuildOptions& options, const std::vector<Target>& targets,
                      std::optional<long long> date) {
    BuildResult result;
    result.outcomes.resize(options.inputs.size());
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        // Fonts per thread: a face and its HarfBuzz objects serve one thread.
        std::optional<layout::SystemFonts> fonts;
        for (std::size_t input = next++; input < options.inputs.size(); input = next++) {
            if (!fonts) fonts.emplace();
            result.outcomes[input] = build_cv(input, targets, options, date, *fonts);
        }
    };
    const std::size_t threads = std::min<std::size_t>(job_limit(options.jobs), options.inputs.size());
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::jthread> workers;
        try {
            for (std::size_t i = 0; i < threads; ++i) workers.emplace_back(work);
        } catch (const std::system_error&) {
            // Out of threads (a process limit): those started share the work.
            if (workers.empty()) work();
        }
    }
    result.refusals = outputs_that_are_inputs(options, result);
    for (CvOutcome& outcome : result.outcomes) {
        if (result.refusals.empty()) write_outputs(outcome);
        outcome.diagnostics.append(outcome.notes);
        result.status = worse(result.status, outcome.status);
    }
    if (!result.refusals.empty()) result.status = worse(result.status, exit_usage);
    return result;
}

/// Messages in the order of the CVs on the command line, whatever order
/// the threads finished in.
void print(const BuildResult& result, const BuildOptions& options, const std::vector<Target>& targets) {
    const bool stdout_is_output =
        std::any_of(targets.begin(), targets.end(), [](const Target& target) { return target.path == "-"; });
    for (const CvOutcome& outcome : result.outcomes) {
        report(outcome.diagnostics, options.report, std::cerr, stdout_is_output ? std::cerr : std::cout);
    }
    for (const std::string& refusal : result.refusals) usage_error(refusal);
    std::cout.flush();
}

/// --job-report: the first CV's (the command line allows one with it).
int write_job_report(const BuildOptions& options, const BuildResult& result) {
    if (options.job_report.empty() || !result.refusals.empty() || result.outcomes.empty() ||
        !result.outcomes.front().job_report)
        return exit_ok;
    const std::string& report = *result.outcomes.front().job_report;
    if (options.job_report == "-") {
        std::cout << report << std::flush;
        return exit_ok;
    }
    if (const auto error = write_file_atomically(options.job_report, report)) {
        usage_error(*error);
        return exit_output_failed;
    }
    return exit_ok;
}

int write_depfile(const BuildOptions& options, const BuildResult& result) {
    if (options.depfile.empty() || !result.refusals.empty()) return exit_ok;
    if (const auto error = write_file_atomically(options.depfile, depfile_text(result.outcomes))) {
        usage_error(*error);
        return exit_output_failed;
    }
    return exit_ok;
}

// --- watching ------------------------------------------------------------------

/// A path as the watcher compares them: absolute, without `.` and `..`.
std::optional<std::string> watched_path(const std::string& path) {
    std::error_code error;  // the working directory itself may be gone
    const fs::path absolute = fs::absolute(path, error);
    if (error) return std::nullopt;
    return absolute.lexically_normal().string();
}

/// The paths to watch for every file the run read (see files_read).
std::set<std::string> watched_files(const BuildOptions& options, const BuildResult& result) {
    const std::vector<std::string> read = files_read(options, result);
    std::set<std::string> files;
    for (const std::string& file : read) {
        if (file == "-") continue;
        if (std::optional<std::string> path = watched_path(file)) files.insert(std::move(*path));
    }
    return files;
}

/// What tells a file's versions apart: a save changes its time, size or
/// inode (an editor's rename), a removal its existence.
struct FileStamp {
    bool exists = false;
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    std::int64_t modified_seconds = 0;
    std::int64_t modified_nanoseconds = 0;
    bool operator==(const FileStamp&) const = default;
};

using Stamps = std::map<std::string, FileStamp>;

FileStamp stamp_of(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return {};
    return {true,           status.st_dev,         status.st_ino,
            status.st_size, status.st_mtim.tv_sec, status.st_mtim.tv_nsec};
}

Stamps stamps_of(const std::set<std::string>& files) {
    Stamps stamps;
    for (const std::string& file : files) stamps.emplace(file, stamp_of(file));
    return stamps;
}

/// Waits until one of `files` is written, created, moved into place or
/// removed. Editors save by writing a temporary file and renaming it, so the
/// folders are watched, not the files. A folder that is gone (removed, or
/// not made yet) is waited for from the nearest folder above it that
/// exists, and a watched folder that goes away ends the wait too: the next
/// wait watches again whatever is there then. A change between the build's
/// reading (`read`: the files as they were) and the watches ends it at once.
/// Returns false if inotify fails.
bool wait_for_change(const std::set<std::string>& files, const Stamps& read) {
    const FileDescriptor watcher{::inotify_init1(IN_CLOEXEC)};
    if (watcher.get() < 0) return false;
    constexpr std::uint32_t entry_events =
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY;
    constexpr std::uint32_t folder_gone = IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED;
    std::map<int, fs::path> folders;
    std::set<fs::path> on_the_way;  // every folder above a watched file
    for (const std::string& file : files) {
        for (fs::path folder = fs::path{file}.parent_path(); !folder.empty(); folder = folder.parent_path()) {
            on_the_way.insert(folder);
            if (folder == folder.parent_path()) break;
        }
        for (fs::path folder = fs::path{file}.parent_path(); !folder.empty(); folder = folder.parent_path()) {
            const int watch = ::inotify_add_watch(watcher.get(), folder.c_str(),
                                                  entry_events | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
            if (watch >= 0) {
                folders[watch] = folder;
                break;
            }
            if (folder == folder.parent_path()) break;
        }
    }
    bool changed = stamps_of(files) != read;
    alignas(inotify_event) char buffer[16384];
    while (!changed) {
        const ssize_t length = ::read(watcher.get(), buffer, sizeof buffer);
        if (length <= 0) {
            if (length < 0 && errno == EINTR) continue;
            break;
        }
        for (ssize_t offset = 0; offset < length;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
            if ((event->mask & folder_gone) != 0) changed = true;
            if (event->len > 0 && folders.contains(event->wd)) {
                const fs::path path = folders[event->wd] / event->name;
                if (files.contains(path.string()) || on_the_way.contains(path)) changed = true;
            }
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
    // A save is often several events (truncate, write, rename): let it settle.
    constexpr int settle_milliseconds = 100;
    pollfd pending{watcher.get(), POLLIN, 0};
    while (::poll(&pending, 1, settle_milliseconds) > 0) {
        if (::read(watcher.get(), buffer, sizeof buffer) <= 0) break;
    }
    return changed;
}

std::string built_summary(const BuildResult& result, std::chrono::steady_clock::duration took) {
    std::size_t files = 0;
    for (const CvOutcome& outcome : result.outcomes) files += outcome.made.size();
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
    if (result.status != exit_ok) {
        return fmt::format("vitae: build failed ({} {} written); waiting for changes", files,
                           files == 1 ? "file" : "files");
    }
    return fmt::format("vitae: built {} {} in {} ms; waiting for changes", files,
                       files == 1 ? "file" : "files", milliseconds);
}

}  // namespace

Diagnostics with_warnings_as_errors(const Diagnostics& diagnostics) {
    Diagnostics strict;
    for (Diagnostic diagnostic : diagnostics.items()) {
        if (diagnostic.severity == Severity::warning) diagnostic.severity = Severity::error;
        strict.add(std::move(diagnostic));
    }
    return strict;
}

const std::vector<std::string_view>& format_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> list;
        for (const OutputFormatName& format : output_formats()) list.push_back(format.name);
        return list;
    }();
    return names;
}

std::size_t job_limit(unsigned asked) {
    const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
    return std::clamp(asked, 1U, hardware);
}

void usage_error(const std::string& message) {
    std::cerr << fmt::format("vitae: error: {}\n", printable(message));
}

bool read_pdf_standards(BuildOptions& options) {
    if (options.pdf_standard_names.empty()) return true;
    style::PdfStandards standards;
    for (const std::string& name : options.pdf_standard_names) {
        if (const std::optional<style::PdfStandardProblem> problem =
                style::add_pdf_standard(standards, name)) {
            usage_error(fmt::format("--pdf-standard: {}{}{}", problem->message,
                                    problem->hint.empty() ? "" : "; ", problem->hint));
            return false;
        }
    }
    options.pdf_standards = standards;
    return true;
}

namespace {

/// `vitae build letter.toml cv.toml --bundle -o application.pdf`: the
/// documents one after the other in one PDF, each under a bookmark.
int build_bundle(const BuildOptions& options, std::optional<long long> date) {
    const auto refuse = [](std::string_view why) {
        usage_error(fmt::format("--bundle {}", why));
        return exit_usage;
    };
    if (options.output.empty() || options.output.ends_with('/'))
        return refuse("writes one file: give it with -o FILE.pdf");
    if (options.inputs.size() < 2) return refuse("joins two documents or more (a letter and a CV)");
    if (options.styles.size() > 1 || options.languages.size() > 1)
        return refuse("takes one style and one language");
    if (options.via_latex || options.watch || !options.depfile.empty())
        return refuse("is made by vitae's own engine, once: no --via latex, --watch or --depfile");
    const bool pdf_only = std::all_of(options.formats.begin(), options.formats.end(),
                                      [](const std::string& format) { return format == "pdf"; });
    const OutputFormatName* by_name = output_format_for_file(options.output);
    if (!pdf_only || (options.output != "-" && (by_name == nullptr || by_name->format != OutputFormat::pdf)))
        return refuse("makes a PDF");
    std::vector<CompileRequest> requests;
    for (const std::string& input : options.inputs) {
        CompileRequest request = request_for(input, options, date);
        request.style = options.styles.front();
        if (!options.languages.empty()) request.language = options.languages.front();
        requests.push_back(std::move(request));
    }
    layout::SystemFonts fonts;
    CompileResult result = compile_bundle(requests, fonts);
    if (options.werror && result.diagnostics.warning_count() > 0) {
        result.diagnostics = with_warnings_as_errors(result.diagnostics);
        result.status = CompileStatus::input_errors;
    }
    result.diagnostics.append(result.notes);
    const bool to_stdout = options.output == "-";
    report(result.diagnostics, options.report, std::cerr, to_stdout ? std::cerr : std::cout);
    if (!result.ok()) {
        remove_stale(options.output);
        return exit_code(result.status);
    }
    if (const std::optional<FileIdentity> output = identity_of(options.output)) {
        for (const std::string& input : result.files_read) {
            if (identity_of(input) == output) {
                usage_error(fmt::format("the output {} is the input {} (the same file); nothing was written",
                                        options.output, input));
                return exit_usage;
            }
        }
    }
    if (const auto error = write_file_atomically(options.output, result.outputs.front().bytes)) {
        usage_error(*error);
        return exit_output_failed;
    }
    return exit_ok;
}

}  // namespace

int run_build(BuildOptions options) {
    if (std::any_of(options.tags.begin(), options.tags.end(),
                    [](const std::string& tag) { return tag.empty(); })) {
        usage_error("empty tag in --tags");
        return exit_usage;
    }
    if (!read_pdf_standards(options)) return exit_usage;
    if (!options.job_report.empty() && options.job_ad.empty()) {
        usage_error("--job-report needs --job: the report lists the job ad's terms the CV lacks");
        return exit_usage;
    }
    if (!options.job_report.empty() && options.inputs.size() > 1) {
        usage_error("--job-report takes one CV: the report is of that CV's terms");
        return exit_usage;
    }
    if (options.styles.empty()) options.styles.emplace_back("default");
    if (!check_languages(options.languages)) return exit_usage;
    if (options.watch &&
        std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) {
        usage_error("--watch needs CV files, not standard input");
        return exit_usage;
    }
    const SourceDate date = source_date_epoch();
    if (!date.valid) {
        usage_error(fmt::format(
            "SOURCE_DATE_EPOCH must be a number of seconds since 1970, at most {} (the end of 9999)",
            limits::latest_source_date_epoch));
        return exit_usage;
    }
    if (options.bundle) return build_bundle(options, date.seconds);
    const std::optional<Plan> planned = plan(options);
    if (!planned) return exit_usage;
    const std::vector<Target>* targets = &planned->targets;
    // Made before the build, so that a folder that cannot be made stops it
    // early; removed after it when no file was written into it.
    const std::vector<fs::path> made_folders = missing_folders(planned->directory);
    if (!planned->directory.empty()) {
        std::error_code error;
        fs::create_directories(planned->directory, error);
        if (error) {
            usage_error(
                fmt::format("cannot create the directory {}: {}", planned->directory, error.message()));
            return exit_output_failed;
        }
    }
    std::set<std::string> watched = watched_files(options, BuildResult{});
    for (;;) {
        const auto started = std::chrono::steady_clock::now();
        Stamps read = options.watch ? stamps_of(watched) : Stamps{};
        const BuildResult result = build_all(options, *targets, date.seconds);
        print(result, options, *targets);
        const int depfile_status = worse(write_depfile(options, result), write_job_report(options, result));
        if (!options.watch) {
            remove_empty_folders(made_folders);
            return worse(result.status, depfile_status);
        }
        watched = watched_files(options, result);
        // Found by this build (a BibTeX file, a font): as they are now.
        for (const std::string& file : watched) {
            if (!read.contains(file)) read.emplace(file, stamp_of(file));
        }
        std::cerr << built_summary(result, std::chrono::steady_clock::now() - started) << std::endl;
        if (!wait_for_change(watched, read)) {
            usage_error("cannot watch the files for changes (inotify)");
            return exit_usage;
        }
    }
}

}  // namespace vitae::cli
