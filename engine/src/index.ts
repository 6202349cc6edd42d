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
export type { BudgetStore } from './ports/budgets.js';
export type { OrganizationReader, OrganizationWriter } from './ports/organization.js';
export type { GithubRepo } from './ports/github.js';
export { renderPlanText } from './render/plan-text.js';
export { renderPlanMarkdown } from './render/plan-markdown.js';
export { renderPlanGithub } from './render/plan-github.js';
export { renderPrComments, renderDriftIssue, renderApplyComment } from './gitops/comments.js';
export { decideApply, approvedDigest } from './gitops/gate.js';
export { planSticky } from './gitops/sticky.js';
export { formatMarker, parseMarker } from './gitops/markers.js';
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
