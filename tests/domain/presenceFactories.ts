/** 代表常在 factories with named variants: activities before, during and after; mediation cases by progress. */
import type { ActivityState, Invitee } from '../../domain/presence/activities';
import { MEDIATION_STEPS, type MediationState } from '../../domain/presence/mediation';
import { chinaDay } from '../../domain/time';
import { appeal, NOW } from './factories';
import type { AppealState } from '../../domain/appeals/state';

export const HOUR = 3600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

const invitee = (deputyId: string, over: Partial<Invitee> = {}): Invitee => ({ deputyId, name: `代表${deputyId}`, status: 'invited', ...over });

/** Starts in two days, lasts two hours, three deputies invited, room for five. */
const upcoming = (): ActivityState => ({
  _id: 'act1', kind: 'inspection', title: '背街小巷视察', startsAt: at(48 * HOUR), endsAt: at(50 * HOUR), place: '石桥社区', stationId: 'cp01', capacity: 5, status: 'open',
  invitees: [invitee('d01'), invitee('d02'), invitee('d03')], version: 1,
});

/** The clock as each variant is seen: before the start, during, after the end. */
export const ACTIVITY_TIMES = { before: NOW, during: at(48 * HOUR + 10 * 60_000), after: at(51 * HOUR) };

export const ACTIVITY_VARIANTS = {
  upcoming,
  answered: (): ActivityState => ({ ...upcoming(), invitees: [invitee('d01', { status: 'confirmed' }), invitee('d02', { status: 'leave', leaveReason: '外出学习' }), invitee('d03')] }),
  attended: (): ActivityState => ({ ...upcoming(), invitees: [invitee('d01', { status: 'attended', checkedInBy: 'scan' }), invitee('d02', { status: 'leave', leaveReason: '外出学习' }), invitee('d03')] }),
  settled: (): ActivityState => ({ ...upcoming(), status: 'settled', invitees: [invitee('d01', { status: 'attended' }), invitee('d02', { status: 'leave' }), invitee('d03', { status: 'absent' })] }),
  full: (): ActivityState => ({ ...upcoming(), capacity: 1, invitees: [invitee('d01', { status: 'attended' }), invitee('d02')] }),
} satisfies Record<string, () => ActivityState>;

export const activity = (variant: keyof typeof ACTIVITY_VARIANTS, over: Partial<ActivityState> = {}): ActivityState => ({ ...ACTIVITY_VARIANTS[variant](), ...over });

const TODAY = chinaDay(NOW);
const step = (i: number) => ({ step: MEDIATION_STEPS[i], note: `第${i + 1}步记录`, day: TODAY, by: 'dep-d01', at: NOW });

export const MEDIATION_VARIANTS = {
  opened: (): MediationState => ({ _id: 'm1', status: 'open', handlerDeputyIds: ['d01'], openedBy: 'dep-d01', steps: [], version: 1 }),
  fiveSteps: (): MediationState => ({ ...MEDIATION_VARIANTS.opened(), steps: [0, 1, 2, 3, 4].map(step) }),
  sixSteps: (): MediationState => ({ ...MEDIATION_VARIANTS.opened(), steps: [0, 1, 2, 3, 4, 5].map(step) }),
  agreed: (): MediationState => ({ ...MEDIATION_VARIANTS.opened(), steps: [0, 1, 2, 3, 4, 5].map(step), status: 'agreed', agreement: { text: '协议', partiesConfirmed: true, day: TODAY } }),
} satisfies Record<string, () => MediationState>;

export const mediationCase = (variant: keyof typeof MEDIATION_VARIANTS): MediationState => MEDIATION_VARIANTS[variant]();

export const handlers = {
  handler: { openid: 'dep-d01', role: 'deputy', deputyId: 'd01' },
  otherDeputy: { openid: 'dep-d09', role: 'deputy', deputyId: 'd09' },
  staff: { openid: 's1', role: 'staff' },
  resident: { openid: 'r1', role: 'resident' },
} as const;

/** A walk-in appeal filed by staff for 周阿姨 (phone ends 5678), in each status; `claimed` once r1 took it. */
export const walkIn = (status: Parameters<typeof appeal>[0], over: Partial<AppealState> = {}): AppealState =>
  appeal(status, { submitterOpenid: 'walkin:a1', intake: { channel: 'phone', byOpenid: 's1', byRole: 'staff', residentName: '周阿姨', phoneTail: '5678' }, ...over });
