// meso publish FILE... -o DIR --base-url URL: a folder any web server can
// serve, with one calendar feed per athlete (docs/teams.md): DIR/<token>.ics,
// index.html, feeds.json, and the state of every feed in .meso-publish.json.
// engine/emit/feed.h decides what each event of a feed becomes; this file
// runs the pipeline, keeps the state and swaps the new folder in.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/emit/feed.h"
#include "engine/emit/ical.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"

namespace meso::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr const char* state_file = ".meso-publish.json";
constexpr int state_version = 1;

// An athlete's feed: their programs from every file, and what was published before.
struct Feed {
    std::string athlete;
    std::string token;  // the feed's file is <token>.ics
    std::vector<const scheduling::ProgramPlan*> plans;
    emit::FeedState before;
    emit::FeedResult now;
};

struct Published {
    std::map<std::string, Feed> feeds;  // by athlete
    std::vector<std::string> order;     // athletes in the order of their first program
    std::set<std::string> files;        // what meso wrote into DIR last time: not copied as the user's own
};

// SOURCE_DATE_EPOCH, else now; nullopt (said) when it is not a number.
std::optional<std::chrono::sys_seconds> publish_time()
{
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        const auto stamp = emit::parse_source_date_epoch(epoch);
        if (!stamp)
            print_error(std::string("SOURCE_DATE_EPOCH='") + epoch + "' is not a number of seconds since 1970-01-01 (at most 9999-12-31)");
        return stamp;
    }
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// 128 random bits as 32 hex digits: a name nobody guesses.
std::string new_token()
{
    std::random_device random;
    static constexpr char digits[] = "0123456789abcdef";
    std::string token;
    for (int i = 0; i < 8; ++i) {
        const auto bits = static_cast<std::uint32_t>(random());
        token += digits[(bits >> 12) & 15];
        token += digits[(bits >> 8) & 15];
        token += digits[(bits >> 4) & 15];
        token += digits[bits & 15];
    }
    return token;
}

bool is_token(const std::string& token) { return token.size() == 32 && token.find_first_not_of("0123456789abcdef") == std::string::npos; }

// The state file of DIR, when DIR exists; an error (said) when DIR is not
// a folder meso published into, or its state is not meso's.
bool read_state(const fs::path& dir, Published& published)
{
    std::error_code error;
    if (!fs::exists(dir, error)) return true;
    if (!fs::is_directory(dir, error)) {
        print_error("cannot publish into '" + dir.string() + "': it is not a directory");
        return false;
    }
    const fs::path path = dir / state_file;
    if (!fs::exists(path, error)) {
        if (fs::directory_iterator(dir, error) == fs::directory_iterator()) return true;  // empty
        print_error("cannot publish into '" + dir.string() + "': it holds files and no " + state_file +
                    "; publish into a new or empty folder, or one meso published into");
        return false;
    }
    std::ifstream in(path);
    const json state = json::parse(in, nullptr, false);
    const auto bad = [&](const std::string& why) {
        print_error("cannot publish into '" + dir.string() + "': " + path.string() + " " + why + "; nothing published");
        return false;
    };
    if (state.is_discarded() || !state.is_object()) return bad("is not JSON");
    if (!state.contains("version") || state["version"] != state_version || !state.contains("feeds") || !state["feeds"].is_object())
        return bad("is not the state of a meso publish (version " + std::to_string(state_version) + ")");
    for (const auto& [athlete, j] : state["feeds"].items()) {
        std::string why;
        if (!j.is_object() || !j.contains("token") || !j["token"].is_string() || !is_token(j["token"].get<std::string>()))
            return bad("has no token for \"" + athlete + "\"");
        auto events = j.contains("events") ? emit::read_feed_state(j["events"], why) : std::nullopt;
        if (!events) return bad("cannot be read for \"" + athlete + "\": " + (why.empty() ? "no events" : why));
        Feed& feed = published.feeds[athlete];
        feed.athlete = athlete;
        feed.token = j["token"].get<std::string>();
        feed.before = std::move(*events);
        published.files.insert(feed.token + ".ics");
    }
    published.files.insert({"index.html", "feeds.json", state_file});
    return true;
}

// Every program of the files goes to its athlete's feed; a program of no
// athlete cannot be published (said).
bool gather(const std::vector<pipeline::FileRun>& runs, Published& published)
{
    std::set<std::string> seen;
    for (const auto& run : runs) {
        for (const auto& plan : run.plan.programs) {
            if (plan.program == nullptr || plan.program->athlete == nullptr) {
                print_error("program \"" + (plan.program ? plan.program->name : std::string()) +
                            "\" is for no athlete: a feed is an athlete's; say whose it is with 'for \"NAME\"'");
                return false;
            }
            const std::string& athlete = plan.program->athlete->name;
            Feed& feed = published.feeds[athlete];
            feed.athlete = athlete;
            if (feed.token.empty()) feed.token = new_token();
            if (seen.insert(athlete).second) published.order.push_back(athlete);
            feed.plans.push_back(&plan);
        }
    }
    return true;
}

// An athlete's calendar as meso compile writes it (no reminders: each
// subscriber sets their own), then as the feed publishes it.
bool make_feed(Feed& feed, const emit::CalendarOptions& options, std::chrono::sys_seconds now)
{
    std::ostringstream out;
    std::vector<emit::ProgramOutline> outlines;
    for (const scheduling::ProgramPlan* p : feed.plans) outlines.push_back(emit::outline_of(*p));
    emit::CalendarStream stream;
    const emit::CalendarResult head = emit::begin_calendar(stream, out, outlines, options);
    if (!head.diagnostics.empty()) {
        report::print_text(std::cerr, head.diagnostics, report::TextReportOptions{use_colour(2), false});
        return false;
    }
    std::vector<Diagnostic> again;  // none: the files were checked
    for (const scheduling::ProgramPlan* p : feed.plans) emit::write_events(stream, out, scheduling::schedule_program(*p, again));
    end_calendar(stream, out);
    feed.now = emit::publish_feed(out.str(), feed.before, now);
    return true;
}

std::string html_escaped(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// "https://club.example.org/feeds" and a file: the feed's https:// and webcal:// addresses.
std::pair<std::string, std::string> feed_urls(const std::string& base_url, const std::string& file)
{
    const std::string https = base_url + "/" + file;
    return {https, "webcal://" + https.substr(https.find("://") + 3)};
}

std::string index_html(const Published& published, const std::string& base_url)
{
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"robots\" content=\"noindex, nofollow\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
                       "<title>Training calendars</title>\n</head>\n<body>\n<h1>Training calendars</h1>\n"
                       "<p>Each link is one athlete's calendar: give each athlete their own link only.</p>\n<ul>\n";
    for (const auto& athlete : published.order) {
        const auto [https, webcal] = feed_urls(base_url, published.feeds.at(athlete).token + ".ics");
        html += "<li>" + html_escaped(athlete) + ": <a href=\"" + html_escaped(webcal) + "\">subscribe</a> (<a href=\"" +
                html_escaped(https) + "\">" + html_escaped(https) + "</a>)</li>\n";
    }
    return html + "</ul>\n</body>\n</html>\n";
}

// "2027-01-01T00:00:00Z"
std::string iso_utc(std::chrono::sys_seconds t)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

json manifest(const Published& published, const std::string& base_url, std::chrono::sys_seconds now)
{
    json feeds = json::array();
    for (const auto& athlete : published.order) {
        const Feed& feed = published.feeds.at(athlete);
        const auto [https, webcal] = feed_urls(base_url, feed.token + ".ics");
        feeds.push_back({{"athlete", athlete},
                         {"file", feed.token + ".ics"},
                         {"https", https},
                         {"webcal", webcal},
                         {"events", feed.now.state.events.size() - feed.now.cancelled},
                         {"cancelled", feed.now.cancelled},
                         {"changed", feed.now.changed}});
    }
    return json{{"published", iso_utc(now)}, {"base_url", base_url}, {"feeds", feeds}};
}

json state_of(const Published& published)
{
    json feeds = json::object();
    for (const auto& athlete : published.order) {
        const Feed& feed = published.feeds.at(athlete);
        feeds[athlete] = json{{"token", feed.token}, {"events", emit::feed_state_json(feed.now.state)}};
    }
    return json{{"version", state_version}, {"feeds", feeds}};
}

// Every file of the new folder; false (said) when one cannot be written.
bool write_folder(const fs::path& folder, const Published& published, const std::string& base_url, std::chrono::sys_seconds now)
{
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& athlete : published.order) {
        const Feed& feed = published.feeds.at(athlete);
        files.emplace_back(feed.token + ".ics", feed.now.calendar);
    }
    files.emplace_back("index.html", index_html(published, base_url));
    files.emplace_back("feeds.json", manifest(published, base_url, now).dump(2) + "\n");
    files.emplace_back(state_file, state_of(published).dump(1) + "\n");
    // Not a structured binding: clang 14 (clang-tidy) cannot capture one in a lambda.
    for (const auto& file : files) {
        const std::string& text = file.second;
        const OutputResult written = write_output((folder / file.first).string(), [&](std::ostream& out) { return bool(out << text); });
        if (written.failure) {
            print_error(cannot_write(*written.failure));
            return false;
        }
    }
    return true;
}

// What the user keeps in DIR besides meso's files (an .htaccess): copied
// into the new folder. A feed of a token no longer in the state (an address
// revoked by deleting its athlete from the state) is meso's: not copied.
bool copy_own_files(const fs::path& dir, const fs::path& folder, const Published& published)
{
    std::error_code error;
    if (!fs::is_directory(dir, error)) return true;
    for (const auto& entry : fs::directory_iterator(dir, error)) {
        const std::string name = entry.path().filename().string();
        const bool a_feed = name.size() == 36 && name.substr(32) == ".ics" && is_token(name.substr(0, 32));
        if (published.files.count(name) != 0 || a_feed) continue;
        fs::copy(entry.path(), folder / name, fs::copy_options::recursive | fs::copy_options::copy_symlinks, error);
        if (error) {
            print_error("cannot copy '" + entry.path().string() + "' into the new folder: " + error.message());
            return false;
        }
    }
    return !error;
}

// The new folder takes DIR's place in one step (renameat2's exchange), so
// a web server serves the old feeds or the new ones, never a mix; the old
// folder is then removed. DIR is as it was when this fails.
bool swap_in(const fs::path& folder, const fs::path& dir)
{
    std::error_code error;
    if (!fs::exists(dir, error)) {
        if (std::rename(folder.c_str(), dir.c_str()) == 0) return true;
    }
    else if (renameat2(AT_FDCWD, folder.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(folder, error);  // the old folder, now under the temporary name
        return true;
    }
    print_error("cannot publish into '" + dir.string() + "': " + std::strerror(errno));
    return false;
}

// The new folder beside DIR (a rename stays on one file system), readable
// by a web server as DIR's files are.
std::optional<fs::path> new_folder(const fs::path& dir)
{
    std::error_code error;
    const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
    fs::create_directories(parent, error);
    std::string pattern = (parent / ("." + dir.filename().string() + ".meso-publish-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) {
        print_error("cannot publish into '" + dir.string() + "': cannot create a folder in '" + parent.string() +
                    "': " + std::strerror(errno));
        return std::nullopt;
    }
    const mode_t mask = umask(0);
    umask(mask);
    chmod(pattern.c_str(), 0777 & ~mask);
    return fs::path(pattern);
}

// Each file checked whole, its diagnostics printed: 0, 1 when one has errors,
// 2 when one cannot be read or an option names no athlete or zone.
int check_files(const std::vector<std::string>& files, const CommonOptions& options, std::vector<pipeline::FileRun>& runs)
{
    int status = 0;
    for (const auto& file : files) {
        runs.push_back(pipeline::resolve_file(file, options.pipeline));
        pipeline::FileRun& run = runs.back();
        if (!run.athlete_error.empty() || !run.zone_error.empty()) {
            report::print_text(std::cerr, run.diagnostics, report::TextReportOptions{use_colour(2), options.show_suppressed});
            print_error(!run.athlete_error.empty() ? run.athlete_error : run.zone_error);
            return 2;
        }
        if (!run.unreadable) pipeline::stream_programs(run, options.pipeline, pipeline::Stages::rules, nullptr);
        report::print_text(std::cerr, run.diagnostics, report::TextReportOptions{use_colour(2), options.show_suppressed});
        if (run.unreadable) return 2;
        if (has_errors(run.diagnostics)) {
            std::cerr << "meso publish: " << file << " has errors\n";
            status = 1;
        }
    }
    return status;
}

}  // namespace

int publish(const std::vector<std::string>& files, const PublishOptions& publish_options, const CommonOptions& options)
{
    const std::string& base_url = publish_options.base_url;
    if (base_url.rfind("https://", 0) != 0 && base_url.rfind("http://", 0) != 0) {
        print_error("--base-url '" + base_url + "': expected the address the folder is served at, such as https://club.example.org/feeds");
        return 2;
    }
    const auto now = publish_time();
    if (!now) return 2;
    if (auto problem = pipeline::timezone_option_error(options.pipeline)) {
        print_error(*problem);
        return 2;
    }
    const fs::path dir = fs::path(publish_options.output).lexically_normal();
    Published published;
    if (dir.empty() || dir.filename().empty() || !read_state(dir, published)) return 2;
    std::vector<pipeline::FileRun> runs;
    runs.reserve(files.size());
    if (const int status = check_files(files, options, runs); status != 0) {
        std::cerr << "meso publish: nothing published\n";
        return status;
    }
    if (!gather(runs, published)) return 2;
    for (const auto& [athlete, feed] : published.feeds)
        if (feed.plans.empty()) std::cerr << "meso publish: \"" << athlete << "\" is in none of the files: their feed is removed\n";
    emit::CalendarOptions calendar;
    calendar.stamp = *now;
    calendar.default_timezone = runs.empty() ? "UTC" : runs.front().default_zone.name;
    for (const auto& athlete : published.order)
        if (!make_feed(published.feeds.at(athlete), calendar, *now)) {
            std::cerr << "meso publish: nothing published\n";
            return 1;
        }
    const auto folder = new_folder(dir);
    if (!folder) return 2;
    std::string trimmed = base_url;
    while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
    const bool ready = write_folder(*folder, published, trimmed, *now) && copy_own_files(dir, *folder, published);
    if (!ready || !swap_in(*folder, dir)) {
        std::error_code ignored;
        fs::remove_all(*folder, ignored);
        std::cerr << "meso publish: nothing published; " << dir.string() << " is as it was\n";
        return 2;
    }
    for (const auto& athlete : published.order) {
        const Feed& feed = published.feeds.at(athlete);
        std::cerr << "meso publish: " << athlete << ": " << (dir / (feed.token + ".ics")).string() << " (" << feed.now.changed
                  << " new or changed, " << feed.now.cancelled << " cancelled)\n";
    }
    return 0;
}

}  // namespace meso::cli
