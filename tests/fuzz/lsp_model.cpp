#include "tests/fuzz/lsp_model.h"

#include <algorithm>
#include <vector>

#include "grammar/parse.h"
#include "tests/fuzz/invariants.h"

namespace meso::fuzz::lsp {

namespace {

const std::set<std::string> features = {"textDocument/hover",         "textDocument/completion", "textDocument/definition",
                                        "textDocument/formatting",    "textDocument/codeAction", "textDocument/inlayHint",
                                        "textDocument/documentSymbol"};

const std::string after_exit_uri = "file:///meso-fuzz-lsp/after-exit.meso";

// The text as JSON carries it: what is not UTF-8 becomes U+FFFD, as a
// client's editor would have it.
std::string as_utf8(const std::string& text)
{
    return json::parse(json(text).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
}

json notification(const std::string& method, json params)
{
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A line's length as positions count it.
std::uint32_t line_length(std::string_view line, bool utf8)
{
    if (utf8) return static_cast<std::uint32_t>(line.size());
    std::uint32_t units = 0;
    for (const char c : line)
        if (!is_continuation(c)) units += (static_cast<unsigned char>(c) & 0xF8) == 0xF0 ? 2 : 1;
    return units;
}

std::vector<std::string_view> lines_of(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return lines;
        start = end + 1;
    }
}

}  // namespace

std::uint32_t Bytes::number()
{
    const std::uint8_t small = byte();
    if (small < 224) return small % 32;
    std::uint32_t any = 0;
    for (int i = 0; i < 4; ++i) any = any << 8 | byte();
    return any;
}

std::string Bytes::text(std::size_t max)
{
    std::size_t length = byte();
    length = length << 8 | byte();
    length = std::min({length, max, data_.size() - std::min(at_, data_.size())});
    std::string out(data_.substr(at_, length));
    at_ += length;
    return out;
}

json Bytes::range()
{
    json start = {{"line", number()}, {"character", number()}};
    json end = {{"line", number()}, {"character", number()}};
    return {{"start", std::move(start)}, {"end", std::move(end)}};
}

json Model::next_id(bool as_string)
{
    ++ids_;
    return as_string ? json("r" + std::to_string(ids_)) : json(ids_);
}

void Model::send(const json& message)
{
    const std::string body = message.dump();
    bytes_ += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void Model::send_request(const json& id, Expected expected) { requests_[id.dump()] = std::move(expected); }

Expected Model::expect(const std::string& method, const std::string& uri) const
{
    Expected e;
    e.method = method;
    e.uri = uri;
    if (exited_) {
        e.after_exit = true;
        return e;
    }
    e.result_allowed = false;
    if (!initialized_) {
        e.result_allowed = method == "initialize";
        if (!e.result_allowed) e.codes = {-32002};  // ServerNotInitialized
        return e;
    }
    if (shut_down_ || method == "initialize") {
        e.codes = {-32600};  // InvalidRequest
        return e;
    }
    e.result_allowed = true;
    if (features.count(method) == 0) return e;
    if (const auto found = open_.find(uri); found != open_.end()) e.text = found->second;
    else {
        e.result_allowed = false;
        e.codes = {-32602};  // InvalidParams: no such document
    }
    return e;
}

void Model::published(const std::string& uri, const std::string& text)
{
    open_[uri] = text;
    versions_[{uri, version_}] = text;
}

std::uint32_t Model::offset(const std::string& text, const json& position) const
{
    const auto line = position.at("line").get<std::uint32_t>(), character = position.at("character").get<std::uint32_t>();
    std::size_t start = 0;
    for (std::uint32_t l = 0; l < line; ++l) {
        const std::size_t newline = text.find('\n', start);
        if (newline == std::string::npos) return static_cast<std::uint32_t>(text.size());
        start = newline + 1;
    }
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (utf8_) return static_cast<std::uint32_t>(std::min<std::size_t>(start + character, end));
    std::uint32_t units = 0;
    std::size_t i = start;
    while (i < end && units < character) {
        units += (static_cast<unsigned char>(text[i]) & 0xF8) == 0xF0 ? 2 : 1;
        ++i;
        while (i < end && is_continuation(text[i])) ++i;
    }
    return static_cast<std::uint32_t>(i);
}

void Model::initialize(std::uint8_t choice)
{
    static const json offers[] = {nullptr, json::array({"utf-8", "utf-16"}), json::array({"utf-16"}), json::array({"utf-8"})};
    const json& offer = offers[choice % std::size(offers)];
    json params = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}};
    if (!offer.is_null()) params["capabilities"]["general"]["positionEncodings"] = offer;
    const json id = next_id(choice >= 128);
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", "initialize"}, {"params", params}});
    send_request(id, expect("initialize", ""));
    if (exited_ || initialized_) return;
    initialized_ = true;
    utf8_ = offer.is_array() && std::find(offer.begin(), offer.end(), "utf-8") != offer.end();
}

void Model::open(const std::string& uri, const std::string& fuzzed)
{
    const std::string text = as_utf8(fuzzed), target = exited_ ? after_exit_uri : uri;
    ++version_;
    send(notification("textDocument/didOpen",
                      {{"textDocument", {{"uri", target}, {"languageId", "meso"}, {"version", version_}, {"text", text}}}}));
    if (serving()) published(uri, text);
}

void Model::change_all(const std::string& uri, const std::string& fuzzed)
{
    const std::string text = as_utf8(fuzzed);
    ++version_;
    send(notification("textDocument/didChange",
                      {{"textDocument", {{"uri", uri}, {"version", version_}}}, {"contentChanges", {{{"text", text}}}}}));
    if (serving() && open_.count(uri) > 0) published(uri, text);
}

void Model::change_range(const std::string& uri, const json& range, const std::string& fuzzed)
{
    const std::string text = as_utf8(fuzzed);
    ++version_;
    send(notification("textDocument/didChange",
                      {{"textDocument", {{"uri", uri}, {"version", version_}}}, {"contentChanges", {{{"range", range}, {"text", text}}}}}));
    if (!serving() || open_.count(uri) == 0) return;
    std::string document = open_.at(uri);
    const std::uint32_t begin = offset(document, range["start"]), end = std::max(begin, offset(document, range["end"]));
    document.replace(begin, end - begin, text);
    published(uri, document);
}

void Model::close(const std::string& uri)
{
    send(notification("textDocument/didClose", {{"textDocument", {{"uri", uri}}}}));
    if (serving()) open_.erase(uri);
}

void Model::feature(const std::string& method, const std::string& uri, const json& range, std::uint8_t choice)
{
    json params = {{"textDocument", {{"uri", uri}}}, {"position", range["start"]}};
    if (method == "textDocument/codeAction") params["context"] = {{"diagnostics", json::array()}};
    if (method == "textDocument/codeAction" || method == "textDocument/inlayHint") params["range"] = range;
    if (method == "textDocument/formatting") params["options"] = {{"tabSize", 2}, {"insertSpaces", true}};
    const json id = next_id(choice % 2 == 1);
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    send_request(id, expect(method, uri));
    cancellable_.insert(id.dump());
}

void Model::cancel(std::uint8_t choice)
{
    json id = 1000000 + choice;  // an id never sent
    if (choice < 192 && !cancellable_.empty())
        id = json::parse(*std::next(cancellable_.begin(), static_cast<std::ptrdiff_t>(choice % cancellable_.size())));
    send(notification("$/cancelRequest", {{"id", id}}));
    cancelled_.insert(id.dump());
}

void Model::unknown(const std::string& uri, std::uint8_t choice)
{
    static const char* const methods[] = {"textDocument/rename", "meso/unknown", "$/setTrace", "workspace/didChangeConfiguration"};
    const std::string method = methods[choice % std::size(methods)];
    const json params = {{"textDocument", {{"uri", uri}}}};
    if (choice % 4 >= 2) {  // a notification: no answer, whatever it says
        send(notification(method, params));
        return;
    }
    const json id = next_id(choice >= 128);
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    Expected e = expect(method, uri);
    if (serving()) {
        e.result_allowed = false;
        e.codes = {-32601};  // MethodNotFound
    }
    send_request(id, e);
}

void Model::not_json(const std::string& fuzzed)
{
    // "[" first: never a request (a batch is not one); a ParseError or an InvalidRequest.
    const std::string body = "[" + fuzzed;
    bytes_ += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    if (!exited_) ++null_ids_min_, ++null_ids_max_;
}

void Model::wrong_types(const std::string& method, const std::string& uri, std::uint8_t choice)
{
    json message = {{"jsonrpc", "2.0"}, {"method", method}, {"params", {{"textDocument", {{"uri", uri}}}}}};
    json id = next_id(choice >= 128);
    switch (choice % 8) {
    case 0: message["params"] = json::array({1, 2}); break;
    case 1: message["params"]["textDocument"] = 5; break;
    case 2: message["params"]["textDocument"]["uri"] = 5; break;
    case 3: message["params"]["position"] = {{"line", -1}, {"character", "x"}}; break;
    case 4: message["params"]["position"] = {{"line", 1.5}, {"character", 0}}, message["params"]["range"] = {{"start", 5}}; break;
    case 5: id = {{"not", "an id"}}; break;
    case 6: id = choice % 2 == 0 ? json(true) : json(1.5); break;
    default: message["method"] = 42; break;
    }
    message["id"] = id;
    send(message);
    if (!id.is_number_integer() && !id.is_string()) {  // InvalidRequest, to no id
        if (!exited_) ++null_ids_min_, ++null_ids_max_;
        return;
    }
    Expected e = expect(method, uri);
    if (message["method"].is_number() && !exited_) {
        e.result_allowed = false;
        e.codes = {-32600};
    }
    else if (serving()) {
        e.result_allowed = true;  // the parts that are right may be enough
        e.codes = {-32602};
    }
    send_request(id, e);
}

void Model::shutdown()
{
    const json id = next_id(false);
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", "shutdown"}});
    send_request(id, expect("shutdown", ""));
    if (serving()) shut_down_ = true;
}

void Model::exit()
{
    send(notification("exit", json::object()));
    exited_ = true;
}

void Model::broken_frame(std::uint8_t choice, const std::string& garbage)
{
    std::string line = garbage;
    line.erase(std::remove_if(line.begin(), line.end(), [](char c) { return c == '\r' || c == '\n'; }), line.end());
    switch (choice % 6) {
    case 0: bytes_ += "Content-Length: x" + line + "\r\n\r\n{}"; break;
    case 1: bytes_ += "Content-Type: text/plain" + line + "\r\n\r\n{}"; break;
    case 2: bytes_ += "Content-Length: 1000\r\n\r\n{\"jsonrpc\":" + line; break;
    case 3: bytes_ += "Content-Length: 999999999999\r\n\r\n{}"; break;
    case 4: bytes_ += "no colon" + line + "\r\n\r\n{}"; break;
    default:  // a length too short: the rest of the body is read as headers
        bytes_ += "Content-Length: 3\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";
        if (!exited_) ++null_ids_min_, ++null_ids_max_;
        break;
    }
}

void Model::check(const std::string& output) const
{
    std::map<std::string, int> answered;
    int null_ids = 0;
    const std::string header = "Content-Length: ";
    for (std::size_t at = 0; at < output.size();) {
        const std::size_t blank = output.find("\r\n\r\n", at);
        if (output.compare(at, header.size(), header) != 0 || blank == std::string::npos)
            violated("a message of the server without its Content-Length header", input_);
        const std::size_t length = std::stoul(output.substr(at + header.size(), blank - at - header.size()));
        if (blank + 4 + length > output.size()) violated("a message of the server shorter than its Content-Length", input_);
        const json message = json::parse(output.substr(blank + 4, length), nullptr, false);
        if (message.is_discarded() || !message.is_object() || message.value("jsonrpc", "") != "2.0")
            violated("a message of the server that is not JSON-RPC 2.0: " + output.substr(blank + 4, std::min<std::size_t>(length, 200)),
                     input_);
        check_message(message, answered, null_ids);
        at = blank + 4 + length;
    }
    for (const auto& [id, expected] : requests_)
        if (!expected.after_exit && answered.count(id) == 0)
            violated("the request " + id + " (" + expected.method + ") got no answer", input_);
    if (null_ids < null_ids_min_ || null_ids > null_ids_max_)
        violated(std::to_string(null_ids) + " errors without an id, for " + std::to_string(null_ids_min_) + " messages without a usable id",
                 input_);
}

void Model::check_message(const json& message, std::map<std::string, int>& answered, int& null_ids) const
{
    if (message.contains("method")) {
        if (message["method"] != "textDocument/publishDiagnostics") violated("the server sent " + message["method"].dump(), input_);
        check_diagnostics(message.at("params"));
        return;
    }
    const json id = message.value("id", json());
    const auto expected = requests_.find(id.dump());
    if (expected == requests_.end()) {
        if (!id.is_null()) violated("an answer to the id " + id.dump() + ", never sent", input_);
        if (!message.contains("error")) violated("a result to no request", input_);
        ++null_ids;
        return;
    }
    if (++answered[id.dump()] > 1) violated("the request " + id.dump() + " was answered twice", input_);
    if (expected->second.after_exit) violated("an answer to " + id.dump() + ", sent after exit", input_);
    check_answer(message, expected->second);
}

void Model::check_answer(const json& message, const Expected& expected) const
{
    const std::string what = "the answer to " + message["id"].dump() + " (" + expected.method + ")";
    if (message.contains("result") == message.contains("error")) violated(what + " has both or neither of result and error", input_);
    if (message.contains("result")) {
        if (!expected.result_allowed) violated(what + " is a result; expected an error", input_);
        // No edit for a text with a syntax error: fmt leaves it alone.
        if (expected.method == "textDocument/formatting" && !message["result"].empty()) check_formatting(message["result"], expected);
        return;
    }
    const json& error = message["error"];
    if (!error.is_object() || !error.value("code", json()).is_number_integer() || !error.value("message", json()).is_string())
        violated(what + " is an error without a code and a message", input_);
    const int code = error["code"];
    if (expected.codes.count(code) == 0 && !(code == -32800 && cancelled_.count(message["id"].dump()) > 0))
        violated(what + " is the error " + std::to_string(code) + ": " + error["message"].get<std::string>(), input_);
}

void Model::check_range(const json& range, const std::string& text, const std::string& what) const
{
    const auto lines = lines_of(text);
    const auto at = [&](const char* end) {
        const json& p = range.at(end);
        const auto line = p.at("line").get<std::uint32_t>(), character = p.at("character").get<std::uint32_t>();
        if (line >= lines.size() || character > line_length(lines[line], utf8_))
            violated(what + ": " + range.dump() + " is outside the document's " + std::to_string(lines.size()) + " lines", input_);
        return std::pair(line, character);
    };
    if (at("end") < at("start")) violated(what + ": " + range.dump() + " ends before it starts", input_);
}

void Model::check_diagnostics(const json& params) const
{
    const std::string uri = params.at("uri");
    if (uri == after_exit_uri) violated("diagnostics of a document opened after exit", input_);
    if (!params.contains("version")) return;  // a used file's, or a closed document's
    const auto text = versions_.find({uri, params["version"].get<long long>()});
    if (text == versions_.end()) violated("diagnostics of " + uri + " version " + params["version"].dump() + ", never sent", input_);
    for (const auto& d : params.at("diagnostics")) check_range(d.at("range"), text->second, "a diagnostic's range");
}

void Model::check_formatting(const json& edits, const Expected& expected) const
{
    std::vector<std::pair<std::uint32_t, std::pair<std::uint32_t, std::string>>> replacements;
    for (const auto& edit : edits) {
        check_range(edit.at("range"), expected.text, "a formatting edit");
        const std::uint32_t begin = offset(expected.text, edit["range"]["start"]), end = offset(expected.text, edit["range"]["end"]);
        replacements.push_back({begin, {end, edit.at("newText").get<std::string>()}});
    }
    std::sort(replacements.rbegin(), replacements.rend());
    std::string text = expected.text;
    for (const auto& [begin, rest] : replacements) text.replace(begin, rest.first - begin, rest.second);
    const auto parsed = parse(Source{"formatted.meso", text});
    for (const auto& d : parsed.diagnostics)
        if (d.severity == Severity::error) violated("formatting's edit gives text that does not parse: " + d.message + "\n" + text, input_);
}

}  // namespace meso::fuzz::lsp
