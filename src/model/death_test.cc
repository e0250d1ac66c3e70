#include "model/death.h"

#include <gtest/gtest.h>

namespace ganreg::model {
namespace {

TEST(DeathFormTest, PartsRoundTripAndStayApart) {
  DeathRow row;
  row[DeathItem::kName] = "佐藤 太郎";
  row[DeathItem::kKanaName] = "サトウ タロウ";
  row[DeathItem::kSex] = "1";
  row[DeathItem::kBirthDate] = "19400102";
  row[DeathItem::kPrefectureCode] = "13";
  row[DeathItem::kAddress] = "千代田区霞が関1-2-3";
  row[DeathItem::kDeathDate] = "20250301";
  row[DeathItem::kUnderlyingCause] = "C18.7";
  row[DeathItem::kPlaceKind] = "1";
  row[DeathItem::kPlaceInstitution] = "1310000001";
  const std::string identity = EncodeDeathPart(row, Part::kIdentity);
  const std::string clinical = EncodeDeathPart(row, Part::kClinical);
  // The clinical part (S-TRN-2) never holds an identity value.
  EXPECT_EQ(clinical.find("佐藤"), std::string::npos);
  EXPECT_EQ(identity.find("C18.7"), std::string::npos);
  DeathRow back;
  ASSERT_TRUE(DecodeDeathPart(identity, Part::kIdentity, &back).ok());
  ASSERT_TRUE(DecodeDeathPart(clinical, Part::kClinical, &back).ok());
  EXPECT_EQ(back.values, row.values);
  // A death part is not a notification part, nor the other part.
  EXPECT_FALSE(DecodeDeathPart(clinical, Part::kIdentity, &back).ok());
  NotificationRow n;
  EXPECT_FALSE(DecodePart(identity, Part::kIdentity, &n).ok());
  EXPECT_FALSE(DecodeDeathPart(identity.substr(0, identity.size() - 1), Part::kIdentity, &back).ok());
  const NotificationRow as = AsNotificationIdentity(row);
  EXPECT_EQ(as[Item::kName], "佐藤 太郎");
  EXPECT_EQ(as[Item::kAddress], "千代田区霞が関1-2-3");
  EXPECT_EQ(as[Item::kPrimarySite], "");
}

TEST(DeathFormTest, Icd10Causes) {
  struct Case {
    std::string_view in, normalized;
    bool cancer;
  };
  for (const Case& c : {Case{"C18.7", "C18.7", true}, Case{"C187", "C18.7", true},
                        Case{"C18", "C18", true}, Case{"C97", "C97", true},
                        Case{"C00.0", "C00.0", true}, Case{"D09.9", "D09.9", false},
                        Case{"I21.9", "I21.9", false}, Case{"c18.7", "", false},
                        Case{"C1", "", false}, Case{"C18.77", "", false},
                        Case{"C18-7", "", false}, Case{"", "", false}}) {
    SCOPED_TRACE(std::string(c.in));
    EXPECT_EQ(NormalizeIcd10(c.in), c.normalized);
    EXPECT_EQ(IsCancerCause(NormalizeIcd10(c.in)), c.cancer);
  }
  // C98/C99 do not exist in ICD-10; codes beyond C97 are not cancer deaths for the registry.
  EXPECT_FALSE(IsCancerCause("C98"));
}

}  // namespace
}  // namespace ganreg::model
