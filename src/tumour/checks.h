// Data-quality checks on consolidated tumours, in the style of the IARC/IACR checks (IARCcrgTools):
// age/site/morphology, sex/site and sex/morphology, behaviour/site and behaviour/morphology,
// basis/morphology and basis/behaviour, and the dates. Each check has a stable id; the table
// with every condition is in docs/consolidation.md ("Quality checks").
//
//   for (const tumour::Flag& f : tumour::Check(record)) fmt::print("{} {}\n", f.id, f.message);
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tumour/consolidate.h"

namespace ganreg::tumour {

enum class Severity { kError, kWarning };  // error: impossible; warning: unlikely, to be looked at
std::string_view SeverityId(Severity s);   // "error", "warning"

struct Flag {
  std::string_view id;  // e.g. "sex-site"; stored in clear (it names a rule, never a value)
  Severity severity = Severity::kWarning;
  std::string message;  // with the tumour's values: shown only to holders of the clinical grant
};

// Every check that fails for `t`, in the order of the table. A missing item skips the checks
// that need it.
std::vector<Flag> Check(const TumourRecord& t);

// The ids of every check, in table order (for docs and tests).
std::vector<std::string_view> CheckIds();

}  // namespace ganreg::tumour
