/** One printed figure: a label and its value. */
export type Figures = Record<string, string | number>;

/**
 * Formats figures as an aligned two-column block with a title, for the suite's console output.
 *
 * @example
 * ```ts
 * console.log(formatFigures('S3 chaos', { operations: 2000, 'data lost': 0 }));
 * ```
 */
export function formatFigures(title: string, figures: Figures): string {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  return [`== ${title}`, ...lines].join('\n');
}
