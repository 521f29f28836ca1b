// The DOCX writer: a zip of WordprocessingML parts, with Word's own styles
// for the CV's structure, dates at a right tab stop, links as HYPERLINK
// fields, the sheet's fonts and sizes, and the same bytes for the
// same input.
#include "vitae/render/docx.hpp"

#include <fmt/format.h>

#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "seed_words.hpp"
#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

/// A CV with the parts a Word document shows differently: a title linked,
/// dates, bullets, a numbered list, skills, rich text with every markup.
constexpr std::string_view cv_text = R"toml([person]
name = "Ada Lovelace"
headline = "Analyst & <script>alert('x')</script> \"quoted\""
email = "ada@example.org"
homepage = "https://example.org/ada?a=1&b=2"
summary = "She wrote **the first program**, *in notes*, with `code` and [a link](https://example.org/notes)."

[[section]]
title = "Experience"
[[section.entry]]
title = "Analytical Engine"
url = "https://engine.example"
subtitle = "Programmer"
location = "London"
start = "1842-01"
end = "1843-09"
highlights = ["Wrote Note G", "Tabulated Bernoulli numbers"]
[[section.entry]]
title = "Undated work"
subtitle = "No dates at all"

[[section]]
title = "Talks"
kind = "list"
numbered = true
reversed = true
items = ["Newest talk", "Oldest talk"]

[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Languages"
items = ["English", "French"]
)toml";

vitae::cv::Document load(std::string_view toml) {
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    INFO(vitae::test::joined(vitae::test::lines(diagnostics)));
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

/// The default sheet, named: GCC 12 warns (wrongly, maybe-uninitialized)
/// about a temporary Sheet passed by reference.
const vitae::style::Sheet& default_sheet() {
    static const vitae::style::Sheet sheet;
    return sheet;
}

struct ArchiveClose {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

/// The entries of a zip in memory: names in order, and their contents.
struct Unzipped {
    std::vector<std::string> names;
    std::vector<std::string> contents;

    [[nodiscard]] const std::string& operator[](std::string_view name) const {
        for (std::size_t at = 0; at < names.size(); ++at) {
            if (names[at] == name) return contents[at];
        }
        FAIL("no entry " << name);
        return contents.front();
    }
};

Unzipped unzip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    REQUIRE(source != nullptr);
    const std::unique_ptr<zip_t, ArchiveClose> archive{zip_open_from_source(source, ZIP_RDONLY, &error)};
    if (!archive) zip_source_free(source);
    REQUIRE(archive != nullptr);
    Unzipped unzipped;
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t index = 0; index < count; ++index) {
        const auto entry = static_cast<zip_uint64_t>(index);
        zip_stat_t stat;
        REQUIRE(zip_stat_index(archive.get(), entry, 0, &stat) == 0);
        zip_file_t* file = zip_fopen_index(archive.get(), entry, 0);
        REQUIRE(file != nullptr);
        std::string content(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, content.data(), stat.size);
        zip_fclose(file);
        REQUIRE(read == static_cast<zip_int64_t>(stat.size));
        unzipped.names.emplace_back(stat.name);
        unzipped.contents.push_back(std::move(content));
    }
    return unzipped;
}

/// The MS-DOS dates and times of every central directory entry, read from
/// the bytes (libzip's zip_stat converts them in the local time zone).
std::vector<std::pair<std::uint16_t, std::uint16_t>> central_times(const std::string& zip) {
    std::vector<std::pair<std::uint16_t, std::uint16_t>> times;
    const auto u16 = [&](std::size_t at) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(zip[at]) |
                                          (static_cast<unsigned char>(zip[at + 1]) << 8));
    };
    constexpr std::string_view central_signature{"PK\x01\x02", 4};
    for (std::size_t at = zip.find(central_signature); at != std::string::npos;
         at = zip.find(central_signature, at + 1)) {
        constexpr std::size_t time_offset = 12;  // APPNOTE 4.3.12: version made by, needed, flags, method
        times.emplace_back(u16(at + time_offset), u16(at + time_offset + 2));
    }
    return times;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t found = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++found;
    return found;
}

/// The paragraph of document.xml that holds `text`.
std::string paragraph_with(const std::string& document, const std::string& text) {
    const std::size_t at = document.find(text);
    REQUIRE(at != std::string::npos);
    const std::size_t start = document.rfind("<w:p>", at);
    const std::size_t end = document.find("</w:p>", at);
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    return document.substr(start, end - start);
}

}  // namespace

TEST_CASE("a DOCX is a zip of Word's parts, [Content_Types].xml first", "[docx]") {
    const vitae::cv::Document document = load(cv_text);
    const Unzipped docx = unzip(vitae::render::write_docx(document, default_sheet(), {}));
    REQUIRE_FALSE(docx.names.empty());
    CHECK(docx.names.front() == "[Content_Types].xml");
    for (const std::string_view part :
         {"_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
          "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"}) {
        INFO(part);
        CHECK(std::find(docx.names.begin(), docx.names.end(), part) != docx.names.end());
    }
    const std::string& core = docx["docProps/core.xml"];
    CHECK(core.find("<dc:title>Ada Lovelace \u2014 Curriculum vitae</dc:title>") != std::string::npos);
    CHECK(core.find("<dc:creator>Ada Lovelace</dc:creator>") != std::string::npos);
    CHECK(core.find("<dc:language>en</dc:language>") != std::string::npos);
    CHECK(core.find("<cp:keywords>Experience, Talks, Skills</cp:keywords>") != std::string::npos);
    // No date without SOURCE_DATE_EPOCH.
    CHECK(core.find("dcterms:created") == std::string::npos);
}

TEST_CASE("the DOCX marks the CV's structure with Word's built-in styles", "[docx]") {
    const Unzipped docx = unzip(vitae::render::write_docx(load(cv_text), default_sheet(), {}));
    const std::string& body = docx["word/document.xml"];
    CHECK(paragraph_with(body, ">Ada Lovelace<").find("<w:pStyle w:val=\"Title\"/>") != std::string::npos);
    CHECK(paragraph_with(body, ">Experience<").find("<w:pStyle w:val=\"Heading1\"/>") != std::string::npos);
    CHECK(paragraph_with(body, ">Analytical Engine<").find("<w:pStyle w:val=\"Heading2\"/>") !=
          std::string::npos);
    CHECK(paragraph_with(body, ">Wrote Note G<").find("<w:pStyle w:val=\"ListBullet\"/>") !=
          std::string::npos);
    CHECK(paragraph_with(body, ">Wrote Note G<").find("<w:numId w:val=\"1\"/>") != std::string::npos);
    // A list counting down keeps its numbers, written out: Word's numbering cannot count down.
    const std::string newest = paragraph_with(body, ">Newest talk<");
    CHECK(newest.find("<w:pStyle w:val=\"ListNumber\"/>") != std::string::npos);
    CHECK(newest.find(">2.<") != std::string::npos);
    // The bullet list is defined with the sheet's bullet.
    CHECK(docx["word/numbering.xml"].find("<w:lvlText w:val=\"\u2022\"/>") != std::string::npos);

    const std::string& styles = docx["word/styles.xml"];
    for (const std::string_view name :
         {"w:styleId=\"Title\"", "<w:name w:val=\"heading 1\"/>", "<w:name w:val=\"heading 2\"/>",
          "<w:name w:val=\"List Bullet\"/>", "<w:name w:val=\"List Number\"/>",
          "<w:name w:val=\"CV entries.title\"/>", "<w:name w:val=\"CV publications.venue\"/>"}) {
        INFO(name);
        CHECK(styles.find(name) != std::string::npos);
    }
    // Every text style of the sheet is a character style the runs name.
    CHECK(count(styles, "w:type=\"character\" w:customStyle=\"1\"") == default_sheet().text_styles().size());
    CHECK(paragraph_with(body, ">Analytical Engine<").find("<w:rStyle w:val=\"CvEntriesTitle\"/>") !=
          std::string::npos);
}

TEST_CASE("the DOCX sets an entry's dates at a right tab stop at the text's end", "[docx]") {
    vitae::style::Sheet sheet;
    sheet.page_width = 600;
    sheet.margins = {36, 40, 36, 60};
    const Unzipped docx = unzip(vitae::render::write_docx(load(cv_text), sheet, {}));
    const std::string head = paragraph_with(docx["word/document.xml"], ">Analytical Engine<");
    // 500 pt of text: 10000 twips.
    CHECK(head.find("<w:tabs><w:tab w:val=\"right\" w:pos=\"10000\"/></w:tabs>") != std::string::npos);
    const std::size_t tab = head.find("<w:r><w:tab/></w:r>");
    REQUIRE(tab != std::string::npos);
    CHECK(head.find("1842", tab) != std::string::npos);
    CHECK(head.find("Analytical Engine") < tab);
    // An entry without dates has no tab after its title.
    CHECK(paragraph_with(docx["word/document.xml"], ">Undated work<").find("<w:r><w:tab/></w:r>") ==
          std::string::npos);
    // The page and its margins, in twips.
    CHECK(docx["word/document.xml"].find("<w:pgSz w:w=\"12000\" w:h=\"15840\"/><w:pgMar w:top=\"720\" "
                                         "w:right=\"800\" w:bottom=\"720\" w:left=\"1200\"") !=
          std::string::npos);
}

TEST_CASE("the DOCX links by HYPERLINK fields around the linked runs", "[docx]") {
    const Unzipped docx = unzip(vitae::render::write_docx(load(cv_text), default_sheet(), {}));
    const std::string& body = docx["word/document.xml"];
    for (const std::string target : {"https://engine.example", "https://example.org/notes",
                                     "mailto:ada@example.org", "https://example.org/ada?a=1&amp;b=2"}) {
        INFO(target);
        CHECK(body.find(fmt::format("<w:instrText xml:space=\"preserve\"> HYPERLINK \"{}\" </w:instrText>",
                                    target)) != std::string::npos);
    }
    // The linked text stays in the paragraph's own runs, where python-docx 0.8 reads it.
    CHECK(body.find("<w:hyperlink") == std::string::npos);
    CHECK(docx["word/_rels/document.xml.rels"].find("TargetMode=\"External\"") == std::string::npos);
}

TEST_CASE("the DOCX keeps rich text's bold, italics and code, and escapes XML's specials", "[docx]") {
    const Unzipped docx = unzip(vitae::render::write_docx(load(cv_text), default_sheet(), {}));
    const std::string& body = docx["word/document.xml"];
    const std::string summary = paragraph_with(body, "the first program");
    CHECK(std::regex_search(summary, std::regex{"<w:b w:val=\"1\"/>(?:(?!</w:r>).)*the first program"}));
    CHECK(std::regex_search(summary, std::regex{"<w:i w:val=\"1\"/>(?:(?!</w:r>).)*in notes"}));
    CHECK(std::regex_search(summary, std::regex{"DejaVu Sans Mono(?:(?!</w:r>).)*>code<"}));
    CHECK(body.find("<script>") == std::string::npos);
    CHECK(body.find("Analyst &amp; &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &quot;") !=
          std::string::npos);
    CHECK(body.find("quoted&quot;") != std::string::npos);
}

TEST_CASE("the DOCX's styles have the sheet's fonts, sizes in half-points, caps and colours", "[docx]") {
    vitae::style::Sheet sheet;
    sheet.body_family = "Body Face";
    sheet.entry_title = {"Title Face", 11.5, true, false, false, {1, 0, 0}};
    sheet.section_heading.uppercase = true;
    const Unzipped docx = unzip(vitae::render::write_docx(load(cv_text), sheet, {}));
    const std::string& styles = docx["word/styles.xml"];
    const std::size_t at = styles.find("w:styleId=\"CvEntriesTitle\"");
    REQUIRE(at != std::string::npos);
    const std::string style = styles.substr(at, styles.find("</w:style>", at) - at);
    CHECK(style.find("<w:rFonts w:ascii=\"Title Face\" w:hAnsi=\"Title Face\" w:cs=\"Title Face\" "
                     "w:eastAsia=\"Title Face\"/>") != std::string::npos);
    CHECK(style.find("<w:b w:val=\"1\"/>") != std::string::npos);
    CHECK(style.find("<w:color w:val=\"FF0000\"/><w:sz w:val=\"23\"/>") != std::string::npos);
    // A style without a family has the body's.
    const std::size_t heading = styles.find("w:styleId=\"CvSectionHeading\"");
    REQUIRE(heading != std::string::npos);
    const std::string section = styles.substr(heading, styles.find("</w:style>", heading) - heading);
    CHECK(section.find("w:ascii=\"Body Face\"") != std::string::npos);
    CHECK(section.find("<w:caps w:val=\"1\"/>") != std::string::npos);
    CHECK(section.find("<w:sz w:val=\"24\"/>") != std::string::npos);
}

TEST_CASE("the DOCX is the same bytes for the same CV, its zip dated SOURCE_DATE_EPOCH", "[docx]") {
    const vitae::cv::Document document = load(cv_text);
    const std::string first = vitae::render::write_docx(document, default_sheet(), {});
    CHECK(first == vitae::render::write_docx(document, default_sheet(), {}));
    // Without SOURCE_DATE_EPOCH: 1980-01-01 00:00, zip's first day.
    const auto undated = central_times(first);
    REQUIRE(undated.size() == unzip(first).names.size());
    for (const auto& [time, date] : undated) {
        CHECK(time == 0);
        CHECK(date == ((1 << 5) | 1));
    }
    // 2023-11-14 22:13:20 UTC.
    constexpr long long epoch = 1700000000;
    const std::string dated = vitae::render::write_docx(document, default_sheet(), {epoch});
    CHECK(dated == vitae::render::write_docx(document, default_sheet(), {epoch}));
    for (const auto& [time, date] : central_times(dated)) {
        CHECK(date == (((2023 - 1980) << 9) | (11 << 5) | 14));
        CHECK(time == ((22 << 11) | (13 << 5) | (20 / 2)));
    }
    // A copy: the unzipped parts are a temporary.
    const std::string core = unzip(dated)["docProps/core.xml"];
    CHECK(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z</dcterms:created>") !=
          std::string::npos);
}

TEST_CASE("the DOCX embeds the photo as an inline picture with its alternate text", "[docx]") {
    vitae::cv::Document document = load(cv_text);
    document.person.photo = vitae::cv::Picture{
        "me.png", std::make_shared<const std::string>(vitae::test::tiny_png), 2, 3, "Ada at her desk", {}};
    const vitae::style::Sheet sheet;
    const Unzipped docx = unzip(vitae::render::write_docx(document, sheet, {}));
    const std::string& media = docx["word/media/image1.jpeg"];
    CHECK(media.starts_with("\xFF\xD8"));  // a JPEG, as printed in the PDF
    const std::string& body = docx["word/document.xml"];
    CHECK(body.find("descr=\"Ada at her desk\"") != std::string::npos);
    CHECK(body.find("<a:blip r:embed=\"rIdImage1\"/>") != std::string::npos);
    // At the style's size: 99.21 × 127.56 pt in EMUs.
    CHECK(body.find("<wp:extent cx=\"1259967\" cy=\"1620012\"/>") != std::string::npos);
    CHECK(docx["word/_rels/document.xml.rels"].find("Target=\"media/image1.jpeg\"") != std::string::npos);
    CHECK(docx["[Content_Types].xml"].find("Extension=\"jpeg\"") != std::string::npos);
}

TEST_CASE("a right-to-left DOCX marks paragraphs bidi and Hebrew runs rtl, in its language", "[docx]") {
    vitae::cv::Document document = load(R"toml(lang = "he"
[person]
name = "נועה לוי"
email = "noa@example.org"
[[section]]
title = "ניסיון"
kind = "text"
text = "מהנדסת תוכנה at Example"
)toml");
    vitae::style::Sheet sheet;
    sheet.language.tag = "he";
    sheet.language.right_to_left = true;
    const Unzipped docx = unzip(vitae::render::write_docx(document, sheet, {}));
    const std::string& body = docx["word/document.xml"];
    const std::string name = paragraph_with(body, "נועה לוי");
    CHECK(name.find("<w:bidi/>") != std::string::npos);
    CHECK(name.find("<w:rtl/>") != std::string::npos);
    CHECK(name.find("<w:lang w:val=\"he\" w:bidi=\"he\"/>") != std::string::npos);
    // An e-mail address is not right-to-left text.
    const std::string contact = paragraph_with(body, "noa@example.org");
    CHECK(contact.find("<w:rtl/>") == std::string::npos);
    CHECK(body.find("<w:sectPr>") != std::string::npos);
    CHECK(body.find("<w:bidi/></w:sectPr>") != std::string::npos);
}
