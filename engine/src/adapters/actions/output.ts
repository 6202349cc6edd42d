import * as core from '@actions/core';
import type { Annotation, Output } from '../../ports/output.js';

function properties(at: Annotation | undefined): core.AnnotationProperties {
  const p: core.AnnotationProperties = {};
  if (at?.title !== undefined) p.title = at.title;
  if (at?.file !== undefined) p.file = at.file;
  if (at?.line !== undefined) p.startLine = at.line;
  if (at?.column !== undefined) p.startColumn = at.column;
  return p;
}

/**
 * The Output of a GitHub Actions step: results and notes go to the log as on a terminal (`log`); annotations,
 * step outputs (GITHUB_OUTPUT) and the job summary (GITHUB_STEP_SUMMARY) are written with @actions/core.
 * `stepSummary` says whether the runner gave a summary file: without one the summary is dropped.
 */
export function actionsOutput(log: Output, options: { stepSummary: boolean }): Output {
  return {
    result: (text) => log.result(text),
    info: (text) => log.info(text),
    notice: (message, at) => core.notice(message, properties(at)),
    warn: (message, at) => core.warning(message, properties(at)),
    error: (message, at) => core.error(message, properties(at)),
    outputs(values) {
      for (const [name, value] of Object.entries(values)) core.setOutput(name, value);
    },
    async summary(markdown) {
      if (options.stepSummary) await core.summary.addRaw(markdown, true).write();
    },
    progress: log.progress,
    color: log.color,
  };
}
