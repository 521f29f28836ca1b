#include "string_positions.hpp"

#include "vitae/base/utf8.hpp"

#include <algorithm>

namespace vitae::detail {

namespace {

/// Walks the raw bytes of the file while keeping line and column.
class Cursor {
public:
    explicit Cursor(const SourceText& source) : source_(source.text()), lines_(source) {}

    bool seek(SourcePosition target) {
        if (target.line == 0) return false;
        const SourceText::Checkpoint start = lines_.checkpoint_before(target);
        offset_ = start.offset;
        position_ = start.position;
        while (offset_ < source_.size() && position_.line == target.line &&
               position_.column < target.column) {
            if (source_[offset_] == '\n') return false;
            advance();
        }
        return position_ == target;
    }

    [[nodiscard]] bool at_end() const { return offset_ >= source_.size(); }
    [[nodiscard]] char peek(std::size_t ahead = 0) const {
        return offset_ + ahead < source_.size() ? source_[offset_ + ahead] : '\0';
    }
    [[nodiscard]] bool starts_with(std::string_view text) const {
        return source_.substr(offset_).starts_with(text);
    }
    [[nodiscard]] SourcePosition position() const { return position_; }

    /// Moves past one code point (a CRLF pair counts as one line break).
    void advance() {
        if (at_end()) return;
        if (source_[offset_] == '\r' && peek(1) == '\n') ++offset_;
        if (source_[offset_] == '\n') {
            ++offset_;
            position_ = {position_.line + 1, 1};
            return;
        }
        utf8::next(source_, offset_);
        ++position_.column;
    }

    void skip(std::size_t code_points) {
        for (std::size_t i = 0; i < code_points; ++i) advance();
    }

    [[nodiscard]] bool at_line_break() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }

private:
    std::string_view source_;
    const SourceText& lines_;
    std::size_t offset_ = 0;
    SourcePosition position_{1, 1};
};

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

/// A backslash at the end of a line in a multi-line basic string swallows
/// the line break and the white space that follows.
bool skip_line_ending_backslash(Cursor& cursor) {
    std::size_t ahead = 1;
    while (is_blank(cursor.peek(ahead))) ++ahead;
    const char after = cursor.peek(ahead);
    if (after != '\n' && after != '\r') return false;
    cursor.advance();  // the backslash
    while (is_blank(cursor.peek()) || cursor.at_line_break()) cursor.advance();
    return true;
}

std::size_t escape_length(char kind) {
    if (kind == 'u') return 6;   // \uXXXX
    if (kind == 'U') return 10;  // \UXXXXXXXX
    return 2;
}

}  // namespace

SourceText::SourceText(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t offset = text.find('\n'); offset != std::string_view::npos;
         offset = text.find('\n', offset + 1)) {
        line_starts_.push_back(offset + 1);
    }
    first_checkpoint_.reserve(line_starts_.size() + 1);
    for (std::size_t line = 0; line < line_starts_.size(); ++line) {
        first_checkpoint_.push_back(checkpoints_.size());
        const std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1 : text.size();
        // A line shorter in bytes than a stride has fewer code points too.
        if (end - line_starts_[line] <= checkpoint_stride) continue;
        std::uint32_t code_points = 0;
        for (std::size_t offset = line_starts_[line]; offset < end;) {
            utf8::next(text, offset);
            if (++code_points % checkpoint_stride == 0 && offset < end) checkpoints_.push_back(offset);
        }
    }
    first_checkpoint_.push_back(checkpoints_.size());
}

std::size_t SourceText::line_start(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return text_.size();
    return line_starts_[line - 1];
}

SourceText::Checkpoint SourceText::checkpoint_before(SourcePosition target) const {
    if (target.line == 0 || target.line > line_starts_.size()) return {text_.size(), {target.line, 1}};
    const std::size_t line = target.line - 1;
    const std::size_t available = first_checkpoint_[line + 1] - first_checkpoint_[line];
    const std::size_t wanted = target.column > 0 ? (target.column - 1) / checkpoint_stride : 0;
    const std::size_t taken = std::min(available, wanted);
    if (taken == 0) return {line_starts_[line], {target.line, 1}};
    return {checkpoints_[first_checkpoint_[line] + taken - 1],
            {target.line, static_cast<std::uint32_t>(1 + taken * checkpoint_stride)}};
}

std::vector<SourcePosition> string_positions(const SourceText& source, SourcePosition opening_quote,
                                             std::string_view decoded) {
    Cursor cursor{source};
    if (!cursor.seek(opening_quote)) return {};

    const bool literal = cursor.peek() == '\'';
    const bool multi_line = cursor.starts_with(literal ? "'''" : "\"\"\"");
    const std::string_view delimiter = literal ? (multi_line ? "'''" : "'") : (multi_line ? "\"\"\"" : "\"");
    cursor.skip(delimiter.size());
    if (multi_line && cursor.at_line_break()) cursor.advance();

    const std::size_t expected = utf8::length(decoded);
    std::vector<SourcePosition> positions;
    positions.reserve(expected);
    while (!cursor.at_end() && positions.size() <= expected) {
        if (cursor.starts_with(delimiter)) {
            // Up to two quotes may stand right before a multi-line closing
            // delimiter and belong to the content.
            if (!multi_line || !cursor.starts_with(std::string{delimiter} + delimiter.front())) break;
        }
        if (!literal && cursor.peek() == '\\') {
            if (multi_line && skip_line_ending_backslash(cursor)) continue;
            positions.push_back(cursor.position());
            cursor.skip(escape_length(cursor.peek(1)));
            continue;
        }
        positions.push_back(cursor.position());
        cursor.advance();
    }
    if (positions.size() != expected) return {};
    return positions;
}

}  // namespace vitae::detail
