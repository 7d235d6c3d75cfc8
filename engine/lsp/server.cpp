// The server of meso lsp (lsp.h): the session's state, the dispatch of
// each message to what answers it, and the loop that reads and writes.
#include <algorithm>
#include <deque>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "engine/base/log.h"
#include "engine/lsp/features.h"
#include "engine/lsp/lsp.h"

namespace meso::lsp {

namespace {

// A message read, or why it is not one (its body is not JSON).
struct Incoming {
    std::optional<json> message;
    std::string problem;
};

Incoming parse_body(const std::string& body)
{
    Incoming in;
    try {
        in.message = json::parse(body);
    }
    catch (const json::exception& e) {
        in.problem = std::string("the message is not JSON: ") + e.what();
    }
    return in;
}

std::string method_of(const Incoming& in)
{
    if (!in.message || !in.message->is_object()) return "";
    const auto m = in.message->find("method");
    return m != in.message->end() && m->is_string() ? m->get<std::string>() : "";
}

std::string uri_param(const json& params)
{
    if (!params.is_object() || !params.contains("textDocument") || !params["textDocument"].is_object()) return "";
    return params["textDocument"].value("uri", "");
}

json capabilities(Encoding encoding)
{
    return {{"positionEncoding", encoding == Encoding::utf8 ? "utf-8" : "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
            {"hoverProvider", true},
            {"completionProvider", {{"triggerCharacters", json::array({" ", "\""})}}},
            {"definitionProvider", true},
            {"documentSymbolProvider", true},
            {"documentFormattingProvider", true},
            {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
            {"inlayHintProvider", true}};
}

// A request's failure that is the client's: answered with `code`.
struct RequestError {
    int code;
    std::string message;
};

class Server {
public:
    explicit Server(const ServerOptions& options) : files_(options.cache_dir) {}

    // What the queue ahead says before its first message is handled: the
    // requests it cancels, and whether a later change of the same document
    // makes analysing this one's text useless (the debounce).
    void look_ahead(const std::deque<Incoming>& queue);
    void handle(const Incoming& in, std::vector<json>& out);
    bool exited() const { return exited_; }
    int exit_status() const { return shut_down_ ? 0 : 1; }

private:
    json request(const std::string& method, const json& params, std::vector<json>& out);
    void notification(const std::string& method, const json& params, std::vector<json>& out);
    json initialize(const json& params);
    void open(const json& params, std::vector<json>& out);
    void change(const json& params, std::vector<json>& out);
    void close(const json& params, std::vector<json>& out);
    void send_diagnostics(const Document& from, const std::vector<json>& notifications, std::vector<json>& out) const;
    Document& document(const json& params);
    json feature(const std::string& method, const json& params);

    Files files_;
    Encoding encoding_ = Encoding::utf16;
    std::map<std::string, Document> documents_;
    std::set<std::string> cancelled_;   // ids, as JSON text
    std::set<std::string> superseded_;  // documents with a newer change queued
    bool initialized_ = false, shut_down_ = false, exited_ = false;
};

void Server::look_ahead(const std::deque<Incoming>& queue)
{
    superseded_.clear();
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const std::string method = method_of(queue[i]);
        const json params = queue[i].message && queue[i].message->is_object() ? queue[i].message->value("params", json()) : json();
        if (method == "$/cancelRequest" && params.is_object() && params.contains("id")) cancelled_.insert(params["id"].dump());
        if (i > 0 && method == "textDocument/didChange") superseded_.insert(uri_param(params));
    }
}

void Server::handle(const Incoming& in, std::vector<json>& out)
{
    if (!in.message) {
        out.push_back(error_response(nullptr, parse_error, in.problem));
        return;
    }
    const json& message = *in.message;
    const json id = message.is_object() ? message.value("id", json()) : json();
    const bool valid_id = id.is_null() || id.is_string() || id.is_number_integer();
    const std::string method = method_of(in);
    if (!message.is_object() || method.empty() || !valid_id) {
        // A response to a request of ours (the server sends none) is ignored.
        if (message.is_object() && !message.contains("method") && (message.contains("result") || message.contains("error"))) return;
        out.push_back(error_response(valid_id ? id : json(), invalid_request, "not a JSON-RPC request or notification"));
        return;
    }
    if (log::enabled(log::Level::debug)) log::write(log::Level::debug, "lsp: " + method + (message.contains("id") ? " " + id.dump() : ""));
    const json params = message.value("params", json::object());
    if (!message.contains("id")) {
        notification(method, params, out);
        return;
    }
    if (cancelled_.erase(id.dump()) > 0) {
        out.push_back(error_response(id, request_cancelled, "the request was cancelled"));
        return;
    }
    try {
        json result = request(method, params, out);
        out.push_back({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
    }
    catch (const RequestError& e) {
        out.push_back(error_response(id, e.code, e.message));
    }
    catch (const json::exception& e) {
        out.push_back(error_response(id, invalid_params, std::string("bad parameters: ") + e.what()));
    }
    catch (const std::exception& e) {
        out.push_back(error_response(id, internal_error, std::string("internal error: ") + e.what()));
    }
}

json Server::request(const std::string& method, const json& params, std::vector<json>& out)
{
    if (method == "initialize") return initialize(params);
    if (!initialized_) throw RequestError{server_not_initialized, "the first request must be 'initialize'"};
    if (shut_down_) throw RequestError{invalid_request, "the server is shutting down: only 'exit' is expected"};
    if (method == "shutdown") {
        shut_down_ = true;
        return nullptr;
    }
    (void)out;
    return feature(method, params);
}

json Server::initialize(const json& params)
{
    if (initialized_) throw RequestError{invalid_request, "'initialize' was already sent"};
    const json offered =
        params.is_object() ? params.value("/capabilities/general/positionEncodings"_json_pointer, json::array()) : json::array();
    if (offered.is_array())
        for (const auto& encoding : offered)
            if (encoding == "utf-8") encoding_ = Encoding::utf8;
    initialized_ = true;
    return {{"capabilities", capabilities(encoding_)}, {"serverInfo", {{"name", "meso"}, {"version", MESO_VERSION}}}};
}

Document& Server::document(const json& params)
{
    const auto found = documents_.find(uri_param(params));
    if (found == documents_.end()) throw RequestError{invalid_params, "no open document '" + uri_param(params) + "'"};
    return found->second;
}

json Server::feature(const std::string& method, const json& params)
{
    static const std::set<std::string> known = {"textDocument/hover",     "textDocument/definition", "textDocument/documentSymbol",
                                                "textDocument/inlayHint", "textDocument/completion", "textDocument/formatting",
                                                "textDocument/codeAction"};
    if (known.count(method) == 0) throw RequestError{method_not_found, "meso lsp does not know the method '" + method + "'"};
    const Context context{document(params), files_, encoding_};
    if (method == "textDocument/documentSymbol") return document_symbols(context);
    if (method == "textDocument/inlayHint") return inlay_hints(context);
    if (method == "textDocument/formatting") return formatting(context);
    if (method == "textDocument/codeAction") return code_actions(context, params);
    const auto position = position_param(params);
    if (!position) throw RequestError{invalid_params, "the request needs a position"};
    if (method == "textDocument/hover") return hover(context, *position);
    if (method == "textDocument/definition") return definition(context, *position);
    return completion(context, *position);
}

void Server::notification(const std::string& method, const json& params, std::vector<json>& out)
{
    if (method == "exit") {
        exited_ = true;
        return;
    }
    if (!initialized_ || shut_down_) return;  // dropped, as the protocol says
    try {
        if (method == "textDocument/didOpen") open(params, out);
        else if (method == "textDocument/didChange") change(params, out);
        else if (method == "textDocument/didClose") close(params, out);
    }
    // A notification has no answer: what was wrong with it goes to the log.
    catch (const RequestError& e) {  // a change of a document never opened
        log::write(log::Level::warn, "lsp: " + method + ": " + e.message);
    }
    catch (const std::exception& e) {
        log::write(log::Level::warn, "lsp: " + method + ": " + e.what());
    }
}

void Server::open(const json& params, std::vector<json>& out)
{
    const json& item = params.at("textDocument");
    Document document;
    document.uri = item.at("uri").get<std::string>();
    document.path = path_of_uri(document.uri);
    document.version = item.value("version", 0LL);
    document.text = item.at("text").get<std::string>();
    // Opened again: what the last text published elsewhere is still shown.
    if (const auto open = documents_.find(document.uri); open != documents_.end())
        document.published_elsewhere = open->second.published_elsewhere;
    analyse(document);
    send_diagnostics(document, publish_diagnostics(document, files_, encoding_), out);
    documents_[document.uri] = std::move(document);
}

void Server::close(const json& params, std::vector<json>& out)
{
    const auto open = documents_.find(uri_param(params));
    if (open == documents_.end()) return;
    const Document closed = std::move(open->second);
    documents_.erase(open);
    send_diagnostics(closed, clear_diagnostics(closed), out);
}

void Server::change(const json& params, std::vector<json>& out)
{
    Document& document = this->document(params);
    for (const auto& change : params.at("contentChanges")) {
        const std::string text = change.at("text").get<std::string>();
        if (!change.contains("range")) {
            document.text = text;
            continue;
        }
        const LineIndex index(document.text, encoding_);
        const auto at = [&](const char* end) { return position_param({{"position", change["range"].at(end)}}); };
        const auto first = at("start"), last = at("end");
        if (!first || !last) throw RequestError{invalid_params, "a change's range needs a start and an end"};
        const std::uint32_t begin = index.offset(*first), end = std::max(begin, index.offset(*last));
        document.text.replace(begin, end - begin, text);
    }
    document.version = params.at("textDocument").value("version", document.version + 1);
    if (superseded_.count(document.uri) > 0) return;  // a newer text is queued: analyse that one
    analyse(document);
    send_diagnostics(document, publish_diagnostics(document, files_, encoding_), out);
}

// A used file's list emptied by one document stays while another open
// document still has diagnostics there.
void Server::send_diagnostics(const Document& from, const std::vector<json>& notifications, std::vector<json>& out) const
{
    for (const auto& notification : notifications) {
        const std::string uri = notification["params"]["uri"];
        const bool still_shown = uri != from.uri && notification["params"]["diagnostics"].empty() &&
                                 std::any_of(documents_.begin(), documents_.end(), [&](const auto& open) {
                                     return open.first != from.uri && open.second.published_elsewhere.count(uri) > 0;
                                 });
        if (!still_shown) out.push_back(notification);
    }
}

}  // namespace

int serve(std::istream& in, std::ostream& out, const ServerOptions& options)
{
    Server server(options);
    std::deque<Incoming> queue;
    bool input_ended = false;
    const auto read_one = [&] {
        Frame frame = read_frame(in);
        if (frame.body) queue.push_back(parse_body(*frame.body));
        else {
            if (!frame.framing_error.empty()) log::write(log::Level::warn, "lsp: " + frame.framing_error + "; the session ends");
            input_ended = true;
        }
    };
    while (!server.exited()) {
        if (queue.empty() && !input_ended) read_one();
        // What has already arrived is read before the first of it is
        // answered, so that a cancellation or a newer text is seen in time.
        while (!input_ended && in.rdbuf()->in_avail() > 0) read_one();
        if (queue.empty()) break;
        server.look_ahead(queue);
        std::vector<json> replies;
        server.handle(queue.front(), replies);
        queue.pop_front();
        for (const auto& reply : replies) write_frame(out, reply);
    }
    return server.exited() ? server.exit_status() : 1;
}

std::string serve_bytes(std::string_view input, const ServerOptions& options)
{
    std::istringstream in{std::string(input)};
    std::ostringstream out;
    serve(in, out, options);
    return out.str();
}

}  // namespace meso::lsp
