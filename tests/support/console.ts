import type { RunningRuntime } from './runtime';

/**
 * The runtime's console API (the local stand-in for the cloud console's database panel): documents straight
 * from the store, not through any function — what a clerk sees in the console, and an oracle independent of
 * the functions' own views. Dates come as {"$date": "<ISO>"}.
 */
const post = (rt: RunningRuntime, path: string, body: unknown) =>
  fetch(`${rt.url}/api/dev/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

/** One page of documents matching a filter (at most 200), and how many match in all. */
export async function dbQuery(rt: RunningRuntime, collection: string, filter: object = {}, opts: { limit?: number; skip?: number } = {}): Promise<{ docs: any[]; total: number }> {
  return post(rt, 'db/query', { collection, filter, limit: opts.limit ?? 100, skip: opts.skip ?? 0, sort: { _id: 1 } });
}

/** Every document matching a filter, page by page. */
export async function dbAll(rt: RunningRuntime, collection: string, filter: object = {}): Promise<any[]> {
  const all: any[] = [];
  for (let skip = 0; ; skip += 200) {
    const { docs } = await dbQuery(rt, collection, filter, { limit: 200, skip });
    all.push(...docs);
    if (docs.length < 200) return all;
  }
}

export async function dbCount(rt: RunningRuntime, collection: string, filter: object = {}): Promise<number> {
  return (await dbQuery(rt, collection, filter, { limit: 1 })).total;
}

export async function dbGet(rt: RunningRuntime, collection: string, id: string): Promise<any> {
  return fetch(`${rt.url}/api/dev/db/${collection}/${id}`).then((r) => r.json());
}

/** A console edit: set fields of one document, as a clerk does in the cloud console (no function, no audit). */
export async function dbPatch(rt: RunningRuntime, collection: string, id: string, fields: object): Promise<any> {
  return fetch(`${rt.url}/api/dev/db/${collection}/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }).then((r) => r.json());
}

/** The openapi calls the stand-ins recorded (subscribe pushes, content checks, QR codes), oldest first. */
export interface OpenApiCall { apiName: string; touser?: string; templateId?: string; data?: any; at: string; result: string; errcode?: number }
export async function openApiCalls(rt: RunningRuntime): Promise<OpenApiCall[]> {
  return rt.dev('outbox');
}

/** Run the notify timer until the outbox has nothing due (a story's backlog can be more than one run's worth). */
export async function notifyRuns(rt: RunningRuntime): Promise<void> {
  for (let run = 0; run < 20; run++) {
    const r = await rt.dev<{ ok: boolean; data?: { more?: boolean } }>('trigger/notify', {});
    if (!r.ok || !r.data?.more) return;
  }
}

/**
 * The subscribe pushes WeChat accepted for one person, optionally only those about one tracking number — once
 * the notify timer has run (pushes leave with it, within a minute of the action, not inside the action).
 */
export async function deliveredPushes(rt: RunningRuntime, touser: string, trackingNo?: string): Promise<OpenApiCall[]> {
  await notifyRuns(rt);
  return (await openApiCalls(rt)).filter((c) => c.apiName === 'subscribeMessage.send' && c.touser === touser && c.result === 'ok' && (trackingNo === undefined || c.data?.character_string1?.value === trackingNo));
}

/** Every in-app message (消息) a person has, as stored: for stories where other messages may crowd the first page. */
export async function storedInbox(rt: RunningRuntime, openid: string): Promise<{ title: string; body: string; read: boolean }[]> {
  return dbAll(rt, 'outbox', { openid });
}
