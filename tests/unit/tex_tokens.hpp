#pragma once
// A model of TeX's input processor, to tell whether two .tex files read
// the same: the LaTeX writer's tests check that breaking long lines
// changes nothing, and a fuzz target may check the same on any text.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace vitae::test {

/// The tokens TeX reads from `tex` with LaTeX's category codes, as TeX's
/// input processor makes them: a line loses its trailing spaces and ends in
/// an end-of-line character; spaces collapse and are skipped at a line's
/// start and after a control word; an end of line is a space, nothing after
/// a space or control word, and \par on an empty line; `%` drops the rest
/// of its line. `\` before the end of a line (LaTeX's control space) is
/// written "\ ". Enough to tell whether two .tex files read the same.
inline std::vector<std::string> tex_tokens(std::string_view tex) {
    const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    std::vector<std::string> tokens;
    for (std::size_t start = 0; start <= tex.size();) {
        const std::size_t end = std::min(tex.find('\n', start), tex.size());
        std::string_view line = tex.substr(start, end - start);
        while (line.ends_with(' ')) line.remove_suffix(1);
        enum { new_line, skipping_blanks, mid_line } state = new_line;
        std::size_t at = 0;
        for (; at < line.size(); ++at) {
            const char c = line[at];
            if (c == '%') break;
            if (c == ' ') {
                if (state == mid_line) tokens.emplace_back(" ");
                if (state == mid_line) state = skipping_blanks;
                continue;
            }
            if (c == '\\') {
                std::size_t name_end = at + 1;
                while (name_end < line.size() && is_letter(line[name_end])) ++name_end;
                if (name_end == at + 1) {
                    // A control symbol; `\` at the line's end takes its end of line.
                    const char symbol = at + 1 < line.size() ? line[at + 1] : ' ';
                    tokens.push_back(std::string{"\\"} + symbol);
                    state = symbol == ' ' ? skipping_blanks : mid_line;
                    at = at + 1 < line.size() ? at + 1 : line.size();
                    if (at == line.size()) state = skipping_blanks;
                    continue;
                }
                tokens.emplace_back(line.substr(at, name_end - at));
                state = skipping_blanks;
                at = name_end - 1;
                continue;
            }
            tokens.emplace_back(1, c);
            state = mid_line;
        }
        if (at >= line.size() && end < tex.size()) {
            if (state == new_line) tokens.emplace_back("\\par");
            if (state == mid_line) tokens.emplace_back(" ");
        }
        if (end >= tex.size()) break;
        start = end + 1;
    }
    return tokens;
}

}  // namespace vitae::test
