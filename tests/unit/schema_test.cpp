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

#include "vitae/load.hpp"
#include "vitae/model.hpp"
#include "vitae/sheet_loader.hpp"

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
    const nlohmann::json& section = cv.at("properties").at("section").at("items");
    CHECK(property_names(section) == loader_keys("section"));
    const nlohmann::json& entry = entry_schema(section, "entries");
    CHECK(property_names(entry) == loader_keys("entry"));
    CHECK(property_names(entry.at("properties").at("roles").at("items")) == loader_keys("role"));
    CHECK(property_names(entry_schema(section, "publications")) == loader_keys("publication"));
    CHECK(property_names(entry_schema(section, "skills")) == loader_keys("skill row"));
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
    // The table under "### Icons": every `name` in its first column.
    std::ifstream file{std::filesystem::path{VITAE_SOURCE_DIR} / "docs/cv-format.md"};
    const std::string text{std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
    const std::size_t section = text.find("### Icons");
    REQUIRE(section != std::string::npos);
    std::multiset<std::string> documented;
    std::istringstream lines{text.substr(section, text.find("\n#", section + 1) - section)};
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("| `")) continue;
        const std::string first_column = line.substr(0, line.find(" |", 2));
        for (std::size_t open = first_column.find('`'); open != std::string::npos;) {
            const std::size_t close = first_column.find('`', open + 1);
            documented.insert(first_column.substr(open + 1, close - open - 1));
            open = first_column.find('`', close + 1);
        }
    }
    const std::multiset<std::string> known{vitae::cv::known_icons().begin(), vitae::cv::known_icons().end()};
    CHECK(documented == known);
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
