#include "vitae/render/block_trace.hpp"

#include <array>
#include <iterator>

#include <fmt/format.h>

namespace vitae::render {

namespace {

std::string_view kind_name(compose::Block::Kind kind) {
    using Kind = compose::Block::Kind;
    switch (kind) {
        case Kind::heading: return "heading";
        case Kind::paragraph: return "paragraph";
        case Kind::two_sided: return "two-sided";
        case Kind::list_item: return "list-item";
        case Kind::contacts: return "contacts";
        case Kind::skills: return "skills";
        case Kind::space: return "space";
        case Kind::picture: return "picture";
    }
    return "block";
}

std::string_view piece_kind_name(compose::Piece::Kind kind) {
    using Kind = compose::Piece::Kind;
    switch (kind) {
        case Kind::rich: return "rich";
        case Kind::plain: return "plain";
        case Kind::icon: return "icon";
        case Kind::space: return "space";
        case Kind::glued_space: return "glued-space";
        case Kind::break_point: return "break";
    }
    return "piece";
}

std::string_view alignment_name(style::Alignment alignment) {
    switch (alignment) {
        case style::Alignment::left: return "left";
        case style::Alignment::center: return "center";
        case style::Alignment::right: return "right";
    }
    return "left";
}

/// `line:col`: the file is the CV's, the same for every block.
std::string position(const SourceRegion& where) {
    return fmt::format("{}:{}", where.begin.line, where.begin.column);
}

class BlockTrace final : public compose::BlockSink {
public:
    explicit BlockTrace(const style::Sheet& sheet) : sheet_(sheet) {}

    void start(compose::Flow flow) override {
        fmt::format_to(to(), "flow {}\n", flow == compose::Flow::main ? "main" : "sidebar");
    }

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        if (block.kind == Kind::space) {
            fmt::format_to(
                to(), "space {}{}{}{}{}\n", compose::to_string(block.gap),
                block.gap_style != nullptr ? fmt::format(" [{}]", sheet_.name_of(block.gap_style)) : "",
                block.to_page_position ? fmt::format(" to={:.2f}pt", *block.to_page_position) : "",
                block.clears ? " clears" : "", block.page_break_before ? " page-break-before" : "");
            return;
        }
        fmt::format_to(to(), "{} {} @{}", kind_name(block.kind), compose::to_string(block.role),
                       position(block.where));
        if (block.section) fmt::format_to(to(), " section={}", *block.section);
        if (block.level != 0) fmt::format_to(to(), " level={}", block.level);
        if (block.alignment != style::Alignment::left)
            fmt::format_to(to(), " align={}", alignment_name(block.alignment));
        if (block.hanging) out_ += " hanging";
        if (block.depth != 0) fmt::format_to(to(), " depth={}", block.depth);
        if (block.names) out_ += " names";
        if (block.numbered) out_ += " numbered";
        if (block.keep_together) out_ += " keep-together";
        if (block.keep_with_next) out_ += " keep-with-next";
        if (block.page_break_before) out_ += " page-break-before";
        if (block.picture != nullptr) {
            constexpr std::array<std::string_view, 3> shapes{"rectangle", "rounded", "circle"};
            fmt::format_to(to(), " {:.2f}x{:.2f}pt {}{} \"{}\"", block.width, block.height,
                           shapes[static_cast<std::size_t>(block.shape)], block.beside ? " beside" : "",
                           block.picture->path);
        }
        fmt::format_to(to(), " \"{}\" in \"{}\"\n", block.what, block.part);
        if (!block.bookmark.empty()) fmt::format_to(to(), "  bookmark \"{}\"\n", block.bookmark);
        pieces("marker", block.marker);
        pieces("text", block.content);
        pieces("right", block.right);
        for (const compose::ContactItem& contact : block.contacts) {
            fmt::format_to(to(), "  contact @{} \"{}\"\n", position(contact.where), contact.description);
            pieces("  whole", contact.whole);
            pieces("  breakable", contact.breakable);
        }
        pieces("separator", block.separator);
        for (const compose::SkillRow& row : block.rows) {
            fmt::format_to(to(), "  row @{} \"{}\"\n", position(row.where), row.what);
            pieces("  label", row.label);
            pieces("  items", row.items);
        }
    }

    void pieces(std::string_view label, const compose::Inline& pieces) {
        for (const compose::Piece& piece : pieces) {
            fmt::format_to(to(), "  {} {} {}", label, piece_kind_name(piece.kind),
                           compose::to_string(piece.role));
            // `uppercase`: the text is set, and so read back from a PDF, in capitals.
            if (piece.style != nullptr)
                fmt::format_to(to(), " [{}{}{}]", sheet_.name_of(piece.style), piece.bold ? " bold" : "",
                               piece.style->uppercase ? " uppercase" : "");
            if (piece.breakable) out_ += " breakable";
            if (piece.page_numbered) out_ += " page-numbered";
            switch (piece.kind) {
                case compose::Piece::Kind::rich: fmt::format_to(to(), " \"{}\"", piece.rich.plain()); break;
                case compose::Piece::Kind::plain:
                case compose::Piece::Kind::icon: fmt::format_to(to(), " \"{}\"", piece.text); break;
                case compose::Piece::Kind::break_point: fmt::format_to(to(), " {}", piece.penalty); break;
                case compose::Piece::Kind::space:
                case compose::Piece::Kind::glued_space: break;
            }
            std::string links;
            if (!piece.url.empty()) links = piece.url;
            for (const cv::Span& span : piece.rich.spans) {
                if (!span.link.empty() && links.find(span.link) == std::string::npos)
                    links = links.empty() ? span.link : fmt::format("{} {}", links, span.link);
            }
            if (!links.empty()) fmt::format_to(to(), " -> {}", links);
            out_ += '\n';
        }
    }

    std::string take() { return std::move(out_); }
    std::back_insert_iterator<std::string> to() { return std::back_inserter(out_); }

private:
    const style::Sheet& sheet_;
    std::string out_;
};

}  // namespace

std::string trace_blocks(const compose::Composer& composer) {
    BlockTrace trace{composer.sheet()};
    composer.compose(trace);
    if (const auto footer = composer.footer()) {
        trace.add([&] {
            compose::Block block;
            block.kind = compose::Block::Kind::two_sided;
            block.role = compose::Role::footer;
            block.what = "the footer";
            block.content = footer->center;
            block.right = footer->right;
            return block;
        }());
    }
    const compose::DocumentInfo info = composer.info();
    std::string out = trace.take();
    fmt::format_to(std::back_inserter(out),
                   "info title \"{}\" author \"{}\" subject \"{}\" keywords \"{}\"\n", info.title,
                   info.author, info.subject, info.keywords);
    return out;
}

}  // namespace vitae::render
