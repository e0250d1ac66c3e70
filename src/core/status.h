// Status: the outcome of an operation that can fail, as a value.
// Codes follow Abseil's canonical set; the one door (app/) maps each code to an audit outcome,
// an HTTP status and a CLI exit code in one place.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace ganreg {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's request is malformed (usage errors, bad options)
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // creating something that is there already
  kPermissionDenied,    // an authenticated actor may not do this
  kUnauthenticated,     // no valid credentials (wrong password, locked account)
  kFailedPrecondition,  // the system is not in a state that allows this (expired password, …)
  kRejected,            // input was read and refused (a file that is not a notification file)
  kAborted,             // a concurrent change; retry
  kDataLoss,            // corruption or tampering found
  kUnavailable,         // a resource could not be reached (file system, database busy)
  kInternal,            // an invariant broke; a bug
};

std::string_view StatusCodeName(StatusCode code);

// A Status is either OK or a code with a message that says what, where and why.
// Thread-safe for concurrent reads; copyable and cheap to move.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Rejected(std::string m) { return {StatusCode::kRejected, std::move(m)}; }
  static Status Aborted(std::string m) { return {StatusCode::kAborted, std::move(m)}; }
  static Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "PERMISSION_DENIED: message" (or "OK").
  std::string ToString() const;

  // Returns a copy whose message is `prefix: message`; OK stays OK.
  Status WithContext(std::string_view prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace ganreg

#define GANREG_STATUS_CONCAT_INNER_(a, b) a##b
#define GANREG_STATUS_CONCAT_(a, b) GANREG_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define GANREG_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    ::ganreg::Status ganreg_status_ = (expr);         \
    if (!ganreg_status_.ok()) return ganreg_status_;  \
  } while (0)

// Evaluates `rexpr` (a Result<T>); on error returns its Status, else moves the value into `lhs`.
#define GANREG_ASSIGN_OR_RETURN(lhs, rexpr) \
  GANREG_ASSIGN_OR_RETURN_IMPL_(GANREG_STATUS_CONCAT_(ganreg_result_, __LINE__), lhs, rexpr)
#define GANREG_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return std::move(tmp).status();       \
  lhs = std::move(tmp).value()

// Always-on check for security-relevant invariants (a nonce reused, a key of the wrong length).
#define GANREG_CHECK(cond)                                              \
  do {                                                                  \
    if (!(cond)) ::ganreg::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (0)

namespace ganreg::internal {
[[noreturn]] void CheckFailed(const char* cond, const char* file, int line);
}  // namespace ganreg::internal
