// Role and category names.
#include "model/roles.h"

namespace ganreg::model {

std::string_view RoleId(Role role) {
  switch (role) {
    case Role::kHead: return "head";
    case Role::kTaskLead: return "task-lead";
    case Role::kTaskStaff: return "task-staff";
    case Role::kAdminStaff: return "admin-staff";
  }
  return "?";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kHead: return "登録室責任者";
    case Role::kTaskLead: return "作業責任者";
    case Role::kTaskStaff: return "作業担当者";
    case Role::kAdminStaff: return "管理部門職員";
  }
  return "?";
}

std::optional<Role> ParseRole(std::string_view id) {
  for (Role r : {Role::kHead, Role::kTaskLead, Role::kTaskStaff, Role::kAdminStaff}) {
    if (RoleId(r) == id) return r;
  }
  return std::nullopt;
}

std::string_view CategoryId(Category c) {
  switch (c) {
    case Category::kNotificationIdentity: return "notification-identity";
    case Category::kNotificationClinical: return "notification-clinical";
    case Category::kLedgers: return "ledgers";
    case Category::kInbound: return "inbound";
    case Category::kAudit: return "audit";
  }
  return "?";
}

std::string_view CategoryLabel(Category c) {
  switch (c) {
    case Category::kNotificationIdentity: return "届出票の個人識別情報";
    case Category::kNotificationClinical: return "届出票のがん情報";
    case Category::kLedgers: return "個人情報を含む記録簿";
    case Category::kInbound: return "受信用の鍵 (移送パッケージ)";
    case Category::kAudit: return "監査証跡の署名鍵";
  }
  return "?";
}

std::optional<Category> ParseCategory(std::string_view id) {
  for (Category c : kAllCategories) {
    if (CategoryId(c) == id) return c;
  }
  return std::nullopt;
}

}  // namespace ganreg::model
