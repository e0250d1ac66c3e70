// The notification (届出) as the registry receives it: the national items in the order of the
// CSV layout (docs/formats/notification-csv.md), and which part each belongs to.
// Identity items (個人識別情報) and clinical items (がん情報) are stored apart (S-TRN-2).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ganreg::model {

enum class Part { kIdentity, kClinical };

// Column order of the CSV layout; the enum value is the zero-based column.
enum class Item : int {
  kMedicalRecordNo = 0,  // 診療録番号 (national 2)
  kKanaName,             // カナ氏名 (3)
  kName,                 // 氏名 (4)
  kSex,                  // 性別 (5)
  kBirthDate,            // 生年月日 (6)
  kPrefectureCode,       // 診断時住所 都道府県コード (7)
  kAddress,              // 診断時住所 詳細 (7)
  kLaterality,           // 側性 (8)
  kPrimarySite,          // 原発部位 (9)
  kMorphology,           // 病理診断 (10)
  kDiagnosingFacility,   // 診断施設 (11)
  kTreatingFacility,     // 治療施設 (12)
  kBasisOfDiagnosis,     // 診断根拠 (13)
  kDiagnosisDate,        // 診断日 (14)
  kDiscoveryRoute,       // 発見経緯 (15)
  kExtentBefore,         // 進展度・治療前 (16)
  kExtentAfterSurgery,   // 進展度・術後病理学的 (17)
  kSurgery,              // 外科的治療の有無 (18)
  kScopicSurgery,        // 鏡視下治療の有無 (19)
  kEndoscopicTreatment,  // 内視鏡的治療の有無 (20)
  kTreatmentExtent,      // 外科的・鏡視下・内視鏡的治療の範囲 (21)
  kRadiotherapy,         // 放射線療法の有無 (22)
  kChemotherapy,         // 化学療法の有無 (23)
  kEndocrineTherapy,     // 内分泌療法の有無 (24)
  kOtherTreatment,       // その他の治療の有無 (25)
  kDeathDate,            // 死亡日 (26)
  kRemarks,              // 備考
};

inline constexpr int kItemCount = 27;

struct ItemDef {
  Item item;
  int national_no;          // 全国 item number (1–26), 0 for remarks
  std::string_view id;      // English column id, e.g. "birth_date"
  std::string_view label;   // Japanese header label, e.g. "生年月日"
  Part part;
};

// All items in column order.
const std::array<ItemDef, kItemCount>& Items();
const ItemDef& Def(Item item);

// One row of a notification file, item values as UTF-8 text, trimmed of nothing.
struct NotificationRow {
  std::array<std::string, kItemCount> values;
  const std::string& operator[](Item i) const { return values[static_cast<int>(i)]; }
  std::string& operator[](Item i) { return values[static_cast<int>(i)]; }
};

// Serializes the items of one part as length-prefixed fields (the plaintext that is encrypted).
std::string EncodePart(const NotificationRow& row, Part part);
// The same into `out` (replaced; its capacity is reused).
void EncodePart(const NotificationRow& row, Part part, std::string* out);
// Fills the items of `part` in `row` from EncodePart's output. kDataLoss if malformed.
Status DecodePart(std::string_view bytes, Part part, NotificationRow* row);

}  // namespace ganreg::model
