/**
 * The appeal lifecycle as behaviour: every command, tried from every status by every kind of actor,
 * through the domain command (domain/appeals/commands.ts). The expectations are written out per command —
 * who may, from where, to where — and the refusal each other try gets: an unrelated person does not learn
 * the appeal exists (NOT_FOUND), a past assignee or the wrong kind of actor is refused (PERMISSION_DENIED),
 * the right actor at the wrong moment is told the status (FAILED_PRECONDITION).
 */
import { decideAppeal, type AppealInput } from '../../domain/appeals/commands';
import { allowedCommands, APPEAL_STATUSES, type AppealStatus } from '../../domain/appeals/lifecycle';
import { appeal, ctx, daysFrom, deputy, NOW, people, routedTo, type Who } from './factories';

type Cell = AppealStatus | 'NOT_FOUND' | 'PERMISSION_DENIED' | 'FAILED_PRECONDITION' | 'INVALID_ARGUMENT';
const WHO: Who[] = ['submitter', 'assignee', 'pastAssignee', 'staff', 'stranger', 'timer', 'console'];

/** Who may take the command (as whom they act) and the moves it makes: from → to. */
interface Spec {
  input: AppealInput;
  by: Who[];
  moves: Partial<Record<AppealStatus, AppealStatus>>;
  /** Cells that differ from the general refusal rule (with the reason in a comment). */
  except?: Partial<Record<Who, Partial<Record<AppealStatus, Cell>>>>;
  /** The state to try from (default: the usual appeal in that status). */
  state?: (s: AppealStatus) => ReturnType<typeof appeal>;
}

const UNRELATED_ASSIGNEE: AppealStatus[] = ['pending_review', 'triage', 'rejected']; // d01 holds none of these

const SPECS: Record<string, Spec> = {
  approve: { input: { command: 'approve', routed: routedTo(deputy()) }, by: ['staff', 'console'], moves: { pending_review: 'assigned' } },
  reject: { input: { command: 'reject', reason: '不属于本街道' }, by: ['staff', 'console'], moves: { pending_review: 'rejected', triage: 'rejected' } },
  assign: { input: { command: 'assign', deputy: deputy(), categoryName: '住房物业' }, by: ['staff', 'console'], moves: { triage: 'assigned', assigned: 'assigned', in_progress: 'assigned' } },
  accept: { input: { command: 'accept' }, by: ['assignee'], moves: { assigned: 'in_progress' } },
  progress: { input: { command: 'progress', note: '已约物业现场查看' }, by: ['assignee'], moves: { in_progress: 'in_progress' } },
  transfer: { input: { command: 'transfer', department: '街道城管科', note: '请维修路灯' }, by: ['assignee'], moves: { in_progress: 'in_progress' } },
  reply: { input: { command: 'reply', content: '路灯已修复。', resolution: 'implemented' }, by: ['assignee'], moves: { assigned: 'replied', in_progress: 'replied' } },
  'rate 满意': {
    input: { command: 'rate', rating: 'satisfied', deputy: null, categoryName: '' },
    by: ['submitter'],
    moves: { replied: 'closed' },
    // Only the submitter rates, and to anyone else who can see it the rating does not exist.
    except: Object.fromEntries((['assignee', 'staff', 'timer', 'console'] as Who[]).map((w) => [w, Object.fromEntries(APPEAL_STATUSES.filter((s) => w !== 'assignee' || !UNRELATED_ASSIGNEE.includes(s)).map((s) => [s, 'NOT_FOUND']))])),
  },
  'rate 不满意': {
    input: { command: 'rate', rating: 'unsatisfied', deputy: deputy({ _id: 'd01', name: '王建国', openid: 'dep-d01' }), categoryName: '住房物业' },
    by: ['submitter'],
    moves: { replied: 'assigned' },
    except: Object.fromEntries((['assignee', 'staff', 'timer', 'console'] as Who[]).map((w) => [w, Object.fromEntries(APPEAL_STATUSES.filter((s) => w !== 'assignee' || !UNRELATED_ASSIGNEE.includes(s)).map((s) => [s, 'NOT_FOUND']))])),
  },
  auto_close: { input: { command: 'auto_close' }, by: ['timer'], moves: { replied: 'closed' } },
  supervise: {
    input: { command: 'supervise', ladder: ['cp01', 'st1', 'home', 'staff'], stations: [], recipients: [] },
    by: ['timer'],
    moves: { assigned: 'assigned', in_progress: 'in_progress' },
    // Both deadlines missed, so an open appeal is due whatever its status.
    state: (s) => ({ ...appeal(s), acceptDeadline: daysFrom(NOW, -2), replyDeadline: daysFrom(NOW, -1) }),
  },
};

/** The general rule for a try that is not one of the command's moves. */
function refusalFor(who: Who, status: AppealStatus, spec: Spec): Cell {
  if (who === 'stranger' || (who === 'assignee' && UNRELATED_ASSIGNEE.includes(status))) return 'NOT_FOUND';
  if (who === 'pastAssignee') return 'PERMISSION_DENIED';
  return spec.by.includes(who) ? 'FAILED_PRECONDITION' : 'PERMISSION_DENIED';
}

function expectedCell(who: Who, status: AppealStatus, spec: Spec): Cell {
  const exception = spec.except?.[who]?.[status];
  if (exception) return exception;
  const to = spec.moves[status];
  return to && spec.by.includes(who) ? to : refusalFor(who, status, spec);
}

describe.each(Object.entries(SPECS))('%s', (_name, spec) => {
  it.each(APPEAL_STATUSES)('from %s: each actor gets the designed outcome', (status) => {
    const state = (spec.state ?? ((s: AppealStatus) => appeal(s)))(status);
    const got = Object.fromEntries(WHO.map((who) => {
      const d = decideAppeal(state, people[who], spec.input, ctx());
      return [who, d.ok ? d.to : d.code];
    }));
    expect(got).toEqual(Object.fromEntries(WHO.map((who) => [who, expectedCell(who, status, spec)])));
  });
});

describe('what a refusal says', () => {
  it('tells the right actor the status in words, and hides the appeal from strangers', () => {
    expect(decideAppeal(appeal('closed'), people.assignee, { command: 'accept' }, ctx())).toEqual({ ok: false, code: 'FAILED_PRECONDITION', message: '诉求当前为「已办结」，不能进行此操作' });
    expect(decideAppeal(appeal('assigned'), people.stranger, { command: 'accept' }, ctx())).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有找到这条诉求' });
    expect(decideAppeal(appeal('assigned'), people.pastAssignee, { command: 'accept' }, ctx())).toEqual({ ok: false, code: 'PERMISSION_DENIED', message: '这条诉求已不由您办理' });
    expect(decideAppeal(appeal('assigned'), people.staff, { command: 'accept' }, ctx())).toEqual({ ok: false, code: 'PERMISSION_DENIED', message: '您没有权限进行此操作' });
    expect(decideAppeal(appeal('in_progress'), people.submitter, { command: 'rate', rating: 'satisfied', deputy: null, categoryName: '' }, ctx())).toEqual({ ok: false, code: 'FAILED_PRECONDITION', message: '代表答复后才能评价' });
  });

  it('never lets anything leave a closed or rejected appeal', () => {
    for (const status of ['closed', 'rejected'] as const) {
      for (const spec of Object.values(SPECS)) {
        for (const who of WHO) expect(decideAppeal(appeal(status), people[who], spec.input, ctx()).ok).toBe(false);
      }
    }
  });
});

describe('allowedCommands: what a page may offer', () => {
  it('offers the assignee accept or a direct reply while assigned, then progress, 交办 and reply', () => {
    expect(allowedCommands({ status: 'assigned' }, 'assignee')).toEqual(['accept', 'reply']);
    expect(allowedCommands({ status: 'in_progress' }, 'assignee')).toEqual(['progress', 'transfer', 'reply']);
    expect(allowedCommands({ status: 'replied' }, 'assignee')).toEqual([]);
  });
  it('offers staff review, triage and reassignment where they apply, and the submitter a rating once replied', () => {
    // Staff may also merge a duplicate that is not answered yet into another case.
    expect(allowedCommands({ status: 'pending_review' }, 'staff')).toEqual(['approve', 'reject', 'merge']);
    expect(allowedCommands({ status: 'triage' }, 'staff')).toEqual(['reject', 'assign', 'merge']);
    expect(allowedCommands({ status: 'in_progress' }, 'staff')).toEqual(['reassign', 'merge']);
    expect(allowedCommands({ status: 'replied' }, 'staff')).toEqual([]);
    expect(allowedCommands({ status: 'replied' }, 'submitter')).toEqual(['rate_close', 'rate_redo']);
  });
  it('offers nothing to someone who only looks, and nothing on a finished appeal', () => {
    expect(allowedCommands({ status: 'in_progress' }, undefined)).toEqual([]);
    for (const actor of ['submitter', 'assignee', 'staff', 'system'] as const) {
      expect(allowedCommands({ status: 'closed' }, actor)).toEqual([]);
      expect(allowedCommands({ status: 'rejected' }, actor)).toEqual([]);
    }
  });
  it('offers exactly what the commands then accept', () => {
    const state = appeal('in_progress');
    const offered = allowedCommands(state, 'assignee');
    const accepted = (['accept', 'progress', 'transfer', 'reply'] as const).filter((c) => {
      const input: AppealInput = c === 'progress' ? { command: c, note: '进展' } : c === 'transfer' ? { command: c, department: '城管', note: '交办' } : c === 'reply' ? { command: c, content: '答复内容', resolution: 'explained' } : { command: c };
      return decideAppeal(state, people.assignee, input, ctx()).ok;
    });
    expect(accepted).toEqual(offered);
  });
});
