/** Durations of settings.yaml: a whole number of minutes, hours or days (`90m`, `3h`, `2d`). */
const UNIT_SECONDS = { m: 60, h: 3600, d: 86400 } as const;

/** Seconds of a duration; undefined when the text is not one (the schema reports it first). */
export function durationSeconds(text: string): number | undefined {
  const m = /^([1-9][0-9]*)(m|h|d)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}
