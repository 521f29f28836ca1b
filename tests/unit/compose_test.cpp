// The composition stage, without fonts: which blocks a CV becomes in a
// style, with their roles and keeps; and golden block traces of every
// example in every built-in style (tests/golden/blocks/).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "unit/golden.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/render/block_trace.hpp"
#include "vitae/style/select.hpp"

namespace {

using vitae::compose::Block;
using vitae::compose::Piece;
using vitae::compose::Role;

vitae::style::Sheet builtin(const std::string& name) {
    vitae::Diagnostics diagnostics;
    std::optional<vitae::style::Sheet> sheet = vitae::load_sheet(name, diagnostics);
    REQUIRE(sheet);
    return *sheet;
}

vitae::cv::Document load(const std::string& toml) {
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

/// The blocks with text, without the spaces between them.
std::vector<Block> text_blocks(const std::vector<Block>& blocks) {
    std::vector<Block> result;
    for (const Block& block : blocks) {
        if (block.kind != Block::Kind::space) result.push_back(block);
    }
    return result;
}

const Block& with_role(const std::vector<Block>& blocks, Role role) {
    const auto found =
        std::find_if(blocks.begin(), blocks.end(), [&](const Block& b) { return b.role == role; });
    REQUIRE(found != blocks.end());
    return *found;
}

bool has_piece(const vitae::compose::Inline& pieces, Role role, const std::string& text) {
    return std::any_of(pieces.begin(), pieces.end(), [&](const Piece& piece) {
        return piece.role == role && vitae::compose::plain_text({piece}) == text;
    });
}

constexpr const char* work_cv = R"(
[person]
name = "Ada Lovelace"
email = "ada@example.org"

[[section]]
title = "Work"
kind = "entries"

[[section.entry]]
title = "Analytical Engines"
subtitle = "Programmer"
location = "London"
start = "1842-01"
end = "1843-09"
highlights = ["Wrote the first program"]

[[section.entry]]
title = "Royal Society"
location = "London"
[[section.entry.roles]]
title = "Fellow"
start = 1840
end = "present"
highlights = ["Read papers"]
[[section.entry.roles]]
title = "Member"
start = 1838
end = 1840
)";

}  // namespace

TEST_CASE("compose: an entry's dates go right of its title, its location right of the subtitle",
          "[compose]") {
    const vitae::style::Sheet sheet = builtin("default");
    const std::vector<Block> blocks = text_blocks(vitae::compose::compose_all(load(work_cv), sheet).main);
    const Block& head = with_role(blocks, Role::entry_head);
    REQUIRE(head.kind == Block::Kind::two_sided);
    CHECK(has_piece(head.content, Role::entry_title, "Analytical Engines"));
    CHECK(has_piece(head.right, Role::date, "Jan. 1842 – Sep. 1843"));
    CHECK(head.right.front().style == &sheet.entry_date);
    CHECK(head.keep_together);
    const Block& subtitle = with_role(blocks, Role::entry_subtitle);
    CHECK(has_piece(subtitle.content, Role::entry_subtitle, "Programmer"));
    CHECK(has_piece(subtitle.right, Role::location, "London"));
}

TEST_CASE(
    "compose: an entry without dates has its location on the title line and roles keep with their employer",
    "[compose]") {
    const std::vector<Block> all = vitae::compose::compose_all(load(work_cv), builtin("default")).main;
    const std::vector<Block> blocks = text_blocks(all);
    const auto society = std::find_if(blocks.begin(), blocks.end(), [](const Block& block) {
        return block.role == Role::entry_head && has_piece(block.content, Role::entry_title, "Royal Society");
    });
    REQUIRE(society != blocks.end());
    CHECK(has_piece(society->right, Role::location, "London"));
    // The entry head keeps with its first role; the block before the second
    // role (a highlight) keeps with it; the entry's last block does not keep.
    const auto first_role = std::next(society);
    REQUIRE(first_role->role == Role::role_head);
    CHECK(society->keep_with_next);
    CHECK(has_piece(first_role->right, Role::date, "1840 – Present"));
    const auto highlight = std::next(first_role);
    REQUIRE(highlight->role == Role::highlight);
    CHECK(highlight->keep_with_next);
    CHECK(has_piece(highlight->marker, Role::marker, "\u2022"));
    const auto second_role = std::next(highlight);
    REQUIRE(second_role->role == Role::role_head);
    CHECK_FALSE(second_role->keep_with_next);
    // A role's gap is of its own kind, between the highlight and the role.
    const auto role_gap = std::find_if(all.begin(), all.end(), [](const Block& block) {
        return block.kind == Block::Kind::space && block.gap == vitae::compose::Gap::role;
    });
    CHECK(role_gap != all.end());
}

TEST_CASE("compose: a publication's owner is bold, contributors marked, the note follows, numbers count",
          "[compose]") {
    const vitae::style::Sheet sheet = builtin("academic");
    const std::vector<Block> blocks = text_blocks(vitae::compose::compose_all(load(R"(
[person]
name = "Ada Lovelace"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "Notes"
authors = ["A. Lovelace", "C. Babbage"]
equal_contribution = ["A. Lovelace", "C. Babbage"]
venue = "Taylor's Scientific Memoirs"
year = 1843
doi = "10.1000/notes"
[[section.entry]]
title = "Letters"
authors = ["C. Babbage"]
year = 1844
)"),
                                                                              sheet)
                                                      .main);
    const Block& title = with_role(blocks, Role::publication);
    REQUIRE(title.kind == Block::Kind::list_item);
    CHECK(title.keep_with_next);
    CHECK(has_piece(title.marker, Role::marker, "1."));
    CHECK(title.numbered == sheet.number_publications);
    // The title links to the DOI.
    REQUIRE(title.content.front().rich.spans.front().link == "https://doi.org/10.1000/notes");
    const Block& authors = with_role(blocks, Role::authors);
    CHECK(authors.names);
    CHECK(authors.hanging);
    const auto owner = std::find_if(authors.content.begin(), authors.content.end(),
                                    [](const Piece& piece) { return piece.role == Role::owner; });
    REQUIRE(owner != authors.content.end());
    CHECK(owner->bold == sheet.highlight_owner);
    CHECK(has_piece(authors.content, Role::author, "C. Babbage"));
    CHECK(has_piece(authors.content, Role::equal_contribution_mark, sheet.equal_contribution_mark));
    CHECK(has_piece(with_role(blocks, Role::details).content, Role::venue, "Taylor's Scientific Memoirs"));
    CHECK(has_piece(with_role(blocks, Role::equal_contribution_note).content, Role::equal_contribution_note,
                    "* equal contribution"));
    const auto second = std::find_if(blocks.begin(), blocks.end(), [](const Block& block) {
        return block.role == Role::publication &&
               has_piece(block.content, Role::publication_title, "Letters");
    });
    REQUIRE(second != blocks.end());
    CHECK(has_piece(second->marker, Role::marker, "2."));
}

TEST_CASE("compose: a sidebar style composes the header and its kinds of section as a flow of their own",
          "[compose]") {
    const vitae::compose::Composition composition = vitae::compose::compose_all(load(R"(
[person]
name = "Ada Lovelace"
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Languages"
items = ["English", "French"]
[[section]]
title = "Work"
kind = "entries"
[[section.entry]]
title = "Engines"
)"),
                                                                                builtin("sidebar"));
    const std::vector<Block> side = text_blocks(composition.sidebar);
    const std::vector<Block> main = text_blocks(composition.main);
    REQUIRE(!side.empty());
    CHECK(side.front().role == Role::name);
    const Block& skills = with_role(side, Role::skills);
    REQUIRE(skills.rows.size() == 1);
    CHECK(has_piece(skills.rows.front().label, Role::skill_label, "Languages"));
    CHECK(has_piece(skills.rows.front().items, Role::skill, "French"));
    CHECK(has_piece(skills.rows.front().items, Role::separator, ","));
    CHECK(std::none_of(main.begin(), main.end(),
                       [](const Block& block) { return block.role == Role::skills; }));
    CHECK(with_role(main, Role::section_title).bookmark == "Work");
}

TEST_CASE("compose: a contact breaks at its break points only when set on lines of its own", "[compose]") {
    const std::vector<Block> blocks =
        text_blocks(vitae::compose::compose_all(load(work_cv), builtin("default")).main);
    const Block& contacts = with_role(blocks, Role::contacts);
    REQUIRE(contacts.contacts.size() == 1);
    const vitae::compose::ContactItem& email = contacts.contacts.front();
    CHECK(has_piece(email.whole, Role::contact, "ada@example.org"));
    CHECK_FALSE(email.whole.back().breakable);
    CHECK(email.breakable.back().breakable);
    // Its icon stays with its text when the contact breaks.
    REQUIRE(email.breakable.size() == 3);
    CHECK(email.breakable[0].kind == Piece::Kind::icon);
    CHECK(email.breakable[1].kind == Piece::Kind::glued_space);
    CHECK(email.whole[1].kind == Piece::Kind::space);
}

TEST_CASE(
    "compose: every gap a fitter scales is a setting of the sheet, the paragraph and letter gaps follow the "
    "lines",
    "[compose]") {
    vitae::style::Sheet sheet = builtin("default");
    using vitae::compose::Gap;
    for (const Gap gap : vitae::compose::all_gaps) {
        INFO(vitae::compose::to_string(gap));
        if (gap == Gap::paragraph || gap == Gap::letter_part || gap == Gap::signature) {
            CHECK(vitae::compose::gap_setting(sheet, gap) == nullptr);
        } else {
            REQUIRE(vitae::compose::gap_setting(sheet, gap) != nullptr);
        }
    }
    *vitae::compose::gap_setting(sheet, vitae::compose::Gap::entry) = 42;
    CHECK(sheet.entry_gap == 42);
    // Each is the style sheet's key of its name.
    for (const vitae::compose::Gap gap : vitae::compose::all_gaps) {
        const std::string key{vitae::compose::gap_key(gap)};
        if (key.empty()) continue;
        INFO(key);
        const std::size_t dot = key.rfind('.');
        const std::string_view whole{key};
        std::string toml = "[";
        toml += whole.substr(0, dot);
        toml += "]\n";
        toml += whole.substr(dot + 1);
        toml += " = \"7.5pt\"\n";
        vitae::Diagnostics diagnostics;
        const vitae::style::Sheet loaded = vitae::load_sheet_text(toml, "style.toml", diagnostics);
        CHECK(diagnostics.empty());
        CHECK(*vitae::compose::gap_setting(loaded, gap) == 7.5);
    }
}

TEST_CASE("compose: no text of the seed CV is lost in its academic composition", "[compose]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document =
        vitae::load_cv_file(std::string{VITAE_SOURCE_DIR} + "/examples/zangwei-zheng.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    const vitae::style::Sheet sheet = builtin("academic");
    const vitae::style::SelectionResult selected =
        vitae::style::select(document, sheet.selection, {}, diagnostics);
    const vitae::compose::Composition composition = vitae::compose::compose_all(selected.document, sheet);
    std::string composed;
    const auto add = [&](const vitae::compose::Inline& pieces) {
        composed += vitae::compose::plain_text(pieces);
        composed += '\n';
    };
    for (const std::vector<Block>* flow : {&composition.main, &composition.sidebar}) {
        for (const Block& block : *flow) {
            for (const auto* pieces : {&block.content, &block.right, &block.marker, &block.separator})
                add(*pieces);
            for (const auto& contact : block.contacts) add(contact.whole);
            for (const auto& row : block.rows) {
                add(row.label);
                add(row.items);
            }
        }
    }
    std::size_t checked = 0;
    const auto expect = [&](const vitae::cv::RichText& text) {
        for (const vitae::cv::Span& span : text.spans) {
            if (span.text.empty()) continue;
            INFO(span.text);
            CHECK(composed.find(span.text) != std::string::npos);
            ++checked;
        }
    };
    expect(selected.document.person.name);
    for (const vitae::cv::Section& section : selected.document.sections) {
        expect(section.title);
        for (const vitae::cv::Entry& entry : section.entries) {
            expect(entry.title);
            expect(entry.subtitle);
            expect(entry.location);
            for (const auto& highlight : entry.highlights) expect(highlight.text);
            for (const auto& role : entry.roles) {
                expect(role.title);
                for (const auto& highlight : role.highlights) expect(highlight.text);
            }
        }
        for (const vitae::cv::Publication& publication : section.publications) {
            expect(publication.title);
            expect(publication.venue);
            for (const auto& author : publication.authors) expect(author);
        }
        for (const vitae::cv::SkillRow& row : section.skills) {
            expect(row.label);
            for (const auto& item : row.items) expect(item.text);
        }
        for (const auto& item : section.items) expect(item.text);
    }
    CHECK(checked > 100);
}

TEST_CASE("golden: the block trace of every example in every built-in style", "[compose][golden]") {
    const std::filesystem::path examples = std::filesystem::path{VITAE_SOURCE_DIR} / "examples";
    std::vector<std::filesystem::path> cvs;
    for (const auto& file : std::filesystem::directory_iterator{examples}) {
        if (file.path().extension() == ".toml") cvs.push_back(file.path());
    }
    std::sort(cvs.begin(), cvs.end());
    REQUIRE(cvs.size() >= 2);
    for (const std::filesystem::path& cv : cvs) {
        for (const auto& [style, description] : vitae::builtin_sheets()) {
            vitae::Diagnostics diagnostics;
            vitae::cv::Document document = vitae::load_cv_file(cv.string(), diagnostics);
            // The footer's "updated" date, as a build with SOURCE_DATE_EPOCH gives it.
            document.date = vitae::cv::Date{2026, 1, 15};
            const vitae::style::Sheet sheet = builtin(style);
            const vitae::style::SelectionResult selected =
                vitae::style::select(std::move(document), sheet.selection, {}, diagnostics);
            const std::string trace =
                vitae::render::trace_blocks(vitae::compose::Composer{selected.document, sheet});
            const std::string name = cv.stem().string() + "-" + style;
            vitae::test::check_golden_file(
                std::filesystem::path{VITAE_SOURCE_DIR} / "tests/golden/blocks" / (name + ".blocks"), trace);
        }
    }
}
