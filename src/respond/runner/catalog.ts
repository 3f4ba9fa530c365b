import type { Playbook, PlaybookTarget } from '../step.js';

/**
 * The playbooks this garrison ships, for release (which must find the step that journaled a change
 * to call its undo). They live in src/respond/playbooks/index.ts, which exports
 * `playbooks: readonly Playbook[]`; until that module exists the catalog is empty.
 */
export async function loadPlaybookCatalog(): Promise<readonly Playbook<PlaybookTarget>[]> {
  // A variable specifier: the module is optional, so the compiler must not insist on it.
  const specifier = '../playbooks/index.js';
  try {
    const module = (await import(specifier)) as { playbooks?: readonly Playbook<PlaybookTarget>[] };
    return module.playbooks ?? [];
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message ?? '';
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes('playbooks/index.js')) return [];
    throw error;
  }
}
