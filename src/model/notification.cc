// Item table of the notification layout.
#include "model/notification.h"

#include <cstdint>
#include <cstring>

namespace ganreg::model {

namespace {
using enum Item;
constexpr Part I = Part::kIdentity;
constexpr Part C = Part::kClinical;
// Remarks are stored with the identity part: the manual puts the current address there.
constexpr std::array<ItemDef, kItemCount> kItems = {{
    {kMedicalRecordNo, 2, "medical_record_no", "診療録番号", I},
    {kKanaName, 3, "kana_name", "カナ氏名", I},
    {kName, 4, "name", "氏名", I},
    {kSex, 5, "sex", "性別", I},
    {kBirthDate, 6, "birth_date", "生年月日", I},
    {kPrefectureCode, 7, "prefecture_code", "診断時住所_都道府県コード", I},
    {kAddress, 7, "address", "診断時住所", I},
    {kLaterality, 8, "laterality", "側性", C},
    {kPrimarySite, 9, "primary_site", "原発部位", C},
    {kMorphology, 10, "morphology", "病理診断", C},
    {kDiagnosingFacility, 11, "diagnosing_facility", "診断施設", C},
    {kTreatingFacility, 12, "treating_facility", "治療施設", C},
    {kBasisOfDiagnosis, 13, "basis_of_diagnosis", "診断根拠", C},
    {kDiagnosisDate, 14, "diagnosis_date", "診断日", C},
    {kDiscoveryRoute, 15, "discovery_route", "発見経緯", C},
    {kExtentBefore, 16, "extent_before_treatment", "進展度_治療前", C},
    {kExtentAfterSurgery, 17, "extent_after_surgery", "進展度_術後病理学的", C},
    {kSurgery, 18, "surgery", "外科的治療の有無", C},
    {kScopicSurgery, 19, "scopic_surgery", "鏡視下治療の有無", C},
    {kEndoscopicTreatment, 20, "endoscopic_treatment", "内視鏡的治療の有無", C},
    {kTreatmentExtent, 21, "treatment_extent", "観血的治療の範囲", C},
    {kRadiotherapy, 22, "radiotherapy", "放射線療法の有無", C},
    {kChemotherapy, 23, "chemotherapy", "化学療法の有無", C},
    {kEndocrineTherapy, 24, "endocrine_therapy", "内分泌療法の有無", C},
    {kOtherTreatment, 25, "other_treatment", "その他の治療の有無", C},
    {kDeathDate, 26, "death_date", "死亡日", C},
    {kRemarks, 0, "remarks", "備考", I},
}};

bool GetVarint(std::string_view& in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in.front());
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

const std::array<ItemDef, kItemCount>& Items() { return kItems; }
const ItemDef& Def(Item item) { return kItems[static_cast<int>(item)]; }

namespace {
// The items of each part in column order, worked out once at compile time.
template <Part P>
constexpr auto ItemsOf() {
  constexpr size_t n = [] {
    size_t k = 0;
    for (const auto& d : kItems) k += d.part == P ? 1 : 0;
    return k;
  }();
  std::array<int, n> out{};
  size_t k = 0;
  for (const auto& d : kItems) {
    if (d.part == P) out[k++] = static_cast<int>(d.item);
  }
  return out;
}
constexpr auto kIdentityItems = ItemsOf<Part::kIdentity>();
constexpr auto kClinicalItems = ItemsOf<Part::kClinical>();

template <size_t N>
void Encode(const NotificationRow& row, char tag, const std::array<int, N>& items,
            std::string* out) {
  size_t total = 1;
  for (int i : items) total += row.values[i].size() + 5;  // a varint of a 32-bit size: ≤ 5
  out->resize(total);
  char* p = out->data();
  *p++ = tag;
  for (int i : items) {
    const std::string& v = row.values[i];
    uint64_t n = v.size();
    while (n >= 0x80) {
      *p++ = static_cast<char>((n & 0x7f) | 0x80);
      n >>= 7;
    }
    *p++ = static_cast<char>(n);
    std::memcpy(p, v.data(), v.size());
    p += v.size();
  }
  out->resize(static_cast<size_t>(p - out->data()));
}
}  // namespace

void EncodePart(const NotificationRow& row, Part part, std::string* out) {
  // version 1 of each part's encoding: tag, then per item a varint length and the value
  if (part == Part::kIdentity) {
    Encode(row, 'I', kIdentityItems, out);
  } else {
    Encode(row, 'C', kClinicalItems, out);
  }
}

std::string EncodePart(const NotificationRow& row, Part part) {
  std::string out;
  EncodePart(row, part, &out);
  return out;
}

Status DecodePart(std::string_view bytes, Part part, NotificationRow* row) {
  char tag = part == Part::kIdentity ? 'I' : 'C';
  if (bytes.empty() || bytes.front() != tag) return Status::DataLoss("record part has a bad tag");
  bytes.remove_prefix(1);
  for (const auto& d : kItems) {
    if (d.part != part) continue;
    uint64_t len = 0;
    if (!GetVarint(bytes, &len) || len > bytes.size()) {
      return Status::DataLoss("record part is truncated");
    }
    (*row)[d.item].assign(bytes.substr(0, len));
    bytes.remove_prefix(len);
  }
  if (!bytes.empty()) return Status::DataLoss("record part has trailing bytes");
  return Status::Ok();
}

}  // namespace ganreg::model
