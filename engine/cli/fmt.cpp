// meso fmt FILE... [--check | -i]: see docs/fmt.md.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/resolve/resolve.h"
#include "engine/format/format.h"
#include "engine/report/report.h"
#include "grammar/parse.h"

namespace meso::cli {

namespace {

namespace fs = std::filesystem;

// The files named on the command line, each directory replaced by the
// .meso files under it (sorted, so the output does not depend on the
// directory's order). A path that is neither is kept: reading it will say why.
std::vector<std::string> expand(const std::vector<std::string>& arguments, bool& failed)
{
    std::vector<std::string> files;
    for (const auto& argument : arguments) {
        std::error_code error;
        if (argument == "-" || !fs::is_directory(argument, error)) {
            files.push_back(argument);
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(argument, fs::directory_options::none, error), end;
        for (; !error && it != end; it.increment(error)) {
            std::error_code type_error;
            if (it->is_regular_file(type_error) && it->path().extension() == ".meso") found.push_back(it->path().string());
        }
        if (error) {
            std::cerr << "meso fmt: cannot read the directory '" << argument << "': " << error.message() << "\n";
            failed = true;
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

// Writes `text` to `path` through a temporary file in the same directory,
// flushed to disk and renamed over the original, so that `path` holds
// either the old text or the new, never a part. Returns why it failed, or
// an empty string.
std::string write_atomically(const std::string& path, const std::string& text)
{
    std::error_code error;
    const fs::path target = fs::is_symlink(path, error) ? fs::canonical(path, error) : fs::path(path);  // keep the link
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temporary = (directory / ("." + target.filename().string() + ".fmt-XXXXXX")).string();
    const int fd = mkstemp(temporary.data());
    if (fd < 0) return "cannot create a temporary file in '" + directory.string() + "': " + std::strerror(errno);
    auto fail = [&](const std::string& what) {
        const std::string message = what + ": " + std::strerror(errno);
        close(fd);
        unlink(temporary.c_str());
        return message;
    };
    struct stat original {};
    if (stat(target.c_str(), &original) == 0) {
        if (fchmod(fd, original.st_mode & 07777) != 0) return fail("cannot keep the file's permissions");
        if (fchown(fd, original.st_uid, original.st_gid) != 0) { /* not the owner: the file becomes ours, as with any editor */ }
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("cannot write '" + temporary + "'");
        }
        written += static_cast<std::size_t>(n);
    }
    if (fsync(fd) != 0) return fail("cannot flush '" + temporary + "' to disk");
    if (close(fd) != 0) {
        const std::string message = "cannot close '" + temporary + "': " + std::strerror(errno);
        unlink(temporary.c_str());
        return message;
    }
    if (rename(temporary.c_str(), target.c_str()) != 0) {
        const std::string message = "cannot replace '" + target.string() + "': " + std::strerror(errno);
        unlink(temporary.c_str());
        return message;
    }
    const int dir = open(directory.c_str(), O_RDONLY | O_DIRECTORY);  // make the rename itself durable
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
    return {};
}

}  // namespace

int fmt(const std::vector<std::string>& arguments, bool check_only, bool in_place)
{
    if (check_only && in_place) {
        std::cerr << "meso fmt: --check and -i cannot be used together\n";
        return 2;
    }
    bool could_not_run = false, findings = false;
    const auto files = expand(arguments, could_not_run);
    const ParseLimits limits;
    for (const auto& path : files) {
        if (in_place && path == "-") {
            std::cerr << "meso fmt: -i cannot rewrite standard input; leave out -i to format it to standard output\n";
            could_not_run = true;
            continue;
        }
        auto read = read_source(path, limits.max_bytes);
        if (!read.source) {
            std::cerr << "meso fmt: " << read.error << "\n";
            could_not_run = true;
            continue;
        }
        const Source& source = *read.source;
        const ParseResult parsed = parse(source, limits);
        if (has_errors(parsed.diagnostics)) {  // never format a tree with holes
            print_text(std::cerr, parsed.diagnostics, {use_colour(2), false});
            findings = true;
            continue;
        }
        const std::string formatted = format::format(parsed.file);
        if (auto problem = format::verify(parsed.file, formatted)) {
            std::cerr << "meso fmt: internal error: " << *problem << " in '" << path
                      << "'; the file is left as it is (please report this)\n";
            could_not_run = true;
            continue;
        }
        if (check_only) {
            if (formatted != source.text) {
                std::cout << path << "\n";
                findings = true;
            }
        }
        else if (in_place) {
            if (formatted == source.text) continue;  // untouched: keeps its time stamp
            const std::string error = write_atomically(path, formatted);
            if (!error.empty()) {
                std::cerr << "meso fmt: cannot write '" << path << "': " << error << "; the file is left as it was\n";
                could_not_run = true;
            }
        }
        else {
            std::cout << formatted;
        }
    }
    std::cout.flush();
    if (!std::cout) {  // a full disk or a closed pipe: the formatted text did not arrive
        std::cerr << "meso fmt: cannot write to standard output: " << std::strerror(errno) << "\n";
        return 2;
    }
    if (could_not_run) return 2;
    return findings ? 1 : 0;
}

}  // namespace meso::cli
