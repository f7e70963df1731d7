import { forget, warm } from '../../cloudfunctions/_platform/warm';
import { latencyFromEnv, RequestMeter } from '../../runtime/meter';

describe('request meter', () => {
  test('counts database requests per invocation by kind; other calls and unknown invocations are not counted', () => {
    const meter = new RequestMeter();
    meter.start('inv-1', 'appeal', 'submit');
    for (const a of ['database.getDocument', 'database.startTransaction', 'database.insertDocument', 'database.commitTransaction', 'storage.getUploadMetadata']) meter.count('inv-1', a);
    meter.count('inv-2', 'database.getDocument');
    meter.count(undefined, 'database.getDocument');
    expect(meter.get('inv-1')).toEqual({ invocation: 'inv-1', fn: 'appeal', action: 'submit', total: 4, byKind: { get: 1, transaction: 2, insert: 1 } });
    expect(meter.get('inv-2')).toBeUndefined();
    expect(meter.recent().map((r) => r.invocation)).toEqual(['inv-1']);
  });

  test('LXQ_DB_LATENCY_MS is a number of milliseconds', () => {
    expect(latencyFromEnv(undefined)).toBe(0);
    expect(latencyFromEnv('10')).toBe(10);
    expect(() => latencyFromEnv('ten')).toThrow(/LXQ_DB_LATENCY_MS/);
    expect(() => latencyFromEnv('-1')).toThrow(/LXQ_DB_LATENCY_MS/);
  });
});

describe('warm-instance cache', () => {
  const saved = process.env.LXQ_WARM_CACHE_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.LXQ_WARM_CACHE_MS;
    else process.env.LXQ_WARM_CACHE_MS = saved;
    forget('');
  });

  test('loads once within the expiry; forgetting a prefix loads again; a failed load is not kept', async () => {
    process.env.LXQ_WARM_CACHE_MS = '60000';
    let loads = 0;
    const load = async () => ++loads;
    expect(await warm('settings:sla', load)).toBe(1);
    expect(await warm('settings:sla', load)).toBe(1);
    forget('settings:');
    expect(await warm('settings:sla', load)).toBe(2);
    await expect(warm('broken', async () => { throw new Error('down'); })).rejects.toThrow('down');
    expect(await warm('broken', async () => 'up')).toBe('up');
  });

  test('0 reads every time', async () => {
    process.env.LXQ_WARM_CACHE_MS = '0';
    let loads = 0;
    await warm('k', async () => ++loads);
    await warm('k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
