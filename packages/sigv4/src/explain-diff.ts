/** One line of a line diff: `' '` same, `'-'` only in ours, `'+'` only in the server's. */
export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
}

/**
 * Line diff (longest common subsequence) of our text against the server's. Canonical requests are a few dozen lines,
 * so the quadratic table is fine.
 */
export function diffLines(ours: readonly string[], theirs: readonly string[]): DiffLine[] {
  const n = ours.length;
  const m = theirs.length;
  // lcs[i][j] = LCS length of ours[i..] and theirs[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] = ours[i] === theirs[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ours[i] === theirs[j]) {
      out.push({ op: ' ', text: ours[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      out.push({ op: '-', text: ours[i] as string });
      i++;
    } else {
      out.push({ op: '+', text: theirs[j] as string });
      j++;
    }
  }
  for (; i < n; i++) out.push({ op: '-', text: ours[i] as string });
  for (; j < m; j++) out.push({ op: '+', text: theirs[j] as string });
  return out;
}

/** Renders a diff like `diff -u` bodies: `-` ours, `+` server. */
export const formatDiff = (lines: readonly DiffLine[]): string => lines.map((l) => `${l.op} ${l.text}`).join('\n');
