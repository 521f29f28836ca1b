#include "font_cache.hpp"

#include <fmt/format.h>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <vector>

#include "vitae/base/output.hpp"

namespace vitae::layout::detail {

namespace {

/// The first line of the file: the format, and the fontconfig settings the
/// answers hold for (another FONTCONFIG_FILE sees other fonts).
std::string header() {
    auto variable = [](const char* name) {
        const char* value = std::getenv(name);
        return std::string{value ? value : ""};
    };
    return fmt::format("vitae-font-cache 1\t{}\t{}\t{}", variable("FONTCONFIG_FILE"),
                       variable("FONTCONFIG_PATH"), variable("FONTCONFIG_SYSROOT"));
}

/// Size and modification time of the file, and the time of its folder;
/// empty when either cannot be read.
std::string stamp_of(const std::string& path) {
    std::error_code error;
    const std::filesystem::path file{path};
    const auto size = std::filesystem::file_size(file, error);
    if (error) return {};
    const auto file_time = std::filesystem::last_write_time(file, error);
    if (error) return {};
    const auto folder_time = std::filesystem::last_write_time(file.parent_path(), error);
    if (error) return {};
    return fmt::format("{}:{}:{}", size, file_time.time_since_epoch().count(),
                       folder_time.time_since_epoch().count());
}

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream stream{line};
    for (std::string field; std::getline(stream, field, '\t');) fields.push_back(field);
    return fields;
}

constexpr std::size_t fields_per_entry = 11;

}  // namespace

std::optional<std::filesystem::path> FontCache::default_location() {
    if (const char* chosen = std::getenv("VITAE_FONT_CACHE"); chosen && *chosen) {
        if (std::string_view{chosen} == "off") return std::nullopt;
        return std::filesystem::path{chosen};
    }
    if (const char* cache_home = std::getenv("XDG_CACHE_HOME"); cache_home && *cache_home) {
        return std::filesystem::path{cache_home} / "vitae" / "fonts.tsv";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path{home} / ".cache" / "vitae" / "fonts.tsv";
    }
    return std::nullopt;
}

FontCache::FontCache(std::optional<std::filesystem::path> location) : location_(std::move(location)) {
    if (!location_) return;
    std::ifstream file{*location_};
    std::string line;
    // A cache written for other settings, or unreadable, is started afresh.
    if (!file || !std::getline(file, line) || line != header()) return;
    while (std::getline(file, line)) {
        const std::vector<std::string> fields = fields_of(line);
        if (fields.size() != fields_per_entry) continue;
        try {
            const Key key{fields[0], fields[1] == "1", fields[2] == "1", fields[3] == "1"};
            Entry entry{CachedFace{fields[4], fields[5], fields[6], std::stoi(fields[7]), fields[8] == "1",
                                   fields[9] == "1"},
                        fields[10]};
            entries_.insert_or_assign(key, std::move(entry));
        } catch (const std::exception&) {
            // A damaged line is forgotten; the lookup is simply made again.
        }
    }
}

FontCache::~FontCache() {
    if (!location_ || !changed_) return;
    std::string text = fmt::format("{}\n", header());
    const auto flag = [](bool value) { return value ? '1' : '0'; };
    for (const auto& [key, entry] : entries_) {
        const auto& [family, bold, italic, embeddable] = key;
        const CachedFace& face = entry.face;
        fmt::format_to(std::back_inserter(text), "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", family,
                       flag(bold), flag(italic), flag(embeddable), face.family, face.style, face.path,
                       face.index, flag(face.bold), flag(face.italic), entry.stamp);
    }
    // A cache is an optimisation: when it cannot be written, nothing is lost.
    std::error_code ignored;
    std::filesystem::create_directories(location_->parent_path(), ignored);
    (void)write_file_atomically(location_->string(), text);
}

std::optional<CachedFace> FontCache::find(const Key& key) const {
    const auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    const std::string stamp = stamp_of(found->second.face.path);
    if (stamp.empty() || stamp != found->second.stamp) return std::nullopt;
    return found->second.face;
}

void FontCache::remember(const Key& key, const CachedFace& face) {
    const std::string stamp = stamp_of(face.path);
    if (stamp.empty()) return;
    entries_.insert_or_assign(key, Entry{face, stamp});
    changed_ = true;
}

}  // namespace vitae::layout::detail
