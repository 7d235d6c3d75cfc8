// What meso does, said on request (docs/commands.md, "Seeing what meso
// does"): the files read, the rule sets in force and where they came from,
// each stage's time and counts. Off by default; when on, the lines go to
// standard error (or a --log-file), never to standard output, so that what
// a command prints stays the same byte for byte.
//
//   log::configure({log::Level::info, ""});             // main.cpp, once
//   if (log::enabled(log::Level::debug)) log::write(log::Level::debug, "planned " + ...);
//
// A tiny wrapper of spdlog, so that no stage's header includes it. When
// logging is off, enabled() is one load of a global: build a message only
// behind it. What can go wrong: a log file that cannot be opened
// (configure's error); a bad MESO_LOG value (parse_level says so).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace meso::log {

// Most to least said; off says nothing.
enum class Level { debug, info, warn, off };

// "debug", "info", "warn", "off" (the values of MESO_LOG).
const char* to_string(Level level);

// The level MESO_LOG names, or nullopt for a value that names none
// (upper case is accepted: MESO_LOG=DEBUG).
std::optional<Level> parse_level(std::string_view text);

struct Settings {
    Level level = Level::off;
    std::string file;  // "" for standard error; else appended to, a line per message with its time and process id
};

// Sets the level and the destination. An empty optional when done, else
// why the log file cannot be opened (logging then stays off).
std::optional<std::string> configure(const Settings& settings);

// True when messages at `level` are written. Cheap: build messages behind it.
bool enabled(Level level);

// Writes `message` at `level` when enabled.
void write(Level level, std::string_view message);

// A time taken, as "12.3 ms", for per-stage timings; and the time since `start`.
std::string milliseconds(std::chrono::steady_clock::duration duration);
std::string elapsed_since(std::chrono::steady_clock::time_point start);

}  // namespace meso::log
