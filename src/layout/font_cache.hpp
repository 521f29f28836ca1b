#pragma once
// Font lookups remembered between runs. Starting fontconfig (reading its
// XML configuration) and sorting fonts cost about 6 ms, a third of a
// one-page build; a lookup that found a face before is answered from this
// cache instead, after checking that the file and its folder are unchanged
// (a font installed beside it changes the folder, and so the answer may).
// Failed lookups are never cached, so installing a missing font is seen at
// once. Output does not depend on the cache: the same files are used.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace vitae::layout::detail {

/// What a lookup found, enough to open the face again without fontconfig.
struct CachedFace {
    std::string family;
    std::string style;
    std::string path;
    int index = 0;
    bool bold = false;
    bool italic = false;
};

class FontCache {
public:
    /// family (lowercase), bold, italic, embeddable
    using Key = std::tuple<std::string, bool, bool, bool>;

    /// The cache file: VITAE_FONT_CACHE (a path; "off" disables it), else
    /// $XDG_CACHE_HOME/vitae/fonts.tsv, else ~/.cache/vitae/fonts.tsv.
    static std::optional<std::filesystem::path> default_location();

    explicit FontCache(std::optional<std::filesystem::path> location);
    FontCache(const FontCache&) = delete;
    FontCache& operator=(const FontCache&) = delete;
    /// Writes the cache back when it learnt something.
    ~FontCache();

    /// A remembered face whose file and folder have not changed since.
    [[nodiscard]] std::optional<CachedFace> find(const Key& key) const;
    void remember(const Key& key, const CachedFace& face);

private:
    struct Entry {
        CachedFace face;
        std::string stamp;  ///< the file's size and time, its folder's time
    };

    std::optional<std::filesystem::path> location_;
    std::map<Key, Entry> entries_;
    bool changed_ = false;
};

}  // namespace vitae::layout::detail
