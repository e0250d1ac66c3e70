// Status and Result behave as values; the macros propagate failures.
#include "core/result.h"

#include <gtest/gtest.h>

namespace ganreg {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  GANREG_ASSIGN_OR_RETURN(int h, Half(x));
  GANREG_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(StatusTest, OkIsDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ToStringNamesTheCode) {
  EXPECT_EQ(Status::PermissionDenied("no grant").ToString(), "PERMISSION_DENIED: no grant");
  EXPECT_EQ(Status::DataLoss("x").WithContext("audit").message(), "audit: x");
}

TEST(ResultTest, AssignOrReturnPropagates) {
  EXPECT_EQ(Quarter(8).value(), 2);
  EXPECT_EQ(Quarter(6).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ganreg
