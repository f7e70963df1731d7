import { useEffect, useState } from 'react';
import type { Category, Community } from '../../contracts/directory';
import { callCloud } from '../services/cloud';

export interface Directory {
  categories: Category[];
  communities: Community[];
}

// Reference data changes rarely: one load per app session, shared by every page.
let cached: Directory | null = null;
let pending: Promise<Directory> | null = null;

async function loadDirectory(): Promise<Directory> {
  const [categories, communities] = await Promise.all([
    callCloud<Category[]>('directory', { action: 'categories' }, { retries: 1 }),
    callCloud<Community[]>('directory', { action: 'communities' }, { retries: 1 }),
  ]);
  if (!categories.ok) throw new Error(categories.error.message);
  if (!communities.ok) throw new Error(communities.error.message);
  cached = { categories: categories.data, communities: communities.data };
  return cached;
}

/** Loads (or reuses) categories + communities; failures are retried on the next call. */
export function fetchDirectory(): Promise<Directory> {
  if (cached) return Promise.resolve(cached);
  if (!pending) {
    const p = loadDirectory();
    pending = p;
    p.catch(() => {
      if (pending === p) pending = null;
    });
  }
  return pending;
}

/** Test helper: forget the cached directory. */
export function resetDirectoryCache(): void {
  cached = null;
  pending = null;
}

export interface DirectoryState {
  directory: Directory | null;
  error: string | null;
  retry: () => void;
  categoryName: (id: string) => string;
  communityName: (id: string) => string;
}

export function useDirectory(): DirectoryState {
  const [directory, setDirectory] = useState<Directory | null>(cached);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    fetchDirectory()
      .then((d) => alive && (setDirectory(d), setError(null)))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [attempt]);

  const categoryName = (id: string) => directory?.categories.find((c) => c._id === id)?.name ?? '';
  const communityName = (id: string) => directory?.communities.find((c) => c._id === id)?.name ?? '';
  return { directory, error, retry: () => setAttempt((n) => n + 1), categoryName, communityName };
}
