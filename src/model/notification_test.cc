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

// The part encoding is stored (encrypted) and must not change: tag, then per item of the part in
// column order a little-endian base-128 varint length and the value, checked here against a
// straightforward reference, with lengths that need one, two and three varint bytes.
TEST(NotificationTest, PartEncodingIsTheDocumentedFormat) {
  NotificationRow row;
  const size_t lengths[] = {0, 1, 127, 128, 300, 20000, 5, 16, 17};
  for (int i = 0; i < kItemCount; ++i) {
    row.values[i] = std::string(lengths[i % std::size(lengths)], static_cast<char>('a' + i));
  }
  for (Part part : {Part::kIdentity, Part::kClinical}) {
    std::string expected(1, part == Part::kIdentity ? 'I' : 'C');
    for (const ItemDef& d : Items()) {
      if (d.part != part) continue;
      const std::string& v = row[d.item];
      for (uint64_t n = v.size();; n >>= 7) {
        expected.push_back(static_cast<char>(n < 0x80 ? n : ((n & 0x7f) | 0x80)));
        if (n < 0x80) break;
      }
      expected += v;
    }
    EXPECT_EQ(EncodePart(row, part), expected);
    std::string reused(50000, 'x');  // output replaces what was there
    EncodePart(row, part, &reused);
    EXPECT_EQ(reused, expected);
    NotificationRow back;
    ASSERT_TRUE(DecodePart(reused, part, &back).ok());
    for (const ItemDef& d : Items()) {
      if (d.part == part) {
        EXPECT_EQ(back[d.item], row[d.item]);
      }
    }
  }
}

}  // namespace
}  // namespace ganreg::model
