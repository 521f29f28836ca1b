#include "shell.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <iterator>

#include "vitae/base/ascii.hpp"
#include "vitae/base/utf8.hpp"

namespace vitae::cli {

namespace {

/// An option or a positional argument as the shells and the manual show it.
struct OptionShape {
    std::vector<std::string> names;  ///< "-o", "--output"; a positional's own ("CV")
    std::string value_name;          ///< "OUTPUT"; empty for a flag
    std::string description;
    std::string key;  ///< its name in ValueCompletions: the long name, else the short
};

/// A subcommand as the shells and the manual show it.
struct CommandShape {
    std::string name;
    std::string description;
    std::vector<OptionShape> options;
    std::vector<OptionShape> arguments;
};

std::vector<CommandShape> commands_of(const CLI::App& app) {
    std::vector<CommandShape> commands;
    for (const CLI::App* subcommand : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (subcommand->get_group().empty()) continue;  // hidden, as in --help
        CommandShape command{subcommand->get_name(), subcommand->get_description(), {}, {}};
        for (const CLI::Option* option : subcommand->get_options()) {
            OptionShape shape;
            shape.description = option->get_description();
            if (option->get_positional()) {
                shape.names = {option->get_name()};
                shape.key = option->get_name();
                command.arguments.push_back(std::move(shape));
                continue;
            }
            for (const std::string& name : option->get_snames()) shape.names.push_back("-" + name);
            for (const std::string& name : option->get_lnames()) shape.names.push_back("--" + name);
            shape.key = shape.names.back();
            // A flag expects no value (CLI11 sets its type size to 0).
            if (option->get_type_size_max() != 0 && option->get_expected_max() != 0) {
                shape.value_name = ascii_uppercase(shape.key.substr(shape.key.find_first_not_of('-')));
                std::replace(shape.value_name.begin(), shape.value_name.end(), '-', '_');
            }
            command.options.push_back(std::move(shape));
        }
        commands.push_back(std::move(command));
    }
    return commands;
}

/// The first clause of a description, for a shell's one-line menu.
std::string summary(std::string_view description) {
    // Where a shell's menu line had best stop: a sentence's or a clause's end.
    constexpr std::size_t longest_summary = 72;
    std::size_t end = description.size();
    for (const std::string_view stop : {". ", ": ", "; ", " (", ", "}) {
        const std::size_t at = description.find(stop);
        if (at != std::string_view::npos && at > 0) end = std::min(end, at);
    }
    std::string text{description.substr(0, end)};
    if (text.size() > longest_summary) text = text.substr(0, longest_summary - 3) + "...";
    return text;
}

/// `text` in single quotes for sh (bash, zsh).
std::string sh_quoted(std::string_view text) {
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
    return quoted + "'";
}

const ValueCompletion* values_for(const ValueCompletions& values, const std::string& key) {
    const auto found = values.find(key);
    return found == values.end() ? nullptr : &found->second;
}

std::string joined_names(const std::vector<OptionShape>& options) {
    std::vector<std::string> names;
    for (const OptionShape& option : options)
        names.insert(names.end(), option.names.begin(), option.names.end());
    return fmt::format("{}", fmt::join(names, " "));
}

/// bash: the words of `completion`, then its files (directories too, to walk into).
std::string bash_reply(const ValueCompletion& completion) {
    std::string reply;
    if (!completion.words.empty())
        reply += fmt::format("COMPREPLY+=($(compgen -W {} -- \"$cur\")); ",
                             sh_quoted(fmt::format("{}", fmt::join(completion.words, " "))));
    if (!completion.files.empty()) {
        reply += "compopt -o filenames 2>/dev/null; ";
        reply += completion.files == "*"
                     ? std::string{"COMPREPLY+=($(compgen -f -- \"$cur\")); "}
                     : fmt::format("COMPREPLY+=($(compgen -f -X {} -- \"$cur\") $(compgen -d -- \"$cur\")); ",
                                   sh_quoted("!" + completion.files));
    }
    return reply + "return ;;";
}

/// zsh's _arguments takes ':' and brackets as its own.
std::string zsh_description(std::string_view description) {
    std::string escaped;
    for (const char c : summary(description)) {
        if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
        escaped += c;
    }
    return escaped;
}

std::string zsh_action(const ValueCompletion* completion) {
    if (completion == nullptr) return " ";
    std::string action;
    if (!completion->words.empty()) action = fmt::format("({})", fmt::join(completion->words, " "));
    if (!completion->files.empty()) {
        const std::string files = completion->files == "*"
                                      ? std::string{"_files"}
                                      : fmt::format("_files -g \"{}\"", completion->files);
        action = action.empty()
                     ? files
                     : fmt::format("_alternative \"words:word:{}\" \"files:file:{}\"", action, files);
    }
    return action;
}

/// `text` in single quotes for fish (which escapes \ and ' inside them).
std::string fish_quoted(std::string_view text) {
    std::string quoted = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

/// Text for roff: backslashes and hyphens as roff writes them, a line
/// that would start with a control character guarded.
std::string roff(std::string_view text) {
    std::string escaped;
    bool line_start = true;
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t c = utf8::next(text, offset);
        if (line_start && (c == '.' || c == '\'')) escaped += "\\&";
        if (c == '\\') {
            escaped += "\\e";
        } else if (c == '-') {
            escaped += "\\-";
        } else if (c >= 0x80) {
            // groff reads Latin-1 unless told; a named code point reads anywhere.
            escaped += fmt::format("\\[u{:04X}]", static_cast<std::uint32_t>(c));
        } else {
            escaped += static_cast<char>(c);
        }
        line_start = c == '\n';
    }
    return escaped;
}

}  // namespace

const std::vector<std::string_view>& completion_shells() {
    static const std::vector<std::string_view> shells = {"bash", "zsh", "fish"};
    return shells;
}

std::string bash_completion(const CLI::App& app, const ValueCompletions& values) {
    const std::vector<CommandShape> commands = commands_of(app);
    std::vector<std::string> names;
    for (const CommandShape& command : commands) names.push_back(command.name);
    std::string script = fmt::format(
        "# bash completion for vitae (vitae completions bash)\n"
        "_vitae() {{\n"
        "    local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" prev=\"${{COMP_WORDS[COMP_CWORD-1]}}\" command=\"\" "
        "i\n"
        "    COMPREPLY=()\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        case \"${{COMP_WORDS[i]}}\" in {}) command=\"${{COMP_WORDS[i]}}\"; break ;; esac\n"
        "    done\n"
        "    if [[ -z $command ]]; then\n"
        "        COMPREPLY=($(compgen -W {} -- \"$cur\"))\n"
        "        return\n"
        "    fi\n"
        "    case \"$command $prev\" in\n",
        fmt::join(names, "|"), sh_quoted(fmt::format("{} --help --version", fmt::join(names, " "))));
    for (const CommandShape& command : commands) {
        for (const OptionShape& option : command.options) {
            if (option.value_name.empty()) continue;
            const ValueCompletion* completion = values_for(values, command.name + " " + option.key);
            std::vector<std::string> patterns;
            for (const std::string& name : option.names)
                patterns.push_back(fmt::format("\"{} {}\"", command.name, name));
            fmt::format_to(std::back_inserter(script), "        {}) {}\n", fmt::join(patterns, "|"),
                           completion != nullptr ? bash_reply(*completion) : std::string{"return ;;"});
        }
    }
    script += "    esac\n    if [[ $cur == -* ]]; then\n        case $command in\n";
    for (const CommandShape& command : commands) {
        fmt::format_to(std::back_inserter(script),
                       "            {}) COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n", command.name,
                       sh_quoted(joined_names(command.options)));
    }
    script += "        esac\n        return\n    fi\n    case $command in\n";
    for (const CommandShape& command : commands) {
        const ValueCompletion* completion = values_for(values, command.name);
        if (command.arguments.empty() || completion == nullptr) continue;
        fmt::format_to(std::back_inserter(script), "        {}) {}\n", command.name, bash_reply(*completion));
    }
    script += "    esac\n}\ncomplete -F _vitae vitae\n";
    return script;
}

std::string zsh_completion(const CLI::App& app, const ValueCompletions& values) {
    const std::vector<CommandShape> commands = commands_of(app);
    std::string script =
        "#compdef vitae\n# zsh completion for vitae (vitae completions zsh)\n\n_vitae() {\n"
        "    local -a commands\n    commands=(\n";
    for (const CommandShape& command : commands)
        fmt::format_to(std::back_inserter(script), "        {}\n",
                       sh_quoted(fmt::format("{}:{}", command.name, zsh_description(command.description))));
    script +=
        "    )\n    if (( CURRENT == 2 )); then\n        _describe -t commands 'vitae command' commands\n"
        "        _arguments '--help[Print help]' '--version[Print the version]'\n        return\n    fi\n"
        "    local command=$words[2]\n    shift words\n    (( CURRENT-- ))\n    case $command in\n";
    for (const CommandShape& command : commands) {
        fmt::format_to(std::back_inserter(script), "        {})\n            _arguments -s \\\n",
                       command.name);
        for (const OptionShape& option : command.options) {
            const std::string exclusive =
                option.names.size() > 1 ? fmt::format("({})", fmt::join(option.names, " ")) : std::string{};
            const std::string value =
                option.value_name.empty()
                    ? std::string{}
                    : fmt::format(":{}:{}", ascii_lowercase(option.value_name),
                                  zsh_action(values_for(values, command.name + " " + option.key)));
            for (const std::string& name : option.names) {
                fmt::format_to(std::back_inserter(script), "                {} \\\n",
                               sh_quoted(fmt::format("{}{}[{}]{}", exclusive, name,
                                                     zsh_description(option.description), value)));
            }
        }
        const ValueCompletion* arguments = values_for(values, command.name);
        if (!command.arguments.empty() && arguments != nullptr) {
            fmt::format_to(std::back_inserter(script), "                {}\n",
                           sh_quoted(fmt::format("*:{}:{}", ascii_lowercase(command.arguments.front().key),
                                                 zsh_action(arguments))));
        } else {
            script += "                \n";
        }
        script += "            ;;\n";
    }
    script += "    esac\n}\n\n_vitae \"$@\"\n";
    return script;
}

std::string fish_completion(const CLI::App& app, const ValueCompletions& values) {
    const std::vector<CommandShape> commands = commands_of(app);
    std::vector<std::string> names;
    for (const CommandShape& command : commands) names.push_back(command.name);
    std::string script = "# fish completion for vitae (vitae completions fish)\ncomplete -c vitae -f\n";
    fmt::format_to(std::back_inserter(script),
                   "complete -c vitae -n __fish_use_subcommand -l help -d 'Print help'\n"
                   "complete -c vitae -n __fish_use_subcommand -l version -d 'Print the version'\n");
    for (const CommandShape& command : commands) {
        fmt::format_to(std::back_inserter(script), "complete -c vitae -n __fish_use_subcommand -a {} -d {}\n",
                       command.name, fish_quoted(summary(command.description)));
    }
    const auto files_of = [](const ValueCompletion& completion) {
        if (completion.files.empty()) return std::string{};
        if (completion.files == "*") return std::string{"(__fish_complete_path (commandline -ct))"};
        const std::size_t dot = completion.files.rfind('.');
        return fmt::format("(__fish_complete_suffix {})", completion.files.substr(dot));
    };
    for (const CommandShape& command : commands) {
        const std::string condition =
            fish_quoted(fmt::format("__fish_seen_subcommand_from {}", command.name));
        for (const OptionShape& option : command.options) {
            std::string line = fmt::format("complete -c vitae -n {}", condition);
            for (const std::string& name : option.names)
                line += name.starts_with("--") ? fmt::format(" -l {}", name.substr(2))
                                               : fmt::format(" -s {}", name.substr(1));
            if (!option.value_name.empty()) {
                line += " -r";
                if (const ValueCompletion* completion = values_for(values, command.name + " " + option.key)) {
                    std::vector<std::string> arguments = completion->words;
                    if (const std::string files = files_of(*completion); !files.empty())
                        arguments.push_back(files);
                    line += fmt::format(" -a {}", fish_quoted(fmt::format("{}", fmt::join(arguments, " "))));
                }
            }
            script += fmt::format("{} -d {}\n", line, fish_quoted(summary(option.description)));
        }
        if (const ValueCompletion* arguments = values_for(values, command.name);
            arguments != nullptr && !command.arguments.empty()) {
            std::vector<std::string> words = arguments->words;
            if (const std::string files = files_of(*arguments); !files.empty()) words.push_back(files);
            script += fmt::format("complete -c vitae -n {} -a {}\n", condition,
                                  fish_quoted(fmt::format("{}", fmt::join(words, " "))));
        }
    }
    return script;
}

std::string manual_page(const CLI::App& app, std::string_view version,
                        const std::vector<std::pair<std::string, std::string>>& sections) {
    const std::vector<CommandShape> commands = commands_of(app);
    std::string page = fmt::format(
        ".TH VITAE 1 \"\" \"vitae {}\" \"User Commands\"\n"
        ".SH NAME\nvitae \\- {}\n"
        ".SH SYNOPSIS\n.B vitae\n.I command\n[\\fIoptions\\fR] [\\fIfiles\\fR]\n.br\n"
        ".B vitae\n\\-\\-help | \\-\\-version\n"
        ".SH COMMANDS\n",
        version, roff("compiles a CV written in TOML into PDF, LaTeX, HTML, Word and text"));
    for (const CommandShape& command : commands) {
        std::vector<std::string> arguments;
        for (const OptionShape& argument : command.arguments)
            arguments.push_back(fmt::format("\\fI{}\\fR", argument.key));
        fmt::format_to(std::back_inserter(page), ".SS \"vitae {} [options] {}\"\n{}\n", command.name,
                       fmt::join(arguments, " "), roff(command.description));
        for (const OptionShape& argument : command.arguments)
            fmt::format_to(std::back_inserter(page), ".TP\n.I {}\n{}\n", roff(argument.key),
                           roff(argument.description));
        for (const OptionShape& option : command.options) {
            std::vector<std::string> names;
            for (const std::string& name : option.names)
                names.push_back(fmt::format("\\fB{}\\fR", roff(name)));
            const std::string value =
                option.value_name.empty() ? std::string{} : fmt::format(" \\fI{}\\fR", option.value_name);
            fmt::format_to(std::back_inserter(page), ".TP\n{}{}\n{}\n", fmt::join(names, ", "), value,
                           roff(option.description));
        }
    }
    for (const auto& [title, text] : sections) {
        fmt::format_to(std::back_inserter(page), ".SH {}\n", ascii_uppercase(title));
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find("\n\n", start);
            if (end == std::string::npos) end = text.size();
            fmt::format_to(std::back_inserter(page), ".PP\n{}\n", roff(text.substr(start, end - start)));
            start = end + 2;
        }
    }
    return page;
}

}  // namespace vitae::cli
