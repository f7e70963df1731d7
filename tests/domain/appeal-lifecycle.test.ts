import { APPEAL_COMMANDS, APPEAL_STATUSES, planTransition, TRANSITIONS, type ActorKind, type AppealCommand, type AppealStatus } from '../../domain/appeals/lifecycle';

const ACTORS: ActorKind[] = ['submitter', 'assignee', 'staff', 'system'];
const FROMS: (AppealStatus | 'new')[] = ['new', ...APPEAL_STATUSES];

// The expected table, written out by hand: command → [from, to][] and the one actor allowed.
const EXPECTED: Record<AppealCommand, { actor: ActorKind; moves: [AppealStatus | 'new', AppealStatus][] }> = {
  hold: { actor: 'system', moves: [['new', 'pending_review']] },
  route: { actor: 'system', moves: [['new', 'assigned'], ['new', 'triage']] },
  content_reject: { actor: 'system', moves: [['new', 'rejected']] },
  approve: { actor: 'staff', moves: [['pending_review', 'assigned'], ['pending_review', 'triage']] },
  reject: { actor: 'staff', moves: [['pending_review', 'rejected'], ['triage', 'rejected']] },
  assign: { actor: 'staff', moves: [['triage', 'assigned']] },
  reassign: { actor: 'staff', moves: [['assigned', 'assigned'], ['in_progress', 'assigned']] },
  accept: { actor: 'assignee', moves: [['assigned', 'in_progress']] },
  progress: { actor: 'assignee', moves: [['in_progress', 'in_progress']] },
  transfer: { actor: 'assignee', moves: [['in_progress', 'in_progress']] },
  reply: { actor: 'assignee', moves: [['assigned', 'replied'], ['in_progress', 'replied']] },
  rate_close: { actor: 'submitter', moves: [['replied', 'closed']] },
  rate_redo: { actor: 'submitter', moves: [['replied', 'assigned']] },
  auto_close: { actor: 'system', moves: [['replied', 'closed']] },
  mark_overdue: { actor: 'system', moves: [['assigned', 'assigned'], ['in_progress', 'in_progress']] },
  escalate: { actor: 'system', moves: [['assigned', 'assigned'], ['in_progress', 'in_progress']] },
};

describe('appeal transition table', () => {
  it('covers every command', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...APPEAL_COMMANDS].sort());
  });

  for (const command of APPEAL_COMMANDS) {
    describe(command, () => {
      const { actor, moves } = EXPECTED[command];
      for (const from of FROMS) {
        for (const to of APPEAL_STATUSES) {
          const allowed = moves.some(([f, t]) => f === from && t === to);
          it(`${allowed ? 'allows' : 'forbids'} ${from} → ${to} by ${actor}`, () => {
            const result = planTransition(command, from, actor, to);
            expect(result.ok).toBe(allowed);
            if (allowed) expect(result).toEqual({ ok: true, to });
            else expect(result).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
          });
        }
      }
      it('refuses every other actor with PERMISSION_DENIED', () => {
        const [from, to] = moves[0];
        for (const other of ACTORS.filter((a) => a !== actor)) {
          expect(planTransition(command, from, other, to)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
        }
      });
    });
  }

  it('infers the only target when none is given', () => {
    expect(planTransition('accept', 'assigned', 'assignee')).toEqual({ ok: true, to: 'in_progress' });
    expect(planTransition('progress', 'in_progress', 'assignee')).toEqual({ ok: true, to: 'in_progress' });
    expect(planTransition('route', 'new', 'system')).toMatchObject({ ok: false });
  });

  it('never lets anything leave a closed or rejected appeal', () => {
    for (const command of APPEAL_COMMANDS) {
      for (const actor of ACTORS) {
        for (const from of ['closed', 'rejected'] as const) expect(planTransition(command, from, actor).ok).toBe(false);
      }
    }
  });
});
