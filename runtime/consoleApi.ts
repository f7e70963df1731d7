import type { LocalDatabase } from './db';

/**
 * The local stand-in for the cloud console's database panel: browse collections, filter, view and edit a
 * document as JSON. Writes go straight to the store, like a console edit does in the cloud — no function,
 * no audit: the system must notice them by itself (the reconcile timer).
 * JSON form: dates as {"$date": "<ISO>"}, everything else plain.
 */
export function toConsoleJson(v: unknown): unknown {
  if (v instanceof Date) return { $date: v.toISOString() };
  if (Array.isArray(v)) return v.map(toConsoleJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toConsoleJson(x)]));
  return v;
}

export function fromConsoleJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromConsoleJson);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$date') {
      const d = new Date((v as { $date: string | number }).$date);
      if (Number.isNaN(d.getTime())) throw new Error('invalid $date');
      return d;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromConsoleJson(x)]));
  }
  return v;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export type ConsoleReply = { status: number; body: unknown };

export function consoleRequest(db: LocalDatabase, method: string, path: string, body: any): ConsoleReply {
  try {
    if (method === 'GET' && path === '/api/dev/db') return { status: 200, body: db.listCollections() };
    if (method === 'POST' && path === '/api/dev/db/query') {
      const { collection, filter = {}, sort, limit = 50, skip = 0 } = body ?? {};
      if (typeof collection !== 'string' || !NAME.test(collection)) return { status: 400, body: { error: '集合名称不正确' } };
      const docs = db.collection(collection).find(fromConsoleJson(filter) as object, { sort, limit: Math.min(Number(limit) || 50, 200), skip: Math.max(0, Number(skip) || 0) });
      return { status: 200, body: { docs: docs.map(toConsoleJson), total: db.collection(collection).count(fromConsoleJson(filter) as object) } };
    }
    // Ids up to 128 characters: a vote's is <ballotId>_<voter key> (~65).
    const m = /^\/api\/dev\/db\/([A-Za-z][A-Za-z0-9_]{0,63})\/([A-Za-z0-9_-]{1,128})$/.exec(path);
    if (m) {
      const [, collection, id] = m;
      const coll = db.collection(collection);
      if (method === 'GET') {
        const doc = coll.findOne({ _id: id });
        return doc ? { status: 200, body: toConsoleJson(doc) } : { status: 404, body: { error: '记录不存在' } };
      }
      if (method === 'PUT') {
        if (!body || typeof body !== 'object' || Array.isArray(body)) return { status: 400, body: { error: '请提交一个 JSON 对象' } };
        const { _id, ...rest } = fromConsoleJson(body) as Record<string, unknown>;
        if (_id !== undefined && _id !== id) return { status: 400, body: { error: '不能修改 _id' } };
        return coll.replaceOne(id, rest) ? { status: 200, body: toConsoleJson(coll.findOne({ _id: id })) } : { status: 404, body: { error: '记录不存在' } };
      }
      if (method === 'PATCH') {
        if (!body || typeof body !== 'object' || Array.isArray(body) || '_id' in body) return { status: 400, body: { error: '请提交要修改的字段' } };
        return coll.updateOne(id, { $set: fromConsoleJson(body) }) ? { status: 200, body: toConsoleJson(coll.findOne({ _id: id })) } : { status: 404, body: { error: '记录不存在' } };
      }
    }
    return { status: 404, body: { error: 'unknown console endpoint' } };
  } catch (err) {
    return { status: 400, body: { error: String((err as Error).message ?? err) } };
  }
}
