#include "tests/support/support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace meso::test {

Compiled compile(const std::string& text, const std::string& path, bool default_rules, long long max_sessions)
{
    Compiled c;
    ResolveOptions options;
    options.default_rules = default_rules;
    c.compilation = resolve_source(Source{path, text}, options);
    c.diagnostics = c.compilation->diagnostics;
    if (has_errors(c.diagnostics)) return c;
    c.schedule = schedule(c.compilation->module, {max_sessions});
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

Run run_meso(const std::vector<std::string>& args, const std::string& env)
{
    const std::string dir = temp_dir("run");
    std::string command = env + (env.empty() ? "" : " ") + quote(MESO_BINARY);
    for (const auto& a : args) command += " " + quote(a);
    command += " >" + quote(dir + "/out") + " 2>" + quote(dir + "/err") + " </dev/null";
    Run run;
    const int status = std::system(command.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = read_file(dir + "/out");
    run.err = read_file(dir + "/err");
    std::filesystem::remove_all(dir);
    return run;
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
    auto dir = std::filesystem::temp_directory_path() /
               ("meso-test-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

std::string source_dir() { return MESO_SOURCE_DIR; }

}  // namespace meso::test
