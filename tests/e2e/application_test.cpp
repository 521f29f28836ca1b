// The whole application: cover letters (every example letter, the national
// layouts, LaTeX parity), a letter and its CV bundled in one PDF, and a CV
// with a photo (a phone's 12-megapixel picture printed small, transparency,
// damaged files), checked with the real binary and poppler's tools.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/process.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

namespace fs = std::filesystem;

using vitae::e2e::contains;
using vitae::e2e::example;
using vitae::e2e::lines_of;
using vitae::e2e::page_count;
using vitae::e2e::read_file;
using vitae::e2e::run;
using vitae::e2e::run_vitae;
using vitae::e2e::RunResult;
using vitae::e2e::TemporaryDirectory;
using vitae::e2e::write_file;

/// The date every build here is made on: 2023-11-14.
const vitae::e2e::EnvironmentChanges dated{{"SOURCE_DATE_EPOCH", "1700000000"}};

RunResult tool(const std::string& name, std::vector<std::string> arguments, const fs::path& directory) {
    arguments.insert(arguments.begin(), "/usr/bin/" + name);
    return run(arguments, directory);
}

std::string pdf_text(const fs::path& pdf) {
    const RunResult text = tool("pdftotext", {"-enc", "UTF-8", pdf.string(), "-"}, pdf.parent_path());
    REQUIRE(text.exit_code == 0);
    return text.out;
}

/// `text` without white space and the bidi controls extractors add.
std::string squeezed(const std::string& text) {
    std::string out;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const unsigned char c = static_cast<unsigned char>(text[at]);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') continue;
        // U+200E, U+200F, U+202A–U+202E: E2 80 8E/8F, E2 80 AA–AE.
        if (c == 0xE2 && at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0x80) {
            const auto third = static_cast<unsigned char>(text[at + 2]);
            if (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE)) {
                at += 2;
                continue;
            }
        }
        out += text[at];
    }
    return out;
}

/// Every word a letter file says (its fields' text, markup aside), without
/// the punctuation around it.
std::vector<std::string> letter_words(const fs::path& letter_file) {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document letter = vitae::load_cv_file(letter_file.string(), diagnostics);
    REQUIRE(letter.letter);
    const vitae::cv::Letter& fields = *letter.letter;
    std::vector<const vitae::cv::RichText*> texts{&fields.recipient_name, &fields.recipient_organisation,
                                                  &fields.place,          &fields.subject,
                                                  &fields.salutation,     &fields.body,
                                                  &fields.closing};
    for (const auto& line : fields.recipient_address) texts.push_back(&line);
    for (const auto& enclosure : fields.enclosures) texts.push_back(&enclosure);
    std::vector<std::string> words;
    for (const vitae::cv::RichText* text : texts) {
        // A Hebrew maqaf joins a prefix to a Latin word ("ו־Spark"), which
        // extractors read in either order: each side is a word here.
        const std::string plain = text->plain();
        const std::string_view maqaf = "\u05BE";
        std::string spaced;
        for (std::size_t at = 0; at < plain.size();) {
            if (plain.compare(at, maqaf.size(), maqaf) == 0) {
                spaced += ' ';
                at += maqaf.size();
            } else {
                spaced += plain[at++];
            }
        }
        std::istringstream split{spaced};
        for (std::string word; split >> word;) {
            const std::string punctuation = ",.:;!?()\"'";
            while (!word.empty() && punctuation.find(word.back()) != std::string::npos) word.pop_back();
            while (!word.empty() && punctuation.find(word.front()) != std::string::npos) word.erase(0, 1);
            if (!word.empty()) words.push_back(word);
        }
    }
    return words;
}

std::vector<fs::path> example_letters() {
    std::vector<fs::path> letters;
    for (const auto& entry : fs::directory_iterator{fs::path{VITAE_SOURCE_DIR} / "examples" / "letters"}) {
        if (entry.path().extension() == ".toml") letters.push_back(entry.path());
    }
    std::sort(letters.begin(), letters.end());
    return letters;
}

/// A picture drawn by Pillow (python3-pil): `script` gets `path` as sys.argv[1].
void draw(const std::string& script, const fs::path& path) {
    const RunResult drawn = run({"/usr/bin/python3", "-c", script, path.string()}, path.parent_path());
    INFO(drawn.err);
    REQUIRE(drawn.exit_code == 0);
}

/// A 4000 × 3000 JPEG with a phone picture's detail (sensor noise over
/// soft shapes): about as many bytes as a 12-megapixel phone photo.
const std::string phone_photo_script = R"(
import sys, random
from PIL import Image, ImageDraw, ImageFilter
random.seed(7)
picture = Image.new('RGB', (4000, 3000), (180, 200, 220))
draw = ImageDraw.Draw(picture)
for i in range(60):
    x, y = random.randrange(4000), random.randrange(3000)
    r = random.randrange(100, 900)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=(random.randrange(256), random.randrange(256), random.randrange(256)))
picture = picture.filter(ImageFilter.GaussianBlur(12))
noise = Image.effect_noise((4000, 3000), 24).convert('RGB')
Image.blend(picture, noise, 0.18).save(sys.argv[1], quality=92)
)";

const std::string cv_with_photo = R"([person]
name = "Ada Example"
headline = "Engineer"
email = "ada@example.org"
photo = { path = "photo.jpg", alt = "Portrait of Ada Example" }

[[section]]
title = "Experience"
[[section.entry]]
title = "Example Corp"
start = 2020
end = "present"
highlights = ["Built things."]

[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Languages"
items = ["C++", "Python"]
)";

}  // namespace

TEST_CASE("every example letter is one page whose text holds every word of its letter file",
          "[e2e][application]") {
    for (const fs::path& letter : example_letters()) {
        INFO(letter.filename().string());
        const TemporaryDirectory out;
        const fs::path pdf = out / "letter.pdf";
        const RunResult built =
            run_vitae({"build", letter.string(), "-o", pdf.string()}, out.path(), {}, dated);
        INFO(built.err);
        REQUIRE(built.exit_code == 0);
        CHECK(built.err.empty());
        CHECK(page_count(pdf) == 1);
        const std::string text = squeezed(pdf_text(pdf));
        for (const std::string& word : letter_words(letter)) {
            INFO(word);
            CHECK(contains(text, squeezed(word)));
        }
    }
}

TEST_CASE("a DIN 5008 letter puts the recipient in a window envelope's field and marks the folds",
          "[e2e][application]") {
    const TemporaryDirectory out;
    const fs::path letter = example("letters/lena-hoffmann-de.toml");
    for (const bool via_latex : {false, true}) {
        INFO((via_latex ? "via LaTeX" : "vitae's engine"));
        const fs::path pdf = out / (via_latex ? "latex.pdf" : "direct.pdf");
        std::vector<std::string> arguments{"build", letter.string(), "-o", pdf.string()};
        if (via_latex) arguments.insert(arguments.end(), {"--via", "latex"});
        const RunResult built = run_vitae(arguments, out.path(), {}, dated);
        INFO(built.err);
        REQUIRE(built.exit_code == 0);
        const RunResult info = tool("pdfinfo", {pdf.string()}, out.path());
        CHECK(std::regex_search(info.out, std::regex{"595\\.2[78]6? x 841\\.89 pts \\(A4\\)"}));
        // The recipient's first line: in the address field (45–90 mm from
        // the top, its text 25 mm from the left), below the return address.
        const RunResult boxes = tool("pdftotext", {"-bbox", pdf.string(), "-"}, out.path());
        std::smatch word;
        REQUIRE(std::regex_search(boxes.out, word,
                                  std::regex{"xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>Novak<"}));
        constexpr double millimetre = 72 / 25.4;
        const double left = std::stod(word[1]);
        const double top = std::stod(word[2]);
        CHECK(top > 62.7 * millimetre);
        CHECK(top < 90 * millimetre);
        const std::regex frau{"xMin=\"([0-9.]+)\"[^>]*>Frau<"};
        std::smatch first;
        REQUIRE(std::regex_search(boxes.out, first, frau));
        CHECK(std::stod(first[1]) == Approx(25 * millimetre).margin(0.5));
        CHECK(left > std::stod(first[1]));
    }
    // The fold marks at 105 and 210 mm and the hole mark at 148.5 mm, in the left margin.
    const RunResult trace =
        run_vitae({"build", letter.string(), "-f", "debug", "-o", "-"}, out.path(), {}, dated);
    REQUIRE(trace.exit_code == 0);
    CHECK(contains(trace.out, "line 14.17,297.64 -> 28.35,297.64"));
    CHECK(contains(trace.out, "line 14.17,420.94 -> 36.85,420.94"));
    CHECK(contains(trace.out, "line 14.17,595.28 -> 28.35,595.28"));
}

TEST_CASE("a letter via LaTeX has the direct PDF's pages and the letter's words",
          "[e2e][application][latex]") {
    for (const std::string name : {"lena-hoffmann.toml", "zangwei-zheng.toml", "noa-levi-he.toml"}) {
        INFO(name);
        const TemporaryDirectory out;
        const fs::path letter = example("letters/" + name);
        const fs::path direct = out / "direct.pdf";
        const fs::path latex = out / "latex.pdf";
        REQUIRE(
            run_vitae({"build", letter.string(), "-o", direct.string()}, out.path(), {}, dated).exit_code ==
            0);
        const RunResult via = run_vitae({"build", letter.string(), "--via", "latex", "-o", latex.string()},
                                        out.path(), {}, dated);
        INFO(via.err);
        REQUIRE(via.exit_code == 0);
        CHECK(page_count(latex) == page_count(direct));
        const std::string text = squeezed(pdf_text(latex));
        for (const std::string& word : letter_words(letter)) {
            INFO(word);
            CHECK(contains(text, squeezed(word)));
        }
    }
}

TEST_CASE("a letter and its CV in one PDF keep both documents' bookmarks", "[e2e][application]") {
    const TemporaryDirectory out;
    const fs::path bundle = out / "application.pdf";
    const RunResult built =
        run_vitae({"build", example("letters/lena-hoffmann.toml").string(),
                   example("lena-hoffmann.toml").string(), "--bundle", "-o", bundle.string()},
                  out.path(), {}, dated);
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    const fs::path cv = out / "cv.pdf";
    REQUIRE(
        run_vitae({"build", example("lena-hoffmann.toml").string(), "-o", cv.string()}, out.path(), {}, dated)
            .exit_code == 0);
    CHECK(page_count(bundle) == 1 + page_count(cv));
    const RunResult outline =
        run({"/usr/bin/python3", "-c",
             "import sys, fitz\nfor level, title, page in fitz.open(sys.argv[1]).get_toc():"
             " print(level, page, title)",
             bundle.string()},
            out.path());
    INFO(outline.err);
    REQUIRE(outline.exit_code == 0);
    const std::vector<std::string> lines = lines_of(outline.out);
    REQUIRE(lines.size() >= 4);
    CHECK(lines[0] == "1 1 Application as Senior Speech Engineer (ref. 2026-117)");
    CHECK(lines[1] == "1 2 Lena Hoffmann \u2014 Curriculum vitae");
    CHECK(std::find(lines.begin(), lines.end(), "2 2 Experience") != lines.end());
    const std::string text = pdf_text(bundle);
    CHECK(text.find("Dear Ms. Novak") < text.find("EXPERIENCE"));

    // A DIN letter is A4, the CV US Letter: one PDF cannot hold both sizes.
    const fs::path mixed = out / "mixed.pdf";
    const RunResult refused =
        run_vitae({"build", example("letters/lena-hoffmann-de.toml").string(),
                   example("lena-hoffmann.toml").string(), "--bundle", "-o", mixed.string()},
                  out.path(), {}, dated);
    CHECK(refused.exit_code == 1);
    CHECK(contains(refused.err, "pt pages and the document before it on"));
    CHECK_FALSE(fs::exists(mixed));
}

TEST_CASE("a 12-megapixel photo is printed at 300 dpi in a small PDF, beside the header and atop the sidebar",
          "[e2e][application][photo]") {
    const TemporaryDirectory out;
    draw(phone_photo_script, out / "photo.jpg");
    const auto original = fs::file_size(out / "photo.jpg");
    write_file(out / "cv.toml", cv_with_photo);
    for (const std::string style : {"default", "sidebar", "classic", "academic", "onepage", "justified"}) {
        INFO(style << ": the photo is " << original << " bytes");
        const fs::path pdf = out / (style + ".pdf");
        const RunResult built =
            run_vitae({"build", "cv.toml", "--style", style, "-o", pdf.string()}, out.path(), {}, dated);
        INFO(built.err);
        REQUIRE(built.exit_code == 0);
        const auto size = fs::file_size(pdf);
        INFO("the PDF is " << size << " bytes");
        CHECK(size <= 200 * 1024);
        const RunResult images = tool("pdfimages", {"-list", pdf.string()}, out.path());
        const std::vector<std::string> rows = lines_of(images.out);
        REQUIRE(rows.size() == 3);  // the header, its rule, one image
        INFO(rows[2]);
        // 35 × 45 mm at 300 dpi: 413 × 531 pixels.
        CHECK(std::regex_search(rows[2], std::regex{"image +413 +531 +rgb +3 +8 +jpeg .* 300 +300 "}));
    }
    CHECK(original > 1'000'000);
}

TEST_CASE("a transparent PNG photo keeps its transparency, and the .tex gets the printed photo beside it",
          "[e2e][application][photo]") {
    const TemporaryDirectory out;
    draw(
        "import sys\nfrom PIL import Image, ImageDraw\npicture = Image.new('RGBA', (600, 800), (0, 0, 0, "
        "0))\n"
        "ImageDraw.Draw(picture).ellipse([50, 50, 550, 750], fill=(200, 80, 80, "
        "255))\npicture.save(sys.argv[1])",
        out / "photo.png");
    std::string cv = cv_with_photo;
    cv.replace(cv.find("photo.jpg"), 9, "photo.png");
    write_file(out / "cv.toml", cv);
    const RunResult built = run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, out.path(), {}, dated);
    REQUIRE(built.exit_code == 0);
    const RunResult images = tool("pdfimages", {"-list", "cv.pdf"}, out.path());
    CHECK(contains(images.out, " smask "));
    fs::create_directories(out / "tex");
    const RunResult tex = run_vitae({"build", "cv.toml", "-o", "tex/cv.tex"}, out.path(), {}, dated);
    REQUIRE(tex.exit_code == 0);
    std::size_t pictures = 0;
    for (const auto& entry : fs::directory_iterator{out / "tex"}) {
        if (entry.path().filename().string().starts_with("vitae-photo-")) ++pictures;
    }
    CHECK(pictures == 1);
    CHECK(contains(read_file(out / "tex" / "cv.tex"),
                   "\\includegraphics[width=99.21bp,height=127.56bp]{vitae-photo-"));
    // Text and Markdown carry the photo's path.
    const RunResult text = run_vitae({"build", "cv.toml", "-f", "text", "-o", "-"}, out.path(), {}, dated);
    CHECK(contains(text.out, "[Photo: photo.png]"));
    const RunResult markdown = run_vitae({"build", "cv.toml", "-f", "md", "-o", "-"}, out.path(), {}, dated);
    CHECK(contains(markdown.out, "![Portrait of Ada Example](photo.png)"));
}

TEST_CASE("a damaged, foreign or missing photo is one error at its key, and nothing is written",
          "[e2e][application][photo]") {
    const TemporaryDirectory out;
    draw(phone_photo_script, out / "whole.jpg");
    const std::string whole = read_file(out / "whole.jpg");
    write_file(out / "truncated.jpg", whole.substr(0, whole.size() / 3));
    write_file(out / "text.jpg", "not a picture\n");
    const std::vector<std::pair<std::string, std::string>> cases{
        {"truncated.jpg", "the JPEG is damaged: Premature end of JPEG file"},
        {"text.jpg", "it is neither a JPEG nor a PNG picture"},
        {"missing.jpg", "No such file or directory"},
    };
    for (const auto& [file, reason] : cases) {
        INFO(file);
        write_file(out / "cv.toml", "[person]\nname = \"Ada\"\nphoto = \"" + file + "\"\n");
        const RunResult built = run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, out.path(), {}, dated);
        CHECK(built.exit_code == 1);
        const std::vector<std::string> lines = lines_of(built.err);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with("cv.toml:3:9: error: "));
        CHECK(contains(lines[0], reason));
        CHECK_FALSE(fs::exists(out / "cv.pdf"));
    }
}

TEST_CASE("a letter's problems are told at their place, all in one run, with the near key",
          "[e2e][application]") {
    const TemporaryDirectory out;
    write_file(out / "letter.toml",
               "cv = \"missing.toml\"\n\n[letter]\nsubjet = \"S\"\nsalutation = \"Dear,\"\n"
               "body = \"B\"\nclosing = \"C\"\nlayout = \"din\"\ndate = \"2026-13-01\"\n");
    const RunResult built = run_vitae({"build", "letter.toml", "-o", "letter.pdf"}, out.path(), {}, dated);
    CHECK(built.exit_code == 1);
    INFO(built.err);
    CHECK(contains(built.err, "letter.toml:1:6: error: cannot read the CV 'missing.toml'"));
    CHECK(contains(built.err,
                   "letter.toml:4:1: error: unknown key 'subjet' in letter (did you mean 'subject'?)"));
    CHECK(contains(built.err, "letter.toml:8:10: error: unknown letter layout 'din'"));
    CHECK(contains(built.err, "letter.toml:9:"));
    CHECK_FALSE(fs::exists(out / "letter.pdf"));
}

TEST_CASE("a letter dated today takes SOURCE_DATE_EPOCH's day, else the clock's with a note",
          "[e2e][application]") {
    const TemporaryDirectory out;
    write_file(out / "letter.toml",
               "[person]\nname = \"Ada\"\n\n[letter]\nplace = \"Paris\"\nsalutation = \"Dear Sir,\"\n"
               "body = \"Text.\"\nclosing = \"Yours,\"\n");
    const RunResult reproducible =
        run_vitae({"build", "letter.toml", "-f", "text", "-o", "-"}, out.path(), {}, dated);
    REQUIRE(reproducible.exit_code == 0);
    CHECK(contains(reproducible.out, "Paris, November 14, 2023"));
    CHECK(reproducible.err.empty());
    const RunResult by_clock = run_vitae({"build", "letter.toml", "-f", "text", "-o", "-"}, out.path(), {},
                                         {{"SOURCE_DATE_EPOCH", std::nullopt}});
    REQUIRE(by_clock.exit_code == 0);
    CHECK(contains(by_clock.err, "note: the letter is dated today"));
    CHECK(contains(by_clock.err, "set SOURCE_DATE_EPOCH"));
}
