// Result<T>: a value or a non-OK Status (Abseil's StatusOr, GCC 12 has no std::expected).
#pragma once

#include <optional>
#include <utility>

#include "core/status.h"

namespace ganreg {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    GANREG_CHECK(!status_.ok());  // an OK Result must carry a value
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  T& value() & { GANREG_CHECK(ok()); return *value_; }
  const T& value() const& { GANREG_CHECK(ok()); return *value_; }
  T value() && { GANREG_CHECK(ok()); return std::move(*value_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace ganreg
