// A recording stand-in for the slice of @cloudbase/manager-node the deploy uses: an in-memory
// environment that behaves like the API (what a read returns reflects earlier writes) and logs every call.
import type { FunctionSpec, IndexChange, ManagerLike, RemoteFunction, RemoteIndex, StorageRule } from '../../scripts/deploy/manager';

export interface Call {
  method: string;
  args: unknown[];
  write: boolean;
}

interface StoredCollection {
  indexes: RemoteIndex[];
  acl: { AclTag: string; Rule?: string };
}

export interface FakeCloud extends ManagerLike {
  calls: Call[];
  writes(): Call[];
  reset(): void;
  state: {
    functions: Map<string, RemoteFunction>;
    collections: Map<string, StoredCollection>;
    storage: { acl: string; rule?: StorageRule };
  };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function fakeCloud(envId: string): FakeCloud {
  const calls: Call[] = [];
  const state: FakeCloud['state'] = { functions: new Map(), collections: new Map(), storage: { acl: 'PRIVATE' } };
  const record = (method: string, write: boolean, args: unknown[]) => calls.push({ method, args: clone(args), write });
  const fn = (name: string) => {
    const f = state.functions.get(name);
    if (!f) throw Object.assign(new Error(`[${name}] 函数不存在`), { code: 'ResourceNotFound.Function' });
    return f;
  };
  const coll = (name: string) => {
    const c = state.collections.get(name);
    if (!c) throw Object.assign(new Error(`集合 ${name} 不存在`), { code: 'ResourceNotFound' });
    return c;
  };
  const vars = (map?: Record<string, string>) => ({ Variables: Object.entries(map ?? {}).map(([Key, Value]) => ({ Key, Value })) });

  const cloud: FakeCloud = {
    calls,
    writes: () => calls.filter((c) => c.write),
    reset: () => void calls.splice(0),
    state,
    functions: {
      async listAllFunctions(options) {
        record('functions.listAllFunctions', false, [options]);
        if (options.envId !== envId) throw new Error(`wrong env ${options.envId}`);
        return [...state.functions.values()].map((f) => ({ FunctionName: f.FunctionName, Runtime: f.Runtime }));
      },
      async getFunctionDetail(name) {
        record('functions.getFunctionDetail', false, [name]);
        return clone(fn(name));
      },
      async createFunction(param) {
        record('functions.createFunction', true, [param]);
        const f: FunctionSpec = param.func;
        // Like manager-node: a leftover that failed to create is removed and created again.
        if (state.functions.has(f.name) && state.functions.get(f.name)!.Status !== 'CreateFailed') throw Object.assign(new Error('exists'), { code: 'ResourceInUse.Function' });
        state.functions.set(f.name, {
          FunctionName: f.name,
          Status: 'Active',
          Runtime: f.runtime ?? 'Nodejs20.19',
          Timeout: f.timeout ?? 3,
          MemorySize: f.memorySize ?? 256,
          Description: f.description,
          Environment: vars(f.envVariables),
          Triggers: (f.triggers ?? []).map((t) => ({ TriggerName: t.name, Type: t.type, TriggerDesc: t.config })),
        });
      },
      async updateFunctionCode(param) {
        record('functions.updateFunctionCode', true, [param]);
        fn(param.func.name).Status = 'Active';
      },
      async updateFunctionConfig(func) {
        record('functions.updateFunctionConfig', true, [func]);
        const f = fn(func.name);
        if (func.timeout !== undefined) f.Timeout = func.timeout;
        if (func.memorySize !== undefined) f.MemorySize = func.memorySize;
        if (func.description !== undefined) f.Description = func.description;
        if (func.envVariables && Object.keys(func.envVariables).length) f.Environment = vars(func.envVariables);
      },
      async waitFunctionActive(name) {
        record('functions.waitFunctionActive', false, [name]);
        fn(name);
      },
      async createFunctionTriggers(name, triggers) {
        record('functions.createFunctionTriggers', true, [name, triggers]);
        const f = fn(name);
        for (const t of triggers) {
          if ((f.Triggers ?? []).some((x) => x.TriggerName === t.name)) throw new Error(`trigger ${t.name} exists`);
          (f.Triggers ??= []).push({ TriggerName: t.name, Type: t.type, TriggerDesc: t.config });
        }
      },
      async deleteFunctionTrigger(name, triggerName) {
        record('functions.deleteFunctionTrigger', true, [name, triggerName]);
        const f = fn(name);
        f.Triggers = (f.Triggers ?? []).filter((t) => t.TriggerName !== triggerName);
      },
    },
    database: {
      async listCollections(options) {
        record('database.listCollections', false, [options]);
        const all = [...state.collections.keys()];
        const offset = options?.MgoOffset ?? 0;
        const limit = options?.MgoLimit ?? 100;
        return { Collections: all.slice(offset, offset + limit).map((CollectionName) => ({ CollectionName })), Pager: { Total: all.length } };
      },
      async createCollection(name) {
        record('database.createCollection', true, [name]);
        if (state.collections.has(name)) throw new Error(`collection ${name} exists`);
        state.collections.set(name, { indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }], acl: { AclTag: 'PRIVATE' } });
      },
      async describeCollection(name) {
        record('database.describeCollection', false, [name]);
        return { Indexes: clone(coll(name).indexes) };
      },
      async updateCollection(name, change: IndexChange) {
        record('database.updateCollection', true, [name, change]);
        const c = coll(name);
        for (const d of change.DropIndexes ?? []) c.indexes = c.indexes.filter((i) => i.Name !== d.IndexName);
        for (const i of change.CreateIndexes ?? []) {
          if (c.indexes.some((x) => x.Name === i.IndexName)) throw new Error(`index ${i.IndexName} exists`);
          c.indexes.push({ Name: i.IndexName, Keys: i.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })), Unique: i.MgoKeySchema.MgoIsUnique });
        }
      },
    },
    storage: {
      async getStorageAcl(options) {
        record('storage.getStorageAcl', false, [options]);
        return clone(state.storage);
      },
      async setStorageAcl(acl, rule) {
        record('storage.setStorageAcl', true, [acl, rule]);
        state.storage = { acl, rule: clone(rule) };
      },
    },
    commonService(service, version) {
      record('commonService', false, [service, version]);
      return {
        async call({ Action, Param }) {
          const p = Param as { EnvId: string; CollectionName: string; AclTag?: string; Rule?: string; WxAppId?: string };
          if (p.EnvId !== envId) throw new Error(`wrong env ${p.EnvId}`);
          if (Action === 'DescribeSafeRule') {
            record(`tcb.${Action}`, false, [Param]);
            return clone(coll(p.CollectionName).acl);
          }
          if (Action === 'ModifySafeRule') {
            record(`tcb.${Action}`, true, [Param]);
            coll(p.CollectionName).acl = { AclTag: p.AclTag!, Rule: p.Rule };
            return {};
          }
          throw new Error(`unexpected action ${Action}`);
        },
      };
    },
  };
  return cloud;
}
