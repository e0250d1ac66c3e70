// The embedded store: one SQLite file (WAL) per registry, opened through this class only.
// All SQL of ganreg lives in store/; callers get typed records (records.h).
// Thread-safety: a Database is used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace ganreg::store {

class Statement;  // internal: a cached prepared statement

class Database {
 public:
  struct Options {
    bool create = false;          // create the file (fails if it exists) and apply migrations
    int64_t cache_mebibytes = 64; // page cache; bounded memory for any intake size
  };
  // Opens (or creates) `path` and brings the schema to the newest migration.
  // kNotFound if it does not exist and !create; kAlreadyExists if create and it exists;
  // kDataLoss if the file is not a ganreg store or is damaged.
  static Result<std::unique_ptr<Database>> Open(const std::filesystem::path& path,
                                                const Options& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Schema version after migrations.
  int schema_version() const;

  // ---- transactions: one per use case (the app layer opens them) ----
  Status Begin();     // BEGIN IMMEDIATE: the write lock is taken up front
  Status Commit();
  void Rollback();    // never fails; safe when no transaction is open
  bool in_transaction() const;
  // Nested undo points inside the open transaction (SQLite SAVEPOINT). `name` is an identifier.
  Status Savepoint(std::string_view name);
  Status RollbackToSavepoint(std::string_view name);  // undoes, and ends the savepoint
  Status ReleaseSavepoint(std::string_view name);

  // ---- registry metadata (key/value, small) ----
  Status PutMeta(std::string_view key, std::string_view value);
  Result<std::string> GetMeta(std::string_view key);  // kNotFound if absent

  // ---- users ----
  Result<int64_t> InsertUser(const UserRecord& user);
  Result<UserRecord> FindUser(std::string_view name);      // kNotFound
  Result<UserRecord> FindUserById(int64_t id);             // kNotFound
  Result<std::vector<UserRecord>> ListUsers();
  Status UpdateUserCredentials(const UserRecord& user);    // password, key material, expiry
  Status UpdateUserLoginState(int64_t id, int failures, int64_t locked_until);
  Status SetUserDisabled(int64_t id, int64_t disabled_at);
  Status AddPasswordHistory(int64_t user_id, std::string_view verifier, int64_t at);
  Result<std::vector<std::string>> PasswordHistory(int64_t user_id);

  // ---- information categories and key slots ----
  Status InsertCategoryKey(const CategoryKeyRecord& key);
  Result<CategoryKeyRecord> CurrentCategoryKey(std::string_view category);  // kNotFound
  Status PutKeySlot(const KeySlotRecord& slot);  // replaces the slot of (holder, category, version)
  Result<KeySlotRecord> FindKeySlot(int64_t holder, std::string_view category, int version);
  Result<std::vector<KeySlotRecord>> KeySlotsOf(int64_t holder);
  Status DeleteKeySlots(int64_t holder, std::optional<std::string_view> category);

  // ---- received files ----
  Result<std::optional<FileRecord>> FindFileByDigest(std::string_view digest);
  Result<int64_t> InsertFile(const FileRecord& file);
  // Status, reason, counts, encoding, digest, size and original after the rows are in.
  Status FinishFile(const FileRecord& file);
  Result<FileRecord> FindFile(int64_t id);

  // ---- batch data keys (one per file and part, sealed to the category's public key) ----
  Status InsertBatchKey(const BatchKeyRecord& key);
  Result<BatchKeyRecord> FindBatchKey(int64_t file_id, std::string_view category);

  // ---- notifications: identity and clinical parts in separate tables ----
  // Inserts the identity and clinical parts of `rows` (all of file `file_id`) in blocks: one row
  // of identity_blocks and one of clinical_blocks per run of rising key numbers (migration 8;
  // each part remains its own record). kAlreadyExists if a key number is taken: then none of
  // `rows` is stored (the caller draws new key numbers and tries again). Any other error may
  // leave part of `rows` written: the caller rolls its transaction back.
  Status InsertNotifications(int64_t file_id, std::span<const NotificationInsert> rows);
  Result<IdentityRecord> FindIdentity(int64_t key_no);  // kNotFound
  Result<ClinicalRecord> FindClinical(int64_t key_no);  // kNotFound
  // Clinical records, newest first, at most `limit` after `offset`.
  Result<std::vector<ClinicalRecord>> ListClinical(int64_t limit, int64_t offset);
  Result<int64_t> CountNotifications();

  // ---- quarantine (rows held back) ----
  Status InsertHeldRow(const HeldRowRecord& rec);
  Result<std::vector<HeldRowRecord>> HeldRowsOf(int64_t file_id);
  Result<int64_t> CountHeldRows();

  // ---- hand-over book (S-ACQ-5) ----
  Result<int64_t> InsertHandover(const HandoverRecord& rec);
  Result<std::vector<HandoverRecord>> ListHandover();

  // ---- partners and received packages (transfer) ----
  Status PutPartner(const PartnerRecord& p);  // insert or replace (a new key replaces the old)
  Result<std::optional<PartnerRecord>> FindPartner(std::string_view code);
  Result<std::optional<PartnerRecord>> FindPartnerBySignKey(std::string_view sign_key);
  Result<std::vector<PartnerRecord>> ListPartners();
  Status InsertPackage(const PackageRecord& p);  // kAlreadyExists for a package id seen before
  Result<std::optional<PackageRecord>> FindPackage(std::string_view package_id);

  // ---- linkage (issue #5) ----
  // Calls `fn` for every notification, both parts, in the order they were taken in (the order
  // is stable across runs: rows are only ever appended). Stops early if fn returns non-OK.
  Status ScanNotificationParts(const std::function<Status(const NotificationParts&)>& fn);
  Status PutLink(const LinkRecord& link);  // insert or replace the notification's link
  Result<std::vector<LinkRecord>> ListLinks();  // by key number
  Result<std::optional<LinkRecord>> FindLink(int64_t key_no);
  Result<std::vector<int64_t>> KeysOfPerson(int64_t person_id);  // ascending
  Result<int64_t> MaxPersonId();  // over links and their history; 0 if none
  Status InsertLinkHistory(const LinkHistoryRecord& rec);
  // The changes made by review pair `pair_id` with `reason`, oldest first.
  Result<std::vector<LinkHistoryRecord>> LinkHistoryOfPair(int64_t pair_id,
                                                           std::string_view reason);
  // kAlreadyExists if the pair (key_a, key_b) is known already.
  Result<int64_t> InsertReviewPair(const ReviewPairRecord& pair);
  Result<ReviewPairRecord> FindReviewPair(int64_t id);  // kNotFound
  Result<std::optional<ReviewPairRecord>> FindReviewPairByKeys(int64_t key_a, int64_t key_b);
  Result<std::vector<ReviewPairRecord>> ReviewPairsWithStatus(std::string_view status);  // by id
  // Status, decider, time, note, weight and explanation.
  Status UpdateReviewPair(const ReviewPairRecord& pair);
  Status InsertReviewHistory(const ReviewHistoryRecord& rec);
  Result<std::vector<ReviewHistoryRecord>> ReviewHistoryOf(int64_t pair_id);

  // ---- tumours (issue #5, consolidation) ----
  Result<int64_t> InsertTumourKey(const TumourKeyRecord& key);
  Result<TumourKeyRecord> FindTumourKey(int64_t id);  // kNotFound
  Status PutTumour(const TumourRow& t);               // insert or replace
  Result<std::optional<TumourRow>> FindTumour(int64_t tumour_id);
  // Current tumours by id, at most `limit` after `offset`; person_id 0 = every person.
  Result<std::vector<TumourRow>> ListTumours(int64_t person_id, int64_t limit, int64_t offset);
  Result<int64_t> CountTumours();       // current ones
  Result<int64_t> MaxTumourId();        // over every tumour ever numbered; 0 if none
  Result<std::vector<TumourMemberRecord>> ListTumourMembers();  // by key number
  Status PutTumourMember(const TumourMemberRecord& m);          // insert or replace
  Result<std::vector<TumourFlagRecord>> FlagsOfTumour(int64_t tumour_id);
  // Flags by tumour id then check id; `status` "" = any.
  Result<std::vector<TumourFlagRecord>> ListTumourFlags(std::string_view status);
  Status PutTumourFlag(const TumourFlagRecord& f);  // insert or replace (tumour_id, check_id)
  Status DeleteTumourFlag(int64_t tumour_id, std::string_view check_id);

  // ---- ledgers (issue #4): append-only, triggers refuse UPDATE and DELETE ----
  // kAlreadyExists if the body has that number registered already.
  Result<int64_t> InsertInquiryContact(const InquiryContactRecord& rec);
  Result<std::vector<InquiryContactRecord>> InquiryContactsOf(std::string_view body);
  Result<std::vector<InquiryContactRecord>> ListInquiryContacts();
  // The id the next inquiry-book entry will get (its ciphertext is bound to it).
  Result<int64_t> NextInquiryEntryId();
  // Inserts with rec.id (from NextInquiryEntryId, inside the same transaction).
  Status InsertInquiryEntry(const InquiryEntryRecord& rec);
  Result<InquiryEntryRecord> FindInquiryEntry(int64_t id);  // kNotFound
  Result<std::vector<InquiryEntryRecord>> ListInquiryEntries();  // by id
  Result<std::vector<InquiryEntryRecord>> AnswersOf(int64_t inquiry_id);  // by id
  // kAlreadyExists for a medium id listed before.
  Status InsertMedium(const MediumRecord& rec);
  Result<std::optional<MediumRecord>> FindMedium(std::string_view id);  // with its disposed date
  Result<std::vector<MediumRecord>> ListMedia();  // by received date, then id
  Result<int64_t> InsertDisposal(const DisposalRecord& rec);
  Result<std::optional<DisposalRecord>> FindDisposal(int64_t id);
  Result<std::vector<DisposalRecord>> ListDisposals();  // by id
  Result<int64_t> InsertDisposalContract(const DisposalContractRecord& rec);  // migration 11
  Result<std::vector<DisposalContractRecord>> ListDisposalContracts();        // by id

  // ---- ledgers, second slice (issue #4): people, incidents, key box, entry/exit log ----
  // Append-only like the first slice: triggers refuse UPDATE and DELETE.
  Result<int64_t> InsertTrainingPlan(const TrainingPlanRecord& rec);
  // kAlreadyExists if the plan was approved before.
  Status ApproveTrainingPlan(int64_t plan_id, int64_t at, std::string_view approved_by);
  Result<std::optional<TrainingPlanRecord>> FindTrainingPlan(int64_t id);  // with its approval
  Result<std::vector<TrainingPlanRecord>> ListTrainingPlans();              // by id
  Result<int64_t> InsertTrainingSession(const TrainingSessionRecord& rec);
  Result<std::optional<TrainingSessionRecord>> FindTrainingSession(int64_t id);
  Result<std::vector<TrainingSessionRecord>> ListTrainingSessions();        // by id
  Status InsertAttendance(const AttendanceRecord& rec);  // kAlreadyExists for a duplicate name
  Result<std::vector<AttendanceRecord>> AttendanceOf(int64_t session_id);
  Result<int64_t> InsertTrainingTest(const TrainingTestRecord& rec);
  Result<std::optional<TrainingTestRecord>> FindTrainingTest(int64_t id);
  Result<std::vector<TrainingTestRecord>> ListTrainingTests();              // by id
  Result<int64_t> InsertBriefing(const BriefingRecord& rec);
  Result<std::vector<BriefingRecord>> ListBriefings();                      // by id
  // The audit and its items, in the caller's transaction.
  Result<int64_t> InsertIdAudit(const IdAuditRecord& rec,
                                const std::vector<IdAuditItemRecord>& items);
  Result<std::vector<IdAuditRecord>> ListIdAudits();                        // by id
  Result<std::vector<IdAuditItemRecord>> IdAuditItemsOf(int64_t audit_id);

  // Sealed ledgers bind each ciphertext to the row's id, so the id is drawn first (inside the
  // same transaction) and the row inserted with it.
  enum class SealedTable {
    kIncidents, kIncidentSteps, kContactNetworks, kEntryLog,
    kTakeouts, kMaintenance,  // third slice (migration 8)
  };
  Result<int64_t> NextSealedId(SealedTable table);
  Status InsertIncident(const IncidentRecord& rec);
  Result<std::optional<IncidentRecord>> FindIncident(int64_t id);
  Result<std::vector<IncidentRecord>> ListIncidents();                      // by id
  Status InsertIncidentStep(const IncidentStepRecord& rec);
  Result<std::vector<IncidentStepRecord>> StepsOf(int64_t incident_id);     // by id
  Status InsertContactNetwork(const ContactNetworkRecord& rec);
  Result<std::optional<ContactNetworkRecord>> LatestContactNetwork();

  Result<int64_t> InsertKeybox(const KeyboxRecord& rec);
  Result<std::vector<KeyboxRecord>> ListKeybox();                           // by id
  Status InsertEntry(const EntryRecord& rec);
  Result<std::optional<EntryRecord>> FindEntry(int64_t id);  // with its time out
  Result<std::vector<EntryRecord>> ListEntries();            // by id, with times out
  // kAlreadyExists if the visitor's exit was recorded already.
  Status InsertEntryExit(int64_t entry_id, int64_t at, std::string_view time_out,
                         std::string_view recorded_by);
  // kAlreadyExists if the month was checked already.
  Status InsertEntryCheck(const EntryCheckRecord& rec);
  Result<std::vector<EntryCheckRecord>> ListEntryChecks();   // by month

  // ---- ledgers, third slice (issue #4, migration 8): append-only like the others ----
  // The September self-assessment (S-CHK-1). kAlreadyExists if the year was started already.
  Status InsertSelfAssessment(const SelfAssessmentRecord& rec);
  Result<std::optional<SelfAssessmentRecord>> FindSelfAssessment(int64_t year);
  Result<std::vector<SelfAssessmentRecord>> ListSelfAssessments();  // by year
  Status InsertFindings(const std::vector<FindingRecord>& recs);
  Result<int64_t> LatestEvaluation(int64_t year);  // 0 if none
  Result<std::vector<FindingRecord>> FindingsOf(int64_t year, int64_t evaluation);
  Result<int64_t> InsertAssessmentAnswer(const AssessmentAnswerRecord& rec);
  Result<std::vector<AssessmentAnswerRecord>> AssessmentAnswersOf(int64_t year);  // by id
  Status InsertSignOff(const SignOffRecord& rec);  // kAlreadyExists if signed already
  Result<std::optional<SignOffRecord>> FindSignOff(int64_t year);
  Result<std::vector<SignOffRecord>> ListSignOffs();  // by year
  // The take-out register (F-3): rows with their return, if any.
  Status InsertTakeout(const TakeoutRecord& rec);  // rec.id from NextSealedId(kTakeouts)
  Result<std::optional<TakeoutRecord>> FindTakeout(int64_t id);
  Result<std::vector<TakeoutRecord>> ListTakeouts();  // by id
  Status InsertTakeoutReturn(const TakeoutReturnRecord& rec);  // kAlreadyExists if returned
  // The maintenance record (S-SYS-6).
  Status InsertMaintenance(const MaintenanceRecord& rec);  // rec.id from NextSealedId
  Result<std::vector<MaintenanceRecord>> ListMaintenance();  // by id
  // The acquisition register (S-ACQ-4) and the definition updates (S-SYS-4).
  Result<int64_t> InsertAcquisition(const AcquisitionRecord& rec);
  Result<std::vector<AcquisitionRecord>> ListAcquisitions();  // by id
  Result<int64_t> InsertDefinitionUpdate(const DefinitionUpdateRecord& rec);
  Result<std::vector<DefinitionUpdateRecord>> ListDefinitionUpdates();  // by id
  // ---- fourth slice (migration 10) ----
  Result<int64_t> InsertRevision(const RevisionRecord& rec);
  Result<std::vector<RevisionRecord>> ListRevisions();  // by id
  Result<int64_t> InsertExternalAudit(const ExternalAuditRecord& rec);
  Result<std::vector<ExternalAuditRecord>> ListExternalAudits();  // by id
  Result<int64_t> InsertRetentionRule(const RetentionRuleRecord& rec);
  Result<std::vector<RetentionRuleRecord>> ListRetentionRules();  // by id
  // kAlreadyExists if the acquisition was disposed of already.
  Status InsertAcquisitionDisposal(const AcquisitionDisposalRecord& rec);
  Result<std::vector<AcquisitionDisposalRecord>> ListAcquisitionDisposals();
  // Delivery details of hand-over entries; kAlreadyExists if the entry has them already.
  Status InsertHandoverDelivery(const HandoverDeliveryRecord& rec);
  Result<std::vector<HandoverDeliveryRecord>> ListHandoverDeliveries();  // by entry

  // ---- audit trail (format: docs/formats/audit-chain.md) ----
  struct AuditHead {
    int64_t seq = 0;   // 0 = empty chain
    std::string hash;  // 32 zero bytes for the empty chain
  };
  Result<AuditHead> GetAuditHead();
  Status InsertAuditEvent(int64_t seq, std::string_view body, std::string_view hash);
  // Calls `fn(seq, body, hash)` for every event in order; stops early if fn returns non-OK.
  Status ScanAudit(const std::function<Status(int64_t, std::string_view, std::string_view)>& fn);
  Result<std::optional<std::string>> AuditHashAt(int64_t seq);
  Status InsertCheckpoint(const CheckpointRecord& cp);
  Result<std::vector<CheckpointRecord>> ListCheckpoints();

  // ---- the office's overview (issue #6: dashboard, received files, audit viewer) ----
  Result<std::vector<FileRecord>> ListFiles(int64_t limit);  // newest first
  Result<int64_t> CountReviewPairsWithStatus(std::string_view status);
  // Up to `limit` events with seq < `before_seq` (0: from the head), newest first: (seq, body).
  Result<std::vector<std::pair<int64_t, std::string>>> AuditEventsBefore(int64_t before_seq,
                                                                          int64_t limit);

  // ---- deaths and the follow-back (issue #5; S-ACQ-2 イ) ----
  Status InsertDeathFile(int64_t file_id, std::string_view source);
  Result<std::optional<std::string>> DeathFileSource(int64_t file_id);  // nullopt: not a death file
  Result<int64_t> NextDeathId();  // the id the next death gets (its ciphertexts are bound to it)
  Status InsertDeath(const DeathRecord& d);
  Result<std::optional<DeathRecord>> FindDeath(int64_t id);
  // Calls `fn` for every death in id order (views valid during the call); stops on non-OK.
  Status ScanDeaths(const std::function<Status(const DeathRecord&)>& fn);
  Result<int64_t> CountDeaths();
  Status PutDeathLink(const DeathLinkRecord& l);  // insert or replace
  Status DeleteDeathLink(int64_t death_id);
  Result<std::optional<DeathLinkRecord>> FindDeathLink(int64_t death_id);
  Result<std::vector<DeathLinkRecord>> ListDeathLinks();  // by death id
  // kAlreadyExists if the pair (death_id, key_no) is known already.
  Result<int64_t> InsertDeathReviewPair(const DeathReviewPairRecord& p);
  Result<DeathReviewPairRecord> FindDeathReviewPair(int64_t id);  // kNotFound
  Result<std::optional<DeathReviewPairRecord>> FindDeathReviewPairByKeys(int64_t death_id,
                                                                        int64_t key_no);
  // `status` "" = any; by id.
  Result<std::vector<DeathReviewPairRecord>> DeathReviewPairsWithStatus(std::string_view status);
  Status UpdateDeathReviewPair(const DeathReviewPairRecord& p);
  Status InsertDeathReviewHistory(const ReviewHistoryRecord& r);
  Status PutDeathCase(const DeathCaseRecord& c);  // insert or replace
  Result<std::optional<DeathCaseRecord>> FindDeathCase(int64_t death_id);
  // `status` "" = any; by hospital then death id.
  Result<std::vector<DeathCaseRecord>> ListDeathCases(std::string_view status);

  // Bulk-insert baseline for benchmarks: a plain table of blobs (bench only).
  Status CreateBaselineTable();
  Status InsertBaselineRow(int64_t id, std::string_view data);

 private:
  Database() = default;
  Statement& Prepare(std::string_view sql);
  Status Exec(std::string_view sql);
  Status Migrate();
  Status CheckKeysFree(std::span<const NotificationInsert> rows);
  Status WriteBlock(int64_t file_id, std::span<const NotificationInsert> rows);
  Result<std::optional<int64_t>> BlockOf(int64_t key_no);  // the block holding key_no, if any

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ganreg::store
