#include "engine/cli/output.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_NOREPLACE (glibc)
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "engine/cli/commands.h"

namespace meso::cli {

namespace {

// A stream buffer over a file descriptor that remembers why a write failed
// (std::ofstream only says that it did).
class FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
    int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override;
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain();

    int fd_;
    int error_ = 0;
    char buffer_[1 << 16];
};

FdBuffer::int_type FdBuffer::overflow(int_type ch)
{
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
    }
    return traits_type::not_eof(ch);
}

bool FdBuffer::drain()
{
    const char* p = pbase();
    while (error_ == 0 && p < pptr()) {
        const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) error_ = n < 0 ? errno : EIO;
        else p += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return error_ == 0;
}

// Writes through `fd`; the errno of the first failure, or 0.
int write_to(int fd, const ReplacingWrite& write, bool replacing, bool& completed)
{
    FdBuffer buffer(fd);
    std::ostream out(&buffer);
    completed = write(out, replacing);
    out.flush();
    if (buffer.error() != 0) return buffer.error();
    return out ? 0 : EIO;
}

OutputResult failed(WriteStep step, int error, const std::string& path, const std::string& target, const std::string& file)
{
    return {false, WriteFailure{step, error, path, target, file}};
}

OutputResult write_to_standard_output(const std::string& path, const ReplacingWrite& write)
{
    bool completed = false;
    if (const int error = write_to(STDOUT_FILENO, write, false, completed); error != 0)
        return failed(WriteStep::write, error, path, path, path);
    return {completed, std::nullopt};
}

// A device or a pipe: nothing to rename over.
OutputResult write_directly(const std::string& path, const std::string& target, const ReplacingWrite& write)
{
    const int fd = open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return failed(WriteStep::open, errno, path, target, target);
    bool completed = false;
    const int error = write_to(fd, write, false, completed);
    if (close(fd) != 0 && error == 0) return failed(WriteStep::close, errno, path, target, target);
    if (error != 0) return failed(WriteStep::write, error, path, target, target);
    return {completed, std::nullopt};
}

// The file a path names: what its symbolic link points at, if it is one.
std::string followed(const std::string& path)
{
    struct stat link_info {};
    if (lstat(path.c_str(), &link_info) != 0 || !S_ISLNK(link_info.st_mode)) return path;
    char* resolved = realpath(path.c_str(), nullptr);
    if (resolved == nullptr) return path;
    std::string target = resolved;
    std::free(resolved);
    return target;
}

std::string directory_of(const std::string& target)
{
    const std::size_t slash = target.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
}

// The mode and owner a new file gets: the old file's, or what the umask leaves.
void give_attributes(int fd, const struct stat* old, int& error)
{
    if (old != nullptr) {
        if (fchmod(fd, old->st_mode & 07777) != 0) error = errno;
        // Not the owner: the file becomes ours, as with any editor.
        else if (fchown(fd, old->st_uid, old->st_gid) != 0) { /* nothing to do */ }
        return;
    }
    const mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) error = errno;
}

// Gives the temporary file the target's name; with Existing::refuse only
// when no file has that name, in one step: renameat2's RENAME_NOREPLACE, or
// where the file system lacks it, a hard link (which fails on an existing
// name too) and the temporary's removal. 0 or the errno.
int move_into_place(const std::string& temporary, const std::string& target, Existing existing)
{
    if (existing == Existing::replace) return rename(temporary.c_str(), target.c_str()) == 0 ? 0 : errno;
    if (renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return errno;
    if (link(temporary.c_str(), target.c_str()) != 0) return errno;
    unlink(temporary.c_str());
    return 0;
}

// Closes `fd` and moves the temporary over the target when `completed`;
// the step that failed, or nullopt.
std::optional<std::pair<WriteStep, int>> finish(int fd, const std::string& temporary, const std::string& target, bool completed,
                                                Existing existing)
{
    if (completed && fsync(fd) != 0) {
        const int error = errno;
        close(fd);
        return std::pair{WriteStep::flush, error};
    }
    if (close(fd) != 0) return std::pair{WriteStep::close, errno};
    if (!completed) return std::nullopt;
    if (const int error = move_into_place(temporary, target, existing); error != 0)
        return std::pair{error == EEXIST && existing == Existing::refuse ? WriteStep::exists : WriteStep::replace, error};
    return std::nullopt;
}

// Into a temporary file beside the target, renamed over it at the end.
OutputResult write_replacing(const std::string& path, const std::string& target, const struct stat* old, const ReplacingWrite& write,
                             Existing existing)
{
    const std::string directory = directory_of(target);
    const std::string name = target.substr(target.rfind('/') == std::string::npos ? 0 : target.rfind('/') + 1);
    std::string temporary = directory + "/." + name + ".XXXXXX";
    const int fd = mkstemp(temporary.data());
    if (fd < 0) return failed(WriteStep::create_temporary, errno, path, target, directory);
    int error = 0;
    give_attributes(fd, old, error);
    if (error != 0) {
        close(fd);
        unlink(temporary.c_str());
        return failed(WriteStep::keep_permissions, error, path, target, temporary);
    }
    bool completed = false;
    error = write_to(fd, write, true, completed);
    auto failure = error != 0 ? std::optional{std::pair{WriteStep::write, error}} : std::nullopt;
    if (failure) close(fd);
    else failure = finish(fd, temporary, target, completed, existing);
    if (failure || !completed) {
        unlink(temporary.c_str());
        if (failure)
            return failed(failure->first, failure->second, path, target,
                          failure->first == WriteStep::replace || failure->first == WriteStep::exists ? target : temporary);
        return {};
    }
    // The rename itself reaches the disk with the directory.
    if (const int dir = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        fsync(dir);
        close(dir);
    }
    return {true, std::nullopt};
}

}  // namespace

OutputResult write_output(const std::string& path, const std::function<bool(std::ostream&)>& write)
{
    return write_output(path, ReplacingWrite([&](std::ostream& out, bool) { return write(out); }));
}

OutputResult write_output(const std::string& path, const std::function<bool(std::ostream&)>& write, Existing existing)
{
    return write_output(path, ReplacingWrite([&](std::ostream& out, bool) { return write(out); }), existing);
}

OutputResult write_output(const std::string& path, const ReplacingWrite& write, Existing existing)
{
    if (path.empty() || path == "-") return write_to_standard_output(path, write);
    if (existing == Existing::refuse) {
        // Whatever is there, even a dangling symbolic link, is someone's: never followed, never written through.
        struct stat any {};
        if (lstat(path.c_str(), &any) == 0) return failed(WriteStep::exists, EEXIST, path, path, path);
        return write_replacing(path, path, nullptr, write, existing);
    }
    const std::string target = followed(path);
    struct stat info {};
    const bool exists = stat(target.c_str(), &info) == 0;
    if (exists && S_ISDIR(info.st_mode)) return failed(WriteStep::is_directory, 0, path, target, target);
    if (exists && !S_ISREG(info.st_mode)) return write_directly(path, target, write);
    return write_replacing(path, target, exists ? &info : nullptr, write, existing);
}

std::string cannot_write(const WriteFailure& failure)
{
    if (failure.path.empty() || failure.path == "-") return std::string("cannot write to standard output: ") + std::strerror(failure.error);
    const std::string prefix = "cannot write '" + failure.path + "': ";
    switch (failure.step) {
    case WriteStep::is_directory: return prefix + "it is a directory";
    case WriteStep::exists: return prefix + "it already exists";
    case WriteStep::create_temporary: return prefix + "cannot create a file in '" + failure.file + "': " + std::strerror(failure.error);
    case WriteStep::open:
    case WriteStep::keep_permissions:
    case WriteStep::write:
    case WriteStep::flush:
    case WriteStep::close:
    case WriteStep::replace: return prefix + std::strerror(failure.error);
    }
    return prefix + std::strerror(failure.error);
}

void print_error(const std::string& message) { std::cerr << "meso: error: " << message << "\n"; }

bool print_run_error(const pipeline::FileRun& run)
{
    if (run.unreadable) {
        print_error(run.diagnostics.front().message);
        return true;
    }
    if (!run.athlete_error.empty()) {
        print_error(run.athlete_error);
        return true;
    }
    return false;
}

void print_warning(const std::string& message) { std::cerr << "meso: warning: " << message << "\n"; }

bool use_colour(int fd)
{
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(fd) && (no_colour == nullptr || *no_colour == '\0');
}

std::size_t text_width(int fd)
{
    constexpr std::size_t otherwise = 80;
    if (!isatty(fd)) return otherwise;
    winsize size{};
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    const char* columns = std::getenv("COLUMNS");
    if (columns == nullptr) return otherwise;
    char* end = nullptr;
    const long n = std::strtol(columns, &end, 10);
    return end != columns && *end == '\0' && n > 0 ? static_cast<std::size_t>(n) : otherwise;
}

}  // namespace meso::cli
