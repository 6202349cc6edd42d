import pc from 'picocolors';

/** Colours for text output; a no-op set when the output is not a terminal (or NO_COLOR is set). */
export type Style = ReturnType<typeof pc.createColors>;

export function style(enabled: boolean): Style {
  return pc.createColors(enabled);
}
