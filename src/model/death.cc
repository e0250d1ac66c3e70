// Item table of the death information form layout (docs/formats/death-csv.md).
#include "model/death.h"

#include <cstdint>

namespace ganreg::model {

namespace {
using enum DeathItem;
constexpr Part I = Part::kIdentity;
constexpr Part C = Part::kClinical;
constexpr std::array<DeathItemDef, kDeathItemCount> kDeathItems = {{
    {kKanaName, "kana_name", "カナ氏名", I},
    {kName, "name", "氏名", I},
    {kSex, "sex", "性別", I},
    {kBirthDate, "birth_date", "生年月日", I},
    {kPrefectureCode, "prefecture_code", "死亡時住所_都道府県コード", I},
    {kAddress, "address", "死亡時住所", I},
    {kDeathDate, "death_date", "死亡日", C},
    {kUnderlyingCause, "underlying_cause", "原死因", C},
    {kPlaceKind, "place_kind", "死亡したところの種別", C},
    {kPlaceInstitution, "place_institution", "死亡した施設", C},
}};

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

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

const std::array<DeathItemDef, kDeathItemCount>& DeathItems() { return kDeathItems; }
const DeathItemDef& Def(DeathItem item) { return kDeathItems[static_cast<int>(item)]; }

bool IsMedicalPlaceKind(std::string_view kind) { return kind == "1" || kind == "2"; }

std::string EncodeDeathPart(const DeathRow& row, Part part) {
  std::string out;
  out.push_back(part == Part::kIdentity ? 'i' : 'c');  // version 1 of each part's encoding
  for (const auto& d : kDeathItems) {
    if (d.part != part) continue;
    const std::string& v = row[d.item];
    PutVarint(out, v.size());
    out.append(v);
  }
  return out;
}

Status DecodeDeathPart(std::string_view bytes, Part part, DeathRow* row) {
  const char tag = part == Part::kIdentity ? 'i' : 'c';
  if (bytes.empty() || bytes.front() != tag) return Status::DataLoss("death part has a bad tag");
  bytes.remove_prefix(1);
  for (const auto& d : kDeathItems) {
    if (d.part != part) continue;
    uint64_t len = 0;
    if (!GetVarint(bytes, &len) || len > bytes.size()) {
      return Status::DataLoss("death part is truncated");
    }
    (*row)[d.item].assign(bytes.substr(0, len));
    bytes.remove_prefix(len);
  }
  if (!bytes.empty()) return Status::DataLoss("death part has trailing bytes");
  return Status::Ok();
}

NotificationRow AsNotificationIdentity(const DeathRow& row) {
  NotificationRow n;
  n[Item::kKanaName] = row[kKanaName];
  n[Item::kName] = row[kName];
  n[Item::kSex] = row[kSex];
  n[Item::kBirthDate] = row[kBirthDate];
  n[Item::kPrefectureCode] = row[kPrefectureCode];
  n[Item::kAddress] = row[kAddress];
  return n;
}

std::string NormalizeIcd10(std::string_view code) {
  // A letter, two digits, then optionally a fourth character (a digit), with or without the dot.
  if (code.size() < 3 || code[0] < 'A' || code[0] > 'Z' || !IsDigit(code[1]) || !IsDigit(code[2])) {
    return "";
  }
  std::string out(code.substr(0, 3));
  std::string_view rest = code.substr(3);
  if (rest.empty()) return out;
  if (rest.front() == '.') rest.remove_prefix(1);
  if (rest.size() != 1 || !IsDigit(rest[0])) return "";
  out.push_back('.');
  out.push_back(rest[0]);
  return out;
}

bool IsCancerCause(std::string_view icd10) {
  if (icd10.size() < 3 || icd10[0] != 'C') return false;
  const int n = (icd10[1] - '0') * 10 + (icd10[2] - '0');
  return n >= 0 && n <= 97;
}

}  // namespace ganreg::model
