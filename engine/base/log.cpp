#include "engine/base/log.h"

#include <fmt/format.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace meso::log {

namespace {

// The level in force; read by enabled() on every call, so a plain global.
Level current = Level::off;
std::shared_ptr<spdlog::logger> logger;
std::ofstream log_file;  // --log-file, opened here rather than by spdlog, which would create missing directories

spdlog::level::level_enum spdlog_level(Level level)
{
    switch (level) {
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    case Level::off: return spdlog::level::off;
    }
    return spdlog::level::off;
}

}  // namespace

const char* to_string(Level level)
{
    switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::off: return "off";
    }
    return "off";
}

std::optional<Level> parse_level(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const Level level : std::array{Level::debug, Level::info, Level::warn, Level::off})
        if (lower == to_string(level)) return level;
    return std::nullopt;
}

std::optional<std::string> configure(const Settings& settings)
{
    current = Level::off;
    logger.reset();
    if (log_file.is_open()) log_file.close();
    if (settings.level == Level::off) return std::nullopt;
    if (settings.file.empty()) {
        logger = std::make_shared<spdlog::logger>("meso", std::make_shared<spdlog::sinks::stderr_sink_st>());
        // "meso: info: read plan.meso": the prefix of meso's own messages on standard error.
        logger->set_pattern("meso: %l: %v");
    }
    else {
        // Appended to, not replaced: a long-running command (meso lsp) and its restarts share one file.
        errno = 0;
        log_file.open(settings.file, std::ios::out | std::ios::app);
        if (!log_file) return "cannot open the log file '" + settings.file + "': " + (errno != 0 ? std::strerror(errno) : "unknown error");
        logger = std::make_shared<spdlog::logger>("meso", std::make_shared<spdlog::sinks::ostream_sink_st>(log_file, true));
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e meso[%P] %l: %v");
    }
    logger->set_level(spdlog_level(settings.level));
    // Every line reaches the file at once: a crash or a kill loses nothing already said.
    logger->flush_on(spdlog::level::debug);
    current = settings.level;
    return std::nullopt;
}

bool enabled(Level level) { return current != Level::off && level >= current; }

void write(Level level, std::string_view message)
{
    if (!enabled(level) || !logger) return;
    logger->log(spdlog_level(level), "{}", message);
}

std::string milliseconds(std::chrono::steady_clock::duration duration)
{
    return fmt::format("{:.1f} ms", std::chrono::duration<double, std::milli>(duration).count());
}

std::string elapsed_since(std::chrono::steady_clock::time_point start) { return milliseconds(std::chrono::steady_clock::now() - start); }

}  // namespace meso::log
