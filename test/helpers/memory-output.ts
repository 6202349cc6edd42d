import type { Annotation, Output, StepOutputs } from '../../engine/src/ports/output.js';

/** An Output that keeps what a use case said, for the unit tests of use cases. */
export interface MemoryOutput extends Output {
  readonly results: string[];
  readonly infos: string[];
  readonly annotations: { level: 'notice' | 'warning' | 'error'; message: string; at?: Annotation }[];
  /** Every value given to outputs(), the last one of each name winning, as GITHUB_OUTPUT would hold them. */
  readonly stepOutputs: Record<string, string | number | boolean>;
  readonly summaries: string[];
}

export function memoryOutput(): MemoryOutput {
  const results: string[] = [];
  const infos: string[] = [];
  const annotations: MemoryOutput['annotations'] = [];
  const stepOutputs: Record<string, string | number | boolean> = {};
  const summaries: string[] = [];
  const annotate = (level: 'notice' | 'warning' | 'error') => (message: string, at?: Annotation) =>
    void annotations.push({ level, message, ...(at ? { at } : {}) });
  return {
    results,
    infos,
    annotations,
    stepOutputs,
    summaries,
    result: (text) => void results.push(text),
    info: (text) => void infos.push(text),
    notice: annotate('notice'),
    warn: annotate('warning'),
    error: annotate('error'),
    outputs: (values: StepOutputs) => void Object.assign(stepOutputs, values),
    summary: (markdown) => Promise.resolve(void summaries.push(markdown)),
    progress: {
      update: () => undefined,
      count: () => undefined,
      note: () => undefined,
      done: () => undefined,
    },
    color: { result: false, info: false },
  };
}
