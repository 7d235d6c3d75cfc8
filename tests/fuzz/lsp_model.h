// The model of a meso lsp session that fuzz_lsp.cpp builds from its bytes:
// the messages it writes, framed, and what the server may answer. It keeps
// each open document's text as a client would (its own count of UTF-16
// code units, not the server's LineIndex), the text each published version
// had, and for each request id the error codes it may get; check() reads
// the server's output against it and calls meso::fuzz::violated() on the
// first thing that breaks.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace meso::fuzz::lsp {

using json = nlohmann::json;

// The fuzzer's bytes, read front to back; zeros once they are used up.
class Bytes {
public:
    explicit Bytes(std::string_view data) : data_(data) {}
    bool empty() const { return at_ >= data_.size(); }
    std::uint8_t byte() { return empty() ? 0 : static_cast<std::uint8_t>(data_[at_++]); }
    // Mostly small (a line or a character near the text), sometimes any 32 bits.
    std::uint32_t number();
    // Up to `max` bytes, as many as a length byte says.
    std::string text(std::size_t max);
    // A range's start and end: line, character, line, character.
    json range();

private:
    std::string_view data_;
    std::size_t at_ = 0;
};

// What a request may get: a result, and which error codes.
struct Expected {
    std::string method;
    bool result_allowed = true;
    std::set<int> codes;
    std::string uri;   // the document it asks about, if any
    std::string text;  // that document's text when it was asked
    bool after_exit = false;
};

class Model {
public:
    explicit Model(std::string_view input) : input_(input) {}

    void initialize(std::uint8_t choice);
    void open(const std::string& uri, const std::string& text);
    void change_all(const std::string& uri, const std::string& text);
    void change_range(const std::string& uri, const json& range, const std::string& text);
    void close(const std::string& uri);
    void feature(const std::string& method, const std::string& uri, const json& range, std::uint8_t choice);
    void cancel(std::uint8_t choice);
    void unknown(const std::string& uri, std::uint8_t choice);
    void not_json(const std::string& bytes);
    void wrong_types(const std::string& method, const std::string& uri, std::uint8_t choice);
    void shutdown();
    void exit();
    // A last frame whose headers end the session.
    void broken_frame(std::uint8_t choice, const std::string& garbage);

    const std::string& bytes() const { return bytes_; }
    void check(const std::string& output) const;

private:
    json next_id(bool as_string);
    void send(const json& message);
    void send_request(const json& id, Expected expected);
    Expected expect(const std::string& method, const std::string& uri) const;
    bool serving() const { return initialized_ && !shut_down_ && !exited_; }
    void published(const std::string& uri, const std::string& text);
    std::uint32_t offset(const std::string& text, const json& position) const;

    void check_message(const json& message, std::map<std::string, int>& answered, int& null_ids) const;
    void check_answer(const json& message, const Expected& expected) const;
    void check_diagnostics(const json& params) const;
    void check_formatting(const json& edits, const Expected& expected) const;
    void check_range(const json& range, const std::string& text, const std::string& what) const;

    std::string_view input_;
    std::string bytes_;
    bool utf8_ = false, initialized_ = false, shut_down_ = false, exited_ = false;
    int ids_ = 0;
    long long version_ = 0;
    std::map<std::string, std::string> open_;                            // uri -> text
    std::map<std::pair<std::string, long long>, std::string> versions_;  // (uri, version) -> its text
    std::map<std::string, Expected> requests_;                           // id, as JSON text
    std::set<std::string> cancelled_;                                    // ids, as JSON text
    std::set<std::string> cancellable_;                                  // the ids of feature requests
    int null_ids_min_ = 0, null_ids_max_ = 0;                            // answers to what had no usable id
    std::set<std::string> sent_after_exit_;                              // document URIs
};

}  // namespace meso::fuzz::lsp
