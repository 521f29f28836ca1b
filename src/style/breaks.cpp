#include "vitae/style/breaks.hpp"

#include <string_view>

namespace vitae::style {

namespace {

/// A break between the parts of an address or URL ("name@" "host", "a/"
/// "b"): as dear as a break at an explicit hyphen (plain TeX's
/// \exhyphenpenalty), so that a line ends between contacts rather than
/// inside one when it can.
constexpr double part_break_penalty = 50;
/// A break inside a part, after a mark joining words of one name
/// ("universidad." "example"): twice as dear, so that a part stays whole
/// when a line can end after it.
constexpr double joint_break_penalty = 2 * part_break_penalty;

constexpr std::string_view part_marks = "@/,;?&=#|";
constexpr std::string_view joint_marks = "._~:";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::vector<ContactPiece> split_contact(std::string_view text) {
    std::vector<ContactPiece> pieces;
    std::size_t begin = 0;
    for (std::size_t at = 0; at + 1 < text.size(); ++at) {
        const char mark = text[at];
        const bool part = part_marks.find(mark) != std::string_view::npos;
        const bool joint = joint_marks.find(mark) != std::string_view::npos;
        if ((!part && !joint) || at == 0) continue;
        const char next = text[at + 1];
        if (next == ' ' || part_marks.find(next) != std::string_view::npos ||
            joint_marks.find(next) != std::string_view::npos || next == '-')
            continue;
        if ((mark == '.' || mark == ',') && at > 0 && is_digit(text[at - 1]) && is_digit(next)) continue;
        pieces.push_back(
            {text.substr(begin, at + 1 - begin), begin, part ? part_break_penalty : joint_break_penalty});
        begin = at + 1;
    }
    pieces.push_back({text.substr(begin), begin, std::nullopt});
    return pieces;
}

}  // namespace vitae::style
