#include "vitae/base/quoting.hpp"

#include <fmt/format.h>

#include <iterator>

namespace vitae {

std::string double_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                // TOML forbids raw control characters and DEL; JSON takes them escaped.
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    fmt::format_to(std::back_inserter(out), "\\u{:04X}", static_cast<unsigned>(c));
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

}  // namespace vitae
