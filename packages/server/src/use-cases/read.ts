// Reading use cases back: one by id (USE_CASE_NOT_FOUND), all of them, and the frozen benchmark keys.
import { z } from 'zod';
import { ShopfloorError, type UseCase } from '@shopfloor/contracts';
import type { BenchmarkKeySet } from '../learn/index.js';
import type { Repositories } from '../store/index.js';
import { fromRecord, type StoredUseCase } from './stored.js';

const BenchmarkFile = z.object({ columns: z.array(z.string()).min(1), keys: z.array(z.string()) });

export function useCaseNotFound(id: string): ShopfloorError {
  return new ShopfloorError('USE_CASE_NOT_FOUND', `No use case has id "${id}"`, { useCaseId: id });
}

/** The stored use case (without its champion, which moves) or USE_CASE_NOT_FOUND. */
export async function loadUseCase(repos: Repositories, id: string): Promise<StoredUseCase> {
  const record = await repos.useCases.get(id);
  if (record === null) throw useCaseNotFound(id);
  return fromRecord(record);
}

async function withChampion(repos: Repositories, stored: StoredUseCase): Promise<UseCase> {
  const champion = await repos.modelAliases.get(stored.useCase.id, 'champion');
  return { ...stored.useCase, championVersionId: champion?.modelVersionId ?? null };
}

export async function getUseCase(repos: Repositories, id: string): Promise<UseCase> {
  return withChampion(repos, await loadUseCase(repos, id));
}

/** Oldest first, as created. */
export async function listUseCases(repos: Repositories): Promise<UseCase[]> {
  const records = await repos.useCases.list();
  return Promise.all(records.map((r) => withChampion(repos, fromRecord(r))));
}

/** The benchmark keys frozen at creation, read from their (sha256-verified) artifact. */
export async function loadBenchmark(repos: Repositories, stored: StoredUseCase): Promise<BenchmarkKeySet> {
  const artifact = await repos.artifacts.get(stored.split.benchmark.artifactSha256);
  return BenchmarkFile.parse(JSON.parse(artifact.bytes.toString('utf8')));
}
