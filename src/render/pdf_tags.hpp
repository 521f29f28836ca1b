#pragma once
// A tagged PDF's logical structure (PDF 32000-1 §14.7–14.8), built from the
// layout's block notes and the provenance of every page item: which
// structure element each item's marked content belongs to, and at the end
// the structure tree, its parent tree and the catalog's entries. libharu
// knows nothing of marked content or structure: the operators go straight
// into the pages' content streams, the elements are written through its
// object layer.

#include <hpdf.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "vitae/layout/frame.hpp"

namespace vitae::render {

/// Where a page item's content goes: a marked-content sequence of a
/// structure element, or an artifact (page furniture, decoration).
struct ContentMark {
    enum class Kind : std::uint8_t { element, pagination_artifact, layout_artifact };
    Kind kind = Kind::layout_artifact;
    std::uint32_t element = 0;  ///< of kind element
    std::uint32_t block = 0;    ///< the block of its content
    /// A glyph drawn as an outline: a sequence of its own, with the text
    /// it stands for.
    bool drawn_glyph = false;

    friend bool operator==(const ContentMark&, const ContentMark&) = default;
};

class StructureTree {
public:
    /// A block's element (and the sections and lists around it).
    void note(const layout::BlockNote& note);

    /// A page begins: its links are grouped (a link broken over two lines
    /// is one link element).
    void begin_page(HPDF_Page page, const layout::Page& content);
    /// The mark of an item of the page begun last.
    [[nodiscard]] ContentMark mark(const layout::Item& item);
    /// The marked-content operator that begins `mark`'s sequence, with the
    /// next MCID of the page for an element; a drawn glyph's reads as
    /// `actual_text`.
    void open(std::string& operators, const ContentMark& mark, std::string_view actual_text = {});
    /// A link annotation of the page, link number `index` of its links:
    /// tied to its link element (an OBJR and its /StructParent).
    void annotate(HPDF_Annotation annotation, std::size_t index);

    /// The structure tree, the parent tree, /MarkInfo and /Lang; false
    /// when libharu failed (its error is recorded in the document).
    bool write(HPDF_Doc pdf, const std::vector<HPDF_Page>& pages, std::string_view language);

private:
    struct Kid {
        enum class Kind : std::uint8_t { element, content, annotation };
        Kind kind = Kind::element;
        std::uint32_t value = 0;  ///< element index or MCID
        std::uint32_t page = 0;   ///< of content and annotations
        std::uint32_t order = 0;  ///< the block it shows: kids are read in this order
        HPDF_Annotation annotation = nullptr;
    };
    struct Element {
        std::string_view type;  ///< a standard structure type (P, H1, LI…)
        std::optional<std::uint32_t> parent;
        std::vector<Kid> kids;
        std::optional<std::uint32_t> page;  ///< of its first content
        std::uint8_t attributes = 0;        ///< an Attributes value
        bool has_content = false;           ///< it or a descendant has content
        /// Among its parent's kids: a link element joins them with its
        /// first content, in the content's order.
        bool attached = true;
        std::string alt;  ///< a figure's alternate text
    };
    /// The attribute objects an element may carry.
    enum Attributes : std::uint8_t { no_attributes, bullet_list, numbered_list, row_header };

    /// A new element, the last kid of `parent`, read in the place of block
    /// `order`.
    std::uint32_t add(std::string_view type, std::optional<std::uint32_t> parent, std::uint32_t order,
                      std::uint8_t attributes = no_attributes, bool attach = true);
    /// Makes an element made unattached its parent's last kid, once.
    void attach(std::uint32_t index, std::uint32_t order);
    /// The child of `parent` of `type` numbered `index`, made when first asked.
    std::uint32_t child(std::uint32_t parent, std::string_view type, std::uint32_t index, std::uint32_t order,
                        std::uint8_t attributes = no_attributes);
    /// Whether block `block` was noted and has an element.
    [[nodiscard]] bool noted(std::uint32_t block) const;
    /// The element a block's items go into, by their role and part.
    [[nodiscard]] std::uint32_t leaf(const layout::Provenance& provenance);
    /// The link group of the current page an item at `point` of `block` is
    /// in, if any.
    [[nodiscard]] std::optional<std::size_t> link_at(Point point, std::uint32_t block) const;
    void mark_content(std::uint32_t element);

    std::vector<Element> elements_;
    std::optional<std::uint32_t> document_;
    std::map<std::uint32_t, std::uint32_t> sections_;           ///< section index → Sect
    std::vector<std::optional<std::uint32_t>> block_elements_;  ///< by block number - 1
    std::vector<layout::BlockNote> notes_;                      ///< by block number - 1
    std::map<std::tuple<std::uint32_t, std::string_view, std::uint32_t>, std::uint32_t> children_;
    /// The list the last list item went into, while blocks continue it.
    struct OpenList {
        std::uint32_t container = 0;  ///< the element the list is in
        std::uint32_t list = 0;
        std::uint32_t body = 0;  ///< the last item's LBody
        bool numbered = false;
    };
    /// The lists open at the last list block, outermost first: a list
    /// under an item is an L in the item's LBody.
    std::vector<OpenList> open_lists_;
    std::uint32_t last_list_block_ = 0;

    // The page being drawn.
    std::size_t pages_begun_ = 0;
    const layout::Page* content_ = nullptr;
    std::uint32_t page_key_ = 0;                                    ///< its key in the parent tree
    std::vector<std::size_t> link_group_;                           ///< of each link of the page
    std::unordered_map<std::size_t, std::uint32_t> link_elements_;  ///< group → Link element

    /// The parent tree: each page's elements by MCID, then annotations'.
    struct ParentEntry {
        std::vector<std::uint32_t> elements;  ///< a page's, by MCID
        std::optional<std::uint32_t> annotation_element;
    };
    std::vector<ParentEntry> parent_tree_;  ///< by StructParents key
};

}  // namespace vitae::render
