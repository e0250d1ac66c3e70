// JSON text written straight into a string, without a document tree, for the answers that are
// large and of a fixed shape (a page of the notification list): building nlohmann's tree of
// ordered objects cost more than the use case behind it. The bytes are those of
// nlohmann::ordered_json::dump(-1, ' ', false, error_handler_t::replace) for the same values
// written in the same order (RFC 8259: `"` `\` and control characters escaped, other UTF-8 as
// it is; a string that is not valid UTF-8 is written by nlohmann itself, which puts U+FFFD for
// what it cannot read), so a client cannot tell the two apart. Web module only.
//
//   std::string body;
//   JsonWriter w(&body);
//   w.BeginObject();
//   w.Key("limit");
//   w.Int(50);
//   w.EndObject();  // body == R"({"limit":50})"
//
// The caller writes a well-formed sequence (a key before each member's value, every Begin
// closed); the writer adds the commas and checks nothing else. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ganreg::web::internal {

// Appends `s` to `out` as a JSON string, quotes included.
void AppendJsonString(std::string* out, std::string_view s);

class JsonWriter {
 public:
  // Appends to `*out`, which must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // A member's name; its value follows.
  void Key(std::string_view name);
  void String(std::string_view v);
  void Int(int64_t v);
  void Bool(bool v);
  void Null();

 private:
  void Separate() {
    if (need_comma_) out_->push_back(',');
    need_comma_ = true;
  }
  void Open(char c) {
    Separate();
    out_->push_back(c);
    need_comma_ = false;
  }
  void Close(char c) {
    out_->push_back(c);
    need_comma_ = true;
  }

  std::string* out_;
  bool need_comma_ = false;  // a value or member was written at this level
};

}  // namespace ganreg::web::internal
