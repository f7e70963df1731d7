// Pure shaping of ballot results into chart rows (kept apart from the page so it is easy to test and reuse).
import type { BallotResults } from '../../../contracts/ballot';
import type { Electorate, Tally } from '../../../domain/ballots/rules';
import type { BarRow } from './components/Bars';

export type Titles = (projectId: string) => string;

export function tallyRows(tallies: Tally[], title: Titles): { rows: BarRow[]; max: number } {
  const max = Math.max(0, ...tallies.map((t) => t.total));
  const rows = tallies.map((t) => ({
    key: t.projectId,
    label: title(t.projectId),
    parts: [
      { value: t.online, tone: 'online' as const },
      { value: t.paper, tone: 'paper' as const },
    ],
    value: `${t.total} 票`,
    note: `线上 ${t.online} · 纸质 ${t.paper}`,
  }));
  return { rows, max };
}

export function turnoutRows(r: BallotResults): { rows: BarRow[]; max: number } {
  const max = Math.max(0, ...r.turnoutByCommunity.map((c) => c.voters));
  return {
    rows: r.turnoutByCommunity.map((c) => ({ key: c.communityId, label: c.name, parts: [{ value: c.voters, tone: 'plain' as const }], value: `${c.voters} 人` })),
    max,
  };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

export interface Side {
  electorate: Electorate;
  voters: number;
  byProject: Map<string, Tally>;
}

export interface PairCell {
  total: number;
  /** Share of all votes this side cast (paper included), in %. */
  share: number;
  /** Bar width in %, relative to this side's leading project. */
  width: number;
}

export interface PairRow {
  projectId: string;
  title: string;
  binding: PairCell;
  advisory: PairCell;
}

/**
 * The binding deputy result next to the advisory resident one, project by project, in the order of the
 * binding result. The two electorates differ in size, so each side is shown as its own share of votes
 * (paper tallies have no voter count, so shares are of all votes cast, not of voters).
 */
export function pairRows(r: BallotResults, electorate: Electorate, title: Titles): { binding: Side; advisory: Side; rows: PairRow[] } | null {
  if (!r.paired) return null;
  const mine: Side = { electorate, voters: r.voters, byProject: new Map(r.tallies.map((t) => [t.projectId, t])) };
  const other: Side = { electorate: r.paired.electorate, voters: r.paired.voters, byProject: new Map(r.paired.tallies.map((t) => [t.projectId, t])) };
  const binding = mine.electorate === 'deputy' ? mine : other;
  const advisory = binding === mine ? other : mine;
  const order = [...binding.byProject.keys(), ...[...advisory.byProject.keys()].filter((k) => !binding.byProject.has(k))];
  const sum = (side: Side) => [...side.byProject.values()].reduce((n, t) => n + t.total, 0);
  const top = (side: Side) => Math.max(0, ...[...side.byProject.values()].map((t) => t.total));
  const cell = (side: Side, projectId: string): PairCell => {
    const total = side.byProject.get(projectId)?.total ?? 0;
    return { total, share: pct(total, sum(side)), width: pct(total, top(side)) };
  };
  const rows = order.map((projectId) => ({ projectId, title: title(projectId), binding: cell(binding, projectId), advisory: cell(advisory, projectId) }));
  return { binding, advisory, rows };
}
