#pragma once
// What the shell and `man` know of vitae, made from the command line's own
// definition (CLI11's App), so that they and `vitae --help` never disagree:
// completions for bash, zsh and fish (`vitae completions SHELL`) and the
// manual page vitae(1) (`vitae manual`).

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace vitae::cli {

/// What a shell offers after an option (or for a subcommand's arguments):
/// words, and files of one kind ("*.toml") or of any ("*").
struct ValueCompletion {
    std::vector<std::string> words;
    std::string files;  ///< a glob; empty: no files
};

/// Completions keyed by "subcommand option" ("build --style"), or by
/// "subcommand" for its positional arguments.
using ValueCompletions = std::map<std::string, ValueCompletion>;

[[nodiscard]] std::string bash_completion(const CLI::App& app, const ValueCompletions& values);
[[nodiscard]] std::string zsh_completion(const CLI::App& app, const ValueCompletions& values);
[[nodiscard]] std::string fish_completion(const CLI::App& app, const ValueCompletions& values);

/// The shells `vitae completions` writes for.
[[nodiscard]] const std::vector<std::string_view>& completion_shells();

/// vitae(1) in man's roff: the commands and options as --help gives them,
/// then `sections` (title and text, paragraphs split by blank lines) such
/// as EXIT STATUS and ENVIRONMENT. Undated, so that it builds to the same
/// bytes; the version says which vitae it describes.
[[nodiscard]] std::string manual_page(const CLI::App& app, std::string_view version,
                                      const std::vector<std::pair<std::string, std::string>>& sections);

}  // namespace vitae::cli
