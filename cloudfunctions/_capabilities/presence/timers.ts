/**
 * The day-before reminder (presence timer `remind`): each reception duty and each activity tomorrow is
 * pushed once to the deputy (subscribe message, with the inbox entry as the fallback). Bounded by the
 * run's deadline; what is left is picked up by the next run, and a slot is never reminded twice.
 */
import { reminderDay, slotWords, type HalfDay } from '../../../domain/presence/roster';
import { chinaDay, fromChinaWallClock } from '../../../domain/time';
import { findById } from '../../_platform/db';
import type { SystemContext } from '../../_platform/handler';
import { CHECK_IN_PAGE } from '../../../domain/presence/codes';
import { markReminded, queueReminder } from './writer';

const START: Record<HalfDay, string> = { am: '09:00', pm: '14:00' };
const MAX_PER_RUN = 200;

export async function remind({ db, now, deadline }: SystemContext) {
  const at = now();
  const day = reminderDay(at);
  const _ = db.command;
  const noticeIds: string[] = [];
  let receptions = 0;
  let activities = 0;
  let more = false;
  const link = `/${CHECK_IN_PAGE}`;

  const slots = (await db.collection('receptionRoster').where({ day, remindedAt: null }).limit(100).get()).data;
  for (const s of slots) {
    if (Date.now() >= deadline || receptions >= MAX_PER_RUN) { more = true; break; }
    const deputy = await findById(db, 'deputies', s.deputyId);
    if (deputy?.openid && deputy.active === true) {
      const station = await findById(db, 'stations', s.stationId);
      noticeIds.push(await queueReminder(db, {
        toOpenid: deputy.openid, template: 'dutyReminder',
        values: { title: `接待日：${s.stationName}`, time: fromChinaWallClock(s.day, START[s.half as HalfDay]) ?? at, place: station?.address ?? s.stationName },
        title: `明天${s.half === 'am' ? '上午' : '下午'}您在${s.stationName}接待群众`, body: `${slotWords(s.day, s.half as HalfDay)}，地点：${station?.address ?? s.stationName}`,
        link, dedupeKey: `reception-${s._id}`,
      }, at));
    }
    if (await markReminded(db, 'receptionRoster', s._id, at)) receptions += 1;
  }

  const soon = (await db.collection('activities').where({ remindedAt: null, startsAt: _.gte(at) }).orderBy('startsAt', 'asc').limit(50).get()).data.filter((a) => chinaDay(a.startsAt) === day);
  for (const a of soon) {
    if (Date.now() >= deadline) { more = true; break; }
    for (const i of (a.invitees ?? []) as { deputyId: string; status: string }[]) {
      if (i.status !== 'invited' && i.status !== 'confirmed') continue;
      const deputy = await findById(db, 'deputies', i.deputyId);
      if (!deputy?.openid) continue;
      noticeIds.push(await queueReminder(db, {
        toOpenid: deputy.openid, template: 'dutyReminder',
        values: { title: a.title, time: new Date(a.startsAt), place: a.place },
        title: `明天有代表活动：${a.title}`, body: `${i.status === 'invited' ? '请确认参加或请假。' : ''}地点：${a.place}`,
        link, dedupeKey: `activity-${a._id}-${i.deputyId}`,
      }, at));
    }
    if (await markReminded(db, 'activities', a._id, at)) activities += 1;
  }
  return { day, receptions, activities, queued: noticeIds.length, more };
}
