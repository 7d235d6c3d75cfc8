#include "engine/cli/program_files.h"

#include <algorithm>
#include <filesystem>

#include "engine/cli/commands.h"

namespace meso::cli {

namespace {

namespace fs = std::filesystem;

bool hidden(const fs::path& path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

// The .meso files below `directory`, sorted; false when it cannot be walked (said).
bool walk(const std::string& directory, std::vector<std::string>& found)
{
    std::error_code error;
    fs::recursive_directory_iterator it(directory, fs::directory_options::none, error), end;
    for (; !error && it != end; it.increment(error)) {
        if (hidden(it->path())) {
            std::error_code type_error;
            if (it->is_directory(type_error)) it.disable_recursion_pending();  // .git: not a program's place
            continue;
        }
        std::error_code type_error;
        if (it->is_regular_file(type_error) && it->path().extension() == ".meso") found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    if (error) {
        print_error("cannot read the directory '" + directory + "': " + error.message());
        return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> program_files(const std::vector<std::string>& arguments, bool& failed)
{
    std::vector<std::string> files;
    for (const auto& argument : arguments) {
        std::error_code error;
        if (argument == "-" || !fs::is_directory(argument, error)) {
            files.push_back(argument);
            continue;
        }
        std::vector<std::string> found;
        if (!walk(argument, found)) failed = true;
        else if (found.empty()) {
            print_error("no .meso file under '" + argument + "'");
            failed = true;
        }
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace meso::cli
