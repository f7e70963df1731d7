import { appealsContributor } from './appeals';
import type { Contributor } from './types';

/**
 * Every capability that counts in 晴雨表, in the order the nightly run reads them. Mediation and activities
 * (issue 15) and legislation add theirs here; until then their measures read as absent (暂无数据).
 */
export const CONTRIBUTORS: readonly Contributor[] = [appealsContributor];
