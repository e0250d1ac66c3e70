// JSON text written straight into a string, without a document tree, for the answers that are
// large and of a fixed shape (a page of the notification list): building nlohmann's tree of
// ordered objects cost more than the use case behind it. The bytes are those of
// nlohmann::ordered_json::dump(-1, ' ', false, error_handler_t::replace) for the same values
// written in the same order (RFC 8259: `"` `\` and control characters escaped, other UTF-8 as
// it is; a string that is not valid UTF-8 is written by nlohmann itself, which puts U+FFFD for
// what it cannot read), so a client cannot tell the two apart. Web module only.
//
//   JsonWriter w;
//   w.BeginObject();
//   w.Key("limit");
//   w.Int(50);
//   w.EndObject();
//   std::string body = std::move(w).Take();  // R"({"limit":50})"
//
// The caller writes a well-formed sequence (a key before each member's value, every Begin
// closed); the writer adds the commas and checks nothing else. Not thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ganreg::web::internal {

// A member's name: a literal of the program, written as it is. It is checked when compiled to
// need no escaping (printable ASCII other than '"' and '\\'), so that writing it costs a copy.
class JsonKey {
 public:
  consteval JsonKey(const char* name) : name_(name) {  // NOLINT: implicit from a literal
    for (char c : name_) {
      if (c < 0x20 || c == '"' || c == '\\' || static_cast<unsigned char>(c) >= 0x7f) {
        throw "a JSON key literal must be printable ASCII without quote or backslash";
      }
    }
  }
  std::string_view view() const { return name_; }

 private:
  std::string_view name_;
};

class JsonWriter {
 public:
  // `expected_bytes`: room made at once (the text grows beyond it as needed).
  explicit JsonWriter(size_t expected_bytes = 256) { buf_.resize(expected_bytes); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // A member's name; its value follows.
  void Key(JsonKey name);
  void String(std::string_view v);
  void Int(int64_t v);
  void Bool(bool v);
  void Null();

  // The text written; the writer is empty afterwards.
  std::string Take() &&;

 private:
  // Makes room for n more bytes at buf_[len_] and returns where they go.
  char* Room(size_t n) {
    if (buf_.size() - len_ < n) buf_.resize(std::max(len_ + n, 2 * buf_.size()));
    return buf_.data() + len_;
  }
  void Put(char c) {
    *Room(1) = c;
    ++len_;
  }
  void Separate() {
    if (need_comma_) Put(',');
    need_comma_ = true;
  }
  void Open(char c) {
    Separate();
    Put(c);
    need_comma_ = false;
  }
  void Close(char c) {
    Put(c);
    need_comma_ = true;
  }
  void Raw(std::string_view text);
  void Quoted(std::string_view s);

  std::string buf_;  // buf_[0, len_) is the text; the rest is room
  size_t len_ = 0;
  bool need_comma_ = false;  // a value or member was written at this level
};

}  // namespace ganreg::web::internal
