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
// `text_has_no_controls`: the caller has found no control character (C0 — line breaks
// included —, DEL or C1) in the text the row's values were cut from (TextHasNoControls), so no
// value holds one and the per-item scan is skipped (the reader's common case).
void ValidateRowInto(const model::NotificationRow& row, int32_t today, uint64_t line,
                     std::vector<Issue>* issues, bool text_has_no_controls = false);

// True if `text` holds no C0 control (line breaks included), DEL or C1 control: one pass over a
// whole record instead of one per item.
bool TextHasNoControls(std::string_view text);

// True if `yyyymmdd` is eight ASCII digits naming a day of the Gregorian calendar (year ≥ 1);
// the date as a number in `*date`.
bool ParseDate(std::string_view yyyymmdd, int32_t* date);

}  // namespace ganreg::validate::internal
