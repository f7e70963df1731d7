/**
 * Importing the street's network: validate everything first (nothing is written when any row is wrong),
 * then create or update documents by their codes. Documents missing from the file are kept (appeals may
 * refer to them); a deputy's bound WeChat account is never touched by an import.
 */
import { issue, MAX_ROWS, planStreet, sheetSpec, type ImportIssue, type SheetKey, type StreetPlan, type StreetSheets } from '../../../domain/street';
import { appendAudit, type ActorRole, type AuditSource } from '../../_platform/audit';
import type { Db, Doc } from '../../_platform/db';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** In the database but not in the file: kept as they are. */
  kept: string[];
}

export interface ImportReport {
  /** true when the documents were written (false on a dry run or when there are errors). */
  imported: boolean;
  dryRun: boolean;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  counts: Record<SheetKey, ImportCounts>;
  /** One line a clerk can read: 社区 17（新增 17），… */
  summary: string;
}

const COLLECTION: Record<SheetKey, string> = { communities: 'communities', stations: 'stations', deputies: 'deputies', categories: 'categories' };
/** Fields an import owns per collection; anything else on a document (openid, timestamps) is left alone. */
const OWNED: Record<SheetKey, string[]> = {
  communities: ['name', 'type', 'stationId'],
  stations: ['name', 'kind', 'parentId', 'address', 'phone', 'communityIds'],
  deputies: ['name', 'stationId', 'communityIds', 'specialties', 'level', 'deliberation', 'active', 'phone'],
  categories: ['name', 'order'],
};
const OPTIONAL = new Set(['parentId', 'phone']);
// Written in this order so references already exist while an import is under way.
const ORDER: SheetKey[] = ['categories', 'stations', 'communities', 'deputies'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, kept: [] });

export interface ImportRequest {
  sheets: StreetSheets;
  at: Date;
  actorOpenid?: string;
  actorRole: ActorRole;
  source: AuditSource;
  dryRun?: boolean;
  fileId?: string;
}

export async function importStreet(db: Db, req: ImportRequest): Promise<ImportReport> {
  const counts = Object.fromEntries(ORDER.map((k) => [k, emptyCounts()])) as Record<SheetKey, ImportCounts>;
  const planned = planStreet(req.sheets);
  if (!planned.ok) return { imported: false, dryRun: !!req.dryRun, errors: planned.errors, warnings: planned.warnings, counts, summary: `发现 ${planned.errors.length} 处问题，未导入任何数据` };
  const plan: StreetPlan = planned.plan;
  const warnings = [...planned.warnings];
  const existing = {} as Record<SheetKey, Map<string, Doc>>;
  const errors: ImportIssue[] = [];
  for (const key of ORDER) {
    const coll = db.collection(COLLECTION[key]);
    const docs = (await coll.limit(MAX_ROWS).get()).data;
    const { total } = await coll.count();
    existing[key] = new Map(docs.map((d) => [d._id, d]));
    const inFile = new Set((plan[key] as { _id: string }[]).map((d) => d._id));
    const kept = docs.filter((d) => !inFile.has(d._id)).map((d) => d._id);
    const after = total - docs.length + kept.length + inFile.size;
    if (after > MAX_ROWS) errors.push(issue(sheetSpec(key).name, undefined, `导入后将有 ${after} 条，超过 ${MAX_ROWS} 条的上限`));
    counts[key].kept = kept;
    if (kept.length > 0) warnings.push(issue(sheetSpec(key).name, undefined, `数据库中还有 ${kept.length} 条不在表格中（${kept.slice(0, 10).join('、')}${kept.length > 10 ? '…' : ''}），已保留未删除`));
  }
  if (errors.length > 0) return { imported: false, dryRun: !!req.dryRun, errors, warnings, counts, summary: `发现 ${errors.length} 处问题，未导入任何数据` };

  // A deputy listed against a community or station that only exists in the database stays valid: the plan
  // itself was checked to be complete, so nothing here can dangle.
  const writes: (() => Promise<unknown>)[] = [];
  const _ = db.command;
  for (const key of ORDER) {
    const coll = db.collection(COLLECTION[key]);
    for (const doc of plan[key] as unknown as (Record<string, unknown> & { _id: string })[]) {
      const before = existing[key].get(doc._id);
      if (!before) {
        counts[key].created += 1;
        writes.push(() => coll.add({ data: { ...doc, importedAt: req.at } }));
        continue;
      }
      const changes: Record<string, unknown> = {};
      for (const f of OWNED[key]) {
        if (same(before[f], doc[f])) continue;
        if (doc[f] === undefined) {
          if (OPTIONAL.has(f) && before[f] !== undefined) changes[f] = _.remove();
        } else changes[f] = doc[f];
      }
      if (Object.keys(changes).length === 0) {
        counts[key].unchanged += 1;
        continue;
      }
      counts[key].updated += 1;
      writes.push(() => coll.doc(doc._id).update({ data: { ...changes, importedAt: req.at } }));
    }
  }
  const summary = ORDER.map((k) => `${sheetSpec(k).name} ${(plan[k] as unknown[]).length}（新增 ${counts[k].created}，更新 ${counts[k].updated}${counts[k].unchanged ? `，未变 ${counts[k].unchanged}` : ''}）`).join('，');
  if (req.dryRun) return { imported: false, dryRun: true, errors: [], warnings, counts, summary: `检查通过：${summary}` };
  for (const w of writes) await w();
  await appendAudit(db, {
    entityType: 'street',
    entityId: 'network',
    action: 'import',
    actorOpenid: req.actorOpenid,
    actorRole: req.actorRole,
    source: req.source,
    at: req.at,
    note: `导入街道表格：${summary}`,
    data: { ...(req.fileId ? { fileId: req.fileId } : {}), counts: Object.fromEntries(ORDER.map((k) => [k, { created: counts[k].created, updated: counts[k].updated, unchanged: counts[k].unchanged, kept: counts[k].kept.length }])) },
  });
  return { imported: true, dryRun: false, errors: [], warnings, counts, summary: `已导入：${summary}` };
}

/** The network as stored, in the shape the spreadsheet is generated from (for 导出当前街道). */
export async function currentPlan(db: Db): Promise<StreetPlan> {
  const read = async (c: string) => (await db.collection(c).limit(MAX_ROWS).get()).data;
  const [communities, stations, deputies, categories] = await Promise.all(['communities', 'stations', 'deputies', 'categories'].map(read));
  const pick = (d: Doc, fields: string[]) => Object.fromEntries([['_id', d._id], ...fields.filter((f) => d[f] !== undefined).map((f) => [f, d[f]])]);
  return {
    communities: communities.map((d) => pick(d, OWNED.communities)) as StreetPlan['communities'],
    stations: stations.map((d) => ({ address: '', phone: '', communityIds: [], ...pick(d, OWNED.stations) })) as StreetPlan['stations'],
    deputies: deputies.map((d) => ({ communityIds: [], specialties: [], level: '', deliberation: true, active: true, ...pick(d, OWNED.deputies) })) as StreetPlan['deputies'],
    categories: categories.map((d) => ({ order: 0, ...pick(d, OWNED.categories) })) as StreetPlan['categories'],
  };
}
