/**
 * garrison's library: everything the CLI does, callable from code. The library never prints.
 */
export { AwsClients, type AwsTarget } from './aws/clients.js';
export { type CaseDossier, caseDossier } from './cases/dossier.js';
export type { NewEvidence } from './cases/evidence.js';
export { type CaseExport, exportCase, importCase } from './cases/export.js';
export { type AttachResult, FindingShelf, type FindingSource, type StoredFinding } from './cases/findings.js';
export { IocBook, type StoredIoc } from './cases/iocs.js';
export { defaultCaseStorePath, resolveCaseStorePath } from './cases/paths.js';
export { CaseStore } from './cases/store.js';
export type {
  ActionEntry,
  Actor,
  Case,
  CaseStatus,
  CustodyEvent,
  EvidenceItem,
  Severity,
} from './cases/types.js';
export { type EngineRule, type RuleInfo, severityRank } from './detect/engine/detection.js';
export type { Hit } from './detect/engine/hit.js';
export { type HuntOptions, type HuntResult, hunt, huntRecords } from './detect/engine/hunt.js';
export {
  createMatcher as createHuntMatcher,
  type HuntMatch,
  type HuntMatcherOptions,
  huntMatcherSpec,
} from './detect/engine/matcher.js';
export { RuleIndex } from './detect/engine/rule-index.js';
export { loadDetections, loadRules, type RuleSelection, selectRules } from './detect/engine/rule-set.js';
export { testRuleExamples, validateSigmaFolders } from './detect/engine/rule-tests.js';
export { loadPack, PACK_SOURCES } from './detect/pack.js';
export type { PackDetection, PackDetectionSource, RecordPredicate } from './detect/rules/define.js';
export { type DetectionMeta, detectionMetaSchema } from './detect/rules/metadata.js';
export { exampleEvents } from './detect/sigma/example-events.js';
export { loadSigmaRules } from './detect/sigma/load.js';
export { compileSigmaRule, type SigmaRule } from './detect/sigma/rule.js';
export {
  awsNetworksFromIpRanges,
  STATEFUL_DETECTIONS,
  StatefulCollectors,
  type StatefulDetection,
  type StatefulDetector,
  type StatefulHit,
  type StatefulOptions,
  StatefulRun,
  slimRecord,
  statefulMightMatch,
} from './detect/stateful/index.js';
export { describeError, type ErrorCode, GarrisonError, isGarrisonError } from './errors.js';
export { type AsffTarget, toAsff } from './findings/asff.js';
export { anyAtOrAbove, type Finding, type FindingsSummary } from './findings/finding.js';
export { FindingGrouper } from './findings/grouping.js';
export { toOcsf } from './findings/ocsf.js';
export { type ImportResult, importToSecurityHub } from './findings/security-hub.js';
export { FINDING_FORMATS, type FindingFormat, writeFindings } from './findings/write.js';
export {
  type GuardDutyGarrisonFinding,
  severityOf as guardDutySeverity,
  toGarrisonFinding,
} from './guardduty/convert.js';
export {
  addDocument as addGuardDutyDocument,
  type FindingBatch,
  readFindingFiles,
} from './guardduty/documents.js';
export {
  findingCriteria as guardDutyFindingCriteria,
  GET_FINDINGS_BATCH,
  type PullAccount,
  type PullCriteria,
  type PullFailure,
  type PullResult,
  pullFindings as pullGuardDutyFindings,
} from './guardduty/pull.js';
export {
  FINDING_TYPE as GUARDDUTY_FINDING_TYPE,
  type GuardDutyFinding,
  guardDutyFindingSchema,
  parseGuardDutyFinding,
  type RejectedFinding,
  THREAT_PURPOSES,
} from './guardduty/schema.js';
export { guardDutyFindingById, saveGuardDutyFindings } from './guardduty/store.js';
export { type WatchOptions, type WatchTotals, watchQueue as watchGuardDutyQueue } from './guardduty/watch.js';
export { type ActionKind, actionKind } from './investigate/actions.js';
export { type ActivityMatch, activityMatcherSpec } from './investigate/activity-matcher.js';
export { caseIocs } from './investigate/case-iocs.js';
export { type ChainLink, type CredentialChain, followCredentials } from './investigate/chain.js';
export { type IssuedCredentials, issuedCredentials } from './investigate/credentials.js';
export { type Detector, loadDetector } from './investigate/detections.js';
export { type Activity, type GatherOptions, gatherActivity } from './investigate/gather.js';
export { type Ioc, IocCollector, type IocKind, iocsOfRecords } from './investigate/iocs.js';
export { type PivotReport, pivotReport } from './investigate/pivot.js';
export { type Selection, selects } from './investigate/selection.js';
export { stixBundle, stixPattern } from './investigate/stix.js';
export { type LogGap, logGaps, type TimelineEntry, timelineEntries } from './investigate/timeline.js';
export {
  DEMO_PHASES,
  type DemoEvent,
  type DemoOptions,
  type DemoPhase,
  type DemoResult,
  runDemo,
} from './lab/demo/run-demo.js';
export type { DemoSummary } from './lab/demo/summary.js';
export { type ContainmentTargets, containmentTargets } from './lab/demo/targets.js';
export { buildVictimWorkload, type VictimWorkload } from './lab/demo/workload.js';
export {
  type AttackGroundTruth,
  type AttackStory,
  type AttackStoryParams,
  attackStory,
  type DeliveredFile,
  deliverRecords,
  generateTrailFiles,
  sampleGroundTruth,
  storyOf,
  type TrailFilesOptions,
  type TrailFilesResult,
} from './lab/generate/index.js';
export { type Emulator, startEmulator } from './lab/moto.js';
export { type AlarmFilter, accountAlarmFilters, builtinAlarmFilters } from './prepare/alarm-test/filters.js';
export { type AlarmTestInput, type AlarmTestReport, testAlarmFilters } from './prepare/alarm-test/run.js';
export { preparePlaybook } from './prepare/apply/playbook.js';
export { preparePolicy } from './prepare/apply/policy.js';
export { type PreparationResult, type PreparationRun, prepareAccount } from './prepare/apply/run.js';
export { type PrepareSettings, type PrepareTarget, prepareSettings } from './prepare/apply/settings.js';
export { GARRISON_KEY_ALIAS } from './prepare/apply/trail-key.js';
export { cloudTrailKeyPolicy } from './prepare/apply/trail-key-policy.js';
export { type AuditReport, auditReadiness, type CheckResult, evaluateReadiness } from './prepare/audit.js';
export { type CheckMetadata, READINESS_CHECKS, type ReadinessCheck } from './prepare/checks/index.js';
export { cisCoverage } from './prepare/cis/coverage.js';
export { ALARM_TEST_EVENTS, type AlarmTestEvent } from './prepare/cis/events/index.js';
export { CIS_METRIC_FILTERS, type CisMetricFilter } from './prepare/cis/patterns.js';
export {
  compileFilterPattern,
  type FilterPattern,
  FilterPatternError,
} from './prepare/filter-pattern/index.js';
export { cloudTrailKeyPolicyProblems } from './prepare/state/key-policy.js';
export { type AccountSnapshot, type AuditScope, gatherSnapshot } from './prepare/state/snapshot.js';
export { buildReport } from './report/build.js';
export {
  AUDIT_EVIDENCE,
  EVENTS_EVIDENCE,
  readEventEvidence,
  readRecordedAudit,
  reportInput,
} from './report/case-input.js';
export { keepMaliciousEvents, keepReadinessAudit } from './report/evidence-files.js';
export { renderHtml, reportCsp } from './report/html.js';
export { renderMarkdown } from './report/markdown.js';
export type { Metric, ReportInput, ReportModel } from './report/model.js';
export { REPORT_FORMATS, type ReportFormat, renderReport } from './report/render.js';
export type { Ec2Target } from './respond/playbooks/ec2/target.js';
export type { IamRoleTarget } from './respond/playbooks/iam-role/playbook.js';
export type { IamUserTarget } from './respond/playbooks/iam-user/playbook.js';
export {
  ec2Playbook,
  iamRolePlaybook,
  iamUserPlaybook,
  playbookNamed,
  playbooks,
  s3BucketPlaybook,
} from './respond/playbooks/index.js';
export { derivePolicy, type IamPolicyDocument, playbooksNamed } from './respond/playbooks/policy.js';
export type { S3BucketTarget } from './respond/playbooks/s3-bucket/playbook.js';
export { type ContainOptions, resolveTargets } from './respond/playbooks/targets.js';
export {
  type RespondOptions,
  type ResponseResult,
  type ResponseStep,
  respondToFinding,
} from './respond/recommend/run.js';
export {
  playbookLabel,
  RECOMMENDATION_TABLE,
  recommend as recommendResponse,
} from './respond/recommend/table.js';
export type { Recommendation, RecommendationRule, RecommendedPlaybook } from './respond/recommend/types.js';
export {
  exitCodeFor,
  type ReleaseResult,
  type RunEvent,
  type RunObserver,
  type RunResult,
  type StepOutcome,
  type UndoOutcome,
} from './respond/runner/outcome.js';
export { type RunOptions, runPlaybook } from './respond/runner/run-playbook.js';
export { validatePlaybook } from './respond/runner/validate.js';
export {
  type Playbook,
  type PlaybookTarget,
  requestIdsOf,
  type Step,
  type StepContext,
  type StepPlan,
  type StepResult,
  type StepVerification,
} from './respond/step.js';
export { deliveryTime, type FileBlobOptions, fileBlobs } from './trail/files.js';
export {
  createMatcher as createEventsMatcher,
  type EventsFilterOptions,
  parseWhere,
  type WhereClause,
} from './trail/filter.js';
export { eventsFilterSpec } from './trail/filter-spec.js';
export {
  type CloudTrailRecord,
  checkRecord,
  fieldValue,
  principalOf,
  type RecordOrigin,
  type Rejection,
  type TrailRecord,
} from './trail/record.js';
export { cloudTrailRecordSchema } from './trail/record-zod.js';
export { scanBlobs } from './trail/scan/pool.js';
export type {
  Blob as TrailBlob,
  CreateMatcher,
  MatcherSpec,
  RecordMatcher,
  RecordPeek,
  ScanEvent,
  ScanOptions,
  ScanProgress,
  ScanRun,
  ScanSummary,
} from './trail/scan/types.js';
export { type LogsLocation, logGroupRecords, parseLogsSpec } from './trail/sources/cloudwatch-logs.js';
export { locationInScope, parseDeliveredKey, type TrailScope } from './trail/sources/delivery-layout.js';
export { LOOKUP_WINDOW_DAYS, lookupEventRecords, lookupWindow } from './trail/sources/lookup-events.js';
export {
  type ReadTrailOptions,
  readTrail,
  type TrailProgress,
  type TrailRun,
  type TrailSummary,
} from './trail/sources/read-trail.js';
export type { SourceItem } from './trail/sources/record-stream.js';
export { parseS3Url, type S3Location, s3TrailBlobs } from './trail/sources/s3.js';
export { parseSourceSpec, type SourceSpec } from './trail/sources/source-spec.js';
export { parseTime } from './trail/time.js';
export { VERSION } from './version.js';
