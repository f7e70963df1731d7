/**
 * A deadline summary in words for whoever looks (pages and functions share it): the counting itself is in
 * deadlines.ts, on the server, which holds the working-day calendar.
 */
import { formatChinaDate, type Instant } from '../time';

export type DeadlineStage = 'accept' | 'reply' | 'rate';

export interface DeadlineSummary {
  stage: DeadlineStage;
  /** The last moment (23:59:59.999 China time of the due day), ISO. */
  due: string;
  /** Working days after today up to the due day: 0 = due today. Calendar days for `rate`. */
  daysLeft: number;
  /** Working days past the due day (at least 1 once it has passed); 0 when not late. */
  daysLate: number;
  /** The deadline crosses a year without holiday data: weekends only were skipped. */
  weekendsOnly?: true;
}

export type Audience = 'deputy' | 'resident' | 'staff';

export interface DeadlineWords {
  /** 请于12月3日前受理 / 预计12月8日前答复 / 受理已超期 2 个工作日 */
  text: string;
  /** 还剩 1 个工作日 / 今天到期 / 已超期 2 个工作日 */
  left: string;
  tone: 'ok' | 'soon' | 'late';
}

const VERB: Record<DeadlineStage, string> = { accept: '受理', reply: '答复', rate: '评价' };

/** The summary in words for one audience. `now` only decides whether the date needs its year. */
export function deadlineWords(d: DeadlineSummary, audience: Audience, now: Instant): DeadlineWords {
  const day = formatChinaDate(d.due, now);
  const verb = VERB[d.stage];
  const unit = d.stage === 'rate' ? '天' : '个工作日';
  const late = d.daysLate > 0;
  const left = late ? `已超期 ${d.daysLate} ${unit}` : d.daysLeft === 0 ? '今天到期' : `还剩 ${d.daysLeft} ${unit}`;
  const tone: DeadlineWords['tone'] = late ? 'late' : d.daysLeft <= 1 ? 'soon' : 'ok';
  let text: string;
  if (d.stage === 'rate') {
    text = audience === 'resident' ? `请于${day}前评价，逾期将自动办结` : `居民可评价至${day}，逾期自动办结`;
  } else if (audience === 'deputy') {
    text = late ? `应于${day}前${verb}，已列入督办` : `请于${day}前${verb}`;
  } else if (audience === 'resident') {
    // A resident waits for the answer: the reply is what they are told to expect.
    text = late ? '答复晚了，已列入督办，街道正在催办' : d.stage === 'accept' ? `代表将于${day}前受理` : `预计${day}前答复`;
  } else {
    text = `${verb}期限 ${day}`;
  }
  if (d.weekendsOnly) text += '（仅按周末计算）';
  return { text, left, tone };
}

/** Most urgent first: the most working days late, then the fewest left, then the earliest due. */
export function byUrgency(a: DeadlineSummary | null | undefined, b: DeadlineSummary | null | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return b.daysLate - a.daysLate || a.daysLeft - b.daysLeft || a.due.localeCompare(b.due);
}
