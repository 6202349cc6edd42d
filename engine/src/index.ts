// The engine's public API.
export type { Diagnostic, Location } from './domain/diagnostic.js';
export { EngineError, ExitCode } from './domain/errors.js';
export type * from './domain/model.js';
export type { Provenance, Sourced, SourceFile } from './domain/source.js';
export { formatProvenance } from './domain/source.js';
export { loadSettings } from './config/load-settings.js';
export { validateSettings, type Validation } from './desired/validate.js';
export { effectiveAccount, effectiveForOu } from './desired/effective.js';
export { mergeLevels } from './desired/merge.js';
export {
  renderDiagnosticsGithub,
  renderDiagnosticsJson,
  renderDiagnosticsText,
} from './render/diagnostics.js';
export { renderExplainJson, renderExplainText } from './render/explain.js';
