import { CredentialsError } from './errors.js';

/** One section of a shared config file: flattened keys (`s3.addressing_style` for sub-sections) and where it starts. */
export interface IniSection {
  readonly values: Record<string, string>;
  /** 1-based line of the section's first header. */
  readonly line: number;
}

/** Section types that may be written `[type name]`. */
export const SECTION_TYPES = ['profile', 'sso-session', 'services'] as const;
export type SectionType = (typeof SECTION_TYPES)[number];

// Same shape the JS SDK accepts for `[type name]` / `[type "name"]` headers (facts from @smithy/shared-ini-file-loader).
const TYPED_SECTION = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;
// A comment starts with `#` or `;` at the start of a line or after whitespace: `key = a#b` keeps `a#b`.
const COMMENT = /(^|\s)[;#]/;

/**
 * Parses the text of `~/.aws/config` or `~/.aws/credentials` into sections keyed like the JS SDK:
 * `[profile x]` -> `profile.x`, `[services x]` -> `services.x`, `[sso-session x]` -> `sso-session.x`, `[x]` -> `x`
 * (a two-word header with an unknown type is ignored). Repeated sections merge, later keys win.
 * An indented `key = value` under `name =` becomes `name.key`.
 *
 * Stricter than the SDK: a line that is neither blank, a comment, a `[section]` header nor `key = value`, or a
 * `key = value` before the first header, throws `CREDENTIALS_CONFIG_PARSE` naming the file and line, where the SDK
 * silently drops the line. The offending line's text is not quoted because it may hold a secret.
 */
export function parseIni(text: string, file: string): Map<string, IniSection> {
  const sections = new Map<string, IniSection>();
  const fail = (line: number, what: string): never => {
    throw new CredentialsError('CREDENTIALS_CONFIG_PARSE', `${file}:${line}: ${what}`, { file, line });
  };
  let seenHeader = false;
  let current: string | undefined;
  let currentLine = 0;
  let subSection: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    const line = (raw.split(COMMENT)[0] ?? '').trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) fail(lineNo, 'section header is missing its closing "]"');
      seenHeader = true;
      subSection = undefined;
      current = sectionKey(line.slice(1, -1));
      currentLine = lineNo;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) fail(lineNo, 'expected "key = value", a [section] header or a comment');
    if (eq === 0) fail(lineNo, 'a "key = value" line has an empty key');
    if (!seenHeader) fail(lineNo, '"key = value" before the first [section] header');
    if (current === undefined || current === '') continue;
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') {
      subSection = name;
      continue;
    }
    // A sub-section ends at the first line that is not indented.
    if (subSection !== undefined && raw.trimStart() === raw) subSection = undefined;
    let section = sections.get(current);
    if (section === undefined) {
      section = { values: Object.create(null) as Record<string, string>, line: currentLine };
      sections.set(current, section);
    }
    section.values[subSection === undefined ? name : `${subSection}.${name}`] = value;
  }
  return sections;
}

/** `profile x` -> `profile.x`; `other x` -> undefined (ignored); `x` -> `x`. */
function sectionKey(header: string): string | undefined {
  const m = TYPED_SECTION.exec(header);
  if (m === null) return header;
  const type = m[1] ?? '';
  return (SECTION_TYPES as readonly string[]).includes(type) ? `${type}.${m[3] ?? ''}` : undefined;
}
