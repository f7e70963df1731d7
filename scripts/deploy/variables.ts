// Function environment variables: a function's config.json lists the NAMES it needs ("envVariables");
// this table says where each value comes from. Values never live in the repo.
import { randomBytes } from 'node:crypto';

export type RandomBytes = (n: number) => Buffer;

export interface VariableSpec {
  /** What the value is for (shown in the dry-run plan). */
  purpose: string;
  /**
   * When the function already has a value: 'keep' never changes it (secrets other data depend on);
   * 'deployer' replaces it with the deployer's environment variable when that is set.
   */
  onExisting: 'keep' | 'deployer';
  /** A fresh value when neither the function nor the deployer's environment has one. */
  generate: (random: RandomBytes) => string;
  /** Print a generated value once (someone has to type it), or never (a secret). */
  printGenerated: boolean;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

export function readableCode(random: RandomBytes, length = 16): string {
  return [...random(length)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export const VARIABLES: Record<string, VariableSpec> = {
  LXQ_BOOTSTRAP_CODE: {
    purpose: 'one-time code that makes the first staff member (user.claimStaff)',
    onExisting: 'deployer',
    generate: (random) => readableCode(random),
    printGenerated: true,
  },
  LXQ_VOTE_SECRET: {
    purpose: 'HMAC secret of the ballot function; changing it would orphan every cast vote',
    onExisting: 'keep',
    generate: (random) => random(32).toString('hex'),
    printGenerated: false,
  },
};

export const defaultRandom: RandomBytes = (n) => randomBytes(n);

export interface ResolvedVariables {
  /** The complete map to set on the function (names it needs plus any other variable it already had). */
  values: Record<string, string>;
  generated: { name: string; value: string; print: boolean }[];
  /** Deployer values that were not applied because the function's existing value is kept. */
  ignored: string[];
}

/** Values for one function: its current variables (from the cloud) merged with what config.json asks for. */
export function resolveVariables(names: string[], current: Record<string, string>, deployerEnv: NodeJS.ProcessEnv, random: RandomBytes): ResolvedVariables {
  const values: Record<string, string> = { ...current };
  const generated: ResolvedVariables['generated'] = [];
  const ignored: string[] = [];
  for (const name of names) {
    const spec = VARIABLES[name];
    if (!spec) throw new Error(`environment variable ${name} has no source in scripts/deploy/variables.ts`);
    const existing = current[name];
    const fromDeployer = deployerEnv[name] || undefined;
    if (existing) {
      if (fromDeployer && fromDeployer !== existing) {
        if (spec.onExisting === 'deployer') values[name] = fromDeployer;
        else ignored.push(name);
      }
    } else if (fromDeployer) {
      values[name] = fromDeployer;
    } else {
      values[name] = spec.generate(random);
      generated.push({ name, value: values[name], print: spec.printGenerated });
    }
  }
  return { values, generated, ignored };
}
