// The JSON Schemas editors use (schemas/) and the loaders agree on every key:
// a key the loader takes is in the schema, and a key in the schema is one the
// loader takes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "vitae/load/cv_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace {

nlohmann::json schema(const std::string& name) {
    std::ifstream file{std::string{VITAE_SOURCE_DIR} + "/schemas/" + name};
    REQUIRE(file);
    return nlohmann::json::parse(file);
}

std::set<std::string> property_names(const nlohmann::json& object) {
    std::set<std::string> names;
    for (const auto& [name, value] : object.at("properties").items()) names.insert(name);
    return names;
}

std::set<std::string> loader_keys(std::string_view table) {
    for (const vitae::KeyTable& keys : vitae::cv_key_tables()) {
        if (keys.table == table) return {keys.keys.begin(), keys.keys.end()};
    }
    FAIL("no table " << table);
    return {};
}

std::multiset<std::string> as_multiset(const std::set<std::string>& keys) {
    return {keys.begin(), keys.end()};
}

std::string cv_format() {
    std::ifstream file{std::filesystem::path{VITAE_SOURCE_DIR} / "docs/cv-format.md"};
    REQUIRE(file);
    return {std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

/// From the heading that starts with `heading` to the next heading.
std::string part_of(const std::string& text, std::string_view heading) {
    const std::size_t start = text.find(std::string{"\n"} + std::string{heading});
    REQUIRE(start != std::string::npos);
    return text.substr(start + 1, text.find("\n#", start + 1) - start - 1);
}

/// Every `word` in backticks.
std::multiset<std::string> backticked(const std::string& text) {
    std::multiset<std::string> words;
    for (std::size_t open = text.find('`'); open != std::string::npos;) {
        const std::size_t close = text.find('`', open + 1);
        words.insert(text.substr(open + 1, close - open - 1));
        open = text.find('`', close + 1);
    }
    return words;
}

/// The cells of a Markdown table's row.
std::vector<std::string> cells_of(const std::string& row) {
    std::vector<std::string> cells;
    for (std::size_t start = row.find("| "); start != std::string::npos && start + 2 < row.size();) {
        const std::size_t end = row.find(" |", start + 2);
        if (end == std::string::npos) break;
        cells.push_back(row.substr(start + 2, end - start - 2));
        start = end + 1;
    }
    return cells;
}

/// What the first column of a part's table names: `key` or `a`, `b`.
std::multiset<std::string> first_column(const std::string& part) {
    std::multiset<std::string> names;
    for (const std::string& line : lines_of(part)) {
        if (!line.starts_with("| `")) continue;
        names.merge(backticked(cells_of(line).at(0)));
    }
    return names;
}

/// The last column of the row whose first column is `key`.
std::string notes_of(const std::string& part, std::string_view key) {
    const std::string first = "| `" + std::string{key} + "` |";
    for (const std::string& line : lines_of(part)) {
        if (line.starts_with(first)) return cells_of(line).back();
    }
    FAIL("no row " << key);
    return {};
}

/// The keys of the first inline table in `text`: `{ a = "…", b = "…" }`.
std::multiset<std::string> inline_table_keys(const std::string& text) {
    const std::size_t open = text.find("`{");
    REQUIRE(open != std::string::npos);
    const std::string table = text.substr(open + 2, text.find("}`", open) - open - 2);
    std::multiset<std::string> keys;
    std::istringstream items{table};
    for (std::string item; std::getline(items, item, ',');) {
        const std::size_t start = item.find_first_not_of(' ');
        keys.insert(item.substr(start, item.find(' ', start) - start));
    }
    return keys;
}

/// The item schema of a section's entries when `kind` is set.
const nlohmann::json& entry_schema(const nlohmann::json& section, std::string_view kind) {
    for (const nlohmann::json& rule : section.at("allOf")) {
        const nlohmann::json& condition = rule.at("if");
        const bool matches = condition.contains("not")
                                 ? kind == "entries"
                                 : condition.at("properties").at("kind").at("const") == kind;
        if (matches) return rule.at("then").at("properties").at("entry").at("items");
    }
    FAIL("no entry schema for " << kind);
    return section;
}

}  // namespace

TEST_CASE("the CV schema lists exactly the keys the CV loader takes", "[schema]") {
    const nlohmann::json cv = schema("cv.schema.json");
    CHECK(property_names(cv) == loader_keys("the CV"));
    const nlohmann::json& person = cv.at("properties").at("person");
    CHECK(property_names(person) == loader_keys("person"));
    CHECK(property_names(person.at("properties").at("links").at("items")) == loader_keys("link"));
    // phone = ["…", { number = "…", kind = "mobile" }]
    const nlohmann::json& phones = person.at("properties").at("phone").at("anyOf").at(1);
    CHECK(property_names(phones.at("items").at("anyOf").at(1)) == loader_keys("phone"));
    const nlohmann::json& section = cv.at("properties").at("section").at("items");
    CHECK(property_names(section) == loader_keys("section"));
    const nlohmann::json& entry = entry_schema(section, "entries");
    CHECK(property_names(entry) == loader_keys("entry"));
    CHECK(property_names(entry.at("properties").at("roles").at("items")) == loader_keys("role"));
    // highlights = ["…", { en = "…", de = "…" }, { text = "…", tags = […] }]
    CHECK(property_names(entry.at("properties").at("highlights").at("items").at("anyOf").at(2)) ==
          loader_keys("item"));
    CHECK(property_names(entry_schema(section, "publications")) == loader_keys("publication"));
    CHECK(property_names(entry_schema(section, "skills")) == loader_keys("skill row"));
    const nlohmann::json& letter = cv.at("properties").at("letter");
    CHECK(property_names(letter) == loader_keys("letter"));
    CHECK(property_names(letter.at("properties").at("recipient")) == loader_keys("recipient"));
}

TEST_CASE("the CV schema lists exactly the icons the CV loader takes", "[schema]") {
    const nlohmann::json cv = schema("cv.schema.json");
    const nlohmann::json& icon =
        cv.at("properties").at("person").at("properties").at("links").at("items").at("properties").at("icon");
    const std::vector<std::string> in_schema = icon.at("enum").get<std::vector<std::string>>();
    const std::vector<std::string> known{vitae::cv::known_icons().begin(), vitae::cv::known_icons().end()};
    CHECK(in_schema == known);
}

TEST_CASE("the CV format's documentation lists exactly the icons the CV loader takes", "[schema][docs]") {
    const std::multiset<std::string> known{vitae::cv::known_icons().begin(), vitae::cv::known_icons().end()};
    CHECK(first_column(part_of(cv_format(), "### Icons")) == known);
}

TEST_CASE("the CV format's documentation lists exactly the keys the CV loader takes", "[schema][docs]") {
    const std::string text = cv_format();
    // The top-level keys are its headings: ## `lang`, ## `[person]`, ## `[[section]]`.
    std::multiset<std::string> top_level;
    for (const std::string& line : lines_of(text)) {
        if (!line.starts_with("## `")) continue;
        const std::string heading = line.substr(line.find('`') + 1, line.rfind('`') - line.find('`') - 1);
        top_level.insert(heading.substr(heading.find_first_not_of('['),
                                        heading.find(']') - heading.find_first_not_of('[')));
    }
    CHECK(as_multiset(loader_keys("the CV")) == top_level);

    const std::string person = part_of(text, "## `[person]`");
    CHECK(first_column(person) == as_multiset(loader_keys("person")));
    // The tables inside a row's notes: `{ label = "GitHub", url = "…", icon = "github" }`.
    CHECK(inline_table_keys(notes_of(person, "links")) == as_multiset(loader_keys("link")));
    CHECK(inline_table_keys(notes_of(person, "phone")) == as_multiset(loader_keys("phone")));
    CHECK(first_column(part_of(text, "## `[[section]]`")) == as_multiset(loader_keys("section")));
    const std::string entries = part_of(text, "### Entries");
    CHECK(first_column(entries) == as_multiset(loader_keys("entry")));
    // "several positions at one employer: `title` (required), `location`, …"
    CHECK(backticked(notes_of(entries, "roles")) == as_multiset(loader_keys("role")));
    CHECK(first_column(part_of(text, "### Publications")) == as_multiset(loader_keys("publication")));
    CHECK(first_column(part_of(text, "### Skills")) == as_multiset(loader_keys("skill row")));
    CHECK(first_column(part_of(text, "### Items")) == as_multiset(loader_keys("item")));
}

TEST_CASE("every key of the style schema is one the style loader takes", "[schema]") {
    // Each leaf of the schema, set alone to its example value, in a sheet
    // of its own: the loader must know it (no "unknown key").
    const nlohmann::json style = schema("style.schema.json");
    std::size_t keys = 0;
    std::function<void(const nlohmann::json&, const std::string&, const std::string&)> visit =
        [&](const nlohmann::json& node, const std::string& table, const std::string& key) {
            if (node.contains("properties") && node.at("type") == "object") {
                for (const auto& [name, child] : node.at("properties").items()) {
                    visit(child, key.empty() ? table : (table.empty() ? key : table + "." + key), name);
                }
                return;
            }
            REQUIRE(node.contains("examples"));
            const std::string toml = (table.empty() ? "" : "[" + table + "]\n") + key + " = " +
                                     node.at("examples").at(0).dump() + "\n";
            vitae::Diagnostics diagnostics;
            (void)vitae::load_sheet_text(toml, "style.toml", diagnostics);
            for (const vitae::Diagnostic& diagnostic : diagnostics.items()) {
                INFO(toml);
                CHECK(diagnostic.message.find("unknown key") == std::string::npos);
            }
            ++keys;
        };
    visit(style, "", "");
    CHECK(keys > 120);
}

TEST_CASE("every text style is the style table of its name, in the loader and in the style schema",
          "[schema]") {
    // The sheet's one list of text styles (Sheet::named_text_styles_of)
    // names each by its table; the LaTeX writer's macros derive from it.
    const nlohmann::json style_schema = schema("style.schema.json");
    const vitae::style::Sheet defaults;
    for (const auto& [name, style] : vitae::style::Sheet::named_text_styles_of(defaults)) {
        INFO(std::string{name});
        const std::string table{name};
        const std::string toml = "[" + table + "]\nsize = 17.25\n";
        vitae::Diagnostics diagnostics;
        const vitae::style::Sheet loaded = vitae::load_sheet_text(toml, "style.toml", diagnostics);
        CHECK(diagnostics.empty());
        std::size_t set_to_it = 0;
        for (const auto& [other, other_style] : vitae::style::Sheet::named_text_styles_of(loaded))
            set_to_it += other_style->size == 17.25 ? 1 : 0;
        CHECK(set_to_it == 1);
        // The same table in the schema, with a size.
        const nlohmann::json* node = &style_schema;
        for (std::size_t start = 0; start <= table.size();) {
            const std::size_t end = std::min(table.find('.', start), table.size());
            const std::string part = table.substr(start, end - start);
            REQUIRE(node->contains("properties"));
            REQUIRE(node->at("properties").contains(part));
            node = &node->at("properties").at(part);
            start = end + 1;
        }
        CHECK(node->at("properties").contains("size"));
    }
}
