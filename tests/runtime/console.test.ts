/**
 * The local console (/api/dev/db): browse, view and edit documents through the database's direct API, which
 * runs the engine's own find/count/update/replace/remove — a console edit is a write like any other.
 */
import { consoleRequest } from '../../runtime/consoleApi';
import { openDatabase, type LocalDatabase } from '../../runtime/db';

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
let db: LocalDatabase;

beforeEach(() => {
  db = openDatabase({
    file: ':memory:',
    strict: true,
    now: () => T0,
    indexes: { collections: { notes: { indexes: [{ name: 'owner', fields: [{ field: 'owner', direction: 1 }] }] } } },
  });
  db.collection('notes').insertMany([
    { _id: 'n1', owner: 'ann', text: 'first', tags: ['a'], at: new Date(T0) },
    { _id: 'n2', owner: 'bob', text: 'second' },
    { _id: 'n3', owner: 'ann', text: 'third' },
  ]);
});
afterEach(() => db.close());

const call = (method: string, path: string, body?: unknown) => consoleRequest(db, method, path, body);

test('lists collections and queries with a filter, a sort and the total', () => {
  expect(call('GET', '/api/dev/db').body).toEqual([{ name: 'notes', count: 3 }]);
  const r = call('POST', '/api/dev/db/query', { collection: 'notes', filter: { owner: 'ann' }, sort: { _id: -1 }, limit: 1 });
  expect(r).toEqual({ status: 200, body: { docs: [{ _id: 'n3', owner: 'ann', text: 'third' }], total: 2 } });
  // Dates travel as {"$date": ISO}, both ways.
  const byDate = call('POST', '/api/dev/db/query', { collection: 'notes', filter: { at: { $gte: { $date: new Date(T0).toISOString() } } } });
  expect((byDate.body as any).docs.map((d: any) => [d._id, d.at])).toEqual([['n1', { $date: new Date(T0).toISOString() }]]);
});

test('PATCH merges fields like $set; PUT replaces the document and keeps its _id', () => {
  expect(call('PATCH', '/api/dev/db/notes/n1', { text: 'edited', 'meta.by': 'staff' })).toEqual({
    status: 200,
    body: { _id: 'n1', owner: 'ann', text: 'edited', tags: ['a'], at: { $date: new Date(T0).toISOString() }, meta: { by: 'staff' } },
  });
  expect(call('PUT', '/api/dev/db/notes/n2', { _id: 'n2', owner: 'cat' })).toEqual({ status: 200, body: { _id: 'n2', owner: 'cat' } });
  // The index follows the edit.
  expect((call('POST', '/api/dev/db/query', { collection: 'notes', filter: { owner: 'cat' } }).body as any).total).toBe(1);
  expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'owner' });
});

test('missing documents, _id changes and engine errors answer 404 / 400', () => {
  expect(call('PATCH', '/api/dev/db/notes/nope', { text: 'x' }).status).toBe(404);
  expect(call('PUT', '/api/dev/db/notes/nope', { text: 'x' }).status).toBe(404);
  expect(call('GET', '/api/dev/db/notes/nope').status).toBe(404);
  expect(call('PUT', '/api/dev/db/notes/n1', { _id: 'other' })).toEqual({ status: 400, body: { error: '不能修改 _id' } });
  // What the engine refuses for any writer, it refuses here too.
  expect(call('PATCH', '/api/dev/db/notes/n1', { 'text.deep': 1 })).toEqual({ status: 400, body: { error: expect.stringMatching(/^DATABASE_REQUEST_FAILED: Cannot create field 'deep'/) } });
  expect(call('PUT', '/api/dev/db/notes/n1', { $set: { a: 1 } }).body).toEqual({ error: expect.stringMatching(/must not contain update operators/) });
  expect((call('GET', '/api/dev/db/notes/n1').body as any).text).toBe('first');
});

test('a document an open transaction holds cannot be edited until it ends', async () => {
  const { transactionId } = (await db.handle({ action: 'database.startTransaction' })) as { transactionId: string };
  await db.handle({ action: 'database.modifyDocument', collectionName: 'notes', transactionId, query: '{"_id":"n1"}', data: '{"$set":{"text":"in a transaction"}}', merge: true, multi: false });
  const refused = call('PATCH', '/api/dev/db/notes/n1', { text: 'console' });
  expect(refused.status).toBe(400);
  expect((refused.body as any).error).toMatch(/document notes\/n1 is locked by open transaction .*: try again when it ends \(at most 30 s\)/);
  expect(call('PATCH', '/api/dev/db/notes/n2', { text: 'not locked' }).status).toBe(200);
  await db.handle({ action: 'database.commitTransaction', transactionId });
  expect((call('PATCH', '/api/dev/db/notes/n1', { text: 'console' }).body as any).text).toBe('console');
});
