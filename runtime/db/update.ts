/**
 * Update operators (mingo's updater) plus the MongoDB errors mingo silently skips:
 * $inc/$mul on non-numbers, array operators on non-arrays, creating a field inside a scalar,
 * touching _id.
 */
import { update as mingoUpdate } from 'mingo/updater';
import { DbError, requestFailed } from './errors';
import { QUERY_OPTIONS, explainMingoError } from './operators';
import { Doc, isPlainObject, normalise, setPath, toStorage } from './ejson';

// What the SDK can emit, plus $bit. ($currentDate would read the wall clock, not DatabaseOptions.now.)
const SUPPORTED = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$addToSet', '$pop', '$pull', '$pullAll', '$bit']);
const CREATES = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$bit']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

const typeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : v instanceof Date ? 'date' : v instanceof RegExp ? 'regex' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'double') : typeof v;

export function isOperatorDoc(u: Doc): boolean {
  const keys = Object.keys(u);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

interface Resolved {
  exists: boolean;
  value: unknown;
  /** Set when a non-container value sits on the path before its end. */
  blockedAt?: string;
  blocker?: unknown;
}

function resolve(doc: Doc, path: string): Resolved {
  const parts = path.split('.');
  let node: any = doc;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '$' || p.startsWith('$[')) return { exists: false, value: undefined }; // positional: mingo resolves
    if (Array.isArray(node) && /^\d+$/.test(p)) node = node[Number(p)];
    else if (isPlainObject(node)) node = Object.prototype.hasOwnProperty.call(node, p) ? node[p] : undefined;
    else return { exists: false, value: undefined, blockedAt: parts.slice(0, i).join('.'), blocker: node };
    if (node === undefined) return { exists: false, value: undefined };
  }
  return { exists: true, value: node };
}

function validate(doc: Doc, modifier: Doc): void {
  for (const op of Object.keys(modifier)) {
    if (!SUPPORTED.has(op)) throw requestFailed(`unknown update operator ${op}`);
    const spec = modifier[op];
    if (!isPlainObject(spec)) throw requestFailed(`modifier ${op} expects an object`);
    for (const path of Object.keys(spec)) {
      if (path === '_id' || path.startsWith('_id.')) {
        if (op === '$set' && path === '_id' && toStorage(spec[path]) === toStorage(doc._id)) continue;
        throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
      }
      if (path === '' || path.split('.').some((p) => p === '')) throw requestFailed(`empty field name in update path "${path}"`);
      const arg = spec[path];
      const r = resolve(doc, path);
      if (r.blockedAt !== undefined && CREATES.has(op)) {
        throw requestFailed(`Cannot create field '${path.slice(r.blockedAt.length + 1).split('.')[0]}' in element {${r.blockedAt}: ${JSON.stringify(r.blocker)}}`);
      }
      if ((op === '$inc' || op === '$mul') && typeof arg !== 'number') {
        throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`);
      }
      if ((op === '$inc' || op === '$mul') && r.exists && typeof r.value !== 'number') {
        throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${typeName(r.value)}`);
      }
      if (ARRAY_OPS.has(op) && r.exists && !Array.isArray(r.value)) {
        if (op === '$pull' || op === '$pullAll') throw requestFailed(`Cannot apply ${op} to a non-array value`);
        if (op === '$pop') throw requestFailed(`Path '${path}' contains an element of non-array type '${typeName(r.value)}'`);
        throw requestFailed(`The field '${path}' must be an array but is of type ${typeName(r.value)} in document {_id: ${JSON.stringify(doc._id)}}`);
      }
      if (op === '$pullAll' && !Array.isArray(arg)) throw requestFailed(`$pullAll requires an array argument but was given a ${typeName(arg)}`);
      if (op === '$pop' && arg !== 1 && arg !== -1) throw requestFailed('$pop expects 1 or -1');
      if (op === '$rename') {
        if (typeof arg !== 'string' || !arg) throw requestFailed(`The 'to' field for $rename must be a string: ${path}`);
        if (arg === path || arg.startsWith(`${path}.`) || path.startsWith(`${arg}.`)) throw requestFailed(`The source and target field for $rename must differ and not contain each other: ${path} → ${arg}`);
        const t = resolve(doc, arg);
        if (t.blockedAt !== undefined) throw requestFailed(`Cannot create field for $rename target '${arg}'`);
      }
    }
  }
}

/** Apply a MongoDB update document. Returns the new document (the input is left untouched). */
export function applyUpdate(doc: Doc, modifier: Doc, filter?: Doc): Doc {
  if (!isOperatorDoc(modifier)) throw requestFailed('update document requires atomic operators ($set, $inc, …)');
  validate(doc, modifier);
  const next = normalise(doc);
  try {
    mingoUpdate(next, modifier as any, undefined, filter as any, { cloneMode: 'deep', queryOptions: QUERY_OPTIONS });
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(explainMingoError(e.message));
  }
  return normalise(next);
}

/** Replacement (doc().set): keeps _id, refuses operators. */
export function replaceDoc(id: unknown, data: Doc): Doc {
  if (!isPlainObject(data)) throw requestFailed('replacement document must be an object');
  for (const k of Object.keys(data)) {
    if (k.startsWith('$')) throw requestFailed(`replacement document must not contain update operators (${k})`);
  }
  if ('_id' in data && toStorage(data._id) !== toStorage(id)) throw requestFailed(`the _id field cannot be changed (${JSON.stringify(id)})`);
  const { _id: _ignored, ...rest } = data;
  return normalise({ _id: id, ...rest });
}

/** Fields fixed by equality in a filter: seed of an upserted document. */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const add = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && add(x));
      if (k.startsWith('$')) continue;
      let value: unknown = v;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if (!('$eq' in v)) continue;
        value = v.$eq;
      }
      if (value instanceof RegExp) continue;
      setPath(seed, k, value);
    }
  };
  add(filter);
  return seed;
}
