// Best value per item over one tumour's notifications (docs/consolidation.md, "Consolidation"),
// and the tumour record's stored encoding.
#include "tumour/consolidate.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

namespace ganreg::tumour {

namespace {

using model::Item;

struct FieldDef {
  Field field;
  std::string_view id, label;
};
constexpr std::array<FieldDef, kFieldCount> kFields = {{
    {Field::kPrimarySite, "primary_site", "原発部位"},
    {Field::kCellType, "cell_type", "組織型"},
    {Field::kBehaviour, "behaviour", "性状"},
    {Field::kGrade, "grade", "分化度"},
    {Field::kLaterality, "laterality", "側性"},
    {Field::kDiagnosisDate, "diagnosis_date", "診断日"},
    {Field::kBasisOfDiagnosis, "basis_of_diagnosis", "診断根拠"},
    {Field::kDiscoveryRoute, "discovery_route", "発見経緯"},
    {Field::kExtentBefore, "extent_before_treatment", "進展度_治療前"},
    {Field::kExtentAfterSurgery, "extent_after_surgery", "進展度_術後病理学的"},
    {Field::kSurgery, "surgery", "外科的治療"},
    {Field::kScopicSurgery, "scopic_surgery", "鏡視下治療"},
    {Field::kEndoscopicTreatment, "endoscopic_treatment", "内視鏡的治療"},
    {Field::kTreatmentExtent, "treatment_extent", "観血的治療の範囲"},
    {Field::kRadiotherapy, "radiotherapy", "放射線療法"},
    {Field::kChemotherapy, "chemotherapy", "化学療法"},
    {Field::kEndocrineTherapy, "endocrine_therapy", "内分泌療法"},
    {Field::kOtherTreatment, "other_treatment", "その他の治療"},
    {Field::kDeathDate, "death_date", "死亡日"},
    {Field::kSex, "sex", "性別"},
    {Field::kAgeAtDiagnosis, "age_at_diagnosis", "診断時年齢"},
    {Field::kFirstHospital, "first_hospital", "最初に診断した医療機関"},
}};

bool IsDate(std::string_view s) {
  return s.size() == 8 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The value with the highest rank (rank 0 = not a candidate); ties to the earlier source.
Value Best(std::span<const Source> sources, Item item,
           const std::function<int(std::string_view)>& rank) {
  Value best;
  int best_rank = 0;
  for (const Source& s : sources) {
    const std::string& v = s.row[item];
    const int r = rank(v);
    if (r > best_rank) {
      best_rank = r;
      best = {v, s.key_no};
    }
  }
  return best;
}

// Rank of a value by its position in `order` (earlier = better); 0 if not listed.
std::function<int(std::string_view)> Prefer(std::vector<std::string_view> order) {
  return [order = std::move(order)](std::string_view v) {
    for (size_t i = 0; i < order.size(); ++i) {
      if (v == order[i]) return static_cast<int>(order.size() - i);
    }
    return 0;
  };
}

int SiteRank(std::string_view site) {
  auto c = Code::Parse(site, "");
  if (!c.ok() || c->site_category < 0) return 0;
  if (c->site_category == 80) return 1;
  if (c->site_category == 76) return 2;
  if (c->site_sub == 9) return 3;  // "NOS" subsite
  if (c->site_sub == 8) return 4;  // overlapping lesion
  return 5;
}

int CellRank(int cell) {
  if (cell < 0) return 0;
  const MorphologyGroup g = MorphologyGroupOf(cell);
  if (g == MorphologyGroup::kNone || g == MorphologyGroup::kUnspecified) return 1;
  if (g == MorphologyGroup::kCarcinomaNos || g == MorphologyGroup::kHaematopoieticNos) return 2;
  return 3;
}

// Basis of diagnosis 1 (histology of the primary) is the most valid; 9 (unknown) the least.
int BasisRank(std::string_view b) {
  if (b.size() == 1 && b[0] >= '1' && b[0] <= '6') return 10 - (b[0] - '0');
  if (b == "9") return 1;
  return 0;
}

int AgeInYears(std::string_view birth, std::string_view at) {
  const int b = std::stoi(std::string(birth)), d = std::stoi(std::string(at));
  int age = d / 10000 - b / 10000;
  if (d % 10000 < b % 10000) --age;
  return age;
}

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view& in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    const auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    result |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view FieldId(Field f) { return kFields[static_cast<size_t>(f)].id; }
std::string_view FieldLabel(Field f) { return kFields[static_cast<size_t>(f)].label; }

std::string TumourRecord::Morphology() const {
  if (value(Field::kCellType).empty()) return "";
  return value(Field::kCellType) + value(Field::kBehaviour) + value(Field::kGrade);
}

bool TumourRecord::operator==(const TumourRecord& o) const {
  if (notifications != o.notifications) return false;
  for (int i = 0; i < kFieldCount; ++i) {
    if (values[i].value != o.values[i].value || values[i].source != o.values[i].source) {
      return false;
    }
  }
  return true;
}

void SortForConsolidation(std::vector<Source>& sources) {
  std::stable_sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
    const std::string& da = a.row[Item::kDiagnosisDate];
    const std::string& db = b.row[Item::kDiagnosisDate];
    const bool va = IsDate(da), vb = IsDate(db);
    if (va != vb) return va;  // a missing date last
    if (va && da != db) return da < db;
    return a.key_no < b.key_no;
  });
}

TumourRecord Consolidate(std::span<const Source> sources) {
  TumourRecord t;
  for (const Source& s : sources) t.notifications.push_back(s.key_no);
  std::sort(t.notifications.begin(), t.notifications.end());
  auto set = [&](Field f, Value v) { t.values[static_cast<size_t>(f)] = std::move(v); };

  // Diagnosis date: the earliest (item 14 is the date of the most reliable pre-treatment test;
  // over several hospitals, the first of them).
  Value date;
  for (const Source& s : sources) {
    const std::string& d = s.row[Item::kDiagnosisDate];
    if (IsDate(d) && (date.source == 0 || d < date.value)) date = {d, s.key_no};
  }
  set(Field::kDiagnosisDate, date);
  for (const Source& s : sources) {
    if (date.source != 0 && s.key_no == date.source) set(Field::kFirstHospital, {s.hospital_code, s.key_no});
  }

  // Site: the most specific (a named subsite over .8 overlapping over .9 NOS over C76 over C80).
  set(Field::kPrimarySite, Best(sources, Item::kPrimarySite, SiteRank));

  // Morphology, in three parts. Cell type: the most specific group; among equals the one with the
  // most valid basis of diagnosis; then the earlier.
  std::optional<Code> cell_code;
  int64_t cell_source = 0;
  std::string cell_basis;
  for (const Source& s : sources) {
    auto c = Code::Parse("", s.row[Item::kMorphology]);
    if (!c.ok() || c->cell < 0) continue;
    const std::string& basis = s.row[Item::kBasisOfDiagnosis];
    const bool better =
        !cell_code || CellRank(c->cell) > CellRank(cell_code->cell) ||
        (CellRank(c->cell) == CellRank(cell_code->cell) && BasisRank(basis) > BasisRank(cell_basis));
    if (better) {
      cell_code = *c;
      cell_source = s.key_no;
      cell_basis = basis;
    }
  }
  if (cell_code) {
    set(Field::kCellType, {fmt::format("{:04}", cell_code->cell), cell_source});
    // Behaviour: the highest (an invasive cancer after an in situ one of the same tumour is
    // registered as invasive).
    Value behaviour{std::to_string(cell_code->behaviour), cell_source};
    for (const Source& s : sources) {
      auto c = Code::Parse("", s.row[Item::kMorphology]);
      if (c.ok() && c->cell >= 0 && c->behaviour > behaviour.value[0] - '0') {
        behaviour = {std::to_string(c->behaviour), s.key_no};
      }
    }
    set(Field::kBehaviour, behaviour);
    // Grade: that of the cell type's notification, unless unknown (9) there and known in another
    // notification of the same cell type.
    Value grade{std::to_string(cell_code->grade), cell_source};
    if (cell_code->grade == 9) {
      for (const Source& s : sources) {
        auto c = Code::Parse("", s.row[Item::kMorphology]);
        if (c.ok() && c->cell == cell_code->cell && c->grade != 9) {
          grade = {std::to_string(c->grade), s.key_no};
          break;
        }
      }
    }
    set(Field::kGrade, grade);
  }

  set(Field::kLaterality, Best(sources, Item::kLaterality, [](std::string_view v) {
        return v == "1" || v == "2" || v == "3" || v == "7" ? 2 : v == "9" ? 1 : 0;
      }));
  // Basis: the smallest code over the whole course (item 13).
  set(Field::kBasisOfDiagnosis, Best(sources, Item::kBasisOfDiagnosis, BasisRank));
  set(Field::kDiscoveryRoute, Best(sources, Item::kDiscoveryRoute, [](std::string_view v) {
        return v == "1" || v == "3" || v == "4" || v == "8" ? 2 : v == "9" ? 1 : 0;
      }));
  // Extent: the most advanced one any hospital found; the "not known / not applicable" codes only
  // when no hospital knew it.
  set(Field::kExtentBefore,
      Best(sources, Item::kExtentBefore, Prefer({"440", "430", "420", "410", "400", "777", "499"})));
  set(Field::kExtentAfterSurgery,
      Best(sources, Item::kExtentAfterSurgery,
           Prefer({"440", "430", "420", "410", "400", "660", "777", "499"})));
  // Treatments: done at any hospital (1) over not done there (2) over unknown (9).
  const auto treatment = Prefer({"1", "2", "9"});
  set(Field::kSurgery, Best(sources, Item::kSurgery, treatment));
  set(Field::kScopicSurgery, Best(sources, Item::kScopicSurgery, treatment));
  set(Field::kEndoscopicTreatment, Best(sources, Item::kEndoscopicTreatment, treatment));
  set(Field::kRadiotherapy, Best(sources, Item::kRadiotherapy, treatment));
  set(Field::kChemotherapy, Best(sources, Item::kChemotherapy, treatment));
  set(Field::kEndocrineTherapy, Best(sources, Item::kEndocrineTherapy, treatment));
  set(Field::kOtherTreatment, Best(sources, Item::kOtherTreatment, treatment));
  set(Field::kTreatmentExtent, Best(sources, Item::kTreatmentExtent, Prefer({"1", "4", "6", "9"})));
  Value death;
  for (const Source& s : sources) {
    const std::string& d = s.row[Item::kDeathDate];
    if (IsDate(d) && (death.source == 0 || d < death.value)) death = {d, s.key_no};
  }
  set(Field::kDeathDate, death);

  // Sex and age: from the first notification that has them (identity items are read, not kept).
  set(Field::kSex, Best(sources, Item::kSex, Prefer({"1", "2"})));
  if (date.source != 0) {
    for (const Source& s : sources) {
      const std::string& birth = s.row[Item::kBirthDate];
      if (!IsDate(birth)) continue;
      set(Field::kAgeAtDiagnosis, {std::to_string(AgeInYears(birth, date.value)), s.key_no});
      break;
    }
  }
  return t;
}

// Encoding, version 1: 'T', varint count and the key numbers, then per field (kFieldCount, in
// Field order) varint length, the value bytes and the varint source key number.
std::string Encode(const TumourRecord& t) {
  std::string out;
  out.push_back('T');
  PutVarint(out, t.notifications.size());
  for (int64_t k : t.notifications) PutVarint(out, static_cast<uint64_t>(k));
  PutVarint(out, kFieldCount);
  for (const Value& v : t.values) {
    PutVarint(out, v.value.size());
    out.append(v.value);
    PutVarint(out, static_cast<uint64_t>(v.source));
  }
  return out;
}

Result<TumourRecord> Decode(std::string_view in) {
  const auto bad = [] { return Status::DataLoss("tumour record is malformed"); };
  if (in.empty() || in.front() != 'T') return bad();
  in.remove_prefix(1);
  TumourRecord t;
  uint64_t n = 0;
  if (!GetVarint(in, &n) || n > in.size()) return bad();
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = 0;
    if (!GetVarint(in, &k)) return bad();
    t.notifications.push_back(static_cast<int64_t>(k));
  }
  uint64_t fields = 0;
  if (!GetVarint(in, &fields) || fields != kFieldCount) return bad();
  for (Value& v : t.values) {
    uint64_t len = 0, source = 0;
    if (!GetVarint(in, &len) || len > in.size()) return bad();
    v.value.assign(in.substr(0, len));
    in.remove_prefix(len);
    if (!GetVarint(in, &source)) return bad();
    v.source = static_cast<int64_t>(source);
  }
  if (!in.empty()) return bad();
  return t;
}

}  // namespace ganreg::tumour
