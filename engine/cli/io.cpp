#include "engine/cli/io.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sys/stat.h>

namespace meso::cli {

ReadResult read_source(const std::string& path, std::size_t max_bytes)
{
    ReadResult result;
    auto too_large = [&](std::size_t size) {
        result.error = "'" + path + "' is " + std::to_string(size >> 20) + " MiB; meso reads files of at most " +
                       std::to_string(max_bytes >> 20) + " MiB";
    };
    if (path == "-") {
        std::string text;
        char buffer[65536];
        while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
            text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
            if (text.size() > max_bytes) {
                too_large(text.size());
                return result;
            }
        }
        result.source = Source{"<stdin>", std::move(text)};
        return result;
    }
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
        result.error = "cannot read '" + path + "': " + std::strerror(errno);
        return result;
    }
    if (S_ISDIR(info.st_mode)) {
        result.error = "cannot read '" + path + "': it is a directory";
        return result;
    }
    if (S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) > max_bytes) {
        too_large(static_cast<std::size_t>(info.st_size));
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.error = "cannot read '" + path + "': " + std::strerror(errno);
        return result;
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) {  // a file that grew, or a device
            too_large(text.size());
            return result;
        }
    }
    if (in.bad()) {
        result.error = "cannot read '" + path + "': read error";
        return result;
    }
    result.source = Source{path, std::move(text)};
    return result;
}

}  // namespace meso::cli
