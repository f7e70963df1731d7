/**
 * 代表常在: a corner of the street with its own deputies (newCommunity) and what staff set up there — a
 * reception slot, an activity inviting its deputies, a walk-in appeal filed by one of them, a mediation case.
 */
import { chinaDay, shiftDay } from '../../domain/time';
import type { RunningRuntime } from '../support/runtime';
import { runtimeNow } from './clock';
import { requestId } from './ids';
import { staffMember } from './people';
import { newCommunity, type NewCorner } from './street';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** A new community whose contact point has `n` deputies sharing one specialty (so routing has a choice). */
export async function presenceCorner(rt: RunningRuntime, n = 2): Promise<NewCorner & { category: string }> {
  const corner = await newCommunity(rt, { deputies: Array.from({ length: n }, () => ({})) });
  return { ...corner, category: corner.deputies[0].specialties[0] };
}

/** The China day `n` days from the runtime's now. */
export async function dayFromNow(rt: RunningRuntime, n: number): Promise<string> {
  return shiftDay(chinaDay(await runtimeNow(rt)), n);
}

export async function rosterSlot(rt: RunningRuntime, o: { stationId: string; deputyIds: string[]; inDays: number; half?: 'am' | 'pm'; staff?: string }) {
  const day = await dayFromNow(rt, o.inDays);
  const entries = await rt.ok('presence', { action: 'setRoster', stationId: o.stationId, day, half: o.half ?? 'am', deputyIds: o.deputyIds }, o.staff ?? (await staffMember(rt)));
  return { day, entries };
}

/** An activity starting `startsInMs` from the runtime's now, lasting two hours, inviting the deputies given. */
export async function newActivity(rt: RunningRuntime, o: { deputyIds: string[]; stationId?: string; startsInMs?: number; capacity?: number; kind?: string; staff?: string }) {
  const now = await runtimeNow(rt);
  const startsAt = new Date(now.getTime() + (o.startsInMs ?? 2 * DAY));
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
  const view = await rt.ok('presence', {
    action: 'createActivity', requestId: requestId('act'), kind: o.kind ?? 'inspection', title: '背街小巷环境整治视察', place: '石桥社区党群服务站', ...(o.stationId ? { stationId: o.stationId } : {}),
    startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: o.capacity ?? 10, deputyIds: o.deputyIds,
  }, o.staff ?? (await staffMember(rt)));
  return { ...view, startsAtDate: startsAt, endsAtDate: endsAt };
}

export const INTAKE_TEXT = '电话反映：小区北门路灯不亮已经两周，晚上出行不便';

/** A walk-in (phone) appeal a deputy files for a resident. */
export async function walkInAppeal(rt: RunningRuntime, o: { by: string; communityId: string; category: string; phone?: string; name?: string; channel?: 'station' | 'phone' | 'visit'; content?: string }) {
  const phone = o.phone ?? '13912345678';
  const result = await rt.ok('presence', { action: 'intake', requestId: requestId('intake'), channel: o.channel ?? 'phone', residentName: o.name ?? '周阿姨', residentPhone: phone, communityId: o.communityId, category: o.category, content: o.content ?? INTAKE_TEXT }, o.by);
  return { ...result, phone };
}

/** A mediation case a deputy opened. */
export async function openCase(rt: RunningRuntime, o: { by: string; communityId: string }) {
  return rt.ok('presence', { action: 'openMediation', requestId: requestId('med'), communityId: o.communityId, parties: ['张某', '李某'], summary: '楼上楼下漏水纠纷，双方就维修费用分担争执不下' }, o.by);
}
