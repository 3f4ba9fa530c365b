import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GarrisonError } from '../../errors.js';
import { compileSigmaRule, type SigmaRule } from './rule.js';

/** Every `.yml`/`.yaml` file under a folder (recursively), sorted; a file path is returned as is. */
export async function sigmaFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new GarrisonError('input', `cannot read rules at ${path}`, {
      cause: error,
      hint: 'give a folder of Sigma .yml files',
    });
  }
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Loads and compiles every Sigma rule under the given folders or files; the first bad rule stops the load. */
export async function loadSigmaRules(paths: readonly string[]): Promise<SigmaRule[]> {
  const rules: SigmaRule[] = [];
  for (const path of paths) {
    for (const file of await sigmaFiles(path))
      rules.push(compileSigmaRule(await readFile(file, 'utf8'), file));
  }
  return rules;
}
