// The item and cross-item rules of docs/formats/notification-csv.md, appending to a caller's
// issue list so that the reader can reuse one list for every row.
#pragma once

#include <cstdint>
#include <vector>

#include "model/notification.h"
#include "validate/notification_reader.h"

namespace ganreg::validate::internal {

// Appends the problems of `row` to `issues` (item rules in column order, then cross-item rules).
// Allocates nothing for a valid row.
void ValidateRowInto(const model::NotificationRow& row, int32_t today, uint64_t line,
                     std::vector<Issue>* issues);

// True if `yyyymmdd` is eight ASCII digits naming a day of the Gregorian calendar (year ≥ 1);
// the date as a number in `*date`.
bool ParseDate(std::string_view yyyymmdd, int32_t* date);

}  // namespace ganreg::validate::internal
