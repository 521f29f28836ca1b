#include "pdf_tags.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <variant>

#include "libharu.hpp"

namespace vitae::render {

namespace {

/// How far outside a link's area the point of an item in it may be (pt):
/// rounding, not layout.
constexpr double link_area_tolerance = 0.5;
/// Where an outline glyph's point is taken, in ems from its origin: inside
/// its ink, whatever its width.
constexpr double outline_point_ems = 0.25;
/// The deepest heading level PDF's standard structure types name (H1–H6).
constexpr int deepest_heading = 6;

std::string_view heading_type(int level) {
    static constexpr std::array<std::string_view, deepest_heading> types{"H1", "H2", "H3", "H4", "H5", "H6"};
    return types[static_cast<std::size_t>(std::clamp(level, 1, deepest_heading) - 1)];
}

const layout::Provenance& provenance_of(const layout::Item& item) {
    return std::visit([](const auto& each) -> const layout::Provenance& { return each.provenance; }, item);
}

/// Where an item is, for finding the link it is part of: a run's middle
/// and an outline glyph's ink, on the baseline.
Point point_of(const layout::Item& item) {
    if (const auto* run = std::get_if<layout::TextRun>(&item)) {
        return {run->origin.x + run->width / 2, run->origin.y};
    }
    if (const auto* glyph = std::get_if<layout::OutlineGlyph>(&item)) {
        return {glyph->origin.x + glyph->size * outline_point_ems, glyph->origin.y};
    }
    if (const auto* picture = std::get_if<layout::Picture>(&item)) return {picture->area.x, picture->area.y};
    const auto& line = std::get<layout::Line>(item);
    return line.from;
}

}  // namespace

std::uint32_t StructureTree::add(std::string_view type, std::optional<std::uint32_t> parent,
                                 std::uint32_t order, std::uint8_t attributes, bool attach) {
    const auto index = static_cast<std::uint32_t>(elements_.size());
    Element& element = elements_.emplace_back();
    element.type = type;
    element.parent = parent;
    element.attributes = attributes;
    element.attached = attach;
    if (parent && attach) elements_[*parent].kids.push_back({Kid::Kind::element, index, 0, order, nullptr});
    return index;
}

void StructureTree::attach(std::uint32_t index, std::uint32_t order) {
    Element& element = elements_[index];
    if (element.attached) return;
    element.attached = true;
    elements_[*element.parent].kids.push_back({Kid::Kind::element, index, 0, order, nullptr});
}

std::uint32_t StructureTree::child(std::uint32_t parent, std::string_view type, std::uint32_t index,
                                   std::uint32_t order, std::uint8_t attributes) {
    const auto [found, inserted] = children_.try_emplace({parent, type, index}, 0);
    if (inserted) found->second = add(type, parent, order, attributes);
    return found->second;
}

void StructureTree::note(const layout::BlockNote& note) {
    using Kind = compose::BlockKind;
    if (note.block == 0 || note.kind == Kind::space) return;
    if (notes_.size() < note.block) {
        notes_.resize(note.block);
        block_elements_.resize(note.block);
    }
    notes_[note.block - 1] = note;
    if (!document_) document_ = add("Document", std::nullopt, note.block);
    std::uint32_t container = *document_;
    if (note.section) {
        const auto [section, inserted] = sections_.try_emplace(*note.section, 0);
        if (inserted) section->second = add("Sect", *document_, note.block);
        container = section->second;
    }
    const bool continues_list = !open_lists_.empty() && open_lists_.front().container == container &&
                                last_list_block_ + 1 == note.block;
    if (!continues_list) open_lists_.clear();
    std::uint32_t element = 0;
    switch (note.kind) {
        case Kind::heading: element = add(heading_type(note.level), container, note.block); break;
        case Kind::list_item: {
            // The lists deeper than this item end; one level deeper than
            // the last item begins in that item's body.
            const std::size_t depth = std::min<std::size_t>(note.depth, open_lists_.size());
            open_lists_.resize(std::min(open_lists_.size(), depth + 1));
            if (open_lists_.size() == depth + 1 && open_lists_.back().numbered != note.numbered)
                open_lists_.pop_back();
            if (open_lists_.size() == depth) {
                const std::uint32_t parent = depth == 0 ? container : open_lists_.back().body;
                open_lists_.push_back(
                    {container, add("L", parent, note.block, note.numbered ? numbered_list : bullet_list), 0,
                     note.numbered});
            }
            OpenList& list = open_lists_.back();
            element = add("LI", list.list, note.block);
            // Made now, in reading order: the label, then the body, which
            // the paragraphs that hang in the item join.
            (void)child(element, "Lbl", 0, note.block);
            list.body = child(element, "LBody", 0, note.block);
            last_list_block_ = note.block;
            break;
        }
        case Kind::paragraph:
            if (note.hanging && continues_list) {
                element = add("P", open_lists_.back().body, note.block);
                last_list_block_ = note.block;
                break;
            }
            element = add("P", container, note.block);
            break;
        case Kind::two_sided:
        case Kind::contacts: element = add("P", container, note.block); break;
        case Kind::skills: element = add("Table", container, note.block); break;
        case Kind::picture: element = add("Figure", container, note.block); break;
        case Kind::space: return;
    }
    block_elements_[note.block - 1] = element;
}

void StructureTree::begin_page(HPDF_Page page, const layout::Page& content) {
    ++pages_begun_;
    content_ = &content;
    page_key_ = static_cast<std::uint32_t>(parent_tree_.size());
    parent_tree_.emplace_back();
    HPDF_Dict_AddNumber(page, "StructParents", static_cast<HPDF_INT32>(page_key_));
    // Tab order follows the structure (PDF/UA-1 7.18.3).
    HPDF_Dict_AddName(page, "Tabs", "S");
    link_group_.clear();
    link_elements_.clear();
    const std::vector<layout::Link>& links = content.links;
    for (std::size_t index = 0; index < links.size(); ++index) {
        const bool continues = index > 0 && links[index].url == links[index - 1].url &&
                               links[index].provenance.block == links[index - 1].provenance.block;
        link_group_.push_back(continues ? link_group_.back() : index);
    }
}

bool StructureTree::noted(std::uint32_t block) const {
    return block > 0 && block <= notes_.size() && block_elements_[block - 1].has_value();
}

std::uint32_t StructureTree::leaf(const layout::Provenance& provenance) {
    const layout::BlockNote& note = notes_[provenance.block - 1];
    const std::uint32_t element = *block_elements_[provenance.block - 1];
    switch (note.kind) {
        case compose::BlockKind::list_item:
            return child(element, provenance.role == compose::Role::marker ? "Lbl" : "LBody", 0,
                         provenance.block);
        case compose::BlockKind::skills: {
            const std::uint32_t row = child(element, "TR", provenance.part, provenance.block);
            if (provenance.role == compose::Role::skill_label)
                return child(row, "TH", 0, provenance.block, row_header);
            return child(row, "TD", 0, provenance.block);
        }
        default: return element;
    }
}

std::optional<std::size_t> StructureTree::link_at(Point point, std::uint32_t block) const {
    const std::vector<layout::Link>& links = content_->links;
    for (std::size_t index = 0; index < links.size(); ++index) {
        const layout::Link& link = links[index];
        if (link.provenance.block != block) continue;
        const Rect& area = link.area;
        const bool inside =
            point.x >= area.x - link_area_tolerance && point.x <= area.x + area.width + link_area_tolerance &&
            point.y >= area.y - link_area_tolerance && point.y <= area.y + area.height + link_area_tolerance;
        if (inside) return link_group_[index];
    }
    return std::nullopt;
}

ContentMark StructureTree::mark(const layout::Item& item) {
    if (std::holds_alternative<layout::Line>(item)) return {ContentMark::Kind::layout_artifact, 0, 0};
    const layout::Provenance& provenance = provenance_of(item);
    // Block 0 is the page's furniture (the footer).
    if (provenance.block == 0) return {ContentMark::Kind::pagination_artifact, 0, 0};
    if (!noted(provenance.block)) return {ContentMark::Kind::layout_artifact, 0, 0};
    std::uint32_t element = leaf(provenance);
    if (const auto* picture = std::get_if<layout::Picture>(&item)) {
        // A figure's words for those who cannot see it (PDF/UA-1 7.3).
        elements_[element].alt = picture->alt;
        return {ContentMark::Kind::element, element, provenance.block, false};
    }
    if (const std::optional<std::size_t> group = link_at(point_of(item), provenance.block)) {
        const auto [link, inserted] = link_elements_.try_emplace(*group, 0);
        // Marks are all taken before the page is drawn: the link joins its
        // parent's kids when its content does, after what is drawn before.
        if (inserted) link->second = add("Link", element, provenance.block, no_attributes, false);
        element = link->second;
    }
    return {ContentMark::Kind::element, element, provenance.block,
            std::holds_alternative<layout::OutlineGlyph>(item)};
}

void StructureTree::open(std::string& operators, const ContentMark& mark, std::string_view actual_text) {
    auto out = std::back_inserter(operators);
    switch (mark.kind) {
        case ContentMark::Kind::pagination_artifact:
            operators += "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
            return;
        case ContentMark::Kind::layout_artifact: operators += "/Artifact <</Type /Layout>> BDC\n"; return;
        case ContentMark::Kind::element: break;
    }
    std::vector<std::uint32_t>& marked = parent_tree_[page_key_].elements;
    const auto mcid = static_cast<std::uint32_t>(marked.size());
    marked.push_back(mark.element);
    attach(mark.element, mark.block);
    Element& element = elements_[mark.element];
    const auto page = static_cast<std::uint32_t>(pages_begun_ - 1);
    element.kids.push_back({Kid::Kind::content, mcid, page, mark.block, nullptr});
    if (!element.page) element.page = page;
    // A glyph drawn as an outline is a span of its element's content that
    // reads as its text: extractors (poppler, MuPDF) and screen readers
    // take /ActualText from the marked content, which spares an element.
    if (mark.drawn_glyph) {
        fmt::format_to(out, "/Span <</MCID {} /ActualText ", mcid);
        append_hexadecimal_text_string(operators, actual_text);
    } else {
        fmt::format_to(out, "/{} <</MCID {}", element.type, mcid);
    }
    operators += ">> BDC\n";
}

void StructureTree::annotate(HPDF_Annotation annotation, std::size_t index) {
    const layout::Link& link = content_->links[index];
    const std::size_t group = link_group_[index];
    auto found = link_elements_.find(group);
    if (found == link_elements_.end()) {
        // A link whose text is elsewhere (none of its items was found in
        // its area): a link element of its own in the block.
        if (!noted(link.provenance.block)) return;
        found =
            link_elements_.emplace(group, add("Link", leaf(link.provenance), link.provenance.block)).first;
    }
    const auto key = static_cast<std::uint32_t>(parent_tree_.size());
    parent_tree_.push_back({{}, found->second});
    HPDF_Dict_AddNumber(annotation, "StructParent", static_cast<HPDF_INT32>(key));
    attach(found->second, link.provenance.block);
    Element& element = elements_[found->second];
    const auto page = static_cast<std::uint32_t>(pages_begun_ - 1);
    element.kids.push_back({Kid::Kind::annotation, 0, page, link.provenance.block, annotation});
    if (!element.page) element.page = page;
}

bool StructureTree::write(HPDF_Doc pdf, const std::vector<HPDF_Page>& pages, std::string_view language) {
    if (!document_) return true;  // nothing was noted: an untagged document
    HPDF_MMgr memory = pdf->mmgr;
    // Elements that show nothing (a block that made no line) are left out.
    for (std::size_t index = elements_.size(); index-- > 0;) {
        Element& element = elements_[index];
        element.has_content =
            element.has_content || std::any_of(element.kids.begin(), element.kids.end(),
                                               [](const Kid& kid) { return kid.kind != Kid::Kind::element; });
        if (element.has_content && element.parent) elements_[*element.parent].has_content = true;
    }
    auto new_object = [&](auto made) {
        if (made != nullptr) HPDF_Xref_Add(pdf->xref, made);
        return made;
    };
    HPDF_Dict root = new_object(HPDF_Dict_New(memory));
    if (root == nullptr) return false;
    // Kids in reading order: the CV's blocks in order, each block's
    // content as drawn.
    for (Element& element : elements_) {
        std::stable_sort(element.kids.begin(), element.kids.end(),
                         [](const Kid& a, const Kid& b) { return a.order < b.order; });
    }
    // Objects numbered in reading order, not in the order elements were
    // made: a layout that streams its pages tells blocks between pages, one
    // that holds them tells all blocks first, and both give the same bytes.
    std::vector<std::uint32_t> reading_order;
    std::vector<std::uint32_t> pending{*document_};
    while (!pending.empty()) {
        const std::uint32_t index = pending.back();
        pending.pop_back();
        if (!elements_[index].has_content) continue;
        reading_order.push_back(index);
        const std::vector<Kid>& kids = elements_[index].kids;
        for (auto kid = kids.rbegin(); kid != kids.rend(); ++kid) {
            if (kid->kind == Kid::Kind::element) pending.push_back(kid->value);
        }
    }
    std::vector<HPDF_Dict> dicts(elements_.size(), nullptr);
    for (const std::uint32_t index : reading_order) {
        dicts[index] = new_object(HPDF_Dict_New(memory));
        if (dicts[index] == nullptr) return false;
    }
    for (const std::uint32_t index : reading_order) {
        Element& element = elements_[index];
        HPDF_Dict dict = dicts[index];
        const std::string type{element.type};
        HPDF_Dict_AddName(dict, "S", type.c_str());
        HPDF_Dict_Add(dict, "P", element.parent ? dicts[*element.parent] : root);
        if (element.page) HPDF_Dict_Add(dict, "Pg", pages[*element.page]);
        HPDF_Array kids = HPDF_Array_New(memory);
        if (kids == nullptr) return false;
        for (const Kid& kid : element.kids) {
            switch (kid.kind) {
                case Kid::Kind::element:
                    if (elements_[kid.value].has_content) HPDF_Array_Add(kids, dicts[kid.value]);
                    break;
                case Kid::Kind::content:
                    if (element.page == kid.page) {
                        HPDF_Array_AddNumber(kids, static_cast<HPDF_INT32>(kid.value));
                        break;
                    } else {
                        HPDF_Dict reference = HPDF_Dict_New(memory);
                        if (reference == nullptr) return false;
                        HPDF_Dict_AddName(reference, "Type", "MCR");
                        HPDF_Dict_Add(reference, "Pg", pages[kid.page]);
                        HPDF_Dict_AddNumber(reference, "MCID", static_cast<HPDF_INT32>(kid.value));
                        HPDF_Array_Add(kids, reference);
                    }
                    break;
                case Kid::Kind::annotation: {
                    HPDF_Dict reference = HPDF_Dict_New(memory);
                    if (reference == nullptr) return false;
                    HPDF_Dict_AddName(reference, "Type", "OBJR");
                    HPDF_Dict_Add(reference, "Obj", kid.annotation);
                    HPDF_Dict_Add(reference, "Pg", pages[kid.page]);
                    HPDF_Array_Add(kids, reference);
                    break;
                }
            }
        }
        HPDF_Dict_Add(dict, "K", kids);
        element.kids = std::vector<Kid>();
        if (!element.alt.empty()) {
            std::string alt = pdf_text_string(element.alt);
            HPDF_Dict_Add(dict, "Alt",
                          HPDF_Binary_New(memory, reinterpret_cast<HPDF_BYTE*>(alt.data()),
                                          static_cast<HPDF_UINT>(alt.size())));
        }
        if (element.attributes != no_attributes) {
            HPDF_Dict attributes = HPDF_Dict_New(memory);
            if (attributes == nullptr) return false;
            if (element.attributes == row_header) {
                HPDF_Dict_AddName(attributes, "O", "Table");
                HPDF_Dict_AddName(attributes, "Scope", "Row");
            } else {
                HPDF_Dict_AddName(attributes, "O", "List");
                HPDF_Dict_AddName(attributes, "ListNumbering",
                                  element.attributes == numbered_list ? "Decimal" : "Disc");
            }
            HPDF_Dict_Add(dict, "A", attributes);
        }
    }
    // The parent tree: for each page, its marked content's elements by
    // MCID; for each link annotation, its link element.
    HPDF_Dict parent_tree = new_object(HPDF_Dict_New(memory));
    HPDF_Array numbers = HPDF_Array_New(memory);
    if (parent_tree == nullptr || numbers == nullptr) return false;
    for (std::size_t key = 0; key < parent_tree_.size(); ++key) {
        const ParentEntry& entry = parent_tree_[key];
        HPDF_Array_AddNumber(numbers, static_cast<HPDF_INT32>(key));
        if (entry.annotation_element) {
            HPDF_Array_Add(numbers, dicts[*entry.annotation_element]);
            continue;
        }
        HPDF_Array marked = HPDF_Array_New(memory);
        if (marked == nullptr) return false;
        for (const std::uint32_t element : entry.elements) HPDF_Array_Add(marked, dicts[element]);
        HPDF_Array_Add(numbers, marked);
    }
    HPDF_Dict_Add(parent_tree, "Nums", numbers);
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(root, "K", dicts[*document_]);
    HPDF_Dict_Add(root, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(parent_tree_.size()));

    HPDF_Dict catalog = pdf->catalog;
    HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    HPDF_Dict mark_info = HPDF_Dict_New(memory);
    if (mark_info == nullptr) return false;
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
    const std::string lang{language};
    HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(memory, lang.c_str(), nullptr));
    return true;
}

}  // namespace vitae::render
