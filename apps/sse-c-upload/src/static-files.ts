import { readFile } from 'node:fs/promises';

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/** The page's files, from `public/` next to `src/` and `dist/`. Only these names are served. */
export async function staticFile(name: string): Promise<{ body: Buffer; type: string } | undefined> {
  const type = TYPES[name];
  if (type === undefined) return undefined;
  return { body: await readFile(new URL(`../public/${name}`, import.meta.url)), type };
}
