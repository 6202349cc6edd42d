// The engine's public API.
export type { Diagnostic, Location } from './domain/diagnostic.js';
export { EngineError, ExitCode } from './domain/errors.js';
export type * from './domain/model.js';
export type { Provenance, Sourced, SourceFile } from './domain/source.js';
export { formatProvenance } from './domain/source.js';
export { loadSettings } from './config/load-settings.js';
export { validateSettings, type Validation } from './desired/validate.js';
export { mergeLevels } from './desired/merge.js';
export { compileDesired } from './desired/compile.js';
export { indexDesired, settingsForAccount, isManagedPath } from './desired/index-of.js';
export type { DesiredOrganization, DesiredAccount, DesiredOu } from './desired/types.js';
export { KINDS, ACTION_ORDER } from './changes/registry.js';
export {
  renderDiagnosticsGithub,
  renderDiagnosticsJson,
  renderDiagnosticsText,
} from './render/diagnostics.js';
export { renderExplainJson, renderExplainText } from './render/explain.js';
export type { Action, Change, Finding, Plan } from './plan/types.js';
export { buildPlan, closeQuota, type PlanInput } from './plan/build-plan.js';
export { makePlan } from './plan/make-plan.js';
export { planDigest, settingsDigest } from './plan/digest.js';
export { applyPlan, type ApplyOptions, type ApplyResult } from './apply/apply.js';
export type { AccountManagement } from './ports/account-management.js';
export type { BudgetStore } from './ports/budgets.js';
export type { PolicyStore } from './ports/policies.js';
export type { OrganizationReader, OrganizationWriter } from './ports/organization.js';
export type { GithubRepo } from './ports/github.js';
export { renderPlanText } from './render/plan-text.js';
export { renderPlanMarkdown } from './render/plan-markdown.js';
export { renderPlanGithub } from './render/plan-github.js';
export { renderPrComments, renderDriftIssue, renderApplyComment } from './gitops/comments.js';
export { decideApply, approvedDigest, ALLOW_LARGE_LABEL, MIN_CONFIRMATION_LENGTH } from './gitops/gate.js';
export { appliesDuringPlan } from './gitops/drift.js';
export { planSticky } from './gitops/sticky.js';
export { formatMarker, parseMarker } from './gitops/markers.js';

// Ports: what the use cases need of the world; each entry point gives adapters.
export type { Annotation, Output, Progress, StepOutputs } from './ports/output.js';
export type { SettingsSource } from './ports/settings-source.js';
export type { ArtifactStore } from './ports/artifacts.js';
export type { ExistingComment, Issue, PullRequest, WorkflowEvent, WorkflowRun } from './ports/github.js';
export type { Clock } from './ports/clock.js';
export type { ApplyLock } from './ports/lock.js';
export type { Ports } from './ports/ports.js';

// Use cases: one per command, the same whichever entry point runs them (CLI, Action, Lambda).
export { validate, type ValidateOptions } from './app/gitops/validate.js';
export { explain, type ExplainOptions } from './app/gitops/explain.js';
export { compile, type CompileOptions } from './app/gitops/compile.js';
export {
  planChanges,
  type PlanAws,
  type PlanChangesOptions,
  type PlanOutcome,
  type PlanPorts,
} from './app/gitops/plan-changes.js';
export {
  applyChanges,
  type ApplyAws,
  type ApplyChangesOptions,
  type ApplyOutcome,
  type ApplyPorts,
} from './app/gitops/apply-changes.js';
export { forceUnlock, type UnlockPorts } from './app/gitops/force-unlock.js';
export { readValidSettings, type ValidSettings } from './app/gitops/valid-settings.js';
export type { GithubPorts } from './app/github/deps.js';
export { commentPlan, type BasePlan, type CommentPlanOutcome } from './app/github/comment-plan.js';
export { applyGate, type ApplyGateOutcome } from './app/github/apply-gate.js';
export { reportApply, pullNumbers } from './app/github/report-apply.js';
export { driftIssue, type DriftIssueOptions, type DriftOutcome } from './app/github/drift-issue.js';
export {
  makeCostReport,
  type CostReport,
  type CostReportDeps,
  type CostReportOptions,
} from './reports/costs/make-cost-report.js';
export type { CostExplorer, CostQuery } from './ports/cost-explorer.js';
export type { ReportFile, ReportStore } from './ports/report-store.js';
export type { TableWriter } from './ports/table-writer.js';
export type { Table, Row, Column, Cell } from './reports/table.js';

export {
  runtimeNames,
  EVENT_SOURCE,
  PREPARATION_PROJECT,
  PURGE_PROJECT,
  type RuntimeNames,
} from './domain/runtime-names.js';
export { runtimeRules, type RuntimeRule } from './domain/runtime-rules.js';
export { lambdaEnvironment, type LambdaEnvironment } from './entrypoints/lambda/environment.js';
export { decide } from './lifecycle/transitions.js';
export type { Decision, DecisionContext } from './lifecycle/decision.js';
export type { AccountRecord, AccountState, Transaction } from './lifecycle/states.js';
