#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "engine/resolve/resolve.h"

namespace meso::resolving {

namespace {

std::string size_text(std::uintmax_t bytes)
{
    return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// Closes the descriptor it opened (never standard input).
struct Descriptor {
    int fd = -1;
    bool owned = false;
    ~Descriptor()
    {
        if (owned && fd >= 0) ::close(fd);
    }
};

}  // namespace

ReadResult read_source(const std::string& path, std::size_t max_bytes)
{
    const bool standard_input = path == "-";
    const std::string name = standard_input ? "<stdin>" : path;
    ReadResult result;
    auto fail = [&](std::string message) {
        result.error = std::move(message);
        return result;
    };
    auto cannot_read = [&](const std::string& why) { return fail("cannot read '" + name + "': " + why); };
    auto too_large = [&](const std::string& size) {
        return fail("'" + name + "' is " + size + "; meso reads files of at most " + size_text(max_bytes));
    };

    Descriptor file;
    if (standard_input) { file.fd = STDIN_FILENO; }
    else {
        file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        file.owned = true;
        if (file.fd < 0) return cannot_read(std::strerror(errno));
    }
    // Checked on the descriptor that is read, so the answer is about that file.
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) return cannot_read(std::strerror(errno));
    if (S_ISDIR(info.st_mode)) return cannot_read("it is a directory");
    std::string text;
    if (S_ISREG(info.st_mode)) {
        const auto size = static_cast<std::uintmax_t>(info.st_size);
        if (size > max_bytes) return too_large(size_text(size));  // before a byte is read
        text.reserve(static_cast<std::size_t>(size));
    }
    // A pipe, a device or a file that grows has no size to check first: it
    // is read up to one byte past the bound, never further.
    char buffer[65536];
    for (;;) {
        const std::size_t want = std::min(sizeof buffer, max_bytes - text.size() + 1);
        const ssize_t n = ::read(file.fd, buffer, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            return cannot_read(std::strerror(errno));
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > max_bytes) return too_large("larger than " + size_text(max_bytes));
    }
    result.source = Source{name, std::move(text)};
    return result;
}

}  // namespace meso::resolving
