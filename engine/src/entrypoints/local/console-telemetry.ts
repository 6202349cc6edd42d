import type { Telemetry } from '../../ports/telemetry.js';

/**
 * Telemetry of the local runtime: one JSON line per log (as Powertools writes them in Lambda) to `write`, and
 * the metrics counted in memory instead of EMF.
 */
export function consoleTelemetry(
  write: (line: string) => void,
  options: { quiet?: boolean } = {},
): Telemetry & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    log(level, message, fields = {}) {
      if (options.quiet && level !== 'error' && level !== 'warn') return;
      write(
        JSON.stringify({
          level: level.toUpperCase(),
          message,
          ...fields,
          timestamp: new Date().toISOString(),
        }),
      );
    },
    count(metric, dimension) {
      const key = dimension ? `${metric}.${dimension.value}` : metric;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
  };
}
