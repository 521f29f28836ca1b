// JSON Resume to vitae's TOML; with the CV loader, the only code that reads
// the input formats (nlohmann/json here, toml++ there).
#include "vitae/load/json_resume.hpp"
#include "vitae/base/ascii.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "vitae/base/limits.hpp"
#include "vitae/base/quoting.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/load/dates.hpp"
#include "vitae/load/markup.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

namespace {

using Json = nlohmann::json;

/// Plain text as vitae's markup reads it back unchanged: `*`, `[`, `_` and
/// the like escaped.
std::string literal_markup(std::string_view text) {
    std::string out;
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t start = offset;
        const char32_t code_point = utf8::next(text, offset);
        if (is_markup_escapable(code_point)) out += '\\';
        out += text.substr(start, offset - start);
    }
    return out;
}

/// The icon a JSON Resume profile's network gets ("Google Scholar" →
/// google-scholar), or the generic link.
std::string icon_for(std::string_view network) {
    const std::string_view icon = cv::icon_named(network);
    return std::string{icon.empty() ? "link" : icon};
}

/// Where a network keeps a user's profile, for a profile that gives a
/// username and no URL: `{}` stands for the username.
struct ProfileSite {
    std::string_view network;
    std::string_view url;
};

/// The profile URLs of the networks CVs link to. Sites whose profile URLs
/// hold a number rather than the username (Stack Overflow, Discord) are
/// not here: their username makes no link.
const std::vector<ProfileSite>& profile_sites() {
    static const std::vector<ProfileSite> sites = {
        {"GitHub", "https://github.com/{}"},
        {"GitLab", "https://gitlab.com/{}"},
        {"Bitbucket", "https://bitbucket.org/{}"},
        {"LinkedIn", "https://www.linkedin.com/in/{}"},
        {"Xing", "https://www.xing.com/profile/{}"},
        {"Twitter", "https://twitter.com/{}"},
        {"X", "https://x.com/{}"},
        {"SoundCloud", "https://soundcloud.com/{}"},
        {"YouTube", "https://www.youtube.com/@{}"},
        {"Telegram", "https://t.me/{}"},
        {"Skype", "skype:{}?chat"},
        {"ORCID", "https://orcid.org/{}"},
        {"ResearcherID", "https://www.webofscience.com/wos/author/rid/{}"},
        {"ResearchGate", "https://www.researchgate.net/profile/{}"},
        {"Google Scholar", "https://scholar.google.com/citations?user={}"},
        {"Facebook", "https://www.facebook.com/{}"},
        {"Instagram", "https://www.instagram.com/{}"},
        {"Reddit", "https://www.reddit.com/user/{}"},
        {"Medium", "https://medium.com/@{}"},
        {"Dribbble", "https://dribbble.com/{}"},
        {"Behance", "https://www.behance.net/{}"},
        {"Kaggle", "https://www.kaggle.com/{}"},
        {"CodePen", "https://codepen.io/{}"},
        {"dev.to", "https://dev.to/{}"},
        {"Hacker News", "https://news.ycombinator.com/user?id={}"},
        {"Keybase", "https://keybase.io/{}"},
        {"Twitch", "https://www.twitch.tv/{}"},
        {"Bluesky", "https://bsky.app/profile/{}"},
    };
    return sites;
}

/// Whether `username` can stand in a URL as it is: no spaces, no `/`, `?`,
/// `#`, `%` or `@` that would change what the URL names.
bool is_url_safe_username(std::string_view username) {
    if (username.empty()) return false;
    return std::all_of(username.begin(), username.end(), [](char c) {
        return static_cast<unsigned char>(c) > ' ' &&
               std::string_view{"/?#%@\\\"<>"}.find(c) == std::string_view::npos;
    });
}

/// A profile's URL made from its username, or nothing when the network is
/// not one whose URLs are known. A leading `@` is the handle's, not the
/// name's; a Mastodon handle `@user@server` names its server.
std::optional<std::string> profile_url(std::string_view network, std::string_view username) {
    if (username.starts_with('@')) username.remove_prefix(1);
    if (same_word(network, "Mastodon")) {
        const std::size_t at = username.find('@');
        if (at == std::string_view::npos) return std::nullopt;
        const std::string_view user = username.substr(0, at);
        const std::string_view server = username.substr(at + 1);
        if (!is_url_safe_username(user) || !is_url_safe_username(server)) return std::nullopt;
        return fmt::format("https://{}/@{}", server, user);
    }
    if (!is_url_safe_username(username)) return std::nullopt;
    for (const ProfileSite& site : profile_sites()) {
        if (!same_word(network, site.network)) continue;
        std::string url{site.url};
        url.replace(url.find("{}"), 2, username);
        return url;
    }
    return std::nullopt;
}

/// Whether `text` holds `part`, case aside.
bool contains_folded(std::string_view text, std::string_view part) {
    const auto found = std::search(text.begin(), text.end(), part.begin(), part.end(),
                                   [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
    return found != text.end();
}

/// What a scan of the raw JSON text finds before it is parsed.
struct Scan {
    struct Problem {
        std::size_t offset;
        std::string message;
    };
    struct Duplicate {
        std::string key;
        std::size_t offset;        ///< of the second
        std::size_t first_offset;  ///< of the first
    };
    std::optional<Problem> problem;  ///< the parse must not be tried
    std::vector<Duplicate> duplicates;
};

bool is_json_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// A key as the parser reads it: escapes decoded.
std::string key_text(std::string_view quoted) {
    if (quoted.find('\\') == std::string_view::npos) return std::string{quoted.substr(1, quoted.size() - 2)};
    try {
        return Json::parse(quoted).get<std::string>();
    } catch (const Json::exception&) {  // the parse proper reports it
        return std::string{quoted};
    }
}

/// Walks the tokens of `json` outside its strings, to find at their byte
/// what the parser would meet without a position, too deep or not at all:
/// nesting past limits::max_nesting_depth (the DOM's destructor and dump()
/// recurse), numbers beyond a double (the parser throws), and keys twice
/// in one object (the parser keeps the last without a word; its callback
/// would tell, but rescans each array at each object's end).
Scan scan(std::string_view json) {
    Scan found;
    // The keys of each open object; nothing for an open array.
    std::vector<std::optional<std::map<std::string, std::size_t>>> open;
    for (std::size_t offset = 0; offset < json.size();) {
        const char c = json[offset];
        if (c == '"') {
            std::size_t end = offset + 1;
            while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
            end = std::min(end, json.size() - 1);
            std::size_t after = end + 1;
            while (after < json.size() && is_json_space(json[after])) ++after;
            if (after < json.size() && json[after] == ':' && !open.empty() && open.back()) {
                std::string key = key_text(json.substr(offset, end + 1 - offset));
                const auto [first, is_new] = open.back()->try_emplace(key, offset);
                if (!is_new) found.duplicates.push_back({std::move(key), offset, first->second});
            }
            offset = end + 1;
            continue;
        }
        if (c == '[' || c == '{') {
            if (open.size() >= static_cast<std::size_t>(limits::max_nesting_depth)) {
                found.problem = Scan::Problem{offset, fmt::format("arrays and objects nested deeper than {}",
                                                                  limits::max_nesting_depth)};
                return found;
            }
            open.emplace_back();
            if (c == '{') open.back().emplace();
        } else if (c == ']' || c == '}') {
            if (!open.empty()) open.pop_back();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const std::size_t start = offset;
            while (offset < json.size() &&
                   std::string_view{"0123456789+-.eE"}.find(json[offset]) != std::string_view::npos)
                ++offset;
            const std::string number{json.substr(start, offset - start)};
            errno = 0;
            const double value = std::strtod(number.c_str(), nullptr);
            if (errno == ERANGE && (value > 1 || value < -1)) {
                found.problem =
                    Scan::Problem{start, fmt::format("the number {}{} is too large for a double",
                                                     number.substr(0, 40), number.size() > 40 ? "…" : "")};
                return found;
            }
            continue;
        }
        ++offset;
    }
    return found;
}

/// line:column of each of `offsets` in `text`, in one pass.
std::map<std::size_t, SourcePosition> positions_of(std::string_view text, std::vector<std::size_t> offsets) {
    std::sort(offsets.begin(), offsets.end());
    std::map<std::size_t, SourcePosition> positions;
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    std::size_t scanned = 0;
    for (const std::size_t offset : offsets) {
        const std::size_t end = std::min(offset, text.size());
        for (; scanned < end; ++scanned) {
            if (text[scanned] == '\n') {
                ++line;
                line_start = scanned + 1;
            }
        }
        const auto column =
            static_cast<std::uint32_t>(utf8::length(text.substr(line_start, end - line_start)) + 1);
        positions.emplace(offset, SourcePosition{line, column});
    }
    return positions;
}

/// Each duplicate key as an error at its line:column.
void report_duplicates(std::string_view json, const std::vector<Scan::Duplicate>& duplicates,
                       const std::function<SourceRegion(const SourcePosition&)>& at,
                       Diagnostics& diagnostics) {
    std::vector<std::size_t> offsets;
    for (const auto& duplicate : duplicates) {
        offsets.push_back(duplicate.offset);
        offsets.push_back(duplicate.first_offset);
    }
    const std::map<std::size_t, SourcePosition> positions = positions_of(json, offsets);
    for (const auto& duplicate : duplicates) {
        const SourcePosition first = positions.at(duplicate.first_offset);
        diagnostics.error(at(positions.at(duplicate.offset)),
                          fmt::format("key '{}' twice in one object (first at line {}:{})", duplicate.key,
                                      first.line, first.column),
                          "JSON readers differ on which one counts; keep one");
    }
}

class Importer;

/// The fields of one JSON object: each read at most once, and whatever was
/// not read reported as left out when the object is done.
class Fields {
public:
    Fields(Importer& importer, const Json& object, std::string path);
    Fields(const Fields&) = delete;
    Fields& operator=(const Fields&) = delete;
    ~Fields();

    /// A string field; a number is taken as its text. Empty strings count as absent.
    std::optional<std::string> text(std::string_view key);
    /// The first of several names for one field (`name`, then the older `company`).
    std::optional<std::string> text(std::initializer_list<std::string_view> keys);
    /// An array of strings.
    std::vector<std::string> texts(std::string_view key);
    /// An array of objects, each handed over with its path.
    void objects(std::string_view key, const std::function<void(Fields&)>& each);
    /// An object.
    void object(std::string_view key, const std::function<void(Fields&)>& read);
    [[nodiscard]] const std::string& path() const { return path_; }
    /// The whole object has no place: it is reported as one, not field by
    /// field, with `why` (what has_no_place says when empty).
    void leave_out(const std::string& why = {});

private:
    [[nodiscard]] std::string path_of(std::string_view key) const {
        return path_.empty() ? std::string{key} : fmt::format("{}.{}", path_, key);
    }
    const Json* take(std::string_view key);

    Importer& importer_;
    const Json& object_;
    std::string path_;
    std::set<std::string> taken_;
    bool left_out_ = false;
};

/// Between two paragraphs of a markup field.
constexpr std::string_view paragraph_break = "\n\n";

class Importer {
public:
    Importer(const std::string& file, Diagnostics& diagnostics)
        : file_(std::make_shared<const std::string>(file)), diagnostics_(diagnostics) {}

    std::string convert(const Json& root) {
        if (!root.is_object()) {
            error("", fmt::format("a JSON Resume is an object, not {}", root.type_name()));
            return {};
        }
        out_ = fmt::format("# Converted by vitae import from {} (JSON Resume).\n", *file_);
        {
            Fields top{*this, root, ""};
            (void)top.text("$schema");  // which JSON Resume schema: not part of the CV
            // The language the CV is written in, where vitae's export and the
            // official themes keep it; the other meta keys are the file's, not the CV's.
            top.object("meta", [&](Fields& meta) { text_line("lang", meta.text("language"), false); });
            top.object("basics", [&](Fields& basics) { person(basics); });
            entries(top, "work", "Experience", [&](Fields& job) { work(job); });
            entries(top, "volunteer", "Volunteering", [&](Fields& job) { volunteer(job); });
            entries(top, "education", "Education", [&](Fields& school) { education(school); });
            entries(top, "awards", "Awards", [&](Fields& award) { this->award(award); });
            entries(top, "certificates", "Certificates",
                    [&](Fields& certificate) { this->certificate(certificate); });
            publications(top);
            skills(top);
            list(top, "languages", "Languages", [](Fields& language) {
                const std::optional<std::string> name = language.text("language");
                const std::optional<std::string> fluency = language.text("fluency");
                return literal_markup(
                    joined({name, fluency ? std::optional{fmt::format("({})", *fluency)} : std::nullopt}, " ")
                        .value_or(""));
            });
            list(top, "interests", "Interests", [](Fields& interest) {
                const std::optional<std::string> name = interest.text("name");
                std::vector<std::optional<std::string>> keywords;
                for (std::string& keyword : interest.texts("keywords"))
                    keywords.emplace_back(std::move(keyword));
                return literal_markup(joined({name, joined(keywords, ", ")}, ": ").value_or(""));
            });
            list(top, "references", "References", [](Fields& reference) {
                const std::optional<std::string> text = reference.text("reference");
                const std::optional<std::string> name = reference.text("name");
                return literal_markup(
                    joined({text ? std::optional{fmt::format("\u201C{}\u201D", *text)} : std::nullopt, name},
                           " \u2014 ")
                        .value_or(""));
            });
            entries(top, "projects", "Projects", [&](Fields& project) { this->project(project); });
        }
        if (!left_out_.empty()) {
            out_ += "\n# Fields with no place in vitae's CV format, kept here as they were:\n";
            for (const auto& [path, value] : left_out_) {
                fmt::format_to(std::back_inserter(out_), "# {} = {}\n", comment_safe_path(path),
                               comment_safe_json(value));
            }
        }
        return std::move(out_);
    }

    void error(const std::string& path, const std::string& message) {
        diagnostics_.error(SourceRegion{file_, {}, {}}, at_path(path, message));
    }

    void warning(const std::string& path, const std::string& message) {
        diagnostics_.warning(SourceRegion{file_, {}, {}}, at_path(path, message));
    }

    /// `value` at `path` is not in the CV: a warning saying `why`, and the
    /// value kept as a comment.
    void left_out(const std::string& path, const Json& value, const std::string& why = {}) {
        diagnostics_.warning(
            SourceRegion{file_, {}, {}},
            fmt::format("'{}' {}", path, why.empty() ? "has no place in vitae's CV format" : why),
            "vitae import keeps it as a comment at the end of the TOML it writes");
        left_out_.emplace_back(path, value.dump());
    }

private:
    /// "basics.name: message", or the message alone for the whole document.
    static std::string at_path(const std::string& path, const std::string& message) {
        return path.empty() ? message : fmt::format("{}: {}", path, message);
    }

    /// A TOML array of `values` (TOML already), one a line.
    static std::string array_lines(const std::vector<std::string>& values) {
        std::string text = "[\n";
        for (const std::string& value : values) fmt::format_to(std::back_inserter(text), "  {},\n", value);
        text += ']';
        return text;
    }

    void line(std::string_view key, const std::string& value) {
        fmt::format_to(std::back_inserter(out_), "{} = {}\n", key, value);
    }

    void text_line(std::string_view key, const std::optional<std::string>& value, bool markup = true) {
        if (value) line(key, double_quoted(markup ? literal_markup(*value) : *value));
    }

    void list_line(std::string_view key, const std::vector<std::string>& items) {
        if (items.empty()) return;
        std::vector<std::string> quoted;
        quoted.reserve(items.size());
        for (const std::string& item : items) quoted.push_back(double_quoted(item));
        line(key, array_lines(quoted));
    }

    /// A JSON path as it is when it needs no escape, else as a quoted
    /// string: a key holding a newline must not end the comment.
    static std::string comment_safe_path(const std::string& path) {
        std::string quoted = double_quoted(path);
        return quoted.size() == path.size() + 2 ? path : quoted;
    }

    /// Dumped JSON escapes the control characters below U+0020 in its
    /// strings, not DEL, which a TOML comment may not hold either.
    static std::string comment_safe_json(const std::string& dumped) {
        std::string out;
        for (const char c : dumped) {
            if (c == '\x7F') {
                out += "\\u007F";
            } else {
                out += c;
            }
        }
        return out;
    }

    /// A date as vitae reads it, checked: an impossible one is an error at
    /// its JSON path and left out.
    std::optional<std::string> date(Fields& fields, std::string_view key) {
        const std::optional<std::string> value = fields.text(key);
        if (!value) return std::nullopt;
        std::string text = *value;
        // Timestamps ("2019-05-01T00:00:00Z") keep their day.
        if (text.size() > 10 && text[10] == 'T') text.resize(10);
        Diagnostics problems;
        if (!parse_date(text, SourceRegion{file_, {1, 1}, {1, 1}}, {}, problems)) {
            const std::string reason =
                problems.items().empty() ? "not a date" : problems.items().front().message;
            error(fmt::format("{}.{}", fields.path(), key), reason);
            return std::nullopt;
        }
        return text;
    }

    /// start and end; JSON Resume's missing endDate means the period goes on.
    void dates(Fields& fields) {
        const std::optional<std::string> start = date(fields, "startDate");
        const std::optional<std::string> end = date(fields, "endDate");
        if (start) text_line("start", start, false);
        if (end) {
            text_line("end", end, false);
        } else if (start) {
            line("end", double_quoted("present"));
        }
    }

    void person(Fields& basics) {
        out_ += "\n[person]\n";
        const std::optional<std::string> name = basics.text("name");
        if (!name) error(fmt::format("{}.name", basics.path()), "missing: a CV needs the person's name");
        text_line("name", name.value_or("?"));
        text_line("headline", basics.text("label"));
        text_line("email", basics.text("email"), false);
        text_line("phone", basics.text("phone"), false);
        text_line("homepage", basics.text({"url", "website"}), false);
        basics.object("location", [&](Fields& location) {
            // As addresses are written: "2712 Broadway St, 94115 San Francisco, California, US".
            const std::optional<std::string> address = location.text("address");
            const std::optional<std::string> town =
                joined({location.text("postalCode"), location.text("city")}, " ");
            if (const auto line =
                    joined({address, town, location.text("region"), location.text("countryCode")}, ", ")) {
                text_line("location", line, false);
            }
        });
        text_line("summary", basics.text("summary"));
        if (const std::optional<std::string> image = basics.text("image")) {
            // A photo is read from a file; JSON Resume's is most often a URL.
            if (image->find("://") == std::string::npos) {
                text_line("photo", image, false);
            } else {
                left_out(fmt::format("{}.image", basics.path()), Json(*image),
                         "is a URL, and vitae shows a photo from a file: download it and give its path as "
                         "[person] photo");
            }
        }
        std::vector<std::string> links;
        basics.objects("profiles", [&](Fields& profile) {
            const std::optional<std::string> network = profile.text("network");
            const std::optional<std::string> username = profile.text("username");
            std::optional<std::string> url = profile.text("url");
            const bool url_from_username = !url && network && username;
            if (url_from_username) url = profile_url(*network, *username);
            if (!url) {  // without a URL it cannot be a link
                profile.leave_out(username
                                      ? fmt::format("has no URL, and vitae import knows no profile URL for "
                                                    "network '{}' and username '{}'",
                                                    network.value_or(""), *username)
                                      : "has no URL");
                return;
            }
            std::string label = network.value_or(username.value_or(*url));
            // The username is shown when the link does not show it.
            if (network && username && !url_from_username && !contains_folded(*url, *username)) {
                fmt::format_to(std::back_inserter(label), ": {}", *username);
            }
            links.push_back(fmt::format("{{ label = {}, url = {}, icon = {} }}",
                                        double_quoted(literal_markup(label)), double_quoted(*url),
                                        double_quoted(icon_for(network.value_or("")))));
        });
        if (!links.empty()) {
            line("links", array_lines(links));
        }
    }

    /// A section of entries, one per element of the array at `key`.
    void entries(Fields& top, std::string_view key, std::string_view title,
                 const std::function<void(Fields&)>& entry) {
        bool opened = false;
        top.objects(key, [&](Fields& fields) {
            if (!opened) {
                fmt::format_to(std::back_inserter(out_), "\n[[section]]\ntitle = {}\n", double_quoted(title));
                opened = true;
            }
            out_ += "\n[[section.entry]]\n";
            entry(fields);
        });
    }

    void work(Fields& job) {
        text_line("title", job.text({"name", "company"}).value_or("?"));
        text_line("subtitle", job.text("position"));
        text_line("url", job.text({"url", "website"}), false);
        text_line("location", job.text("location"));
        dates(job);
        // The schema's description says what the company is, its summary
        // what the job was: one paragraph each.
        text_line("description", joined({job.text("description"), job.text("summary")}, paragraph_break));
        list_line("highlights", literal(job.texts("highlights")));
    }

    void volunteer(Fields& job) {
        text_line("title", job.text({"organization", "name"}).value_or("?"));
        text_line("subtitle", job.text("position"));
        text_line("url", job.text({"url", "website"}), false);
        dates(job);
        text_line("description", job.text("summary"));
        list_line("highlights", literal(job.texts("highlights")));
    }

    void education(Fields& school) {
        text_line("title", school.text("institution").value_or("?"));
        const std::optional<std::string> type = school.text("studyType");
        const std::optional<std::string> area = school.text("area");
        if (type || area) {
            text_line("subtitle", type && area ? fmt::format("{} in {}", *type, *area)
                                  : type       ? *type
                                               : *area);
        }
        text_line("url", school.text({"url", "website"}), false);
        dates(school);
        std::vector<std::string> highlights;
        if (const auto score = school.text({"score", "gpa"}))
            highlights.push_back(fmt::format("Score: {}", literal_markup(*score)));
        if (auto courses = labelled_list("Courses", school.texts("courses"))) highlights.push_back(*courses);
        list_line("highlights", highlights);
    }

    void award(Fields& fields) {
        text_line("title", fields.text("title").value_or("?"));
        text_line("subtitle", fields.text("awarder"));
        text_line("date", date(fields, "date"), false);
        text_line("description", fields.text("summary"));
    }

    void certificate(Fields& fields) {
        text_line("title", fields.text("name").value_or("?"));
        text_line("subtitle", fields.text("issuer"));
        text_line("url", fields.text({"url", "website"}), false);
        text_line("date", date(fields, "date"), false);
    }

    /// "Miss Direction (application)", then "Team lead, Designer — Smoogle":
    /// the kind of project with its name, the roles apart from the entity.
    void project(Fields& fields) {
        const std::string name = fields.text("name").value_or("?");
        const std::optional<std::string> type = fields.text("type");
        text_line("title", type ? fmt::format("{} ({})", name, *type) : name);
        std::vector<std::optional<std::string>> roles;
        for (std::string& role : fields.texts("roles")) roles.emplace_back(std::move(role));
        text_line("subtitle", joined({joined(roles, ", "), fields.text("entity")}, " \u2014 "));
        text_line("url", fields.text({"url", "website"}), false);
        dates(fields);
        text_line("description",
                  joined({fields.text("description"), fields.text("summary")}, paragraph_break));
        std::vector<std::string> highlights = literal(fields.texts("highlights"));
        if (auto keywords = labelled_list("Keywords", fields.texts("keywords")))
            highlights.push_back(*keywords);
        list_line("highlights", highlights);
    }

    void publications(Fields& top) {
        bool opened = false;
        top.objects("publications", [&](Fields& fields) {
            if (!opened) {
                out_ += "\n[[section]]\ntitle = \"Publications\"\nkind = \"publications\"\n";
                opened = true;
            }
            out_ += "\n[[section.entry]]\n";
            text_line("title", fields.text("name").value_or("?"));
            // Not in the schema: what `vitae build -f json` writes.
            list_line("authors", literal(fields.texts("authors")));
            text_line("venue", fields.text("publisher"));
            // The year and month have keys of their own; a day, which a
            // publication has no key for, is said in the note.
            std::optional<std::string> released;
            if (const auto text = date(fields, "releaseDate")) {
                line("year", text->substr(0, 4));
                const std::optional<cv::Date> when = parsed_date(*text);
                if (when && when->month != 0) line("month", fmt::format("{}", when->month));
                if (when && when->day != 0) released = release_words(*when);
            }
            text_line("url", fields.text({"url", "website"}), false);
            text_line("note", joined({released, fields.text("summary")}, " "));
        });
    }

    void skills(Fields& top) {
        bool opened = false;
        top.objects("skills", [&](Fields& fields) {
            if (!opened) {
                out_ += "\n[[section]]\ntitle = \"Skills\"\nkind = \"skills\"\n";
                opened = true;
            }
            out_ += "\n[[section.entry]]\n";
            std::string label = fields.text("name").value_or("?");
            const std::optional<std::string> level = fields.text("level");
            std::vector<std::string> items = literal(fields.texts("keywords"));
            if (items.empty()) {
                items.push_back(literal_markup(level.value_or(label)));
            } else if (level) {
                fmt::format_to(std::back_inserter(label), " ({})", *level);
            }
            text_line("label", label);
            list_line("items", items);
        });
    }

    void list(Fields& top, std::string_view key, std::string_view title,
              const std::function<std::string(Fields&)>& item) {
        std::vector<std::string> items;
        top.objects(key, [&](Fields& fields) { items.push_back(item(fields)); });
        if (items.empty()) return;
        fmt::format_to(std::back_inserter(out_), "\n[[section]]\ntitle = {}\nkind = \"list\"\n",
                       double_quoted(title));
        list_line("items", items);
    }

    /// The parts there are, joined by `separator`; nothing for none.
    static std::optional<std::string> joined(const std::vector<std::optional<std::string>>& parts,
                                             std::string_view separator) {
        std::optional<std::string> text;
        for (const auto& part : parts) {
            if (!part) continue;
            text = text ? fmt::format("{}{}{}", *text, separator, *part) : *part;
        }
        return text;
    }

    /// A date that date() has checked.
    std::optional<cv::Date> parsed_date(const std::string& text) {
        Diagnostics ignored;
        return parse_date(text, SourceRegion{file_, {1, 1}, {1, 1}}, {}, ignored);
    }

    /// "Released 1 October 2014.": the day a publication's keys cannot hold.
    static std::string release_words(const cv::Date& released) {
        return fmt::format("Released {} {} {}.", released.day, month_name(released.month), released.year);
    }

    /// "Courses: A, B" as literal markup; nothing for no items.
    static std::optional<std::string> labelled_list(std::string_view label,
                                                    const std::vector<std::string>& items) {
        if (items.empty()) return std::nullopt;
        return fmt::format("{}: {}", label, fmt::join(literal(items), ", "));
    }

    static std::vector<std::string> literal(std::vector<std::string> texts) {
        for (std::string& text : texts) text = literal_markup(text);
        return texts;
    }

    std::shared_ptr<const std::string> file_;
    Diagnostics& diagnostics_;
    std::string out_;
    std::vector<std::pair<std::string, std::string>> left_out_;
};

Fields::Fields(Importer& importer, const Json& object, std::string path)
    : importer_(importer), object_(object), path_(std::move(path)) {}

void Fields::leave_out(const std::string& why) {
    importer_.left_out(path_, object_, why);
    left_out_ = true;
}

Fields::~Fields() {
    if (!object_.is_object() || left_out_) return;
    for (const auto& [key, value] : object_.items()) {
        if (taken_.contains(key)) continue;
        // An empty value says nothing; it is not worth a warning.
        if (value.is_null() || (value.is_string() && value.get<std::string>().empty()) ||
            ((value.is_array() || value.is_object()) && value.empty())) {
            continue;
        }
        importer_.left_out(path_of(key), value);
    }
}

const Json* Fields::take(std::string_view key) {
    taken_.emplace(key);
    if (!object_.is_object()) return nullptr;
    const auto found = object_.find(std::string{key});
    if (found == object_.end() || found->is_null()) return nullptr;
    return &*found;
}

std::optional<std::string> Fields::text(std::string_view key) {
    const Json* value = take(key);
    if (value == nullptr) return std::nullopt;
    if (value->is_number()) return value->dump();
    if (!value->is_string()) {
        importer_.error(path_of(key), fmt::format("expected a string, got {}", value->type_name()));
        return std::nullopt;
    }
    std::string text = value->get<std::string>();
    if (text.empty()) return std::nullopt;
    return text;
}

std::optional<std::string> Fields::text(std::initializer_list<std::string_view> keys) {
    std::optional<std::string> found;
    for (const std::string_view key : keys) {
        std::optional<std::string> value = text(key);
        if (!found) {
            found = std::move(value);
        } else if (value && *value != *found) {  // the other name says something else: not lost unsaid
            importer_.left_out(path_of(key), *take(key),
                               fmt::format("differs from '{}', which the CV shows", path_of(*keys.begin())));
        }
    }
    return found;
}

std::vector<std::string> Fields::texts(std::string_view key) {
    std::vector<std::string> result;
    const Json* value = take(key);
    if (value == nullptr) return result;
    if (!value->is_array()) {
        importer_.error(path_of(key),
                        fmt::format("expected an array of strings, got {}", value->type_name()));
        return result;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
        const Json& element = (*value)[i];
        if (element.is_string()) {
            if (!element.get<std::string>().empty()) result.push_back(element.get<std::string>());
        } else {
            importer_.error(fmt::format("{}[{}]", path_of(key), i),
                            fmt::format("expected a string, got {}", element.type_name()));
        }
    }
    return result;
}

void Fields::objects(std::string_view key, const std::function<void(Fields&)>& each) {
    const Json* value = take(key);
    if (value == nullptr) return;
    if (!value->is_array()) {
        importer_.error(path_of(key), fmt::format("expected an array, got {}", value->type_name()));
        return;
    }
    std::size_t empty_count = 0;
    std::string first_empty;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const Json& element = (*value)[i];
        const std::string element_path = fmt::format("{}[{}]", path_of(key), i);
        if (!element.is_object()) {
            importer_.error(element_path, fmt::format("expected an object, got {}", element.type_name()));
            continue;
        }
        if (element.empty()) {
            // Nothing to write: an entry of its own would be all invention
            // ("?" for its title), and 3 bytes of JSON became 30 of TOML.
            if (empty_count++ == 0) first_empty = element_path;
            continue;
        }
        Fields fields{importer_, element, element_path};
        each(fields);
    }
    if (empty_count > 0) {
        importer_.warning(
            path_of(key),
            fmt::format("{} empty object{} (the first {}) left out: they hold nothing to import", empty_count,
                        empty_count == 1 ? "" : "s", first_empty));
    }
}

void Fields::object(std::string_view key, const std::function<void(Fields&)>& read) {
    const Json* value = take(key);
    if (value == nullptr) {
        static const Json empty = Json::object();
        Fields fields{importer_, empty, path_of(key)};
        read(fields);
        return;
    }
    if (!value->is_object()) {
        importer_.error(path_of(key), fmt::format("expected an object, got {}", value->type_name()));
        return;
    }
    Fields fields{importer_, *value, path_of(key)};
    read(fields);
}

}  // namespace

bool is_json_resume_path(std::string_view path) {
    return path.ends_with(".json");
}

std::string json_resume_to_toml(std::string_view json, const std::string& path, Diagnostics& diagnostics) {
    const auto file = std::make_shared<const std::string>(path);
    const auto at = [&](const SourcePosition& position) { return SourceRegion{file, position, position}; };
    const Scan scanned = scan(json);
    if (scanned.problem) {
        const std::size_t offset = scanned.problem->offset;
        diagnostics.error(at(positions_of(json, {offset}).at(offset)), scanned.problem->message);
        return {};
    }
    Json root;
    try {
        root = Json::parse(json);
    } catch (const Json::parse_error& error) {
        // nlohmann names the byte; the line and column are more use.
        const std::size_t byte = std::min(error.byte == 0 ? 0 : error.byte - 1, json.size());
        std::string message = error.what();
        if (const std::size_t colon = message.find(": syntax error"); colon != std::string::npos) {
            message = message.substr(colon + 2);
        }
        diagnostics.error(at(positions_of(json, {byte}).at(byte)), fmt::format("not JSON: {}", message));
        return {};
    } catch (const Json::exception& error) {  // what the scan did not foresee: still no crash
        diagnostics.error(SourceRegion{file, {}, {}}, fmt::format("not JSON: {}", error.what()));
        return {};
    }
    report_duplicates(json, scanned.duplicates, at, diagnostics);
    try {
        return Importer{path, diagnostics}.convert(root);
    } catch (const Json::exception& error) {
        diagnostics.error(SourceRegion{file, {}, {}}, fmt::format("cannot convert: {}", error.what()));
        return {};
    }
}

}  // namespace vitae
