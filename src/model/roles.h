// Roles (S-ROLE-1) and information categories (S-ROLE-3, the work-assignment table's
// "range of information this person may process").
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ganreg::model {

enum class Role { kHead, kTaskLead, kTaskStaff, kAdminStaff };

std::string_view RoleId(Role role);            // "head", "task-lead", …
std::string_view RoleLabel(Role role);         // 登録室責任者, …
std::optional<Role> ParseRole(std::string_view id);

// Information categories, each with its own data key.
enum class Category {
  kNotificationIdentity,
  kNotificationClinical,
  kLedgers,
  kInbound,  // the registry's receiving key: opens transfer packages addressed to the registry
  kAudit,
};

std::string_view CategoryId(Category c);       // "notification-identity", …
std::string_view CategoryLabel(Category c);    // 届出票の個人識別情報, …
std::optional<Category> ParseCategory(std::string_view id);
inline constexpr std::array<Category, 5> kAllCategories = {
    Category::kNotificationIdentity, Category::kNotificationClinical, Category::kLedgers,
    Category::kInbound, Category::kAudit};
// Categories a custodian grants through the work-assignment table. `audit` is held by every
// active account (it signs checkpoints) and is not granted by hand.
inline constexpr std::array<Category, 4> kGrantableCategories = {
    Category::kNotificationIdentity, Category::kNotificationClinical, Category::kLedgers,
    Category::kInbound};

}  // namespace ganreg::model
