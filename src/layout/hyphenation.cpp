#include "hyphenation.hpp"

#include <iconv.h>
#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"

namespace vitae::layout {

namespace {

/// TeX hyphenates no word longer than this (its 63-letter limit): longer
/// "words" are identifiers or noise, and the work grows with the square of
/// the length.
constexpr std::size_t longest_hyphenated_word = 63;

/// The C library's character classes in its built-in C.UTF-8 locale, which
/// needs no locale files and leaves the process's own locale alone.
locale_t unicode_locale() {
    struct LocaleFree {
        void operator()(locale_t locale) const {
            if (locale != nullptr) freelocale(locale);
        }
    };
    static const std::unique_ptr<std::remove_pointer_t<locale_t>, LocaleFree> locale{
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr)};
    return locale.get();
}

char32_t to_lower(char32_t code_point) {
    locale_t locale = unicode_locale();
    if (locale == nullptr) return code_point;
    return static_cast<char32_t>(towlower_l(static_cast<wint_t>(code_point), locale));
}

/// A conversion to UTF-8 from a dictionary's character set (iconv).
class Conversion {
public:
    explicit Conversion(const std::string& character_set)
        : handle_(iconv_open("UTF-8", character_set.c_str())) {}
    Conversion(const Conversion&) = delete;
    Conversion& operator=(const Conversion&) = delete;
    ~Conversion() {
        if (valid()) iconv_close(handle_);
    }
    [[nodiscard]] bool valid() const { return handle_ != reinterpret_cast<iconv_t>(-1); }

    /// `text` in UTF-8; nothing when it is not in the character set.
    [[nodiscard]] std::optional<std::string> convert(std::string text) const {
        // A UTF-8 character takes at most 4 bytes, of one byte or more.
        std::string output(text.size() * 4, '\0');
        char* in = text.data();
        std::size_t in_left = text.size();
        char* out = output.data();
        std::size_t out_left = output.size();
        if (iconv(handle_, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1))
            return std::nullopt;
        output.resize(output.size() - out_left);
        return output;
    }

private:
    iconv_t handle_;
};

std::string_view trimmed(std::string_view line) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = line.find_last_not_of(" \t\r");
    return line.substr(first, last - first + 1);
}

}  // namespace

bool is_word_character(char32_t code_point) {
    locale_t locale = unicode_locale();
    if (locale == nullptr) return (code_point | 0x20) >= U'a' && (code_point | 0x20) <= U'z';
    return iswalpha_l(static_cast<wint_t>(code_point), locale) != 0;
}

bool is_capital(char32_t code_point) {
    locale_t locale = unicode_locale();
    if (locale == nullptr) return code_point >= U'A' && code_point <= U'Z';
    return iswupper_l(static_cast<wint_t>(code_point), locale) != 0;
}

/// One level's patterns: each pattern's letters (UTF-8, '.' at a word's
/// edge) to its values, one before each letter and one after the last.
struct Hyphenator::Level {
    /// Views of `storage`, sorted by their letters: a sorted array loads
    /// German's 78,000 patterns faster and in less memory than a hash
    /// table of as many nodes, and tells a lookup when no longer pattern
    /// can match (no pattern starts with the letters seen).
    std::vector<std::pair<std::string_view, std::string_view>> patterns;
    std::string storage;
    std::size_t longest = 0;  ///< letters in the longest pattern

    /// The first pattern whose letters are not before `letters`.
    [[nodiscard]] auto first_from(std::string_view letters) const {
        return std::lower_bound(
            patterns.begin(), patterns.end(), letters,
            [](const auto& pattern, std::string_view key) { return pattern.first < key; });
    }
};

namespace {

/// Where each pattern's letters and values are in its level's storage,
/// until the storage has its final size.
struct PatternPlace {
    std::size_t letters = 0;
    std::size_t letter_bytes = 0;
    std::size_t values = 0;
    std::size_t value_count = 0;
};

/// Gives a level its sorted views, its storage cut to what it holds; of
/// two patterns with the same letters the later wins, as in libhyphen.
void finish_level(Hyphenator::Level& level, const std::vector<PatternPlace>& places, std::size_t stored) {
    level.storage.resize(stored);
    level.storage.shrink_to_fit();
    const std::string_view storage{level.storage};
    level.patterns.clear();
    level.patterns.reserve(places.size());
    for (const PatternPlace& place : places) {
        level.patterns.emplace_back(storage.substr(place.letters, place.letter_bytes),
                                    storage.substr(place.values, place.value_count));
    }
    std::stable_sort(level.patterns.begin(), level.patterns.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Keep the last of each run of equal letters.
    std::vector<std::pair<std::string_view, std::string_view>> unique;
    unique.reserve(level.patterns.size());
    for (std::size_t index = 0; index < level.patterns.size(); ++index) {
        if (index + 1 < level.patterns.size() &&
            level.patterns[index + 1].first == level.patterns[index].first)
            continue;
        unique.push_back(level.patterns[index]);
    }
    level.patterns = std::move(unique);
}

}  // namespace

std::optional<std::string> hyphenation_dictionary(std::string_view language_tag, std::string_view directory) {
    // "pt-BR" → "pt_BR", and its language alone.
    std::string tag{language_tag};
    std::replace(tag.begin(), tag.end(), '-', '_');
    const std::string language = tag.substr(0, tag.find('_'));
    const std::filesystem::path folder{directory};
    std::error_code error;
    for (const std::string& name : {tag, language}) {
        const std::filesystem::path candidate = folder / fmt::format("hyph_{}.dic", name);
        if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
    }
    // Any region's: the first in name order, so every run picks the same.
    std::vector<std::string> regional;
    const std::string prefix = fmt::format("hyph_{}_", language);
    for (std::filesystem::directory_iterator entry{folder, error}, end; !error && entry != end;
         entry.increment(error)) {
        const std::string name = entry->path().filename().string();
        if (name.starts_with(prefix) && name.ends_with(".dic")) regional.push_back(entry->path().string());
    }
    if (regional.empty()) return std::nullopt;
    return *std::min_element(regional.begin(), regional.end());
}

Hyphenator::Hyphenator(std::string path, std::vector<Level> levels, FragmentMinimum word_minimum,
                       FragmentMinimum compound_minimum)
    : path_(std::move(path)),
      levels_(std::move(levels)),
      word_minimum_(word_minimum),
      compound_minimum_(compound_minimum) {}
Hyphenator::~Hyphenator() = default;

std::shared_ptr<const Hyphenator> Hyphenator::load(const std::string& path) {
    // Read once a process: German's patterns take milliseconds, and a
    // fitting lays the CV out several times, in several threads.
    static std::mutex guard;
    static std::map<std::string, std::shared_ptr<const Hyphenator>> loaded;
    const std::scoped_lock lock{guard};
    if (const auto found = loaded.find(path); found != loaded.end()) return found->second;

    std::ifstream file{path, std::ios::binary};
    if (!file) return nullptr;
    std::string character_set;
    std::getline(file, character_set);
    character_set = std::string{trimmed(character_set)};
    std::stringstream rest;
    rest << file.rdbuf();
    std::string text = rest.str();
    if (character_set != "UTF-8") {
        const Conversion conversion{character_set};
        if (!conversion.valid()) return nullptr;
        auto converted = conversion.convert(std::move(text));
        if (!converted) return nullptr;
        text = std::move(*converted);
    }
    std::vector<Level> levels(1);
    FragmentMinimum word_minimum{1, 1};
    FragmentMinimum compound_minimum{1, 1};
    const auto number_after = [](std::string_view line, std::string_view keyword) {
        return std::max(1, std::atoi(std::string{line.substr(keyword.size())}.c_str()));
    };
    // A pattern's letters and values take at most twice its line: each
    // level's storage is sized once, so that the views into it stay valid.
    std::vector<PatternPlace> places;  // of the current level's patterns
    std::size_t stored = 0;            // bytes used of the current level's storage
    const auto start_level = [&](Level& level) {
        level.storage.resize(2 * text.size());
        places.clear();
        places.reserve(text.size() / 8);
        stored = 0;
    };
    start_level(levels.back());
    const std::string_view all{text};
    for (std::size_t line_start = 0; line_start < all.size();) {
        std::size_t line_end = all.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = all.size();
        const std::string_view line = trimmed(all.substr(line_start, line_end - line_start));
        line_start = line_end + 1;
        if (line.empty() || line.front() == '%' || line.front() == '#') continue;
        if (line.starts_with("LEFTHYPHENMIN")) {
            word_minimum.left = number_after(line, "LEFTHYPHENMIN");
        } else if (line.starts_with("RIGHTHYPHENMIN")) {
            word_minimum.right = number_after(line, "RIGHTHYPHENMIN");
        } else if (line.starts_with("COMPOUNDLEFTHYPHENMIN")) {
            compound_minimum.left = number_after(line, "COMPOUNDLEFTHYPHENMIN");
        } else if (line.starts_with("COMPOUNDRIGHTHYPHENMIN")) {
            compound_minimum.right = number_after(line, "COMPOUNDRIGHTHYPHENMIN");
        } else if (line.starts_with("NEXTLEVEL")) {
            finish_level(levels.back(), places, stored);
            start_level(levels.emplace_back());
        } else if (line.starts_with("NOHYPHEN") || line.find('/') != std::string::npos) {
            // Characters next to which no break goes (words here hold
            // letters only), and patterns that change the word: not used.
        } else {
            Level& level = levels.back();
            // The letters, then the values: a digit sets the value before
            // the next letter; one value a character (after a UTF-8
            // sequence's first byte) and one after the last.
            char* const letters = level.storage.data() + stored;
            std::size_t letter_bytes = 0;
            std::size_t characters = 0;
            for (const char byte : line) {
                if (byte < '0' || byte > '9') {
                    letters[letter_bytes++] = byte;
                    if ((static_cast<unsigned char>(byte) & 0xC0U) != 0x80U) ++characters;
                }
            }
            char* const values = letters + letter_bytes;
            std::fill(values, values + characters + 1, '0');
            std::size_t character = 0;
            for (const char byte : line) {
                if (byte >= '0' && byte <= '9') {
                    values[character] = byte;
                } else if ((static_cast<unsigned char>(byte) & 0xC0U) != 0x80U) {
                    ++character;
                }
            }
            places.push_back({stored, letter_bytes, stored + letter_bytes, characters + 1});
            stored += letter_bytes + characters + 1;
            level.longest = std::max(level.longest, characters);
        }
    }
    finish_level(levels.back(), places, stored);
    // A first level with no patterns (French's file starts with NEXTLEVEL).
    levels.erase(std::remove_if(levels.begin(), levels.end(),
                                [](const Level& level) { return level.patterns.empty(); }),
                 levels.end());
    if (levels.empty()) return nullptr;
    auto hyphenator =
        std::make_shared<const Hyphenator>(path, std::move(levels), word_minimum, compound_minimum);
    loaded.emplace(path, hyphenator);
    return hyphenator;
}

namespace {

/// Liang's values between the characters of a word (lower case, one string
/// a character): value[i] is before character i, value[n] after the last.
std::vector<char> pattern_values(const Hyphenator::Level& level, const std::vector<std::string>& characters) {
    // The word between the word-edge marks.
    std::vector<std::string> dotted;
    dotted.reserve(characters.size() + 2);
    dotted.emplace_back(".");
    for (const std::string& character : characters) dotted.push_back(character);
    dotted.emplace_back(".");
    std::vector<char> values(dotted.size() + 1, '0');
    std::string key;
    for (std::size_t start = 0; start < dotted.size(); ++start) {
        key.clear();
        for (std::size_t end = start; end < dotted.size() && end - start < level.longest; ++end) {
            key += dotted[end];
            const auto found = level.first_from(key);
            // No pattern starts with these letters: none longer matches.
            if (found == level.patterns.end() || !found->first.starts_with(key)) break;
            if (found->first != key) continue;
            const std::string_view pattern = found->second;
            for (std::size_t index = 0; index < pattern.size(); ++index)
                values[start + index] = std::max(values[start + index], pattern[index]);
        }
    }
    // Back to the word's own characters: drop the leading mark's.
    return {values.begin() + 1, values.end() - 1};
}

}  // namespace

std::vector<std::size_t> Hyphenator::points(std::string_view word, FragmentMinimum minimum) const {
    std::vector<std::string> characters;
    std::vector<std::size_t> ends;  ///< of each character in `word`
    for (std::size_t offset = 0; offset < word.size();) {
        std::string character;
        utf8::append(character, to_lower(utf8::next(word, offset)));
        characters.push_back(std::move(character));
        ends.push_back(offset);
    }
    const std::size_t length = characters.size();
    const auto left = static_cast<std::size_t>(std::max({minimum.left, word_minimum_.left, 1}));
    const auto right = static_cast<std::size_t>(std::max({minimum.right, word_minimum_.right, 1}));
    std::vector<std::size_t> points;
    if (length > longest_hyphenated_word || length < left + right) return points;

    // breaks[i]: a hyphen may follow character i.
    std::vector<bool> breaks(length, false);
    if (levels_.size() == 1) {
        const std::vector<char> values = pattern_values(levels_.front(), characters);
        for (std::size_t index = 0; index + 1 < length; ++index) breaks[index] = (values[index + 1] & 1) != 0;
    } else {
        // The compound's joints, then each word's syllables, none nearer a
        // joint than the compound minimum.
        const std::vector<char> joints = pattern_values(levels_.front(), characters);
        std::size_t part_start = 0;
        for (std::size_t index = 0; index <= length; ++index) {
            const bool joint = index > 0 && index < length && (joints[index] & 1) != 0;
            if (!joint && index < length) continue;
            const std::vector<std::string> part(characters.begin() + static_cast<std::ptrdiff_t>(part_start),
                                                characters.begin() + static_cast<std::ptrdiff_t>(index));
            const std::vector<char> values = pattern_values(levels_.back(), part);
            const auto part_left = static_cast<std::size_t>(compound_minimum_.left);
            const auto part_right = static_cast<std::size_t>(compound_minimum_.right);
            for (std::size_t inner = part_left; inner + part_right <= part.size(); ++inner)
                if ((values[inner] & 1) != 0) breaks[part_start + inner - 1] = true;
            if (joint) breaks[index - 1] = true;
            part_start = index;
        }
    }
    for (std::size_t before = left; before + right <= length; ++before)
        if (breaks[before - 1]) points.push_back(ends[before - 1]);
    return points;
}

}  // namespace vitae::layout
