// Driving meso lsp through memory (engine/lsp/lsp.h's serve_bytes): a
// client's messages framed in, the server's messages parsed out.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/lsp/lsp.h"

namespace meso::lsp::testing {

using json = nlohmann::json;

inline std::string frame(const json& message)
{
    const std::string body = message.dump();
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

inline json request(int id, const std::string& method, json params = json::object())
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

inline json notification(const std::string& method, json params = json::object())
{
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

inline json initialize(int id = 1, bool offer_utf8 = false)
{
    json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}};
    if (offer_utf8) params["capabilities"]["general"]["positionEncodings"] = {"utf-8", "utf-16"};
    return request(id, "initialize", params);
}

inline json open(const std::string& uri, const std::string& text, int version = 1)
{
    return notification("textDocument/didOpen",
                        {{"textDocument", {{"uri", uri}, {"languageId", "meso"}, {"version", version}, {"text", text}}}});
}

inline json at(const std::string& uri, unsigned line, unsigned character)
{
    return {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}};
}

// The server's messages, in order; a body that is not JSON fails the parse.
inline std::vector<json> replies(const std::string& bytes)
{
    std::vector<json> out;
    std::size_t at = 0;
    while (true) {
        const std::size_t header = bytes.find("Content-Length: ", at);
        if (header == std::string::npos) break;
        const std::size_t blank = bytes.find("\r\n\r\n", header);
        const std::size_t length = std::stoul(bytes.substr(header + 16, blank - header - 16));
        out.push_back(json::parse(bytes.substr(blank + 4, length)));
        at = blank + 4 + length;
    }
    return out;
}

// The first diagnostic of severity error, or null.
inline json first_error(const json& diagnostics)
{
    for (const auto& d : diagnostics)
        if (d["severity"] == 1) return d;
    return nullptr;
}

// Runs the messages through a server whose cache is a fresh folder.
struct Session {
    std::filesystem::path cache = std::filesystem::temp_directory_path() / ("meso-lsp-test-" + std::to_string(::getpid()));
    std::vector<json> out;
    int status = -1;

    std::vector<json> run(const std::vector<json>& messages, const std::string& raw_after = "")
    {
        std::string bytes;
        for (const auto& m : messages) bytes += frame(m);
        bytes += raw_after;
        ServerOptions options;
        options.cache_dir = cache.string();
        out = replies(serve_bytes(bytes, options));
        return out;
    }
    // The answer to request `id`.
    json answer(int id) const
    {
        for (const auto& m : out)
            if (m.contains("id") && m["id"] == id) return m;
        return nullptr;
    }
    // The last diagnostics published for `uri`.
    json diagnostics(const std::string& uri) const
    {
        json last;
        for (const auto& m : out)
            if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) last = m["params"]["diagnostics"];
        return last;
    }
};

// The program both lsp test files ask about: an athlete whose name is not
// ASCII, a template and two blocks.
inline const std::string zoe_plan = R"(use std.templates

athlete "Zoë" {
  max squat 100 kg
  max bench-press 80 kg
}

template strong "Strong" {
  method strength
  days mon thu
  squat 5x5 @ 80%
}

program "Spring" for "Zoë" {
  start 2027-01-04
  timezone Europe/Berlin
  2 weeks strong
  then 1 week deload
}
)";

}  // namespace meso::lsp::testing
