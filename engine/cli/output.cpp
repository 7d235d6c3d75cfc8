#include "engine/cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <streambuf>

namespace meso::cli {

namespace {

// A stream buffer over a file descriptor that remembers why a write failed
// (std::ofstream only says that it did).
class FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
    int error() const { return error_; }

protected:
    int_type overflow(int_type ch) override
    {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain()
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

    int fd_;
    int error_ = 0;
    char buffer_[1 << 16];
};

std::string cannot_write(const std::string& path, int error)
{
    return "cannot write '" + path + "': " + std::strerror(error);
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

}  // namespace

OutputResult write_output(const std::string& path, const std::function<bool(std::ostream&)>& write)
{
    return write_output(path, ReplacingWrite([&](std::ostream& out, bool) { return write(out); }));
}

OutputResult write_output(const std::string& path, const ReplacingWrite& write)
{
    OutputResult result;
    bool completed = false;
    if (path.empty() || path == "-") {
        if (const int error = write_to(STDOUT_FILENO, write, false, completed); error != 0)
            result.error = std::string("cannot write to standard output: ") + std::strerror(error);
        result.written = completed && result.error.empty();
        return result;
    }

    std::string target = path;
    struct stat link_info {};
    if (lstat(path.c_str(), &link_info) == 0 && S_ISLNK(link_info.st_mode)) {
        if (char* resolved = realpath(path.c_str(), nullptr)) {
            target = resolved;
            std::free(resolved);
        }
    }
    struct stat info {};
    const bool exists = stat(target.c_str(), &info) == 0;
    if (exists && S_ISDIR(info.st_mode)) {
        result.error = "cannot write '" + path + "': it is a directory";
        return result;
    }
    if (exists && !S_ISREG(info.st_mode)) {  // a device or a pipe: nothing to rename over
        const int fd = open(target.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            result.error = cannot_write(path, errno);
            return result;
        }
        int error = write_to(fd, write, false, completed);
        if (close(fd) != 0 && error == 0) error = errno;
        if (error != 0) result.error = cannot_write(path, error);
        result.written = completed && error == 0;
        return result;
    }

    const std::size_t slash = target.rfind('/');
    const std::string directory = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
    const std::string name = slash == std::string::npos ? target : target.substr(slash + 1);
    std::string temporary = directory + "/." + name + ".XXXXXX";
    const int fd = mkstemp(temporary.data());
    if (fd < 0) {
        result.error = "cannot write '" + path + "': cannot create a file in '" + directory + "': " + std::strerror(errno);
        return result;
    }
    mode_t mode = 0;
    if (exists) mode = info.st_mode & 07777;
    else {
        const mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int error = write_to(fd, write, true, completed);
    if (error == 0 && fchmod(fd, mode) != 0) error = errno;
    if (error == 0 && completed && fsync(fd) != 0) error = errno;
    if (close(fd) != 0 && error == 0) error = errno;
    if (error == 0 && completed && rename(temporary.c_str(), target.c_str()) != 0) error = errno;
    if (error != 0 || !completed) {
        unlink(temporary.c_str());
        if (error != 0) result.error = cannot_write(path, error);
        return result;
    }
    // The rename itself reaches the disk with the directory.
    if (const int dir = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        fsync(dir);
        close(dir);
    }
    result.written = true;
    return result;
}

}  // namespace meso::cli
