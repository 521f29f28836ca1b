#include "vitae/verify/ats.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>

#include "vitae/base/utf8.hpp"

namespace vitae::verify {

namespace {

using compose::Block;
using compose::Piece;
using compose::Role;

// --- reading order's tolerances --------------------------------------------------

/// The name must be on one of page 1's first lines: an ATS takes the name
/// from the top of the CV. Five lines leave room for a headline or a line
/// of contacts above it, as a header may set them.
constexpr std::size_t name_lines = 5;

/// A word found this close after the previous one (in words) is taken
/// without more ado; farther away, the words after it must follow it too
/// (`confirming_words`, each within `near_words` of the one before). A page
/// break puts a footer (a few words) between two words of one flow; a
/// two-sided line its right side; three words by chance is what this
/// guards against: a common word ("and") taken from another place.
constexpr std::size_t near_words = 12;
constexpr std::size_t confirming_words = 2;

// --- the expected text -------------------------------------------------------------

/// The field a piece's text is part of; none for what is read but not
/// scored (separators, markers).
std::optional<Field> field_of(const Piece& piece) {
    switch (piece.role) {
        case Role::name: return Field::name;
        case Role::contact:
            if (piece.url.starts_with("mailto:")) return Field::email;
            if (piece.url.starts_with("tel:")) return Field::phone;
            if (!piece.url.empty()) return Field::url;
            return Field::contact;
        case Role::link:
        case Role::publication_link: return Field::url;
        case Role::section_title:
        case Role::group_title:
        case Role::entry_title:
        case Role::entry_subtitle:
        case Role::role_title:
        case Role::publication_title: return Field::title;
        case Role::date:
        case Role::updated: return Field::date;
        case Role::location: return Field::location;
        case Role::highlight:
        case Role::list_item: return Field::bullet;
        case Role::author:
        case Role::owner:
        case Role::authors: return Field::author;
        case Role::venue_abbr:
        case Role::venue:
        case Role::details:
        case Role::award:
        case Role::note:
        case Role::publication:
        case Role::equal_contribution_note: return Field::publication;
        case Role::skill:
        case Role::skill_level:
        case Role::skill_label:
        case Role::skills: return Field::skill;
        case Role::headline:
        case Role::summary:
        case Role::description:
        case Role::text:
        case Role::entry_head:
        case Role::role_head:
        case Role::recipient:
        case Role::place_date:
        case Role::subject:
        case Role::salutation:
        case Role::closing:
        case Role::signature:
        case Role::enclosure: return Field::text;
        case Role::contacts:
        case Role::icon:
        case Role::separator:
        case Role::marker:
        case Role::equal_contribution_mark:
        case Role::footer:
        case Role::photo:
        case Role::space: return std::nullopt;
    }
    return std::nullopt;
}

/// One character of a unit's text, with where the CV says it.
struct Character {
    char32_t code_point = 0;
    SourcePosition position;
    std::size_t item = 0;
    const SourceRegion* where = nullptr;
};

/// Turns blocks into units of expected words, flow by flow.
class ExpectedBuilder final : public compose::BlockSink {
public:
    explicit ExpectedBuilder(Expected& expected) : expected_(expected) {}

    void start(compose::Flow flow) override { flow_ = flow; }

    void add(Block block) override {
        block_ = &block;
        switch (block.kind) {
            case Block::Kind::heading:
            case Block::Kind::paragraph:
            case Block::Kind::list_item: add_unit({&block.content}); break;
            case Block::Kind::two_sided:
                add_unit({&block.content});
                add_unit({&block.right}, true);
                break;
            case Block::Kind::contacts:
                for (const compose::ContactItem& contact : block.contacts) add_unit({&contact.whole});
                break;
            case Block::Kind::skills:
                for (const compose::SkillRow& row : block.rows) add_unit({&row.label, &row.items});
                break;
            case Block::Kind::space:
            case Block::Kind::picture: break;
        }
        block_ = nullptr;
        ++block_count_;
    }

private:
    /// The item a piece's text belongs to: the open one while the role
    /// stays the same, else a new one.
    std::size_t item_for(const Piece& piece, const SourceRegion& where) {
        if (open_item_ && last_role_ == piece.role) return *open_item_;
        const std::optional<Field> field = field_of(piece);
        ExpectedItem item;
        item.field = field.value_or(Field::text);
        item.scored = field.has_value();
        item.where = where;
        expected_.items.push_back(std::move(item));
        open_item_ = expected_.items.size() - 1;
        last_role_ = piece.role;
        return *open_item_;
    }

    /// Where a plain piece or an icon is in the CV: its own place, or its
    /// block's when vitae made it.
    [[nodiscard]] const SourceRegion& region_of(const Piece& piece) const {
        return piece.where.path ? piece.where : block_->where;
    }

    void add_text(std::vector<Character>& characters, std::string_view text, const Piece& piece,
                  SourcePosition first, bool advance, std::size_t item, const SourceRegion* where) {
        const bool uppercase = piece.style != nullptr && piece.effective_style().uppercase;
        SourcePosition position = first;
        for (std::size_t offset = 0; offset < text.size();) {
            char32_t code_point = utf8::next(text, offset);
            if (uppercase) code_point = utf8::to_upper(code_point);
            characters.push_back({code_point, position, item, where});
            if (advance) ++position.column;
        }
        expected_.items[item].text += text;
    }

    void add_unit(const std::vector<const compose::Inline*>& parts, bool side = false) {
        std::vector<Character> characters;
        open_item_.reset();
        for (const compose::Inline* part : parts) {
            for (const Piece& piece : *part) {
                switch (piece.kind) {
                    case Piece::Kind::rich: {
                        const SourceRegion& where = piece.rich.where.path ? piece.rich.where : block_->where;
                        const std::size_t item = item_for(piece, where);
                        for (const cv::Span& span : piece.rich.spans) {
                            if (span.break_before != cv::Span::Break::none)
                                characters.push_back({' ', span.start, item, &where});
                            const bool known = span.start.line != 0;
                            add_text(characters, span.text, piece, known ? span.start : where.begin, known,
                                     item, &where);
                        }
                        break;
                    }
                    case Piece::Kind::plain: {
                        const SourceRegion& where = region_of(piece);
                        add_text(characters, piece.text, piece, where.begin, false, item_for(piece, where),
                                 &where);
                        break;
                    }
                    case Piece::Kind::space:
                    case Piece::Kind::glued_space:
                        if (open_item_) characters.push_back({' ', {}, *open_item_, nullptr});
                        break;
                    case Piece::Kind::icon: {
                        // A tagged PDF's icon reads as what it means ("E-mail").
                        const std::string_view meaning = cv::icon_meaning(piece.text);
                        if (meaning.empty()) break;
                        const SourceRegion& where = region_of(piece);
                        const std::size_t item = item_for(piece, where);
                        characters.push_back({' ', {}, item, &where});
                        add_text(characters, meaning, piece, where.begin, false, item, &where);
                        characters.push_back({' ', {}, item, &where});
                        break;
                    }
                    case Piece::Kind::break_point: break;
                }
            }
            // Parts (a skill row's label and items) are apart on the page.
            characters.push_back({' ', {}, 0, nullptr});
            open_item_.reset();
        }
        ExpectedUnit unit;
        unit.flow = flow_;
        unit.block = block_count_;
        unit.what = block_->what;
        unit.side = side;
        for (std::size_t at = 0; at < characters.size();) {
            if (utf8::is_space(characters[at].code_point)) {
                ++at;
                continue;
            }
            ExpectedWord word;
            word.where = *characters[at].where;
            word.item = characters[at].item;
            for (; at < characters.size() && !utf8::is_space(characters[at].code_point); ++at) {
                utf8::append(word.text, characters[at].code_point);
                word.positions.push_back(characters[at].position);
            }
            unit.words.push_back(std::move(word));
        }
        if (!unit.words.empty()) expected_.units.push_back(std::move(unit));
    }

    Expected& expected_;
    compose::Flow flow_ = compose::Flow::main;
    const Block* block_ = nullptr;
    std::size_t block_count_ = 0;
    std::optional<std::size_t> open_item_;
    Role last_role_ = Role::text;
};

// --- the text read -----------------------------------------------------------------

struct ReadWord {
    std::string text;
    std::size_t page = 0;
    std::size_t line = 0;  ///< within its page
};

std::vector<ReadWord> read_words(const PdfText& read) {
    std::vector<ReadWord> words;
    for (std::size_t page = 0; page < read.pages.size(); ++page) {
        const std::string& text = read.pages[page];
        std::size_t line = 0;
        std::optional<ReadWord> word;
        for (std::size_t offset = 0; offset < text.size();) {
            const std::size_t start = offset;
            const char32_t code_point = utf8::next(text, offset);
            if (utf8::is_space(code_point)) {
                if (word) words.push_back(std::move(*word));
                word.reset();
                if (code_point == '\n') ++line;
                continue;
            }
            if (!word) word = ReadWord{{}, page, line};
            word->text.append(text, start, offset - start);
        }
        if (word) words.push_back(std::move(*word));
    }
    return words;
}

// --- matching ------------------------------------------------------------------------

constexpr std::size_t unmatched = static_cast<std::size_t>(-1);

/// Finds the expected words in the words read, flow by flow and block by
/// block (see docs/ats.md).
class Matcher {
public:
    Matcher(const Expected& expected, const std::vector<ReadWord>& read)
        : expected_(expected), read_(read), owner_(read.size(), unmatched) {
        for (const ExpectedUnit& unit : expected.units) found_.emplace_back(unit.words.size(), unmatched);
        for (std::size_t position = 0; position < read.size(); ++position)
            occurrences_[read[position].text].push_back(position);
    }

    /// Where `text` is read, in order: a word is looked for among these, not
    /// along the whole text (a CV whose words are not read would be quadratic).
    [[nodiscard]] std::span<const std::size_t> occurrences(std::string_view text) const {
        const auto found = occurrences_.find(text);
        if (found == occurrences_.end()) return {};
        return found->second;
    }

    void run() {
        for (const compose::Flow flow : {compose::Flow::sidebar, compose::Flow::main}) {
            std::size_t cursor = 0;
            for (std::size_t unit = 0; unit < expected_.units.size();) {
                if (expected_.units[unit].flow != flow) {
                    ++unit;
                    continue;
                }
                // The units of one block (a two-sided line's sides, a skill
                // row's label and items) are each looked for from the
                // block's start: an extractor may read a right side between
                // the left side's lines.
                const std::size_t block = expected_.units[unit].block;
                std::size_t block_end = cursor;
                for (; unit < expected_.units.size() && expected_.units[unit].block == block; ++unit) {
                    std::size_t at = cursor;
                    const bool side = expected_.units[unit].side;
                    for (std::size_t word = 0; word < expected_.units[unit].words.size(); ++word) {
                        const std::size_t position = side ? find_side(unit, word, at) : find(unit, word, at);
                        if (position == unmatched) continue;
                        found_[unit][word] = position;
                        owner_[position] = unit;
                        at = position + 1;
                        // A side read late does not move the flow on.
                        if (!side) block_end = std::max(block_end, at);
                    }
                }
                cursor = block_end;
            }
        }
    }

    /// Where each word of each unit was read (unmatched: nowhere).
    [[nodiscard]] const std::vector<std::vector<std::size_t>>& found() const { return found_; }
    /// The unit each word read was matched to (unmatched: none).
    [[nodiscard]] const std::vector<std::size_t>& owner() const { return owner_; }

private:
    /// The word after (unit, word) in its flow, if any.
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> next_in_flow(std::size_t unit,
                                                                                  std::size_t word) const {
        const compose::Flow flow = expected_.units[unit].flow;
        if (word + 1 < expected_.units[unit].words.size()) return std::pair{unit, word + 1};
        for (std::size_t later = unit + 1; later < expected_.units.size(); ++later) {
            if (expected_.units[later].flow == flow && !expected_.units[later].side &&
                !expected_.units[later].words.empty())
                return std::pair{later, std::size_t{0}};
        }
        return std::nullopt;
    }

    [[nodiscard]] bool free_match(std::size_t position, const ExpectedWord& word) const {
        return owner_[position] == unmatched && read_[position].text == word.text;
    }

    /// Whether the words after (unit, word) follow a match at `position`.
    [[nodiscard]] bool confirmed(std::size_t unit, std::size_t word, std::size_t position) const {
        auto next = next_in_flow(unit, word);
        for (std::size_t count = 0; count < confirming_words && next; ++count) {
            const ExpectedWord& expected = expected_.units[next->first].words[next->second];
            const std::size_t limit = std::min(read_.size(), position + 1 + near_words);
            std::size_t at = position + 1;
            while (at < limit && !free_match(at, expected)) ++at;
            if (at == limit) return false;
            position = at;
            next = next_in_flow(next->first, next->second);
        }
        return true;
    }

    [[nodiscard]] std::size_t find(std::size_t unit, std::size_t word, std::size_t from) const {
        const ExpectedWord& expected = expected_.units[unit].words[word];
        const std::span<const std::size_t> candidates = occurrences(expected.text);
        for (auto candidate = std::lower_bound(candidates.begin(), candidates.end(), from);
             candidate != candidates.end(); ++candidate) {
            const std::size_t position = *candidate;
            if (owner_[position] != unmatched) continue;
            if (position - from <= near_words || confirmed(unit, word, position)) return position;
        }
        return unmatched;
    }

    /// A right side's word: anywhere after `from` on the page of the
    /// block's start or the next (a line at a page's foot), its own later
    /// words following it when it is not near.
    [[nodiscard]] std::size_t find_side(std::size_t unit, std::size_t word, std::size_t from) const {
        const ExpectedUnit& side = expected_.units[unit];
        const std::size_t first_page = from < read_.size() ? read_[from].page : 0;
        const std::span<const std::size_t> candidates = occurrences(side.words[word].text);
        for (auto candidate = std::lower_bound(candidates.begin(), candidates.end(), from);
             candidate != candidates.end(); ++candidate) {
            const std::size_t position = *candidate;
            if (read_[position].page > first_page + 1) break;
            if (owner_[position] != unmatched) continue;
            std::size_t at = position;
            bool follows = true;
            for (std::size_t next = word + 1; next < side.words.size() && next <= word + confirming_words;
                 ++next) {
                const std::size_t limit = std::min(read_.size(), at + 1 + near_words);
                ++at;
                while (at < limit && !free_match(at, side.words[next])) ++at;
                if (at == limit) {
                    follows = false;
                    break;
                }
            }
            if (position - from <= near_words || follows) return position;
        }
        return unmatched;
    }

    /// A string_view key's lookup without a copy.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    const Expected& expected_;
    const std::vector<ReadWord>& read_;
    std::vector<std::size_t> owner_;
    std::vector<std::vector<std::size_t>> found_;
    std::unordered_map<std::string, std::vector<std::size_t>, TextHash, std::equal_to<>> occurrences_;
};

// --- judging ----------------------------------------------------------------------

/// The place of a word's `index`th code point, as a region of the CV.
SourceRegion place(const ExpectedWord& word, std::size_t index = 0) {
    if (index >= word.positions.size() || word.positions[index].line == 0) return word.where;
    return word.where.at(word.positions[index]);
}

/// The code points of a word.
std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> points;
    for (std::size_t offset = 0; offset < text.size();) points.push_back(utf8::next(text, offset));
    return points;
}

/// What to do about an unreadable character in the CV.
std::string unreadable_hint(char32_t code_point) {
    constexpr char32_t first_ligature = 0xFB00;
    constexpr std::array<std::string_view, 7> ligature_letters{"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    if (code_point >= first_ligature && code_point < first_ligature + ligature_letters.size())
        return fmt::format("write the letters '{}': text copied from a PDF often keeps its ligatures",
                           ligature_letters[code_point - first_ligature]);
    return "write a standard Unicode character: an ATS searching for the word will not find it";
}

std::string describe_unreadable(char32_t code_point) {
    constexpr char32_t first_ligature = 0xFB00;
    constexpr char32_t last_ligature = 0xFB06;
    constexpr char32_t replacement = 0xFFFD;
    const std::string character = utf8::describe(code_point);
    if (code_point >= first_ligature && code_point <= last_ligature)
        return fmt::format("the ligature {}, not its letters", character);
    if (code_point == replacement) return fmt::format("{}, the replacement character", character);
    return fmt::format("{}, a private-use character no reader can interpret", character);
}

class Judge {
public:
    Judge(const Expected& expected, const std::vector<ReadWord>& read, const Matcher& matcher,
          AtsReport& report)
        : expected_(expected),
          read_(read),
          matcher_(matcher),
          found_(matcher.found()),
          owner_(matcher.owner()),
          report_(report),
          item_failed_(expected.items.size(), false) {}

    void run() {
        missing_words();
        interleaved_blocks();
        strings_intact();
        name_on_top();
        unreadable_characters();
        scores();
        report_.diagnostics.sort_by_position();
    }

private:
    void fail(std::size_t item) { item_failed_[item] = true; }

    /// The word read glued or split where `expected` should be, if so.
    [[nodiscard]] std::string glue_hint(const ExpectedUnit& unit, std::size_t word, std::size_t near) const {
        const std::string& text = unit.words[word].text;
        const std::size_t limit = std::min(read_.size(), near + near_words);
        for (std::size_t at = near; at < limit; ++at) {
            if (owner_[at] != unmatched) continue;
            const std::string& read = read_[at].text;
            if (word + 1 < unit.words.size() && read == text + unit.words[word + 1].text)
                return fmt::format("reads it glued to the next word, as '{}'", read);
            if (const std::string pieces = broken_into(at, text); !pieces.empty())
                return fmt::format("reads it as {}", pieces);
            if (read.size() > text.size() && read.starts_with(text))
                return fmt::format("reads it as '{}'", read);
        }
        // Read, but out of order: where?
        for (const std::size_t at : matcher_.occurrences(text)) {
            if (owner_[at] != unmatched) continue;
            return at == 0 ? "reads it first of all, out of order"
                           : fmt::format("reads it out of order, on page {} after '{}'", read_[at].page + 1,
                                         read_[at - 1].text);
        }
        return {};
    }

    /// `'a' 'b' 'c'` when the words read from `at` on make `text` together
    /// (hyphens aside: poppler drops a hyphen at a line's end); else empty.
    [[nodiscard]] std::string broken_into(std::size_t at, std::string_view text) const {
        const auto without_hyphens = [](std::string_view word) {
            std::string kept;
            std::copy_if(word.begin(), word.end(), std::back_inserter(kept), [](char c) { return c != '-'; });
            return kept;
        };
        const std::string whole = without_hyphens(text);
        std::string joined;
        std::vector<std::string> pieces;
        for (; at < read_.size() && owner_[at] == unmatched; ++at) {
            joined += without_hyphens(read_[at].text);
            if (!whole.starts_with(joined)) return {};
            pieces.push_back(fmt::format("'{}'", read_[at].text));
            if (joined == whole) {
                // The word itself, read elsewhere: out of order, not broken.
                if (pieces.size() == 1 && read_[at].text == text) return {};
                return fmt::format("{}", fmt::join(pieces, " "));
            }
        }
        return {};
    }

    /// Each run of words not read, one error at its first word.
    void missing_words() {
        std::array<std::size_t, 2> near_in_flow{0, 0};  // after the flow's last word read
        for (std::size_t unit = 0; unit < expected_.units.size(); ++unit) {
            const ExpectedUnit& expected = expected_.units[unit];
            std::size_t& near = near_in_flow[static_cast<std::size_t>(expected.flow)];
            for (std::size_t word = 0; word < expected.words.size();) {
                if (found_[unit][word] != unmatched) {
                    if (!expected.side) near = found_[unit][word] + 1;
                    ++word;
                    continue;
                }
                const std::size_t first = word;
                std::vector<std::string_view> run;
                for (; word < expected.words.size() && found_[unit][word] == unmatched; ++word) {
                    run.emplace_back(expected.words[word].text);
                    fail(expected.words[word].item);
                }
                const std::string hint = glue_hint(expected, first, near);
                report_.diagnostics.error(
                    place(expected.words[first]),
                    fmt::format("the PDF's text does not read '{}' of {} where it should be",
                                fmt::join(run, " "), expected.what),
                    hint.empty() ? "" : fmt::format("poppler {}", hint));
            }
        }
    }

    /// A block whose words, on one page, have another block's words among them.
    void interleaved_blocks() {
        std::vector<std::vector<std::size_t>> positions_of_block;
        std::vector<const ExpectedUnit*> first_unit;
        for (std::size_t unit = 0; unit < expected_.units.size(); ++unit) {
            if (expected_.units[unit].side) continue;  // may be read late (see find_side)
            const std::size_t block = expected_.units[unit].block;
            if (block >= positions_of_block.size()) {
                positions_of_block.resize(block + 1);
                first_unit.resize(block + 1, nullptr);
            }
            if (first_unit[block] == nullptr) first_unit[block] = &expected_.units[unit];
            for (const std::size_t position : found_[unit]) {
                if (position != unmatched) positions_of_block[block].push_back(position);
            }
        }
        for (std::size_t block = 0; block < positions_of_block.size(); ++block) {
            std::vector<std::size_t>& positions = positions_of_block[block];
            std::sort(positions.begin(), positions.end());
            for (std::size_t index = 1; index < positions.size(); ++index) {
                const std::size_t before = positions[index - 1];
                const std::size_t after = positions[index];
                if (read_[before].page != read_[after].page) continue;
                const auto intruder =
                    std::find_if(owner_.begin() + static_cast<std::ptrdiff_t>(before) + 1,
                                 owner_.begin() + static_cast<std::ptrdiff_t>(after), [&](std::size_t owner) {
                                     // A side floats (find_side): no intruder.
                                     return owner != unmatched && !expected_.units[owner].side &&
                                            expected_.units[owner].block != block;
                                 });
                if (intruder == owner_.begin() + static_cast<std::ptrdiff_t>(after)) continue;
                const ExpectedUnit& unit = *first_unit[block];
                const ExpectedUnit& other = expected_.units[*intruder];
                for (const ExpectedWord& word : unit.words) fail(word.item);
                report_.diagnostics.error(
                    place(unit.words.front()),
                    fmt::format(
                        "the PDF's text reads {} interleaved with {}: '{}' comes between '{}' and '{}'",
                        unit.what, other.what,
                        read_[static_cast<std::size_t>(intruder - owner_.begin())].text, read_[before].text,
                        read_[after].text));
                break;
            }
        }
    }

    /// E-mail, phone, URLs and dates: their words one after the other.
    void strings_intact() {
        for (std::size_t unit = 0; unit < expected_.units.size(); ++unit) {
            const ExpectedUnit& expected = expected_.units[unit];
            for (std::size_t word = 1; word < expected.words.size(); ++word) {
                const ExpectedWord& current = expected.words[word];
                const ExpectedItem& item = expected_.items[current.item];
                const bool is_string = item.field == Field::email || item.field == Field::phone ||
                                       item.field == Field::url || item.field == Field::date;
                if (!is_string || expected.words[word - 1].item != current.item) continue;
                const std::size_t before = found_[unit][word - 1];
                const std::size_t after = found_[unit][word];
                if (before == unmatched || after == unmatched || after == before + 1) continue;
                fail(current.item);
                report_.diagnostics.error(
                    place(expected.words[word - 1]),
                    fmt::format("the PDF's text breaks the {} '{}' apart: '{}' is read "
                                "between '{}' and '{}'",
                                to_string(item.field), item.text, read_[before + 1].text, read_[before].text,
                                read_[after].text));
            }
        }
    }

    void name_on_top() {
        for (std::size_t unit = 0; unit < expected_.units.size(); ++unit) {
            const ExpectedUnit& expected = expected_.units[unit];
            if (expected.words.empty() || expected_.items[expected.words.front().item].field != Field::name)
                continue;
            const std::size_t position = found_[unit].front();
            if (position == unmatched) return;  // reported as missing
            const ReadWord& read = read_[position];
            if (read.page == 0 && read.line < name_lines) return;
            fail(expected.words.front().item);
            report_.diagnostics.error(
                place(expected.words.front()),
                fmt::format(
                    "the PDF's text reads the name on page {}, line {}: an ATS looks for it on the first "
                    "{} lines of page 1",
                    read.page + 1, read.line + 1, name_lines),
                "put the name at the top of the first page, before any column");
            return;
        }
    }

    /// Characters no reader can take: at the CV's character when the word
    /// was matched, else at the nearest word matched before it.
    void unreadable_characters() {
        std::vector<std::pair<std::size_t, std::size_t>> word_of(read_.size(), {unmatched, 0});
        for (std::size_t unit = 0; unit < expected_.units.size(); ++unit) {
            for (std::size_t word = 0; word < found_[unit].size(); ++word) {
                if (found_[unit][word] != unmatched) word_of[found_[unit][word]] = {unit, word};
            }
        }
        std::optional<std::pair<std::size_t, std::size_t>> last_matched;
        for (std::size_t position = 0; position < read_.size(); ++position) {
            if (word_of[position].first != unmatched) last_matched = word_of[position];
            const std::vector<char32_t> read = code_points(read_[position].text);
            for (std::size_t index = 0; index < read.size(); ++index) {
                if (!unreadable(read[index])) continue;
                const std::string message =
                    fmt::format("the PDF's text reads {} in '{}'", describe_unreadable(read[index]),
                                read_[position].text);
                if (word_of[position].first != unmatched) {
                    const ExpectedWord& word =
                        expected_.units[word_of[position].first].words[word_of[position].second];
                    fail(word.item);
                    report_.diagnostics.error(place(word, index), message, unreadable_hint(read[index]));
                } else if (last_matched) {
                    const ExpectedWord& word =
                        expected_.units[last_matched->first].words[last_matched->second];
                    report_.diagnostics.error(place(word), fmt::format("{}, after '{}'", message, word.text));
                } else {
                    report_.diagnostics.error({}, message);
                }
            }
        }
    }

    void scores() {
        for (const Field field : all_fields) {
            FieldScore score{field, 0, 0};
            for (std::size_t item = 0; item < expected_.items.size(); ++item) {
                const ExpectedItem& expected = expected_.items[item];
                if (!expected.scored || expected.field != field) continue;
                ++score.total;
                if (!item_failed_[item]) ++score.read;
            }
            if (score.total > 0) report_.scores.push_back(score);
        }
    }

    const Expected& expected_;
    const std::vector<ReadWord>& read_;
    const Matcher& matcher_;
    const std::vector<std::vector<std::size_t>>& found_;
    const std::vector<std::size_t>& owner_;
    AtsReport& report_;
    std::vector<bool> item_failed_;
};

}  // namespace

std::string_view to_string(Field field) {
    switch (field) {
        case Field::name: return "name";
        case Field::email: return "email";
        case Field::phone: return "phone";
        case Field::url: return "url";
        case Field::contact: return "contact";
        case Field::title: return "title";
        case Field::date: return "date";
        case Field::location: return "location";
        case Field::bullet: return "bullet";
        case Field::author: return "author";
        case Field::publication: return "publication";
        case Field::skill: return "skill";
        case Field::text: return "text";
    }
    return "text";
}

bool unreadable(char32_t code_point) {
    constexpr char32_t first_ligature = 0xFB00;
    constexpr char32_t last_ligature = 0xFB06;
    constexpr char32_t first_private_use = 0xE000;
    constexpr char32_t last_private_use = 0xF8FF;
    constexpr char32_t first_private_use_plane = 0xF0000;  // planes 15 and 16
    constexpr char32_t replacement = 0xFFFD;
    return (code_point >= first_ligature && code_point <= last_ligature) ||
           (code_point >= first_private_use && code_point <= last_private_use) ||
           code_point >= first_private_use_plane || code_point == replacement;
}

Expected expected_text(const compose::Composer& composer) {
    Expected expected;
    ExpectedBuilder builder{expected};
    composer.compose(builder);
    return expected;
}

AtsReport compare(const Expected& expected, const PdfText& read) {
    const std::vector<ReadWord> words = read_words(read);
    Matcher matcher{expected, words};
    matcher.run();
    AtsReport report;
    Judge{expected, words, matcher, report}.run();
    return report;
}

std::string score_line(const std::vector<FieldScore>& scores) {
    // Nothing compared (a right-to-left CV: verify/check.cpp says why).
    if (scores.empty()) return "ats: not judged";
    std::vector<std::string> parts;
    for (const FieldScore& score : scores)
        parts.push_back(fmt::format("{} {}/{}", to_string(score.field), score.read, score.total));
    return fmt::format("ats: {}", fmt::join(parts, ", "));
}

}  // namespace vitae::verify
