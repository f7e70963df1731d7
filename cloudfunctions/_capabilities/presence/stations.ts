/** Stations: their page (hours, phone, map, deputies, who receives when, activity reports), the roster, codes. */
import { presenceManifest } from '../../../contracts/presence.manifest';
import type { CodeResult, MyDuties, StationPage, TodayAtStations } from '../../../contracts/presence';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../../domain/presence/activities';
import { codePage, sceneOf } from '../../../domain/presence/codes';
import { bySlotTime, planSlot, upcomingWindow } from '../../../domain/presence/roster';
import { addDays, chinaDay } from '../../../domain/time';
import { findById, findByIdWith, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { boundDeputy, signedIn, staffMember } from '../../_platform/permissions';
import { warm } from '../../_platform/warm';
import { directoryDoc } from '../appeals/routing';
import { toActivityView, toRosterEntry } from './views';
import { replaceRosterSlot, saveStationProfile } from './writer';

const spec = presenceManifest.presence;

/** A station from the warm directory (the street import owns stations; they seldom change). */
const stationDoc = (db: Db, stationId: string): Promise<Doc | null> => warm(`directory:station:${stationId}`, () => findById(db, 'stations', stationId));

async function loadStation(db: Db, stationId: string): Promise<Doc> {
  const s = await stationDoc(db, stationId);
  if (!s) throw new AppError('NOT_FOUND', '没有找到这个站点');
  return s;
}

/** The station with its profile, deputies, roster from `from` on and latest published reports: one request. */
async function stationPage(db: Db, stationId: string, now: Date, staff: boolean): Promise<StationPage> {
  const _ = db.command;
  const sub = () => _.aggregate.pipeline();
  const { from, to } = upcomingWindow(now);
  const found = await findByIdWith(db, 'stations', stationId, {
    profile: { collection: 'stationProfiles', id: stationId },
    deputies: { collection: 'deputies', pipeline: sub().match({ stationId, active: true }).project({ _id: true, name: true }).sort({ _id: 1 }).limit(50).done() },
    roster: { collection: 'receptionRoster', pipeline: sub().match({ stationId, day: _.gte(from) }).sort({ day: 1 }).limit(100).done() },
    reports: { collection: 'activities', pipeline: sub().match({ stationId, reportStatus: 'published' }).sort({ endsAt: -1 }).limit(5).done() },
  });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个站点');
  const { doc: station, with: { profile, deputies, roster, reports } } = found;
  const entries = roster.filter((r) => r.day <= to).map(toRosterEntry).sort(bySlotTime);
  const today = chinaDay(now);
  return {
    _id: station._id, name: station.name, kind: station.kind, address: station.address ?? '', phone: station.phone ?? '',
    hours: profile?.hours ?? '', intro: profile?.intro ?? '', ...(profile?.location ? { location: { latitude: profile.location.latitude, longitude: profile.location.longitude } } : {}),
    deputies: deputies.map((d) => ({ _id: d._id, name: d.name })),
    today: entries.filter((e) => e.day === today),
    upcoming: entries.filter((e) => e.day > today),
    reports: reports.map((a) => ({ activityId: a._id, title: a.title, kind: a.kind, kindLabel: ACTIVITY_KIND_LABELS[a.kind as ActivityKind], day: chinaDay(a.endsAt), text: a.report?.text ?? '', photos: a.report?.photos ?? [] })),
    ...(staff ? { editable: true } : {}),
  };
}

export const station = useCase(spec.station, {
  permission: signedIn,
  run: async (input, { db, now, user }) => stationPage(db, input.stationId, now(), user.role === 'staff'),
});

/** 今天在站的代表: who receives today at the stations serving the community (its own and the one above it). */
export const today = useCase(spec.today, {
  permission: signedIn,
  run: async (input, { db, now, user }): Promise<TodayAtStations> => {
    const communityId = input.communityId ?? user.communityId ?? null;
    if (!communityId) return { communityId: null, entries: [] };
    const community = await directoryDoc(db, 'communities', communityId);
    if (!community) throw new AppError('INVALID_ARGUMENT', '没有这个社区或村');
    const own = await stationDoc(db, community.stationId);
    const stationIds = [community.stationId, ...(own?.parentId && own.parentId !== 'home' ? [own.parentId] : [])];
    const rows = await db.collection('receptionRoster').where({ day: chinaDay(now()), stationId: db.command.in(stationIds) }).limit(50).get();
    return { communityId, entries: rows.data.map(toRosterEntry).sort(bySlotTime) };
  },
});

export const saveStation = useCase(spec.saveStation, {
  permission: staffMember,
  run: async (input, { db, now, user }) => {
    await loadStation(db, input.stationId);
    const location = input.location ? { latitude: input.location.latitude, longitude: input.location.longitude } : null;
    await saveStationProfile(db, input.stationId, { hours: input.hours, intro: input.intro ?? '', location }, { openid: user.openid, role: 'staff' }, now());
    return stationPage(db, input.stationId, now(), true);
  },
});

/** Staff set the deputies receiving at a station on one half-day (the whole list replaces the old one). */
export const setRoster = useCase(spec.setRoster, {
  permission: staffMember,
  run: async (input, { db, now, user }) => {
    const st = await loadStation(db, input.stationId);
    const at = now();
    const deputies = input.deputyIds.length ? (await db.collection('deputies').where({ _id: db.command.in(input.deputyIds) }).limit(20).get()).data : [];
    const plan = orRefuse(planSlot(input, deputies.map((d) => ({ _id: d._id, name: d.name, active: d.active === true })), at));
    const names = new Map(deputies.map((d) => [d._id, d.name as string]));
    await replaceRosterSlot(db, input, plan.slots.map((s) => ({ ...s, deputyName: names.get(s.deputyId) ?? '', stationName: st.name })), { openid: user.openid, role: 'staff' }, at);
    const rows = await db.collection('receptionRoster').where({ stationId: input.stationId, day: input.day, half: input.half }).limit(20).get();
    return rows.data.map(toRosterEntry);
  },
});

/** 码上见代表: a 小程序码 per station, deputy or activity, to print and post. */
export const code = useCase(spec.code, {
  permission: staffMember,
  run: async (input, { db, cloud }): Promise<CodeResult> => {
    const collection = input.kind === 'station' ? 'stations' : input.kind === 'deputy' ? 'deputies' : 'activities';
    if (!(await findById(db, collection, input.id))) throw new AppError('NOT_FOUND', '没有找到要生成码的对象');
    const scene = sceneOf(input.kind, input.id);
    const page = codePage(input.kind);
    try {
      const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, envVersion: process.env.LXQ_WXACODE_ENV_VERSION || 'release', width: 430 })) as { buffer?: Buffer };
      if (!res.buffer) throw new Error('no image in the reply');
      const { fileID } = await cloud.uploadFile({ cloudPath: `codes/${input.kind}-${input.id}.png`, fileContent: res.buffer });
      const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL?: string }[] };
      return { kind: input.kind, id: input.id, scene, page, fileId: fileID, url: fileList[0]?.tempFileURL ?? null };
    } catch (err) {
      console.warn('[code] wxacode.getUnlimited failed', (err as { errCode?: number }).errCode ?? err);
      return { kind: input.kind, id: input.id, scene, page, fileId: null, url: null, error: '小程序码暂时无法生成，请稍后再试' };
    }
  },
});

/** A deputy's upcoming reception duties and the activities they are invited to. */
export const myDuties = useCase(spec.myDuties, {
  permission: boundDeputy,
  run: async (_input, { db, now, user }): Promise<MyDuties> => {
    const _ = db.command;
    const at = now();
    const { from, to } = upcomingWindow(at);
    const deputyId = user.deputyId!;
    const [roster, activities] = await Promise.all([
      db.collection('receptionRoster').where({ deputyId, day: _.gte(from) }).orderBy('day', 'asc').limit(50).get(),
      db.collection('activities').where({ invitedIds: deputyId, endsAt: _.gte(addDays(at, -1)) }).orderBy('endsAt', 'asc').limit(20).get(),
    ]);
    return {
      receptions: roster.data.filter((r) => r.day <= to).map(toRosterEntry).sort(bySlotTime),
      activities: activities.data.map((a) => toActivityView(a, { deputyId, staff: false }, at)),
    };
  },
});
