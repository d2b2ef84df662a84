// The deployment files under test, read from the repository this package sits in.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export const repoRoot = new URL('../../../../', import.meta.url);

export function repoText(path: string): string {
  return readFileSync(new URL(path, repoRoot), 'utf8');
}

/** Every YAML document of a file, with `<<` merge keys applied (compose's x- anchors use them). */
export function repoYaml(path: string): unknown[] {
  return parseAllDocuments(repoText(path), { merge: true })
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]!.message}`);
      return document.toJS();
    })
    .filter((value) => value !== null);
}
