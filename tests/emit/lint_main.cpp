// ical_lint FILE...: the byte lint of tests/emit/lint.h over calendars; exit 1 on any problem.
#include <fstream>
#include <iostream>
#include <iterator>

#include "tests/emit/lint.h"

int main(int argc, char** argv)
{
    int status = argc > 1 ? 0 : 2;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::cerr << argv[i] << ": cannot read\n";
            status = 1;
            continue;
        }
        const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const auto problems = meso::test::lint_calendar(bytes);
        for (const auto& p : problems) std::cerr << argv[i] << ": " << p << "\n";
        if (!problems.empty()) status = 1;
        else std::cout << "lint ok: " << argv[i] << "\n";
    }
    return status;
}
