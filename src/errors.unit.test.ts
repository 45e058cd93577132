import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, RETIRED_ERROR_CODES } from './errors.ts';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

  it.each(Object.entries(ERROR_CATALOGUE))('%s is documented in docs/errors.md with its status', (code, { status }) => {
    expect(doc).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
  });

  it('documents no code the catalogue lacks, and reuses no retired code', () => {
    const documented = [...doc.matchAll(/\| `(RB_ERR_\w+)` \|/g)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const code of RETIRED_ERROR_CODES) expect(ERROR_CATALOGUE).not.toHaveProperty(code);
  });
});
