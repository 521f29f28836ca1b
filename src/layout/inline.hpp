#pragma once
// Inline layout, first half: text with markup → shaped fragments and the
// boxes, glue and penalties the line breaker works on (typst's "collect"
// and "prepare" steps).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "hyphenation.hpp"
#include "linebreak.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/compose/role.hpp"
#include "vitae/layout/bidi.hpp"
#include "vitae/layout/face_choice.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// The faces a sheet asks for (FaceChoice), with the reports of those
/// missing.
class FontContext {
public:
    FontContext(FontProvider& fonts, const style::Sheet& sheet, Diagnostics& diagnostics);

    /// The face for a style; nothing when neither it nor a fallback exists.
    [[nodiscard]] std::optional<FaceId> primary_face(const style::TextStyle& style, bool bold, bool italic);
    /// The first face of the chain that has the character.
    [[nodiscard]] std::optional<FaceId> face_for(FaceId primary, bool bold, bool italic, char32_t code_point);
    [[nodiscard]] std::optional<FaceId> icon_face();
    /// The patterns of the build's language when the sheet hyphenates;
    /// none (with a warning, once) when no dictionary is installed for it.
    [[nodiscard]] const Hyphenator* hyphenator();

    /// Width of a space in a face, in ems.
    [[nodiscard]] double space_width(FaceId face);
    [[nodiscard]] FontProvider& provider() { return fonts_; }
    [[nodiscard]] const style::Sheet& sheet() const { return sheet_; }
    [[nodiscard]] Diagnostics& diagnostics() { return diagnostics_; }

private:
    FontProvider& fonts_;
    const style::Sheet& sheet_;
    Diagnostics& diagnostics_;
    FaceChoice choice_;
    std::map<FaceId, double> space_widths_;
    std::optional<std::optional<FaceId>> icon_face_;
    std::optional<std::shared_ptr<const Hyphenator>> hyphenator_;
    std::set<std::string> reported_families_;
};

/// Shaped text that moves as one box: one face, size, colour and link.
struct Fragment {
    FaceId face = 0;
    double size = 10;
    style::Color color;
    GlyphString glyphs;  ///< x from the fragment's start
    /// The face's own advance of each glyph (pt), which a run appending the
    /// fragment needs to know which glyphs are kerned; runs keep only that.
    std::vector<double> nominal_advances;
    double width = 0;
    /// Drawn as filled outlines (icons, characters outside the BMP).
    bool outline = false;
    /// A hyphen shown only where a line breaks inside a word: the
    /// fragment of a discretionary break (a penalty item), not of a box.
    bool added_hyphen = false;
    /// Bold or italic asked for in a face with none (TextRun::synthetic).
    SyntheticStyle synthetic;
    /// Its text's embedding level: a line shows its fragments in the
    /// order the levels give (bidi.hpp), and an odd one's glyphs are
    /// already right to left.
    BidiLevel level = 0;
    std::string link;
    compose::Role role = compose::Role::text;  ///< of the piece it was set from
    double ascent = 0;                         ///< pt above the baseline
    double descent = 0;                        ///< pt below the baseline
    /// Its glyphs' ink, in a face taller than its lines (is_tall); else none.
    TypeReach ink;
};

/// The items of a paragraph; boxes point at their fragments.
struct InlineContent {
    std::vector<BreakItem> items;
    std::vector<std::optional<std::size_t>> fragment_of_item;
    std::vector<Fragment> fragments;
    double largest_size = 0;

    [[nodiscard]] bool empty() const { return fragments.empty(); }
    /// Natural width of everything, as if on one line.
    [[nodiscard]] double natural_width() const;
    [[nodiscard]] std::size_t glyph_count() const {
        std::size_t count = 0;
        for (const Fragment& fragment : fragments) count += fragment.glyphs.size();
        return count;
    }
};

/// `content` set `factor` times its size: fonts without hinting scale
/// linearly, so this is what shaping it at that size would give.
[[nodiscard]] InlineContent scaled(const InlineContent& content, double factor);

class InlineBuilder {
public:
    explicit InlineBuilder(FontContext& context) : context_(context) {}

    /// Text with markup; bold and italic of a span add to the style's.
    void add(const cv::RichText& text, const style::TextStyle& style);
    /// Plain text (dates, numbers, separators), `where` for diagnostics.
    void add_plain(std::string_view text, const style::TextStyle& style, const SourceRegion& where,
                   const std::string& link = {});
    /// An icon from the icon font, followed by nothing (add a space yourself).
    void add_icon(std::string_view icon_name, const style::TextStyle& style, const std::string& link = {});
    /// Text added from now on takes its direction from its first strong
    /// character (a paragraph of its own), not from the document.
    void take_direction_from_text() { base_direction_ = BaseDirection::of_text; }
    /// Interword glue in the given style.
    void add_space(const style::TextStyle& style);
    /// A place where the line may break, showing nothing, at a cost (a TeX penalty).
    void add_break(double penalty);
    /// Interword glue where the line must not break (before a separator).
    void add_glued_space(const style::TextStyle& style);
    /// The role of the pieces added from now on (Provenance::role).
    void set_role(compose::Role role) { role_ = role; }
    /// A forced line break: what follows starts a new line.
    void add_line_break();

    /// The collected items; `paragraph` appends TeX's paragraph end (and
    /// drops trailing glue, which would only stretch the last line). Without
    /// it, the items are a part to be joined with others: trailing glue
    /// stays (the space after a separator).
    [[nodiscard]] InlineContent finish(bool paragraph = true);

private:
    /// A break inside text without a space: at a hyphenation point or soft
    /// hyphen (showing a hyphen), between two characters of a script set
    /// without spaces, or there between such a character and a Latin one
    /// (with the gap Chinese and Japanese typesetting leave between them).
    enum class BreakKind : std::uint8_t { hyphen, character, character_gap };
    struct PendingBreak {
        std::size_t offset = 0;
        BreakKind kind = BreakKind::hyphen;
    };
    /// Characters waiting to be shaped together: one face, style and link.
    struct PendingRun {
        std::optional<FaceId> face;
        bool outline = false;
        std::string text;
        /// Where in `text` (a byte offset) a line may break inside a word.
        std::vector<PendingBreak> breaks;
        style::TextStyle style;
        std::string link;
        compose::Role role = compose::Role::text;
        BidiLevel level = 0;
    };

    /// `levels`: the embedding level of each of `text`'s characters.
    void add_characters(std::string_view text, std::span<const BidiLevel> levels,
                        const style::TextStyle& style, bool bold, bool italic, const std::string& link,
                        const SourceRegion& where, SourcePosition start);
    /// Whether the PDF can show each of `shaped`'s glyphs as the character
    /// it stands for (the glyph the face's character map gives it): not
    /// an Arabic letter's joined form, nor a Devanagari conjunct, which
    /// are drawn from their outlines instead. `cluster_starts`: the glyphs'
    /// clusters, sorted (a cluster of two glyphs twice).
    [[nodiscard]] bool shown_as_characters(FaceId face, const std::vector<ShapedGlyph>& shaped,
                                           const std::vector<std::size_t>& cluster_starts) const;
    /// The bold and italic the writer makes for text of `style` at `level`
    /// in `face`, which has none: bold for a fallback with no bold
    /// (WenQuanYi Micro Hei for Chinese) rather than printed regular;
    /// italic too, but not for right-to-left text, whose scripts have no
    /// slant to the right (they stay upright, as the .tex sets them).
    [[nodiscard]] SyntheticStyle synthetic_style(const style::TextStyle& style, FaceId face,
                                                 BidiLevel level) const;
    /// One warning for the characters of a text no font has (`missing`,
    /// each once), at the first of them.
    void report_missing(const std::vector<char32_t>& missing, const SourceRegion& where,
                        const std::string& replacement);
    void flush();
    void push_fragment(Fragment fragment);
    /// A break inside a word, showing a hyphen in `face` when taken.
    void push_discretionary(FaceId face, const style::TextStyle& style, BidiLevel level);
    /// A break between two characters of text without spaces.
    void push_character_break(BreakKind kind, const style::TextStyle& style);
    /// A break inside text of `face`, of either kind.
    void push_break(BreakKind kind, FaceId face, const style::TextStyle& style, BidiLevel level);
    /// The kind of a break between two characters: with a gap between an
    /// ideograph or kana and a Latin letter.
    [[nodiscard]] static BreakKind character_break_kind(char32_t before, char32_t after);
    /// Where the text added last ended and `text` starts (another span: a
    /// word in bold in Chinese text), a break when the two characters allow one.
    void break_after_last_character(std::string_view text);
    /// Byte offsets in `text` after which the patterns (when `by_patterns`)
    /// let a word of it be hyphenated; none in a word with soft hyphens.
    [[nodiscard]] std::vector<std::size_t> hyphen_points(std::string_view text, bool by_patterns);
    /// Every break inside `text`'s words, in order: its character breaks
    /// and hyphenation points.
    [[nodiscard]] std::vector<PendingBreak> breaks_within(std::string_view text, bool by_patterns);

    FontContext& context_;
    InlineContent content_;
    PendingRun pending_;
    std::optional<FaceId> last_face_;
    /// The last character added, when nothing but characters came after it.
    char32_t last_character_ = 0;
    double last_size_ = 0;
    compose::Role role_ = compose::Role::text;
    BaseDirection base_direction_ = BaseDirection::of_document;
};

/// Inline content already built, kept between the layouts of one fitting:
/// trials that differ only in spacing, type sizes and margins build the same
/// texts again (the seed CV's one-page fit lays it out five times). Keyed by
/// what decides the content, the text and its style; faces, link colour and
/// spacing rules must be the same for every layout that uses the memo.
class ContentMemo {
public:
    /// The content of `text` in `style`, built by `build` the first time.
    /// A build that reported something is not kept, so that each layout
    /// reports it again.
    template <typename Build>
    InlineContent content(const cv::RichText& text, const style::TextStyle& style, const Diagnostics& reports,
                          Build&& build) {
        std::string key = key_of(text, style);
        if (const auto found = contents_.find(key); found != contents_.end()) return found->second;
        const std::size_t reported = reports.items().size();
        InlineContent built = build();
        if (reports.items().size() == reported && held_glyphs_ < glyph_budget) {
            held_glyphs_ += built.glyph_count();
            contents_.emplace(std::move(key), built);
        }
        return built;
    }

private:
    /// Contents of more glyphs than this are built again by every trial
    /// rather than kept: a glyph kept costs about 170 bytes with its share
    /// of its content's fragments and break items (a 2.5 MB CV's memo held
    /// 209 MB), so this is about 17 MB, ten times what the seed CV's
    /// academic variant (about 10,000 glyphs) needs.
    static constexpr std::size_t glyph_budget = 100'000;

    static std::string key_of(const cv::RichText& text, const style::TextStyle& style);

    std::unordered_map<std::string, InlineContent> contents_;
    std::size_t held_glyphs_ = 0;
};

/// Invisible characters that only act on the text around them (joiners,
/// marks of direction, variation selectors): set in that text's face.
[[nodiscard]] bool is_format_character(char32_t code_point);

/// Characters drawn as outlines rather than text: a PDF text string made by
/// libharu cannot carry them.
[[nodiscard]] bool needs_outline(char32_t code_point);

}  // namespace vitae::layout
