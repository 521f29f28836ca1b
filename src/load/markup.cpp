#include "vitae/load/markup.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "vitae/base/ascii.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/utf8.hpp"

namespace vitae {

bool is_markup_escapable(char32_t c) {
    return c == U'\\' || c == U'*' || c == U'[' || c == U']' || c == U'(' || c == U')' || c == U'_' ||
           c == U'`' || c == U'#' || c == U'!';
}

std::optional<std::string> refused_link_scheme(std::string_view url) {
    // A URL's scheme: a letter, then letters, digits, '+', '-' or '.', up
    // to the first ':' (RFC 3986, section 3.1).
    std::string scheme;
    std::size_t at = 0;
    while (at < url.size() && static_cast<unsigned char>(url[at]) <= ' ') ++at;
    for (; at < url.size(); ++at) {
        const char c = ascii_lower(url[at]);
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c == ':') break;
        const bool letter = c >= 'a' && c <= 'z';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(!scheme.empty() && (digit || c == '+' || c == '-' || c == '.'))) return std::nullopt;
        scheme += c;
    }
    if (at == url.size()) return std::nullopt;
    for (const std::string_view refused : {"javascript", "vbscript", "data", "file"}) {
        if (scheme == refused) return scheme;
    }
    return std::nullopt;
}

bool check_link_length(std::string_view url, const SourceRegion& where, Diagnostics& diagnostics) {
    if (url.size() <= limits::max_link_target_bytes) return true;
    diagnostics.error(where, fmt::format("a link target of {} bytes; at most {} fit in a PDF link",
                                         url.size(), limits::max_link_target_bytes));
    return false;
}

bool check_link_target(std::string_view url, const SourceRegion& where, Diagnostics& diagnostics) {
    if (!check_link_length(url, where, diagnostics)) return false;
    const std::optional<std::string> scheme = refused_link_scheme(url);
    if (!scheme) return true;
    diagnostics.error(where, fmt::format("a link to a '{}:' URL is refused", *scheme),
                      "link to a web page (https:), an address (mailto:, tel:) or a relative path; "
                      "javascript:, vbscript:, data: and file: links could run code or open files on a "
                      "reader's machine");
    return false;
}

namespace {

struct CodePoint {
    char32_t value;
    std::size_t byte_begin;
    std::size_t byte_end;
    SourcePosition position;
};

std::vector<CodePoint> decode(std::string_view text, const SourceRegion& where,
                              const std::vector<SourcePosition>& positions) {
    std::vector<CodePoint> code_points;
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t begin = offset;
        const char32_t value = utf8::next(text, offset);
        const std::size_t index = code_points.size();
        SourcePosition position =
            index < positions.size()
                ? positions[index]
                : SourcePosition{where.begin.line, where.begin.column + static_cast<std::uint32_t>(index)};
        code_points.push_back({value, begin, offset, position});
    }
    return code_points;
}

/// Builds the spans: a new span starts whenever the style changes or the
/// next character does not directly follow the previous one in the input.
class SpanBuilder {
public:
    void set_bold(bool bold) { bold_ = bold; }
    void set_italic(bool italic) { italic_ = italic; }
    [[nodiscard]] bool bold() const { return bold_; }
    [[nodiscard]] bool italic() const { return italic_; }

    void set_code(bool code) { code_ = code; }
    [[nodiscard]] bool code() const { return code_; }

    void add(std::string_view bytes, SourcePosition position) {
        const bool continues = !spans_.empty() && !broken_ && pending_break_ == cv::Span::Break::none &&
                               spans_.back().bold == bold_ && spans_.back().italic == italic_ &&
                               spans_.back().code == code_ && spans_.back().link.empty() &&
                               next_position_ == position;
        if (!continues) {
            spans_.push_back(cv::Span{{}, bold_, italic_, {}, position, pending_break_, code_});
            broken_ = false;
            pending_break_ = cv::Span::Break::none;
        }
        spans_.back().text += bytes;
        next_position_ = {position.line, position.column + 1};
    }

    /// A line or paragraph break before the next character; none before the
    /// first, and spaces before a break are dropped (they would end a line).
    void add_break(cv::Span::Break kind) {
        if (spans_.empty()) return;
        pending_break_ = std::max(pending_break_, kind);
        for (auto span = spans_.rbegin(); span != spans_.rend(); ++span) {
            while (!span->text.empty() && span->text.back() == ' ') span->text.pop_back();
            if (!span->text.empty()) break;
        }
    }

    /// Starts a new span at the next character even if it would continue.
    void break_span() { broken_ = true; }
    [[nodiscard]] std::size_t span_count() const { return spans_.size(); }

    void link_spans_from(std::size_t first, const std::string& url) {
        for (std::size_t i = first; i < spans_.size(); ++i) spans_[i].link = url;
        broken_ = true;
    }

    std::vector<cv::Span> take() { return std::move(spans_); }

private:
    std::vector<cv::Span> spans_;
    bool bold_ = false;
    bool italic_ = false;
    bool code_ = false;
    bool broken_ = false;
    cv::Span::Break pending_break_ = cv::Span::Break::none;
    SourcePosition next_position_;
};

constexpr std::string_view escape_hint = "write \\* for a literal asterisk";
constexpr std::string_view block_fields_hint =
    "paragraphs and line breaks belong in a summary, description, highlight, list item or text section; "
    "join the lines here";

bool is_line_end(char32_t c) {
    return c == U'\n' || c == U'\r';
}

}  // namespace

cv::RichText parse_markup(std::string_view text, const SourceRegion& where,
                          const std::vector<SourcePosition>& positions, Diagnostics& diagnostics,
                          TextShape shape) {
    const std::vector<CodePoint> code_points = decode(text, where, positions);
    SpanBuilder builder;
    std::optional<SourcePosition> bold_opened;
    std::optional<SourcePosition> italic_opened;
    std::optional<SourcePosition> link_opened;
    std::size_t link_first_span = 0;
    bool previous_was_space = false;
    bool skipping_indent = false;
    // Line ends since the last character, where the first was, and where a
    // backslash asked for a line break.
    int line_ends = 0;
    std::optional<SourcePosition> soft_break_at;
    std::optional<SourcePosition> forced_break_at;

    auto region_at = [&where](SourcePosition position) { return where.at(position); };

    for (std::size_t i = 0; i < code_points.size(); ++i) {
        const CodePoint& current = code_points[i];
        const char32_t next = i + 1 < code_points.size() ? code_points[i + 1].value : U'\0';
        const std::string_view bytes = text.substr(current.byte_begin, current.byte_end - current.byte_begin);

        // A line end inside a multi-line string is a soft break, as in
        // Markdown: it reads as one space. Two or more (a blank line) end a
        // paragraph; a backslash before one breaks the line.
        if (is_line_end(current.value)) {
            if (current.value == U'\n' || next != U'\n') ++line_ends;
            if (line_ends == 1) soft_break_at = current.position;
            skipping_indent = true;
            continue;
        }
        if (current.value == U'\\' && is_line_end(next)) {
            forced_break_at = current.position;
            continue;
        }
        if (skipping_indent && (current.value == U' ' || current.value == U'\t')) continue;
        skipping_indent = false;
        if (line_ends > 0 || forced_break_at) {
            const bool paragraph = line_ends > 1;
            const std::optional<SourcePosition> break_at = paragraph ? soft_break_at : forced_break_at;
            if (break_at && shape == TextShape::block) {
                builder.add_break(paragraph ? cv::Span::Break::paragraph : cv::Span::Break::line);
            } else {
                if (break_at) {
                    diagnostics.error(region_at(*break_at),
                                      paragraph ? "a blank line (a paragraph break) in a one-line field"
                                                : "a line break (a backslash at the end of a line) in a "
                                                  "one-line field",
                                      std::string{block_fields_hint});
                }
                if (!previous_was_space) builder.add(" ", soft_break_at.value_or(current.position));
                builder.break_span();
            }
            line_ends = 0;
            forced_break_at.reset();
        }
        previous_was_space = current.value == U' ';

        if (current.value == U'`') {
            std::size_t close = i + 1;
            while (close < code_points.size() && code_points[close].value != U'`') ++close;
            if (close == code_points.size()) {
                diagnostics.error(region_at(current.position), "unclosed '`' (code)",
                                  "write \\` for a literal backquote");
                continue;
            }
            if (close == i + 1) {
                diagnostics.error(region_at(current.position), "empty code span '``'",
                                  "write \\` for a literal backquote");
            }
            // Code is taken literally, as in Markdown: no escapes, no markup;
            // a line end in it reads as a space.
            builder.set_code(true);
            builder.break_span();
            for (std::size_t j = i + 1; j < close; ++j) {
                const CodePoint& literal = code_points[j];
                if (is_line_end(literal.value)) {
                    if (literal.value == U'\n') builder.add(" ", literal.position);
                    continue;
                }
                builder.add(text.substr(literal.byte_begin, literal.byte_end - literal.byte_begin),
                            literal.position);
            }
            builder.set_code(false);
            builder.break_span();
            previous_was_space = false;
            i = close;
            continue;
        }

        if (current.value == U'\\' && is_markup_escapable(next)) {
            const CodePoint& escaped = code_points[i + 1];
            builder.add(text.substr(escaped.byte_begin, escaped.byte_end - escaped.byte_begin),
                        escaped.position);
            ++i;
            continue;
        }
        if (current.value == U'*' && next == U'*') {
            bold_opened = builder.bold() ? std::nullopt : std::optional{current.position};
            builder.set_bold(!builder.bold());
            ++i;
            continue;
        }
        if (current.value == U'*') {
            italic_opened = builder.italic() ? std::nullopt : std::optional{current.position};
            builder.set_italic(!builder.italic());
            continue;
        }
        if (current.value == U'[') {
            if (link_opened) {
                diagnostics.error(region_at(current.position), "a link cannot contain another link",
                                  "write \\[ for a literal bracket");
                continue;
            }
            link_opened = current.position;
            link_first_span = builder.span_count();
            builder.break_span();
            continue;
        }
        if (current.value == U']') {
            if (!link_opened) {
                diagnostics.error(region_at(current.position), "']' without an opening '['",
                                  "write \\] for a literal bracket");
                continue;
            }
            if (next != U'(') {
                diagnostics.error(region_at(current.position),
                                  "expected '(url)' right after ']' to complete the link",
                                  "write \\[ and \\] for literal brackets");
                link_opened.reset();
                builder.break_span();
                continue;
            }
            std::size_t close = i + 2;
            while (close < code_points.size() && code_points[close].value != U')') ++close;
            if (close == code_points.size()) {
                diagnostics.error(region_at(code_points[i + 1].position), "unclosed '(' of a link target",
                                  "end the URL with ')'");
                link_opened.reset();
                break;
            }
            const std::size_t url_begin = code_points[i + 1].byte_end;
            const std::string url{text.substr(url_begin, code_points[close].byte_begin - url_begin)};
            if (url.empty()) {
                diagnostics.error(region_at(code_points[i + 1].position), "empty link target");
            } else if (url.find(' ') != std::string::npos) {
                diagnostics.error(region_at(code_points[i + 2].position),
                                  "a link target cannot contain spaces", "write %20 instead");
            }
            // A refused target never reaches the text, even as returned
            // with errors.
            const bool usable = check_link_target(url, region_at(code_points[i + 2].position), diagnostics);
            if (builder.span_count() == link_first_span) {
                diagnostics.error(region_at(*link_opened), "a link needs some text between '[' and ']'");
            }
            builder.link_spans_from(link_first_span, usable ? url : std::string{});
            link_opened.reset();
            i = close;
            continue;
        }
        builder.add(bytes, current.position);
    }

    if (bold_opened) {
        diagnostics.error(region_at(*bold_opened), "unclosed '**' (bold)", std::string{escape_hint});
    }
    if (italic_opened) {
        diagnostics.error(region_at(*italic_opened), "unclosed '*' (italic)", std::string{escape_hint});
    }
    if (link_opened) {
        diagnostics.error(region_at(*link_opened), "unclosed '[' (link)", "write \\[ for a literal bracket");
    }
    return cv::RichText{builder.take(), where};
}

}  // namespace vitae
