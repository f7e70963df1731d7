/**
 * A new street from an empty cloud database (LXQ_SEED=empty): `onEmptyStreet` / `emptyStreetOptions` (a runtime
 * with nothing in it but a bootstrap code), `firstStaff` (the first clerk claims staff with the code), `importedTemplate`
 * (staff import the template workbook).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRuntime, type RunningRuntime } from '../support/runtime';
import { uploadToStorage } from '../support/storage';
import { freshOpenid, uniqueTag } from './ids';

export const BOOTSTRAP_CODE = 'bootstrap-code-for-tests-7f3a';
export const TEMPLATE = readFileSync(join(__dirname, '..', '..', 'database', 'seed', 'street-template.xlsx'));

/** Runtime options for a street as empty as a new cloud environment, with a bootstrap code set. */
export const emptyStreetOptions = (code = BOOTSTRAP_CODE) => ({ env: { LXQ_SEED: 'empty', LXQ_BOOTSTRAP_CODE: code } });


/** Run a story on an empty street of its own, stopped afterwards. */
export const onEmptyStreet = <T>(story: (rt: RunningRuntime) => Promise<T>, code = BOOTSTRAP_CODE): Promise<T> => withRuntime(emptyStreetOptions(code), story);

/** The first clerk claims staff with the bootstrap code; their OPENID. */
export async function firstStaff(rt: RunningRuntime, code = BOOTSTRAP_CODE): Promise<string> {
  const clerk = freshOpenid('clerk');
  await rt.ok('user', { action: 'claimStaff', code }, clerk);
  return clerk;
}

/** The template workbook in cloud storage, as a clerk's upload puts it there. */
export const uploadTemplate = (rt: RunningRuntime): Promise<string> => uploadToStorage(rt, `street/template-${uniqueTag()}.xlsx`, TEMPLATE);

/** Staff import the template street (its deputies have no accounts yet); the import report. */
export async function importedTemplate(rt: RunningRuntime, staff: string): Promise<any> {
  return rt.ok('street', { action: 'importStreet', fileId: await uploadTemplate(rt) }, staff);
}
