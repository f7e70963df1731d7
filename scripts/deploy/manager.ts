// The part of @cloudbase/manager-node's API the deploy uses (a WeChat cloud environment is a CloudBase
// environment). Tests pass a recording stand-in with this shape; production passes the real CloudBase.

export interface RemoteVariable { Key: string; Value: string }
export interface RemoteTrigger { TriggerName?: string; Name?: string; Type: string; TriggerDesc?: string; Config?: string }

export interface RemoteFunction {
  FunctionName: string;
  Runtime: string;
  /** Active, Creating, Updating, CreateFailed, UpdateFailed, … */
  Status?: string;
  Timeout: number;
  MemorySize: number;
  Description?: string;
  Environment?: { Variables?: RemoteVariable[] };
  Triggers?: RemoteTrigger[];
}

export interface FunctionSpec {
  name: string;
  runtime?: string;
  handler?: string;
  timeout?: number;
  memorySize?: number;
  installDependency?: boolean;
  envVariables?: Record<string, string>;
  description?: string;
  triggers?: { name: string; type: string; config: string }[];
}

export interface RemoteIndex { Name: string; Keys?: { Name?: string; Direction?: string }[]; Unique?: boolean }

export interface IndexChange {
  CreateIndexes?: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[];
  DropIndexes?: { IndexName: string }[];
}

export interface StorageRule { read: boolean | string; write: boolean | string }

export interface ManagerLike {
  functions: {
    listAllFunctions(options: { envId: string }): Promise<Record<string, any>[]>;
    getFunctionDetail(name: string): Promise<RemoteFunction>;
    createFunction(param: { func: FunctionSpec; functionRootPath: string; force?: boolean }): Promise<unknown>;
    updateFunctionCode(param: { func: FunctionSpec; functionRootPath: string }): Promise<unknown>;
    updateFunctionConfig(func: FunctionSpec): Promise<unknown>;
    waitFunctionActive(name: string): Promise<void>;
    createFunctionTriggers(name: string, triggers: { name: string; type: string; config: string }[]): Promise<unknown>;
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
  };
  database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: { CollectionName: string }[]; Pager?: { Total?: number } }>;
    createCollection(name: string): Promise<unknown>;
    describeCollection(name: string): Promise<{ Indexes?: RemoteIndex[] }>;
    updateCollection(name: string, change: IndexChange): Promise<unknown>;
  };
  storage: {
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: StorageRule }>;
    setStorageAcl(acl: 'CUSTOM', rule: StorageRule): Promise<unknown>;
  };
  /** Raw cloud API calls (tcb 2018-06-08): DescribeSafeRule / ModifySafeRule for collection rules. */
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<any> };
}

export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
  envId: string;
}

/** The real client. Loaded lazily so the dry-run and the tests never load it. */
export async function createManager(creds: Credentials): Promise<ManagerLike> {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const manager = new CloudBase({ secretId: creds.secretId, secretKey: creds.secretKey, token: creds.token, envId: creds.envId });
  return manager as unknown as ManagerLike;
}
