// The item table and the part encoding.
#include "model/notification.h"

#include <gtest/gtest.h>

namespace ganreg::model {
namespace {

TEST(NotificationTest, ItemTableIsInColumnOrder) {
  for (int i = 0; i < kItemCount; ++i) EXPECT_EQ(static_cast<int>(Items()[i].item), i);
}

TEST(NotificationTest, PartsRoundTripAndStayApart) {
  NotificationRow row;
  row[Item::kName] = "佐藤 太郎";
  row[Item::kBirthDate] = "19500102";
  row[Item::kPrimarySite] = "C18.7";
  std::string identity = EncodePart(row, Part::kIdentity);
  std::string clinical = EncodePart(row, Part::kClinical);
  EXPECT_EQ(clinical.find("佐藤"), std::string::npos);
  EXPECT_EQ(identity.find("C18.7"), std::string::npos);
  NotificationRow back;
  ASSERT_TRUE(DecodePart(identity, Part::kIdentity, &back).ok());
  ASSERT_TRUE(DecodePart(clinical, Part::kClinical, &back).ok());
  EXPECT_EQ(back[Item::kName], "佐藤 太郎");
  EXPECT_EQ(back[Item::kPrimarySite], "C18.7");
}

TEST(NotificationTest, DecodeRefusesTruncation) {
  NotificationRow row;
  row[Item::kName] = "佐藤 太郎";
  std::string identity = EncodePart(row, Part::kIdentity);
  NotificationRow back;
  EXPECT_FALSE(DecodePart(identity.substr(0, identity.size() - 1), Part::kIdentity, &back).ok());
  EXPECT_FALSE(DecodePart(identity, Part::kClinical, &back).ok());
}

}  // namespace
}  // namespace ganreg::model
