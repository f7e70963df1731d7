import { createHash } from 'node:crypto';

/** Digest of every stored document, read through the runtime's console API (not through the functions). */
export async function dbDigest(url: string, exclude: string[] = []): Promise<{ digest: string; counts: Record<string, number> }> {
  const collections: { name: string; count: number }[] = await fetch(`${url}/api/dev/db`).then((r) => r.json());
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const { name } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
    if (exclude.includes(name)) continue;
    counts[name] = 0;
    for (let skip = 0; ; skip += 200) {
      const { docs } = await fetch(`${url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: name, filter: {}, sort: { _id: 1 }, limit: 200, skip }) }).then((r) => r.json());
      for (const d of docs) hash.update(JSON.stringify(d));
      counts[name] += docs.length;
      if (docs.length < 200) break;
    }
  }
  return { digest: hash.digest('hex'), counts };
}
