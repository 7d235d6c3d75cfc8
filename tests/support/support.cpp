#include "tests/support/support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace meso::test {

Compiled compile(const std::string& text, const std::string& path, bool default_rules, long long max_sessions)
{
    Compiled c;
    resolving::ResolveOptions options;
    options.default_rules = default_rules;
    c.compilation = resolving::resolve_source(Source{path, text}, options);
    c.diagnostics = c.compilation->diagnostics;
    if (has_errors(c.diagnostics)) return c;
    c.schedule = scheduling::schedule(c.compilation->module, {max_sessions});
    c.diagnostics.insert(c.diagnostics.end(), c.schedule.diagnostics.begin(), c.schedule.diagnostics.end());
    return c;
}

std::string messages(const std::vector<Diagnostic>& diagnostics)
{
    std::string out;
    for (const auto& d : diagnostics)
        out += std::string(d.span.path()) + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " +
               to_string(d.severity) + ": " + d.message + "\n";
    return out;
}

bool has_message(const std::vector<Diagnostic>& diagnostics, const std::string& fragment)
{
    for (const auto& d : diagnostics)
        if (d.message.find(fragment) != std::string::npos) return true;
    return false;
}

namespace {
std::string quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}
}  // namespace

Run run_meso(const std::vector<std::string>& args, const std::string& env, const std::string& stdout_to)
{
    const std::string dir = temp_dir("run");
    std::string command = env + (env.empty() ? "" : " ") + quote(MESO_BINARY);
    for (const auto& a : args) command += " " + quote(a);
    command += " >" + quote(stdout_to.empty() ? dir + "/out" : stdout_to) + " 2>" + quote(dir + "/err") + " </dev/null";
    Run run;
    const int status = std::system(command.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = read_file(dir + "/out");
    run.err = read_file(dir + "/err");
    std::filesystem::remove_all(dir);
    return run;
}

std::vector<std::vector<std::string>> text_rows(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::size_t i = line.find_first_not_of(' ');
        while (i != std::string::npos) {
            std::size_t end = line.find("  ", i);
            cells.push_back(line.substr(i, end == std::string::npos ? std::string::npos : end - i));
            i = end == std::string::npos ? end : line.find_first_not_of(' ', end);
        }
        rows.push_back(std::move(cells));
    }
    return rows;
}

std::vector<std::string> text_sessions(const std::string& text)
{
    static const std::regex session(R"(  (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d\d-\d\d  \d\d:\d\d-\d\d:\d\d(  .*)?)");
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (std::regex_match(line, session)) out.push_back(line);
    return out;
}

bool has_text_row(const std::string& text, const std::vector<std::string>& cells)
{
    const auto rows = text_rows(text);
    return std::find(rows.begin(), rows.end(), cells) != rows.end();
}

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string temp_dir(const std::string& name)
{
    static int counter = 0;
    auto dir =
        std::filesystem::temp_directory_path() / ("meso-test-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

std::string source_dir() { return MESO_SOURCE_DIR; }

namespace {

Unprivileged find_unprivileged()
{
    Unprivileged u;
    if (::geteuid() != 0) {
        u.available = true;
        return u;
    }
    u.prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups";
    const std::string dir = temp_dir("unprivileged");
    write_file(dir + "/probe", "x");
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                          std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                          std::filesystem::perms::others_exec);
    std::filesystem::permissions(dir + "/probe", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                                     std::filesystem::perms::group_read | std::filesystem::perms::others_read);
    const int who = std::system((u.prefix + " sh -c '[ \"$(id -u)\" = 65534 ]' 2>/dev/null").c_str());
    const int sees =
        std::system((u.prefix + " sh -c '[ -x " + quote(MESO_BINARY) + " ] && [ -r " + quote(dir + "/probe") + " ]' 2>/dev/null").c_str());
    std::filesystem::remove_all(dir);
    if (who != 0) u.why_not = "running as root, and '" + u.prefix + "' does not run a command as nobody here";
    else if (sees != 0)
        u.why_not = "running as root, and nobody cannot run " + std::string(MESO_BINARY) + " or read " +
                    std::filesystem::temp_directory_path().string() + " (a directory above them is closed to others)";
    u.available = who == 0 && sees == 0;
    return u;
}

}  // namespace

const Unprivileged& unprivileged()
{
    static const Unprivileged u = find_unprivileged();
    return u;
}

int run_unprivileged(const std::string& command)
{
    const int status = std::system((unprivileged().prefix + " " + command).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace meso::test
