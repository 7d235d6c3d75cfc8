// Replays inputs through the fuzz target without libFuzzer, so that the
// normal build's `make test` runs the seed corpus and every saved crash:
//
//   meso_fuzz_replay DIR_OR_FILE...
//
// Each file is fed to LLVMFuzzerTestOneInput once; a violated invariant
// aborts, which fails the test. Directories are read recursively, in
// sorted order.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            for (const auto& entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file()) files.push_back(entry.path());
        }
        else if (fs::is_regular_file(arg, ec)) files.push_back(arg);
        else {
            std::fprintf(stderr, "meso_fuzz_replay: no such file or directory: %s\n", argv[i]);
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        const std::string input = bytes.str();
        std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(), input.size());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    }
    std::printf("meso_fuzz_replay: %zu inputs replayed, every invariant held\n", files.size());
    return 0;
}
