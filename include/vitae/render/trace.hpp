#pragma once
// The debug backend: frames as text, one item per line, for golden tests
// and for seeing where the engine put everything.

#include <optional>
#include <string>
#include <vector>

#include "vitae/layout/fonts.hpp"
#include "vitae/layout/frame.hpp"

namespace vitae::render {

/// Positions in pt with two decimals; faces by family and style.
[[nodiscard]] std::string trace_frames(const layout::PagedDocument& document,
                                       const layout::FontProvider& fonts);

/// The same trace, written page by page as a layout hands them over.
class FrameTrace final : public layout::PageSink {
public:
    explicit FrameTrace(const layout::FontProvider& fonts) : fonts_(fonts) {}

    void begin(const layout::DocumentPlan& plan) override;
    /// The trace shows items, not the structure: blocks are in their provenance.
    void block(const layout::BlockNote& /*note*/) override {}
    void page(const layout::Page& page) override;
    void end(const std::vector<layout::Bookmark>& bookmarks) override;
    /// The trace once end() wrote it; nothing when the layout never began it.
    [[nodiscard]] std::optional<std::string> take();

private:
    const layout::FontProvider& fonts_;
    std::string out_;
    std::size_t pages_ = 0;
    bool ended_ = false;
};

}  // namespace vitae::render
