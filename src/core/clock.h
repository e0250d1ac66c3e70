// Clock: the seam through which all time enters, so that "every 60 days" and "every April"
// rules are testable. Times are UTC seconds since the Unix epoch; dates are Japan-local (JST).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace ganreg {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01T00:00:00Z.
  virtual int64_t NowSeconds() const = 0;

  // The real clock; thread-safe.
  static const Clock& System();
};

// A clock set by tests (and by GANREG_FAKE_NOW for end-to-end tests of time rules).
class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_; }
  void Set(int64_t now) { now_ = now; }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  int64_t now_;
};

// "2026-11-25T13:45:00Z".
std::string FormatUtc(int64_t seconds);
// The calendar date in Japan (UTC+9) as yyyymmdd, e.g. 20261125.
int32_t JapanDate(int64_t seconds);

}  // namespace ganreg
