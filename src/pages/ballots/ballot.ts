// Words and small sums for ballots, shared by the 票决 tab (main package) and the ballot/staff subpackages.
import type { BallotStatus, Electorate } from '../../../domain/ballots/rules';
import { durationWords, formatChinaDateTime } from '../../../domain/time';
import { now as clockNow } from '../../services/clock';

export const BALLOT_STATUS_LABEL: Record<BallotStatus, string> = {
  upcoming: '即将开始',
  open: '进行中',
  closed: '已结束',
};

export const ELECTORATE_LABEL: Record<Electorate, string> = {
  resident: '居民意愿征集',
  deputy: '代表票决',
};

/** What each kind of ballot means for the outcome. */
export const ELECTORATE_NOTE: Record<Electorate, string> = {
  resident: '居民投票，结果供代表票决时参考',
  deputy: '审议代表投票，结果决定明年实施的项目',
};

type Window = { status: BallotStatus; opensAt: string; closesAt: string; closedAt?: string };

/** Staff ended it before its 截止 time. */
export const closedEarly = (b: Window): boolean => b.status === 'closed' && !!b.closedAt && b.closedAt < b.closesAt;

/** 还剩 3 天 / 2 天后开始 / 已截止 / 已提前结束. */
export function timeLeft(b: Window, now: Date = clockNow()): string {
  if (b.status === 'closed') return closedEarly(b) ? '已提前结束' : '已截止';
  if (b.status === 'upcoming') {
    const span = durationWords(now, b.opensAt);
    return span ? `${span}后开始` : '即将开始';
  }
  const span = durationWords(now, b.closesAt);
  return span ? `还剩 ${span}` : '即将截止';
}

/** 请选择 1–3 项 (or 请选择 3 项 when min = max). */
export function choiceHint(min: number, max: number): string {
  return min === max ? `请选择 ${min} 项` : `请选择 ${min}–${max} 项`;
}

/** Yuan → 360 万元 / 85.5 万元. */
export function formatWan(cost: number | null | undefined): string {
  if (typeof cost !== 'number' || !Number.isFinite(cost)) return '';
  const wan = Math.round((cost / 10000) * 100) / 100;
  return `${wan} 万元`;
}

export const BALLOT_DETAIL = '/packages/ballot/pages/detail/index';
export const BALLOT_RESULTS = '/packages/ballot/pages/results/index';
export const PROPOSE = '/packages/ballot/pages/propose/index';
export const PROJECTS = '/packages/ballot/pages/projects/index';
export const PROJECT = '/packages/ballot/pages/project/index';

/** When voting ends or ended, honestly: a ballot staff closed early says when it really closed. */
export function closingLine(b: Window): string {
  if (closedEarly(b)) return `已于 ${formatChinaDateTime(b.closedAt!)} 提前结束（原定 ${formatChinaDateTime(b.closesAt)} 截止）`;
  if (b.status === 'closed') return `已于 ${formatChinaDateTime(b.closesAt)} 截止`;
  return `截止 ${formatChinaDateTime(b.closesAt)}`;
}
